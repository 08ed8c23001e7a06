package align

import (
	"reflect"
	"testing"

	"github.com/wiretrace/wiretrace/text"
)

// A Doc keeps its words without their Norm strings; what it gives back
// must be what text.Tokenize gave: folded capitals, apostrophes made one,
// width and compatibility forms folded, characters of unspaced scripts,
// quoted words.
func TestDocTokens(t *testing.T) {
	for _, s := range []string{
		"",
		"The Mayor's office said: \"We won't close the Harbour Road.\"",
		"ＡＢＣ Ｔｏｋｙｏ ８５ per cent of Straße",
		"東京で会議が開かれた。 Officials met.",
		"soft\u00adhyphen zero\u200bwidth and 1,200 or 3.5",
		"lower case words only here",
	} {
		d := NewDoc(s)
		want := text.Tokenize(s)
		if got := d.Tokens(); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q: tokens\n%+v\nwant\n%+v", s, got, want)
		}
		if d.Len() != len(want) {
			t.Errorf("%q: Len %d, want %d", s, d.Len(), len(want))
		}
		for k, w := range want {
			if start, end := d.Span(k); start != w.Start || end != w.End {
				t.Errorf("%q: word %d spans [%d,%d), want [%d,%d)", s, k, start, end, w.Start, w.End)
			}
			if lo, hi := d.TokensIn(w.Start, w.End); lo != k || hi != k+1 {
				t.Errorf("%q: words in word %d's bytes: [%d,%d)", s, k, lo, hi)
			}
		}
	}
}
