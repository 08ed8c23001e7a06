package pebble

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/wiretrace/wiretrace"
)

// errCorrupt marks data on disk that this package did not write: a record
// that does not decode, a key of the wrong length, a posting without its
// article.
var errCorrupt = errors.New("corrupt store")

// record is a decoded article record. Its byte fields alias the encoded
// value, so a record lives no longer than the buffer it was decoded from.
type record struct {
	id, url, site, title, text []byte
	published                  time.Time
	// byline, language and canonical come from the record's metadata
	// section; they are empty in records without one.
	byline              [][]byte
	language, canonical []byte
	// fingerprints holds the article's distinct fingerprints in ascending
	// order, 8 big-endian bytes each.
	fingerprints []byte
}

// numFingerprints is how many fingerprints the article has.
func (r *record) numFingerprints() int { return len(r.fingerprints) / 8 }

// fingerprint returns the article's i-th fingerprint.
func (r *record) fingerprint(i int) wiretrace.Fingerprint {
	return wiretrace.Fingerprint(binary.BigEndian.Uint64(r.fingerprints[8*i:]))
}

// article copies the record out of its buffer.
func (r *record) article() wiretrace.Article {
	a := wiretrace.Article{
		ID:        string(r.id),
		URL:       string(r.url),
		Site:      string(r.site),
		Title:     string(r.title),
		Published: r.published,
		Language:  string(r.language),
		Canonical: string(r.canonical),
		Text:      string(r.text),
	}
	if len(r.byline) > 0 {
		a.Byline = make([]string, len(r.byline))
		for i, n := range r.byline {
			a.Byline[i] = string(n)
		}
	}
	return a
}

// bylineKeys returns the distinct keys of the record's byline names, as
// wiretrace.BylineKeys.
func (r *record) bylineKeys() []string {
	names := make([]string, len(r.byline))
	for i, n := range r.byline {
		names[i] = string(n)
	}
	return wiretrace.BylineKeys(names)
}

// hasMetadata reports whether a record of a needs the metadata section.
func hasMetadata(a *wiretrace.Article) bool {
	return len(a.Byline) > 0 || a.Language != "" || a.Canonical != ""
}

// Flags of the published field.
const (
	publishedUnknown = 0
	publishedKnown   = 1
)

// appendRecord appends the encoding of a with the distinct, ascending
// fingerprints fps to dst. The layout is in docs/format.md.
func appendRecord(dst []byte, a *wiretrace.Article, fps []wiretrace.Fingerprint) []byte {
	dst = appendString(dst, a.ID)
	dst = appendString(dst, a.URL)
	dst = appendString(dst, a.Site)
	dst = appendString(dst, a.Title)
	if a.Published.IsZero() {
		dst = append(dst, publishedUnknown)
	} else {
		dst = append(dst, publishedKnown)
		dst = binary.AppendVarint(dst, a.Published.Unix())
		dst = binary.AppendUvarint(dst, uint64(a.Published.Nanosecond()))
	}
	dst = appendString(dst, a.Text)
	dst = binary.AppendUvarint(dst, uint64(len(fps)))
	for _, fp := range fps {
		dst = binary.BigEndian.AppendUint64(dst, uint64(fp))
	}
	if hasMetadata(a) {
		// Only when there is something to say, so that an article without
		// these fields has the same record as in format version 1.
		dst = binary.AppendUvarint(dst, uint64(len(a.Byline)))
		for _, n := range a.Byline {
			dst = appendString(dst, n)
		}
		dst = appendString(dst, a.Language)
		dst = appendString(dst, a.Canonical)
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// decodeRecord decodes an article record. It checks every length against
// the buffer and returns an error wrapping errCorrupt rather than read out
// of bounds.
func decodeRecord(b []byte) (record, error) {
	d := decoder{buf: b}
	var r record
	r.id = d.bytes("id")
	r.url = d.bytes("url")
	r.site = d.bytes("site")
	r.title = d.bytes("title")
	switch flag := d.byte("published flag"); {
	case d.err != nil:
	case flag == publishedUnknown:
	case flag == publishedKnown:
		sec := d.varint("published seconds")
		nsec := d.uvarint("published nanoseconds")
		if d.err == nil && nsec >= uint64(time.Second) {
			d.fail("published nanoseconds %d out of range", nsec)
		}
		r.published = time.Unix(sec, int64(nsec)).UTC()
		if d.err == nil && r.published.IsZero() {
			// The zero time is encoded as unknown, never as a known time.
			d.fail("published time is the zero time")
		}
	default:
		d.fail("published flag %d", flag)
	}
	r.text = d.bytes("text")
	n := d.uvarint("fingerprint count")
	if d.err == nil && n > uint64(len(d.buf)/8) {
		d.fail("%d fingerprints in %d bytes", n, len(d.buf))
	}
	if d.err != nil {
		return record{}, d.err
	}
	r.fingerprints = d.buf[: 8*n : 8*n]
	d.buf = d.buf[8*n:]
	if len(d.buf) > 0 {
		d.metadata(&r)
		if d.err == nil && len(d.buf) > 0 {
			d.fail("%d bytes after the metadata", len(d.buf))
		}
		if d.err != nil {
			return record{}, d.err
		}
	}
	for i := 1; i < r.numFingerprints(); i++ {
		if r.fingerprint(i-1) >= r.fingerprint(i) {
			return record{}, fmt.Errorf("record: fingerprints not ascending at %d: %w", i, errCorrupt)
		}
	}
	return r, nil
}

// metadata reads the record's metadata section: byline names, language and
// canonical URL. An empty section is never written, so it is refused.
func (d *decoder) metadata(r *record) {
	n := d.uvarint("byline count")
	if d.err == nil && n > uint64(len(d.buf)) {
		// Every name takes at least its length byte.
		d.fail("%d byline names in %d bytes", n, len(d.buf))
	}
	if d.err != nil {
		return
	}
	if n > 0 {
		r.byline = make([][]byte, n)
	}
	for i := range r.byline {
		r.byline[i] = d.bytes("byline name")
	}
	r.language = d.bytes("language")
	r.canonical = d.bytes("canonical URL")
	if d.err == nil && n == 0 && len(r.language) == 0 && len(r.canonical) == 0 {
		d.fail("empty metadata section")
	}
}

// decoder reads a record's fields. After the first error every read
// returns a zero value, so callers check err once.
type decoder struct {
	buf []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("record: %s: %w", fmt.Sprintf(format, args...), errCorrupt)
	}
}

func (d *decoder) uvarint(field string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail("bad %s", field)
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) varint(field string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail("bad %s", field)
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) byte(field string) byte {
	if d.err != nil {
		return 0
	}
	if len(d.buf) == 0 {
		d.fail("missing %s", field)
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) bytes(field string) []byte {
	n := d.uvarint(field + " length")
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.buf)) {
		d.fail("%s length %d exceeds the %d bytes left", field, n, len(d.buf))
		return nil
	}
	b := d.buf[:n:n]
	d.buf = d.buf[n:]
	return b
}
