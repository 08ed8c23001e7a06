package pebble

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/wiretrace/wiretrace"
)

// errCorrupt marks data on disk that this package did not write: a record
// that does not decode, a key of the wrong length, a posting without its
// article.
var errCorrupt = wiretrace.ErrCorrupt

// record is a decoded article record. Its byte fields alias the encoded
// value, so a record lives no longer than the buffer it was decoded from.
type record struct {
	id, url, site, title, text []byte
	published, firstSeen       time.Time
	publishedFrom, seenFrom    []byte
	byline                     [][]byte
	language, canonical        []byte
	// slug is the optional field of format 5, nil when absent.
	slug []byte
	// fingerprints is how many distinct fingerprints the article has.
	fingerprints int
	// oldFingerprints holds a version 1 or 2 record's list of
	// fingerprints, 8 big-endian bytes each in ascending order.
	oldFingerprints []byte
}

// article copies the record out of its buffer.
func (r *record) article() wiretrace.Article {
	a := wiretrace.Article{
		ID:            string(r.id),
		URL:           string(r.url),
		Site:          string(r.site),
		Title:         string(r.title),
		Published:     r.published,
		PublishedFrom: wiretrace.TimeSource(r.publishedFrom),
		FirstSeen:     r.firstSeen,
		FirstSeenFrom: wiretrace.TimeSource(r.seenFrom),
		Language:      string(r.language),
		Canonical:     string(r.canonical),
		Slug:          string(r.slug),
		Text:          string(r.text),
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

// Flags of a time field.
const (
	timeUnknown = 0
	timeKnown   = 1
)

// recordMark opens a record of format version 3 and later. Records of
// versions 1 and 2 open with the length of their ID, which is never zero,
// so the mark tells the layouts apart and old records are read as they
// are.
const recordMark = 0

// Tags of the optional fields that follow a record's text, from format
// version 5. A field is written only when it has a value, so a record
// without any is byte for byte a record of versions 3 and 4. Tag 0 is
// never used.
const (
	fieldSlug = 1
)

// appendRecord appends the encoding of a, which has fingerprints distinct
// fingerprints, to dst. The layout is in docs/format.md.
func appendRecord(dst []byte, a *wiretrace.Article, fingerprints int) []byte {
	dst = append(dst, recordMark)
	dst = appendString(dst, a.ID)
	dst = appendString(dst, a.URL)
	dst = appendString(dst, a.Site)
	dst = appendString(dst, a.Title)
	dst = appendTime(dst, a.Published, a.PublishedFrom)
	dst = appendTime(dst, a.FirstSeen, a.FirstSeenFrom)
	dst = binary.AppendUvarint(dst, uint64(len(a.Byline)))
	for _, n := range a.Byline {
		dst = appendString(dst, n)
	}
	dst = appendString(dst, a.Language)
	dst = appendString(dst, a.Canonical)
	dst = binary.AppendUvarint(dst, uint64(fingerprints))
	dst = appendString(dst, a.Text)
	if a.Slug != "" {
		dst = binary.AppendUvarint(dst, fieldSlug)
		dst = appendString(dst, a.Slug)
	}
	return dst
}

// appendTime appends a time and its source: the zero time as unknown,
// without a source.
func appendTime(dst []byte, t time.Time, from wiretrace.TimeSource) []byte {
	if t.IsZero() {
		return append(dst, timeUnknown)
	}
	dst = append(dst, timeKnown)
	dst = binary.AppendVarint(dst, t.Unix())
	dst = binary.AppendUvarint(dst, uint64(t.Nanosecond()))
	return appendString(dst, string(from))
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// decodeRecord decodes an article record of any format version. It checks
// every length against the buffer and returns an error wrapping
// wiretrace.ErrCorrupt rather than read out of bounds.
func decodeRecord(b []byte) (record, error) {
	if len(b) > 0 && b[0] == recordMark {
		return decodeRecordV3(b[1:])
	}
	return decodeRecordV2(b)
}

// decodeRecordV3 reads, after its mark, the record of format versions 3
// to 5: those of 3 and 4 are those of 5 without optional fields.
func decodeRecordV3(b []byte) (record, error) {
	d := decoder{buf: b}
	var r record
	r.id = d.bytes("id")
	r.url = d.bytes("url")
	r.site = d.bytes("site")
	r.title = d.bytes("title")
	r.published, r.publishedFrom = d.time("published")
	r.firstSeen, r.seenFrom = d.time("first seen")
	n := d.uvarint("byline count")
	if d.err == nil && n > uint64(len(d.buf)) {
		// Every name takes at least its length byte.
		d.fail("%d byline names in %d bytes", n, len(d.buf))
	}
	if d.err == nil && n > 0 {
		r.byline = make([][]byte, n)
		for i := range r.byline {
			r.byline[i] = d.bytes("byline name")
		}
	}
	r.language = d.bytes("language")
	r.canonical = d.bytes("canonical URL")
	fps := d.uvarint("fingerprint count")
	r.text = d.bytes("text")
	d.fields(&r)
	if d.err != nil {
		return record{}, d.err
	}
	r.fingerprints = int(fps)
	return r, nil
}

// fields reads the optional fields after a record's text, to its end:
// each a uvarint tag, then its value as uvarint length and bytes. Tags
// come in ascending order, each once, and no value is empty: a record
// written otherwise, or with a tag this build does not know, was not
// written by it.
func (d *decoder) fields(r *record) {
	var last uint64
	for d.err == nil && len(d.buf) > 0 {
		left := len(d.buf)
		tag := d.uvarint("field tag after the text")
		if d.err != nil {
			return
		}
		var value *[]byte
		var name string
		switch tag {
		case fieldSlug:
			value, name = &r.slug, "slug"
		default:
			d.fail("%d bytes after the text: unknown field tag %d", left, tag)
			return
		}
		if tag <= last {
			d.fail("%s field (tag %d) after field tag %d", name, tag, last)
			return
		}
		last = tag
		*value = d.bytes(name)
		if d.err == nil && len(*value) == 0 {
			d.fail("empty %s field", name)
		}
	}
}

// time reads a time field and its source.
func (d *decoder) time(field string) (time.Time, []byte) {
	switch flag := d.byte(field + " flag"); {
	case d.err != nil:
	case flag == timeUnknown:
	case flag == timeKnown:
		t := d.instant(field)
		return t, d.bytes(field + " source")
	default:
		d.fail("%s flag %d", field, flag)
	}
	return time.Time{}, nil
}

// instant reads Unix seconds and nanoseconds; the zero time is never
// written as a known time.
func (d *decoder) instant(field string) time.Time {
	sec := d.varint(field + " seconds")
	nsec := d.uvarint(field + " nanoseconds")
	if d.err == nil && nsec >= uint64(time.Second) {
		d.fail("%s nanoseconds %d out of range", field, nsec)
	}
	t := time.Unix(sec, int64(nsec)).UTC()
	if d.err == nil && t.IsZero() {
		d.fail("%s time is the zero time", field)
	}
	return t
}

// decodeRecordV2 reads the record of format versions 1 and 2: no time
// sources, no first-seen time, the fingerprints listed, and the metadata
// section only when there is metadata.
func decodeRecordV2(b []byte) (record, error) {
	d := decoder{buf: b}
	var r record
	r.id = d.bytes("id")
	r.url = d.bytes("url")
	r.site = d.bytes("site")
	r.title = d.bytes("title")
	switch flag := d.byte("published flag"); {
	case d.err != nil:
	case flag == timeUnknown:
	case flag == timeKnown:
		r.published = d.instant("published")
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
	r.oldFingerprints = d.buf[: 8*n : 8*n]
	r.fingerprints = int(n)
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
	for i := 1; i < int(n); i++ {
		if binary.BigEndian.Uint64(r.oldFingerprints[8*(i-1):]) >= binary.BigEndian.Uint64(r.oldFingerprints[8*i:]) {
			return record{}, fmt.Errorf("record: fingerprints not ascending at %d: %w", i, wiretrace.ErrCorrupt)
		}
	}
	return r, nil
}

// metadata reads a version 2 record's metadata section: byline names,
// language and canonical URL. An empty section is never written, so it is
// refused.
func (d *decoder) metadata(r *record) {
	n := d.uvarint("byline count")
	if d.err == nil && n > uint64(len(d.buf)) {
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

// appendAppearance appends the encoding of an appearance: ID, URL and
// site as uvarint length and bytes, then the published and first-seen
// times as in a record, then, when the page gave one (format 6), its
// canonical URL as uvarint length and bytes. An appearance without one
// is encoded as in format 5.
func appendAppearance(dst []byte, ap *wiretrace.Appearance) []byte {
	dst = appendString(dst, ap.ID)
	dst = appendString(dst, ap.URL)
	dst = appendString(dst, ap.Site)
	dst = appendTime(dst, ap.Published, ap.PublishedFrom)
	dst = appendTime(dst, ap.FirstSeen, ap.FirstSeenFrom)
	if ap.Canonical != "" {
		dst = appendString(dst, ap.Canonical)
	}
	return dst
}

// decodeAppearance decodes an appearance, copying it out of b.
func decodeAppearance(b []byte) (wiretrace.Appearance, error) {
	d := decoder{buf: b}
	id, url, site := d.bytes("appearance id"), d.bytes("appearance url"), d.bytes("appearance site")
	pub, pubFrom := d.time("appearance published")
	seen, seenFrom := d.time("appearance first seen")
	var canonical []byte
	if d.err == nil && len(d.buf) > 0 {
		if canonical = d.bytes("appearance canonical URL"); d.err == nil && len(canonical) == 0 {
			d.fail("an empty canonical URL written")
		}
	}
	if d.err == nil && len(d.buf) > 0 {
		d.fail("%d bytes after the appearance", len(d.buf))
	}
	if d.err == nil && len(id) == 0 {
		d.fail("appearance without an id")
	}
	if d.err != nil {
		return wiretrace.Appearance{}, d.err
	}
	return wiretrace.Appearance{
		ID: string(id), URL: string(url), Site: string(site),
		Published: pub, PublishedFrom: wiretrace.TimeSource(pubFrom),
		FirstSeen: seen, FirstSeenFrom: wiretrace.TimeSource(seenFrom),
		Canonical: string(canonical),
	}, nil
}
