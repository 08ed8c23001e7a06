package pebble

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

func TestRecordRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		a    wiretrace.Article
		fps  int
	}{
		{"minimal", wiretrace.Article{ID: "a", Text: "t"}, 0},
		{"all fields", wiretrace.Article{
			ID: "id", URL: "https://example.com/x", Site: "example.com", Title: "Title",
			Published:     time.Date(2024, 3, 5, 14, 30, 15, 123456789, time.FixedZone("CET", 3600)),
			PublishedFrom: wiretrace.FromPage,
			FirstSeen:     time.Date(2024, 3, 6, 0, 0, 0, 1, time.UTC),
			FirstSeenFrom: wiretrace.FromCrawl,
			Byline:        []string{"Dana Whitlock", "Ρένα Παππά", ""},
			Language:      "en-GB", Canonical: "https://example.com/a",
			Slug: "BC-EU-Greece-Debt",
			Text: "Text with “quotes” and ελληνικά.",
		}, 3},
		{"slug only", wiretrace.Article{ID: "s", Text: "t", Slug: "COURTS Axe"}, 1},
		{"slug in Greek", wiretrace.Article{ID: "g", Text: "t", Slug: "ΔΙΚΑΣΤΗΡΙΑ"}, 0},
		{"language only", wiretrace.Article{ID: "l", Text: "t", Language: "fr"}, 1},
		{"before 1970", wiretrace.Article{ID: "m", Text: "moon", Published: time.Date(1969, 7, 20, 20, 17, 40, 5, time.UTC)}, 1},
		{"year 1", wiretrace.Article{ID: "y", Text: "y", FirstSeen: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), FirstSeenFrom: wiretrace.FromAdd}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := appendRecord(nil, &tc.a, tc.fps)
			r, err := decodeRecord(b)
			if err != nil {
				t.Fatal(err)
			}
			got := r.article()
			want := tc.a
			for _, tm := range []*time.Time{&want.Published, &want.FirstSeen} {
				if !tm.IsZero() {
					*tm = tm.UTC()
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if r.fingerprints != tc.fps {
				t.Errorf("fingerprints %d, want %d", r.fingerprints, tc.fps)
			}
		})
	}
}

// TestRecordSlugLayout pins down the layout of the slug field: after
// the text, tag 1 and the slug as length and bytes, and nothing at all
// for an article without one, whose record is then that of format 4.
func TestRecordSlugLayout(t *testing.T) {
	a := wiretrace.Article{ID: "a", Text: "tt"}
	without := appendRecord(nil, &a, 2)
	if want := []byte{recordMark, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 't', 't'}; !slices.Equal(without, want) {
		t.Errorf("record without a slug = %x, want %x", without, want)
	}
	a.Slug = "COURTS Axe"
	with := appendRecord(nil, &a, 2)
	if want := append(slices.Clone(without), append([]byte{fieldSlug, 10}, "COURTS Axe"...)...); !slices.Equal(with, want) {
		t.Errorf("record with a slug = %x, want %x", with, want)
	}
}

func TestDecodeRecordRejects(t *testing.T) {
	good := appendRecord(nil, &wiretrace.Article{ID: "a", Text: "tt", Published: time.Unix(1, 0)}, 2)
	slugged := appendRecord(nil, &wiretrace.Article{ID: "a", Text: "tt", Slug: "s"}, 2)
	tests := []struct {
		name string
		b    []byte
		want string // in the error
	}{
		{"mark only", []byte{recordMark}, "bad id length"},
		{"truncated", good[:len(good)-1], "text length 2 exceeds"},
		{"trailing byte", append(slices.Clone(good), 0), "after the text"},
		{"id past end", []byte{recordMark, 10, 'a'}, "id length 10 exceeds"},
		{"bad published flag", []byte{recordMark, 1, 'a', 0, 0, 0, 7}, "published flag 7"},
		{"nanoseconds too large", binary.AppendUvarint([]byte{recordMark, 1, 'a', 0, 0, 0, 1, 0}, 1e9), "nanoseconds"},
		{"zero time as known", binary.AppendUvarint(binary.AppendVarint([]byte{recordMark, 1, 'a', 0, 0, 0, 0, 1}, time.Time{}.Unix()), 0), "zero time"},
		{"byline count too large", []byte{recordMark, 1, 'a', 0, 0, 0, 0, 0, 9, 1, 'x'}, "byline names in"},
		{"unknown field", append(slices.Clone(good), 2, 1, 'x'), "3 bytes after the text: unknown field tag 2"},
		{"bad field tag", append(slices.Clone(good), 0x80), "bad field tag after the text"},
		{"slug without length", append(slices.Clone(good), fieldSlug), "bad slug length"},
		{"slug past end", append(slices.Clone(good), fieldSlug, 5, 'C'), "slug length 5 exceeds the 1 bytes left"},
		{"empty slug", append(slices.Clone(good), fieldSlug, 0), "empty slug field"},
		{"slug twice", append(slices.Clone(slugged), fieldSlug, 1, 's'), "slug field (tag 1) after field tag 1"},
		{"byte after the slug", append(slices.Clone(slugged), 0), "1 bytes after the text: unknown field tag 0"},
	}
	if _, err := decodeRecord([]byte{recordMark, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 't'}); err != nil {
		t.Fatalf("the cases' model record does not decode: %v", err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeRecord(tc.b)
			if !errors.Is(err, errCorrupt) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("decodeRecord(%x) = %v, want errCorrupt about %q", tc.b, err, tc.want)
			}
		})
	}
}

