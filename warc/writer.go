package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/zeebo/xxh3"
)

// Writer writes WARC 1.1 records.
type Writer struct {
	w        io.Writer
	compress bool
	gz       *gzip.Writer
	buf      bytes.Buffer
}

// NewWriter returns a Writer to w. With compress, each record is its own
// gzip member, as in a .warc.gz.
func NewWriter(w io.Writer, compress bool) *Writer {
	return &Writer{w: w, compress: compress}
}

// Field is a named header field of a record.
type Field struct{ Name, Value string }

// WriteRecord writes one record with the fields given, then
// Content-Length, then block.
func (w *Writer) WriteRecord(fields []Field, block []byte) error {
	w.buf.Reset()
	w.buf.WriteString("WARC/1.1\r\n")
	for _, f := range fields {
		fmt.Fprintf(&w.buf, "%s: %s\r\n", f.Name, f.Value)
	}
	w.buf.WriteString("Content-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n")
	w.buf.Write(block)
	w.buf.WriteString("\r\n\r\n")
	if !w.compress {
		_, err := w.w.Write(w.buf.Bytes())
		return err
	}
	if w.gz == nil {
		w.gz = gzip.NewWriter(w.w)
	} else {
		w.gz.Reset(w.w)
	}
	if _, err := w.gz.Write(w.buf.Bytes()); err != nil {
		return err
	}
	return w.gz.Close()
}

// WriteResponse writes a response record for uri captured at date, whose
// block is the HTTP response httpMessage (status line, header, payload).
func (w *Writer) WriteResponse(uri string, date time.Time, httpMessage []byte) error {
	return w.WriteRecord([]Field{
		{"WARC-Type", "response"},
		{"WARC-Record-ID", recordID(uri, date, "response")},
		{"WARC-Date", date.UTC().Format(time.RFC3339)},
		{"WARC-Target-URI", uri},
		{"Content-Type", "application/http; msgtype=response"},
	}, httpMessage)
}

// WriteRequest writes a request record, as crawlers write before each
// response.
func (w *Writer) WriteRequest(uri string, date time.Time, httpMessage []byte) error {
	return w.WriteRecord([]Field{
		{"WARC-Type", "request"},
		{"WARC-Record-ID", recordID(uri, date, "request")},
		{"WARC-Date", date.UTC().Format(time.RFC3339)},
		{"WARC-Target-URI", uri},
		{"Content-Type", "application/http; msgtype=request"},
	}, httpMessage)
}

// recordID derives a record ID from what identifies the record, so that
// the same input writes the same file.
func recordID(uri string, date time.Time, kind string) string {
	h := xxh3.HashString128(kind + "\x00" + uri + "\x00" + date.UTC().Format(time.RFC3339Nano)).Bytes()
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
