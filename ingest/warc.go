package ingest

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/warc"
)

// warc reads a WARC file record by record. Each HTML response with status
// 200 (and each HTML resource record) is an article, with the target URI
// as its URL and the capture date as its first-seen time. Other responses
// are skipped with a reason; requests, metadata and the like are passed
// over in silence. A broken record is an error item named by its offset,
// and reading goes on with the next record.
func (r *reader) warc(name string, rd io.Reader) error {
	wr := warc.NewReader(rd)
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if err == io.EOF {
			return nil
		}
		var re *warc.RecordError
		if errors.As(err, &re) {
			if err := r.emit(Item{Input: recordInput(name, re.Offset), Format: "warc", Err: re.Err}); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			// The file itself cannot be read on.
			return r.fail(name, err)
		}
		if err := r.warcRecord(name, rec); err != nil {
			return err
		}
	}
}

func recordInput(name string, offset int64) string {
	return name + "@" + strconv.FormatInt(offset, 10)
}

func (r *reader) warcRecord(name string, rec *warc.Record) error {
	input := recordInput(name, rec.Offset)
	skip := func(reason, detail string) error {
		// A record that breaks further on is reported broken, not
		// skipped.
		if _, err := io.Copy(io.Discard, rec.Block); err != nil {
			return r.emit(Item{Input: input, Format: "warc", Err: err})
		}
		// The record's URL goes with it, so that a skipped page can be
		// found again.
		return r.emit(Item{Input: input, Format: "warc", Article: wiretrace.Article{URL: rec.TargetURI()}, Err: &Skip{Reason: reason, Detail: detail}})
	}
	var body io.Reader
	var contentType string
	switch rec.Type() {
	case "response":
		if !strings.HasPrefix(strings.ToLower(rec.ContentType()), "application/http") {
			return nil // a DNS lookup or another protocol's response
		}
		resp, err := warc.HTTPResponse(rec.Block)
		switch {
		case errors.Is(err, warc.ErrContentEncoding):
			return skip(SkipEncoding, err.Error())
		case err != nil:
			return r.emit(Item{Input: input, Format: "warc", Err: err})
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			return skip(SkipRedirect, fmt.Sprintf("%d to %s", resp.StatusCode, resp.Header.Get("Location")))
		case resp.StatusCode != http.StatusOK:
			return skip(SkipStatus, strconv.Itoa(resp.StatusCode))
		}
		body, contentType = resp.Body, resp.Header.Get("Content-Type")
	case "resource":
		body, contentType = rec.Block, rec.ContentType()
	default:
		return nil
	}
	raw, err := io.ReadAll(io.LimitReader(body, int64(r.limit)+1))
	if err != nil {
		return r.emit(Item{Input: input, Format: "warc", Err: fmt.Errorf("read: %w", err)})
	}
	if len(raw) > r.limit {
		return skip(SkipTooLarge, fmt.Sprintf("more than %d bytes", r.limit))
	}
	if mt := mediaType(contentType, raw); mt != "text/html" && mt != "application/xhtml+xml" {
		return skip(SkipNotHTML, mt)
	}
	uri, date := rec.TargetURI(), rec.Date()
	return r.submit(func() Item { return htmlItem(input, raw, contentType, uri, date, wiretrace.FromCrawl, true) })
}

// mediaType is the media type a Content-Type names, or, failing one, the
// type the content looks like.
func mediaType(contentType string, raw []byte) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt != "" {
		return mt
	}
	if sniffHead(raw[:min(len(raw), 1024)]) == kindHTML {
		return "text/html"
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(raw))
	return mt
}
