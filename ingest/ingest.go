package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

// MaxArticleBytes caps one article: a plain file, or one line of JSON Lines.
// Longer inputs are not news articles, and reading them whole would let one
// stray file exhaust memory.
const MaxArticleBytes = 8 << 20

// MaxTitleBytes caps the title taken from a plain file's first line.
const MaxTitleBytes = 200

// Errors of Read, carried by Item.Err and wrapped with details. Besides
// these, Item.Err may wrap text.ErrEmpty, text.ErrBinary, or an *fs.PathError
// (fs.ErrNotExist, fs.ErrPermission) for a path that cannot be opened.
var (
	// ErrTooLarge: an article is longer than MaxArticleBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrInvalidJSON: a line of JSON Lines is not a JSON object with
	// fields of the expected types.
	ErrInvalidJSON = errors.New("invalid JSON")
	// ErrNoText: a line of JSON Lines has no "text" field, or a null one.
	ErrNoText = errors.New(`no "text" field`)
	// ErrInvalidUTF8: the text of a line of JSON Lines is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
	// ErrPublished: the "published" field is not an RFC 3339 time.
	ErrPublished = errors.New("invalid published time")
	// ErrNotRegular: a directory holds something that is neither a
	// regular file nor a directory (a device, a socket, a pipe).
	ErrNotRegular = errors.New("not a regular file")
	// ErrSymlinkLoop: a symbolic link leads back to a directory being
	// walked.
	ErrSymlinkLoop = errors.New("symbolic link loop")
	// ErrNoStdin: "-" was named but there is no standard input to read.
	ErrNoStdin = errors.New("no standard input")
)

// Item is one article read from an input, or the error that stopped it.
type Item struct {
	// Input names where the item came from: "path", or "path:line" for
	// JSON Lines; "-" or "-:line" for standard input.
	Input string
	// Article is the article read. Its ID may be empty: the index derives
	// one from the text.
	Article wiretrace.Article
	// Encoding says how the bytes were decoded.
	Encoding text.Encoding
	// Err names the problem; Input names where.
	Err error
}

// Read walks paths and calls fn for every item, in order. A path is a file,
// a directory or "-" for stdin.
//
// A file named .jsonl, .ndjson or .json-lines holds one article per line;
// any other file is one article. Directories are read recursively in
// lexical order, skipping names that start with '.'. Standard input is JSON
// Lines when its first non-blank character is '{', and one article
// otherwise.
//
// A path that cannot be read, a file that is empty or binary, or a broken
// line is an Item with Err, and reading goes on. Read stops early only when
// fn returns an error, which it returns, or when ctx is done, when it
// returns ctx.Err().
func Read(ctx context.Context, paths []string, stdin io.Reader, fn func(Item) error) error {
	r := &reader{ctx: ctx, stdin: stdin, fn: fn, limit: MaxArticleBytes}
	for _, p := range paths {
		if err := r.path(p); err != nil {
			return err
		}
	}
	return nil
}

// reader holds what a Read call shares. Its methods return an error only
// to stop the whole walk.
type reader struct {
	ctx   context.Context
	stdin io.Reader
	fn    func(Item) error
	// limit is MaxArticleBytes; tests lower it.
	limit int
	// bufSize is the read buffer of JSON Lines, 64 KiB when zero; tests
	// lower it to make lines span several reads.
	bufSize int
}

func (r *reader) emit(it Item) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return r.fn(it)
}

func (r *reader) fail(input string, err error) error {
	return r.emit(Item{Input: input, Err: err})
}

// path reads one path as the user named it: hidden names are read too.
func (r *reader) path(p string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if p == "-" {
		return r.readStdin()
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.fail(p, err)
	}
	if fi.IsDir() {
		return r.dir(p, []fs.FileInfo{fi})
	}
	return r.file(p, fi)
}

