package ingest

import (
	"bufio"
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
// as its URL and the capture date as its first-seen time. Every other
// record read is an item too, skipped with its reason: other responses
// (redirects, errors, images), revisits, records of types no page comes in,
// and the requests, metadata, crawl information and DNS lookups every crawl
// holds beside its pages (a routine *Skip, counted rather than listed). A
// broken record is an error item named by its offset, and reading goes on
// with the next record.
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
	skip := func(reason, detail string, routine bool) error {
		// A record that breaks further on is reported broken, not
		// skipped.
		if _, err := io.Copy(io.Discard, rec.Block); err != nil {
			return r.emit(Item{Input: input, Format: "warc", Err: err})
		}
		// The record's URL goes with it, so that a skipped page can be
		// found again.
		return r.emit(Item{Input: input, Format: "warc", Article: wiretrace.Article{URL: rec.TargetURI()},
			Err: &Skip{Reason: reason, Detail: detail, Routine: routine}})
	}
	var body io.Reader
	var contentType string
	switch typ := rec.Type(); typ {
	case "response":
		block := bufio.NewReaderSize(rec.Block, 16<<10)
		recordType := rec.ContentType()
		// A response is an HTTP message by its first bytes, not only by
		// its Content-Type: crawlers that write none, or the page's own,
		// still store the whole message.
		if !strings.HasPrefix(strings.ToLower(recordType), "application/http") && !warc.IsHTTPResponse(block) {
			switch mt := mediaType(recordType, nil); {
			case strings.HasPrefix(rec.TargetURI(), "dns:") || mt == "text/dns":
				return skip(SkipDNS, "", true)
			case mt == "text/html" || mt == "application/xhtml+xml":
				// The page itself, without its HTTP header.
				body, contentType = block, recordType
			default:
				if recordType == "" {
					recordType = "no Content-Type"
				}
				return skip(SkipNotHTTP, recordType, false)
			}
			break
		}
		resp, err := warc.HTTPResponse(block)
		switch {
		case errors.Is(err, warc.ErrContentEncoding):
			return skip(SkipEncoding, err.Error(), false)
		case err != nil:
			return r.emit(Item{Input: input, Format: "warc", Err: err})
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			return skip(SkipRedirect, fmt.Sprintf("%d to %s", resp.StatusCode, resp.Header.Get("Location")), false)
		case resp.StatusCode != http.StatusOK:
			return skip(SkipStatus, strconv.Itoa(resp.StatusCode), false)
		}
		body, contentType = resp.Body, resp.Header.Get("Content-Type")
	case "resource":
		body, contentType = rec.Block, rec.ContentType()
	case "request", "metadata", "warcinfo":
		return skip(typ+" record", "", true)
	case "revisit":
		return skip(SkipRevisit, rec.Header.Get("WARC-Refers-To-Target-URI"), false)
	default:
		if typ == "" {
			typ = "no WARC-Type"
		}
		return skip(SkipRecordType, typ, false)
	}
	raw, err := io.ReadAll(io.LimitReader(body, int64(r.limit)+1))
	if err != nil {
		return r.emit(Item{Input: input, Format: "warc", Err: fmt.Errorf("read: %w", err)})
	}
	if len(raw) > r.limit {
		return skip(SkipTooLarge, fmt.Sprintf("more than %d bytes", r.limit), false)
	}
	if mt := mediaType(contentType, raw); mt != "text/html" && mt != "application/xhtml+xml" {
		return skip(SkipNotHTML, mt, false)
	}
	uri, date := rec.TargetURI(), rec.Date()
	return r.submit(len(raw), func() Item { return r.htmlItem(input, raw, contentType, uri, date, wiretrace.FromCrawl, true) })
}

// mediaType is the media type a Content-Type names, or, failing one, the
// type the content looks like.
func mediaType(contentType string, raw []byte) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt != "" {
		return mt
	}
	if raw == nil {
		return ""
	}
	if sniffHead(raw[:min(len(raw), 1024)]) == kindHTML {
		return "text/html"
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(raw))
	return mt
}
