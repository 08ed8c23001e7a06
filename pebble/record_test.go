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
		fps  []wiretrace.Fingerprint
	}{
		{"minimal", wiretrace.Article{ID: "a", Text: "t"}, nil},
		{"all fields", wiretrace.Article{
			ID: "id", URL: "https://example.com/x", Site: "example.com", Title: "Title",
			Published: time.Date(2024, 3, 5, 14, 30, 15, 123456789, time.FixedZone("CET", 3600)),
			Text:      "Text with “quotes” and ελληνικά.",
		}, []wiretrace.Fingerprint{0, 1, math.MaxUint64}},
		{"metadata", wiretrace.Article{
			ID: "md", Text: "t", Byline: []string{"Dana Whitlock", "Ρένα Παππά", ""},
			Language: "en-GB", Canonical: "https://example.com/a",
		}, []wiretrace.Fingerprint{7}},
		{"language only", wiretrace.Article{ID: "l", Text: "t", Language: "fr"}, nil},
		{"before 1970", wiretrace.Article{ID: "m", Text: "moon", Published: time.Date(1969, 7, 20, 20, 17, 40, 5, time.UTC)}, []wiretrace.Fingerprint{5}},
		{"year 1", wiretrace.Article{ID: "y", Text: "y", Published: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)}, nil},
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
			if !want.Published.IsZero() {
				want.Published = want.Published.UTC()
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			var fps []wiretrace.Fingerprint
			for i := range r.numFingerprints() {
				fps = append(fps, r.fingerprint(i))
			}
			if !slices.Equal(fps, tc.fps) {
				t.Errorf("fingerprints %v, want %v", fps, tc.fps)
			}
		})
	}
}

func TestDecodeRecordRejects(t *testing.T) {
	good := appendRecord(nil, &wiretrace.Article{ID: "a", Text: "t", Published: time.Unix(1, 0)}, []wiretrace.Fingerprint{1, 2})
	// rest is a valid record's tail after the published field.
	rest := []byte{1, 't', 0}
	tests := []struct {
		name string
		b    []byte
		want string // in the error
	}{
		{"empty", nil, "bad id length"},
		{"truncated", good[:len(good)-1], "fingerprints in"},
		{"trailing byte", append(slices.Clone(good), 0), "bad language length"},
		{"empty metadata", append(slices.Clone(good), 0, 0, 0), "empty metadata"},
		{"bytes after metadata", append(slices.Clone(good), 0, 1, 'x', 0, 9), "after the metadata"},
		{"byline count too large", append(slices.Clone(good), 9, 1, 'x'), "byline names in"},
		{"id past end", []byte{10, 'a'}, "id length 10 exceeds"},
		{"huge length", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, "exceeds"},
		{"bad published flag", append([]byte{1, 'a', 0, 0, 0, 7}, rest...), "published flag 7"},
		{"nanoseconds too large", append(binary.AppendUvarint([]byte{1, 'a', 0, 0, 0, 1, 0}, 1e9), rest...), "nanoseconds"},
		{"zero time as known", append(binary.AppendUvarint(binary.AppendVarint([]byte{1, 'a', 0, 0, 0, 1}, time.Time{}.Unix()), 0), rest...), "zero time"},
		{"fingerprints unsorted", appendRecordRaw([]uint64{2, 1}), "not ascending"},
		{"fingerprints repeated", appendRecordRaw([]uint64{1, 1}), "not ascending"},
	}
	if _, err := decodeRecord(append([]byte{1, 'a', 0, 0, 0, 0}, rest...)); err != nil {
		t.Fatalf("the cases' common tail does not decode: %v", err)
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

// appendRecordRaw encodes a record with fingerprints as given, unsorted.
func appendRecordRaw(fps []uint64) []byte {
	b := appendRecord(nil, &wiretrace.Article{ID: "a", Text: "t"}, nil)
	b = b[:len(b)-1]
	b = append(b, byte(len(fps)))
	for _, fp := range fps {
		b = append(b, byte(fp>>56), byte(fp>>48), byte(fp>>40), byte(fp>>32), byte(fp>>24), byte(fp>>16), byte(fp>>8), byte(fp))
	}
	return b
}

// FuzzDecodeRecord checks that no input makes the decoder panic and that
// whatever it accepts encodes back to a record that decodes the same.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(appendRecord(nil, &wiretrace.Article{ID: "a", URL: "u", Site: "s", Title: "t", Text: "x", Published: time.Unix(1e9, 5)}, []wiretrace.Fingerprint{1, 2}))
	f.Add(appendRecord(nil, &wiretrace.Article{ID: "a", Text: "x"}, nil))
	f.Add([]byte{1, 'a', 0, 0, 0, 1, 0x80})
	f.Add(appendRecord(nil, &wiretrace.Article{ID: "a", Text: "x", Byline: []string{"A B", "C"}, Language: "en", Canonical: "c"}, []wiretrace.Fingerprint{3}))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b)
		if err != nil {
			if !errors.Is(err, errCorrupt) {
				t.Fatalf("error %v does not wrap errCorrupt", err)
			}
			return
		}
		a := r.article()
		var fps []wiretrace.Fingerprint
		for i := range r.numFingerprints() {
			fps = append(fps, r.fingerprint(i))
		}
		r2, err := decodeRecord(appendRecord(nil, &a, fps))
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		if a2 := r2.article(); !reflect.DeepEqual(a2, a) || !slices.Equal(r2.fingerprints, r.fingerprints) {
			t.Fatalf("round trip changed the record:\n%+v\n%+v", a, a2)
		}
	})
}
