package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
)

// ErrHTTP: a response record's block is not an HTTP response.
var ErrHTTP = errors.New("bad HTTP response")

// ErrContentEncoding: the payload is compressed with an encoding HTTPResponse
// cannot undo.
var ErrContentEncoding = errors.New("unsupported content encoding")

// Response is the HTTP response in a response record.
type Response struct {
	StatusCode int
	Header     http.Header
	// Body reads the payload with any chunked transfer encoding and gzip
	// or deflate content encoding undone.
	Body io.Reader
}

// HTTPResponse parses the HTTP response at the start of a response
// record's block. Unlike net/http it trusts the record, not the response,
// for the payload's length: crawlers store the bytes they received, and a
// Content-Length header may describe them before decoding.
func HTTPResponse(block io.Reader) (*Response, error) {
	tp := textproto.NewReader(bufio.NewReaderSize(block, 16<<10))
	line, err := tp.ReadLine()
	if err != nil {
		return nil, fmt.Errorf("%w: status line: %w", ErrHTTP, err)
	}
	proto, status, _ := strings.Cut(line, " ")
	code, err := strconv.Atoi(strings.TrimSpace(firstField(status)))
	if !strings.HasPrefix(proto, "HTTP/") || err != nil || code < 100 || code > 999 {
		return nil, fmt.Errorf("%w: status line %.60q", ErrHTTP, line)
	}
	mh, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("%w: header: %w", ErrHTTP, err)
	}
	h := http.Header(mh)
	body := io.Reader(tp.R)
	if te := strings.ToLower(h.Get("Transfer-Encoding")); strings.Contains(te, "chunked") {
		body = httputil.NewChunkedReader(tp.R)
	}
	raw := body
	switch ce := strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))); ce {
	case "", "identity", "none":
	case "gzip", "x-gzip":
		body = &lazyReader{open: func() (io.Reader, error) { return gzip.NewReader(raw) }}
	case "deflate":
		body = &lazyReader{open: func() (io.Reader, error) { return flate.NewReader(raw), nil }}
	default:
		return &Response{StatusCode: code, Header: h}, fmt.Errorf("%w: %q", ErrContentEncoding, ce)
	}
	return &Response{StatusCode: code, Header: h, Body: body}, nil
}

// IsHTTPResponse reports whether a record's block starts as an HTTP
// response does ("HTTP/1.1 200", "HTTP/2 404"), whatever the record's
// Content-Type says: some crawlers write no Content-Type, or the page's
// own, on response records that hold the whole HTTP message. It peeks at
// the first bytes of br without consuming them.
func IsHTTPResponse(br *bufio.Reader) bool {
	head, _ := br.Peek(16)
	rest, ok := bytes.CutPrefix(head, []byte("HTTP/"))
	if !ok {
		return false
	}
	// The version: a digit, then optionally a point and a digit.
	if len(rest) < 1 || !isDigit(rest[0]) {
		return false
	}
	rest = rest[1:]
	if len(rest) >= 2 && rest[0] == '.' && isDigit(rest[1]) {
		rest = rest[2:]
	}
	return len(rest) >= 4 && rest[0] == ' ' && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[3])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// lazyReader opens its reader on first use, so that a bad gzip header
// shows up as a read error of the body.
type lazyReader struct {
	open func() (io.Reader, error)
	r    io.Reader
	err  error
}

func (l *lazyReader) Read(p []byte) (int, error) {
	if l.r == nil && l.err == nil {
		l.r, l.err = l.open()
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.r.Read(p)
}