// dir reads a directory's entries in lexical order. ancestors are the
// directories from the named path down to p, to stop symlink loops.
func (r *reader) dir(p string, ancestors []fs.FileInfo) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		// ReadDir returns the entries it read before failing: report
		// the failure and read those.
		if err := r.fail(p, fmt.Errorf("cannot list directory: %w", err)); err != nil {
			return err
		}
	}
	for _, e := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		full := filepath.Join(p, e.Name())
		fi, err := os.Stat(full) // follows symbolic links
		if err != nil {
			if err := r.fail(full, err); err != nil {
				return err
			}
			continue
		}
		switch {
		case fi.IsDir():
			if loops(ancestors, fi) {
				err = r.fail(full, ErrSymlinkLoop)
			} else {
				err = r.dir(full, append(ancestors, fi))
			}
		case fi.Mode().IsRegular():
			err = r.file(full, fi)
		default:
			err = r.fail(full, fmt.Errorf("%w: %s", ErrNotRegular, kind(fi.Mode())))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// kind names a file type that is neither a regular file nor a directory.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return m.Type().String()
}

func loops(ancestors []fs.FileInfo, fi fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, fi) {
			return true
		}
	}
	return false
}

// file reads a file that is not a directory. Named pipes and devices the
// user names are read too, within the size cap.
func (r *reader) file(p string, fi fs.FileInfo) error {
	jsonl := isJSONLines(p)
	if !jsonl && fi.Mode().IsRegular() && fi.Size() > int64(r.limit) {
		return r.fail(p, r.tooLarge(fi.Size()))
	}
	f, err := os.Open(p)
	if err != nil {
		return r.fail(p, err)
	}
	defer f.Close()
	if jsonl {
		return r.jsonLines(p, f)
	}
	return r.emit(r.article(p, f))
}

func isJSONLines(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jsonl", ".ndjson", ".json-lines":
		return true
	}
	return false
}

func (r *reader) readStdin() error {
	if r.stdin == nil {
		return r.fail("-", ErrNoStdin)
	}
	br := bufio.NewReaderSize(r.stdin, 64<<10)
	if startsWithBrace(br) {
		return r.jsonLines("-", br)
	}
	return r.emit(r.article("-", br))
}

// startsWithBrace reports whether the first non-blank character within the
// reader's buffer, after a byte-order mark, is '{'.
func startsWithBrace(br *bufio.Reader) bool {
	head, _ := br.Peek(br.Size())
	head = bytes.TrimPrefix(head, bom)
	head = bytes.TrimLeftFunc(head, unicode.IsSpace)
	return len(head) > 0 && head[0] == '{'
}

var bom = []byte("\ufeff")

// article reads all of rd, up to the limit, as one plain-text article.
func (r *reader) article(input string, rd io.Reader) Item {
	raw, err := io.ReadAll(io.LimitReader(rd, int64(r.limit)+1))
	if err != nil {
		return Item{Input: input, Err: fmt.Errorf("read: %w", err)}
	}
	if len(raw) > r.limit {
		// The size is not known without reading the rest.
		return Item{Input: input, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, r.limit)}
	}
	s, enc, err := text.Decode(raw)
	if err != nil {
		return Item{Input: input, Encoding: enc, Err: err}
	}
	return Item{
		Input:    input,
		Article:  wiretrace.Article{Title: firstLine(s), Text: s},
		Encoding: enc,
	}
}

func (r *reader) tooLarge(size int64) error {
	return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, r.limit)
}

// firstLine returns the first line with anything but spaces on it,
// trimmed and cut to MaxTitleBytes at a rune boundary.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		t := strings.TrimFunc(line, isSpaceOrBOM)
		if t == "" {
			continue
		}
		if len(t) > MaxTitleBytes {
			n := MaxTitleBytes
			for n > 0 && !utf8.RuneStart(t[n]) {
				n--
			}
			t = strings.TrimRightFunc(t[:n], isSpaceOrBOM)
		}
		return t
	}
	return ""
}

func isSpaceOrBOM(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }
