package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
)

// record is one line of JSON Lines. Unknown fields are ignored.
type record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Title     string `json:"title"`
	Published string `json:"published"`
	// Text stays raw until checked: encoding/json would silently turn
	// invalid UTF-8 into U+FFFD.
	Text json.RawMessage `json:"text"`
}

// jsonLines reads rd a line at a time, so a file of any size is read with
// memory bounded by the size cap. Blank lines are skipped; a broken line is
// an error item and reading goes on.
func (r *reader) jsonLines(name string, rd io.Reader) error {
	br := bufio.NewReaderSize(rd, cmp.Or(r.bufSize, 64<<10))
	var buf []byte
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, size, readErr := readLine(br, buf[:0], r.limit)
		buf = line
		input := name + ":" + strconv.Itoa(n)
		if readErr != nil && readErr != io.EOF {
			return r.fail(input, fmt.Errorf("read: %w", readErr))
		}
		if size > int64(r.limit) {
			if err := r.fail(input, r.tooLarge(size)); err != nil {
				return err
			}
		} else {
			if n == 1 {
				line = bytes.TrimPrefix(line, bom)
			}
			if len(bytes.TrimSpace(line)) > 0 {
				it := parseLine(line)
				it.Input = input
				if err := r.emit(it); err != nil {
					return err
				}
			}
		}
		if readErr == io.EOF {
			return nil
		}
	}
}

// readLine reads one line into buf without its line ending. size is the
// line's length; when it exceeds limit the rest of the line is read and
// dropped, so line is incomplete. At the end of the input err is io.EOF.
func readLine(br *bufio.Reader, buf []byte, limit int) (line []byte, size int64, err error) {
	var last byte // the byte before the current chunk, to find a "\r\n"
	for {
		chunk, err := br.ReadSlice('\n')
		if len(chunk) > 0 {
			if size+int64(len(chunk)) <= int64(limit)+2 {
				buf = append(buf, chunk...)
			}
			size += int64(len(chunk))
		}
		if err == bufio.ErrBufferFull {
			last = chunk[len(chunk)-1]
			continue
		}
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			size--
			if len(chunk) > 1 && chunk[len(chunk)-2] == '\r' || len(chunk) == 1 && last == '\r' {
				size--
			}
		}
		if size <= int64(limit) {
			buf = buf[:size]
		}
		return buf, size, err
	}
}

// parseLine turns one line of JSON Lines into an item without Input.
func parseLine(line []byte) Item {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return Item{Err: fmt.Errorf("%w: %w", ErrInvalidJSON, err)}
	}
	if len(rec.Text) == 0 || string(rec.Text) == "null" {
		return Item{Err: ErrNoText}
	}
	if !utf8.Valid(rec.Text) {
		return Item{Err: ErrInvalidUTF8}
	}
	var raw string
	if err := json.Unmarshal(rec.Text, &raw); err != nil {
		return Item{Err: fmt.Errorf(`%w: "text": %w`, ErrInvalidJSON, err)}
	}
	// Decode does for the text what it does for a plain file: a text
	// without words, or with NUL bytes, is rejected. It is already UTF-8,
	// so it comes back unchanged.
	s, _, err := text.Decode([]byte(raw))
	if err != nil {
		return Item{Err: fmt.Errorf(`"text": %w`, err)}
	}
	a := wiretrace.Article{
		ID:    rec.ID,
		URL:   rec.URL,
		Site:  rec.Site,
		Title: rec.Title,
		Text:  s,
	}
	if rec.Published != "" {
		t, err := time.Parse(time.RFC3339, rec.Published)
		if err != nil {
			return Item{Err: fmt.Errorf("%w: %w", ErrPublished, err)}
		}
		a.Published = t
	}
	return Item{Article: a, Encoding: text.UTF8}
}
