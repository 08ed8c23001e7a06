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
	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/text"
)

// record is one line of JSON Lines. Unknown fields are ignored.
type record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Title     string `json:"title"`
	Published string `json:"published"`
	FirstSeen string `json:"first_seen"`
	// Byline is a string of names ("Jane Roe and John Doe") or an array
	// of names.
	Byline    json.RawMessage `json:"byline"`
	Language  string          `json:"language"`
	Canonical string          `json:"canonical_url"`
	Slug      string          `json:"slug"`
	// Text stays raw until checked: encoding/json would silently turn
	// invalid UTF-8 into U+FFFD.
	Text json.RawMessage `json:"text"`
	// HTML is a page to extract the text from, when there is no text.
	HTML json.RawMessage `json:"html"`
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
				// The buffer is reused for the next line.
				line := bytes.Clone(line)
				if err := r.submit(len(line), func() Item {
					it := r.parseLine(line)
					it.Input, it.Format = input, "jsonl"
					return it
				}); err != nil {
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

// parseLine turns one line of JSON Lines into an item without Input. r
// may be nil: pages are then extracted without a memory budget.
func (r *reader) parseLine(line []byte) Item {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return Item{Err: fmt.Errorf("%w: %w", ErrInvalidJSON, err)}
	}
	byline, err := rec.bylineNames()
	if err != nil {
		return Item{Err: err}
	}
	if isNull(rec.Text) && !isNull(rec.HTML) {
		it := r.htmlLine(rec)
		if it.Err == nil {
			a := &it.Article
			if byline != nil {
				a.Byline = byline
			}
			a.Language = cmp.Or(rec.Language, a.Language)
			a.Canonical = cmp.Or(rec.Canonical, a.Canonical)
			a.Slug = rec.Slug
		}
		return it
	}
	if isNull(rec.Text) {
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
		ID:        rec.ID,
		URL:       rec.URL,
		Site:      rec.Site,
		Title:     rec.Title,
		Byline:    byline,
		Language:  rec.Language,
		Canonical: rec.Canonical,
		Slug:      rec.Slug,
		Text:      s,
	}
	if err := rec.times(&a); err != nil {
		return Item{Err: err}
	}
	return Item{Article: a, Decoding: text.Decoding{Encoding: text.UTF8}}
}

// bylineNames reads the "byline" field: nil when absent, else the names.
func (rec *record) bylineNames() ([]string, error) {
	if isNull(rec.Byline) {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(rec.Byline, &one); err == nil {
		return byline.Names(one), nil
	}
	var many []string
	if err := json.Unmarshal(rec.Byline, &many); err != nil {
		return nil, fmt.Errorf(`%w: "byline" is neither a string nor an array of strings`, ErrInvalidJSON)
	}
	var names []string
	for _, m := range many {
		for _, n := range byline.Names(m) {
			if !containsFold(names, n) {
				names = append(names, n)
			}
		}
	}
	return names, nil
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }

// htmlLine reads a line whose article is an HTML page: the line's own
// fields win over what the page says.
func (r *reader) htmlLine(rec record) Item {
	if !utf8.Valid(rec.HTML) {
		return Item{Err: fmt.Errorf(`"html": %w`, ErrInvalidUTF8)}
	}
	var page string
	if err := json.Unmarshal(rec.HTML, &page); err != nil {
		return Item{Err: fmt.Errorf(`%w: "html": %w`, ErrInvalidJSON, err)}
	}
	var given wiretrace.Article
	if err := rec.times(&given); err != nil {
		return Item{Err: err}
	}
	it := r.htmlItem("", []byte(page), "text/html; charset=utf-8", rec.URL, time.Time{}, "", false)
	if it.Err != nil {
		return Item{Err: fmt.Errorf(`"html": %w`, it.Err)}
	}
	a := &it.Article
	a.ID, a.Site = rec.ID, rec.Site
	if rec.Title != "" {
		a.Title = rec.Title
	}
	if !given.Published.IsZero() {
		a.Published, a.PublishedFrom = given.Published, given.PublishedFrom
	}
	if !given.FirstSeen.IsZero() {
		a.FirstSeen, a.FirstSeenFrom = given.FirstSeen, given.FirstSeenFrom
	}
	return it
}

// times reads the line's "published" and "first_seen" fields into a, as
// times the line's supplier gives.
func (rec *record) times(a *wiretrace.Article) error {
	for _, f := range []struct {
		value string
		t     *time.Time
		from  *wiretrace.TimeSource
		err   error
	}{
		{rec.Published, &a.Published, &a.PublishedFrom, ErrPublished},
		{rec.FirstSeen, &a.FirstSeen, &a.FirstSeenFrom, ErrFirstSeen},
	} {
		if f.value == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, f.value)
		if err != nil {
			return fmt.Errorf("%w: %w", f.err, err)
		}
		*f.t, *f.from = t, wiretrace.FromInput
	}
	return nil
}
