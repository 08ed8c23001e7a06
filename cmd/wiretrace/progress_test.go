package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgressDraws(t *testing.T) {
	var buf bytes.Buffer
	pr := newProgress(&buf, 2048)
	pr.addBytes(1024)
	pr.article()
	pr.addBytes(1024)
	pr.article()
	pr.done()
	if out := buf.String(); !strings.Contains(out, "2 articles") || !strings.Contains(out, "2.0 KiB") {
		t.Fatalf("bar: %q", out)
	}
	// A nil bar, for a non-terminal, does nothing.
	var none *progress
	none.addBytes(1)
	none.article()
	none.done()
	if w := none.writer(&buf); w != &buf {
		t.Fatal("nil progress changed the writer")
	}
}
