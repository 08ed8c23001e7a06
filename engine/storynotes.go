package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
)

// The notes that keep a family's story: one note, or for a story of
// thousands of members a header and its chunks, written as the story is
// encoded.

// storyChunk is the largest story kept as one note: a larger one (a
// family of thousands) is kept in chunks of this size, so that the
// store's blocks stay small and the notes read near it fast.
var storyChunk = 64 << 10

// storyWriter keeps a story's JSON, as it is written, in the notes put
// is given: whole under key when it fits in storyChunk bytes, else in
// chunks of storyChunk bytes under chunkKey(key, i) and, at Close, a
// header "chunks N" under key.
type storyWriter struct {
	key    string
	put    func(key string, v []byte) error
	buf    []byte
	chunks int
}

func (w *storyWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	// A chunk goes once more follows it: a story of storyChunk bytes or
	// fewer is kept whole.
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
	return w.put(chunkKey(w.key, w.chunks-1), v)
}

// Close puts what is left: the whole story, or its last chunk and the
// header.
func (w *storyWriter) Close() error {
	if w.chunks == 0 {
		return w.put(w.key, w.buf)
	}
	if len(w.buf) > 0 {
		if err := w.chunk(w.buf); err != nil {
			return err
		}
	}
	return w.put(w.key, []byte(fmt.Sprintf("chunks %d", w.chunks)))
}

func chunkKey(story string, i int) string { return fmt.Sprintf("%s/%04x", story, i) }

// chunkCount reads a story note's header of chunks.
func chunkCount(v []byte) (int, bool) {
	rest, ok := strings.CutPrefix(string(v), "chunks ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0
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
	if n, chunked := chunkCount(v); chunked {
		var buf []byte
		for i := range n {
			c, ok, err := e.store.GetNote(ctx, chunkKey(key, i))
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
