package ingest

import (
	"bufio"
	"context"
	"fmt"
	"io"
)

// Readers of inputs that arrive already open rather than by name: what an
// HTTP server receives in a request body.

// Formats a caller may force on ReadStream.
const (
	FormatText  = "text"
	FormatJSONL = "jsonl"
	FormatHTML  = "html"
)

// Line reads one article given as a JSON object with the fields of a line
// of JSON Lines (see ReadWith): "text", or "html" to extract, and the
// metadata fields. Unlike a line of a file, the object may span several
// lines. input names the article in the Item; opts.Site is the site of an
// article that names none, as for ReadWith. The item's Err says what is
// wrong, as for a broken line of a file.
func Line(input string, obj []byte, opts Options) Item {
	if len(obj) > MaxArticleBytes {
		// The cap of a line of a file.
		return Item{Input: input, Format: FormatJSONL, Err: fmt.Errorf("%w: %d bytes", ErrTooLarge, len(obj))}
	}
	r := &reader{opts: opts}
	it := r.parseLine(obj)
	it.Input, it.Format = input, FormatJSONL
	return r.finish(it)
}

// ReadStream reads one input from rd as ReadWith reads a file called name:
// as format says (FormatJSONL, FormatHTML, FormatText), or when format is
// "" as name's extension or rd's first bytes say; gzip is undone either
// way. Items are named as a file's would be: "name:3" for the third line of
// JSON Lines. It reads on the caller's goroutine, a line or an article at
// a time, so memory stays bounded by the size cap whatever rd's length;
// fn gets every item in order, and a broken line is an item with Err.
// Like ReadWith it stops only when fn returns an error or ctx is done.
func ReadStream(ctx context.Context, name, format string, rd io.Reader, opts Options, fn func(Item) error) error {
	kind := kindOfName(name)
	switch format {
	case "":
	case FormatJSONL:
		kind = kindJSONL
	case FormatHTML:
		kind = kindHTML
	case FormatText:
		kind = kindText
	default:
		return fmt.Errorf("ingest: unknown format %q", format)
	}
	r := &reader{ctx: ctx, fn: fn, limit: MaxArticleBytes, opts: opts}
	if r.opts.Progress != nil {
		rd = &progressReader{r: rd, fn: r.opts.Progress}
	}
	return r.stream(name, bufio.NewReaderSize(rd, 64<<10), kind)
}
