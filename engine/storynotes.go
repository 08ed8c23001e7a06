package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/zeebo/xxh3"
)

// The notes that keep a family's story: one note, or for a story of
// thousands of members a header and its chunks, written as the story is
// encoded.

// storyChunk is the largest story kept as one note: a larger one (a
// family of thousands) is kept in chunks of this size, so that the
// store's blocks stay small and the notes read near it fast.
var storyChunk = 64 << 10

// putStory keeps the story encode writes in notes, through put, under
// key: whole when it fits in storyChunk bytes, else in chunks of
// storyChunk bytes and a header "chunks N GEN", GEN being a hash of the
// story. The chunks are named by it (chunkKey) and the header is put
// last, so that a reader meets a whole version of the story while a
// regrouping rewrites it: the old header's chunks stay until the
// regrouping's sweep removes the notes it did not keep. A story in
// chunks is encoded twice, once for its size and hash.
func putStory(key string, encode func(io.Writer) error, put func(key string, v []byte) error) error {
	var sum storySum
	sum.hash = xxh3.New()
	if err := encode(&sum); err != nil {
		return err
	}
	if !sum.over {
		return put(key, sum.buf)
	}
	w := &storyWriter{key: key, gen: fmt.Sprintf("%016x", sum.hash.Sum64()), put: put}
	if err := encode(w); err != nil {
		return err
	}
	return w.Close()
}

// storySum is what putStory's first encoding keeps: the story itself
// while it fits in a note, its hash.
type storySum struct {
	buf  []byte
	over bool
	hash *xxh3.Hasher
}

func (s *storySum) Write(p []byte) (int, error) {
	s.hash.Write(p)
	if !s.over {
		if s.buf = append(s.buf, p...); len(s.buf) > storyChunk {
			s.buf, s.over = nil, true
		}
	}
	return len(p), nil
}

// storyWriter puts a story, as it is written, in chunks of storyChunk
// bytes under chunkKey(key, gen, i) and, at Close, the header.
type storyWriter struct {
	key, gen string
	put      func(key string, v []byte) error
	buf      []byte
	chunks   int
}

func (w *storyWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	// A chunk goes once more follows it: the last is never empty.
	for len(w.buf) > storyChunk {
		if err := w.chunk(w.buf[:storyChunk]); err != nil {
			return 0, err
		}
		w.buf = append([]byte(nil), w.buf[storyChunk:]...)
	}
	return len(p), nil
}

func (w *storyWriter) chunk(v []byte) error {
	w.chunks++
	return w.put(chunkKey(w.key, w.gen, w.chunks-1), v)
}

// Close puts the last chunk and the header.
func (w *storyWriter) Close() error {
	if len(w.buf) > 0 {
		if err := w.chunk(w.buf); err != nil {
			return err
		}
	}
	return w.put(w.key, []byte(fmt.Sprintf("chunks %d %s", w.chunks, w.gen)))
}

// chunkKey is the key of chunk i of the story under key whose header
// names gen; stores grouped before chunks were named by a hash have
// headers without one, and chunks under key/i.
func chunkKey(story, gen string, i int) string {
	if gen == "" {
		return fmt.Sprintf("%s/%04x", story, i)
	}
	return fmt.Sprintf("%s/%s/%04x", story, gen, i)
}

// chunkCount reads a story note's header of chunks: their number and the
// hash that names them ("" in a header of before).
func chunkCount(v []byte) (int, string, bool) {
	rest, ok := strings.CutPrefix(string(v), "chunks ")
	if !ok {
		return 0, "", false
	}
	count, gen, _ := strings.Cut(rest, " ")
	n, err := strconv.Atoi(count)
	return n, gen, err == nil && n > 0
}

// isStoryKey says key is a story's own key, not one of its chunks'.
func isStoryKey(key string) bool {
	return len(key) == len(notesStory)+16 && strings.HasPrefix(key, notesStory)
}

// readStory reads the story kept under key, whole or in chunks.
func (e *Engine) readStory(ctx context.Context, key string) (provenance.Story, bool, error) {
	var s provenance.Story
	v, ok, err := e.store.GetNote(ctx, key)
	if err != nil || !ok {
		return s, false, err
	}
	if n, gen, chunked := chunkCount(v); chunked {
		var buf []byte
		for i := range n {
			c, ok, err := e.store.GetNote(ctx, chunkKey(key, gen, i))
			if err != nil {
				return s, false, err
			}
			if !ok {
				return s, false, fmt.Errorf("families: note %s: chunk %d missing: %w", key, i, wiretrace.ErrCorrupt)
			}
			buf = append(buf, c...)
		}
		v = buf
	}
	if err := json.Unmarshal(v, &s); err != nil {
		return s, false, fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
	}
	return s, true, nil
}