// appendRecordV2 is the record encoder of format versions 1 and 2, kept to
// test that their records are still read.
func appendRecordV2(dst []byte, a *wiretrace.Article, fps []uint64) []byte {
	dst = appendString(dst, a.ID)
	dst = appendString(dst, a.URL)
	dst = appendString(dst, a.Site)
	dst = appendString(dst, a.Title)
	if a.Published.IsZero() {
		dst = append(dst, timeUnknown)
	} else {
		dst = append(dst, timeKnown)
		dst = binary.AppendVarint(dst, a.Published.Unix())
		dst = binary.AppendUvarint(dst, uint64(a.Published.Nanosecond()))
	}
	dst = appendString(dst, a.Text)
	dst = binary.AppendUvarint(dst, uint64(len(fps)))
	for _, fp := range fps {
		dst = binary.BigEndian.AppendUint64(dst, fp)
	}
	if len(a.Byline) > 0 || a.Language != "" || a.Canonical != "" {
		dst = binary.AppendUvarint(dst, uint64(len(a.Byline)))
		for _, n := range a.Byline {
			dst = appendString(dst, n)
		}
		dst = appendString(dst, a.Language)
		dst = appendString(dst, a.Canonical)
	}
	return dst
}

func TestRecordV2(t *testing.T) {
	a := wiretrace.Article{
		ID: "id", URL: "u", Site: "s", Title: "t", Text: "Old text.",
		Published: time.Date(2024, 3, 5, 14, 30, 15, 5, time.UTC),
		Byline:    []string{"Dana Whitlock"}, Language: "en",
	}
	r, err := decodeRecord(appendRecordV2(nil, &a, []uint64{1, 2, math.MaxUint64}))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.article(); !reflect.DeepEqual(got, a) {
		t.Errorf("got  %+v\nwant %+v", got, a)
	}
	if r.fingerprints != 3 || len(r.oldFingerprints) != 24 {
		t.Errorf("fingerprints %d, list of %d bytes", r.fingerprints, len(r.oldFingerprints))
	}
	good := appendRecordV2(nil, &wiretrace.Article{ID: "a", Text: "t", Published: time.Unix(1, 0)}, []uint64{1, 2})
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"truncated", good[:len(good)-1], "fingerprints in"},
		{"trailing byte", append(slices.Clone(good), 0), "bad language length"},
		{"empty metadata", append(slices.Clone(good), 0, 0, 0), "empty metadata"},
		{"fingerprints unsorted", appendRecordV2(nil, &wiretrace.Article{ID: "a", Text: "t"}, []uint64{2, 1}), "not ascending"},
		{"fingerprints repeated", appendRecordV2(nil, &wiretrace.Article{ID: "a", Text: "t"}, []uint64{1, 1}), "not ascending"},
		{"bad published flag", []byte{1, 'a', 0, 0, 0, 7, 1, 't', 0}, "published flag 7"},
	} {
		if _, err := decodeRecord(tc.b); !errors.Is(err, errCorrupt) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: decodeRecord(%x) = %v, want errCorrupt about %q", tc.name, tc.b, err, tc.want)
		}
	}
}

// FuzzDecodeRecord checks that no input makes the decoder panic and that
// whatever it accepts encodes back to a record that decodes the same.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(appendRecord(nil, &wiretrace.Article{ID: "a", URL: "u", Site: "s", Title: "t", Text: "x", Published: time.Unix(1e9, 5), PublishedFrom: wiretrace.FromPage}, 1))
	f.Add(appendRecord(nil, &wiretrace.Article{ID: "a", Text: "x"}, 0))
	f.Add(appendRecord(nil, &wiretrace.Article{ID: "a", Text: "x", Slug: "COURTS Axe"}, 0))
	f.Add(appendRecordV2(nil, &wiretrace.Article{ID: "a", Text: "x", Byline: []string{"A B", "C"}, Language: "en", Canonical: "c"}, []uint64{3}))
	f.Add([]byte{1, 'a', 0, 0, 0, 1, 0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b)
		if err != nil {
			if !errors.Is(err, errCorrupt) {
				t.Fatalf("error %v does not wrap errCorrupt", err)
			}
			return
		}
		a := r.article()
		r2, err := decodeRecord(appendRecord(nil, &a, r.fingerprints))
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		if a2 := r2.article(); !reflect.DeepEqual(a2, a) || r2.fingerprints != r.fingerprints {
			t.Fatalf("round trip changed the record:\n%+v\n%+v", a, a2)
		}
	})
}

// An appearance keeps its page's canonical URL when the page gave one; one
// without is encoded as in format 5, which decodes as one without.
func TestAppearanceRoundTrip(t *testing.T) {
	for _, ap := range []wiretrace.Appearance{
		{ID: "a"},
		{ID: "harbour/flood", URL: "https://harbourledger.example/flood", Site: "harbourledger.example",
			Published: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage,
			Canonical: "https://www.meridianwire.example/flood"},
		{ID: "c", Canonical: "https://ελληνικά.example/ά"},
	} {
		b := appendAppearance(nil, &ap)
		got, err := decodeAppearance(b)
		if err != nil || !reflect.DeepEqual(got, ap) {
			t.Errorf("decodeAppearance(appendAppearance(%+v)) = %+v, %v", ap, got, err)
		}
		if ap.Canonical == "" {
			continue
		}
		without := ap
		without.Canonical = ""
		if short := appendAppearance(nil, &without); !strings.HasPrefix(string(b), string(short)) {
			t.Errorf("%q: the canonical URL is not a field after a format 5 appearance", ap.ID)
		}
		for name, bad := range map[string][]byte{
			"a byte after it":   append(slices.Clone(b), 0),
			"cut short":         b[:len(b)-1],
			"empty URL written": append(appendAppearance(nil, &without), 0),
		} {
			if _, err := decodeAppearance(bad); err == nil {
				t.Errorf("%q, %s: decoded", ap.ID, name)
			}
		}
	}
}
