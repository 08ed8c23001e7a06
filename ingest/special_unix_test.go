//go:build unix

package ingest

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

// A named pipe in a directory is reported, not opened: opening it would
// block until a writer comes.
func TestReadNamedPipeInDirectory(t *testing.T) {
	dir := makeTree(t, map[string]string{"b.txt": "Pilots voted to strike."})
	if err := syscall.Mkfifo(filepath.Join(dir, "a-pipe"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	checkItems(t, readAll(t, []string{dir}, nil), []want{
		{input: filepath.Join(dir, "a-pipe"), err: ErrNotRegular, msg: "not a regular file: named pipe"},
		{input: filepath.Join(dir, "b.txt"), enc: text.UTF8, article: wiretrace.Article{
			Title: "Pilots voted to strike.", Text: "Pilots voted to strike.",
		}},
	})
}
