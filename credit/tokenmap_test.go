package credit

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
)

// TestGivenTokenMap: a caller's map that pairs the words as Compare would
// pair them itself gives the same answer on every case.
func TestGivenTokenMap(t *testing.T) {
	for _, tt := range creditCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			src, sus := align.NewDoc(tt.source), align.NewDoc(tt.suspect)
			c := align.Defaults.Compare(src, sus)
			source, suspect := anatomy.ParseTokens(src.Text, src.Tokens()), anatomy.ParseTokens(sus.Text, sus.Tokens())
			m := tokenMap(source, suspect, c.Passages)
			kept := slices.Clone(m)
			wantCredit, wantQuotes := Compare(source, suspect, c)
			gotCredit, gotQuotes := Compare(source, suspect, c, WithTokenMap(m))
			if !reflect.DeepEqual(gotCredit, wantCredit) || !reflect.DeepEqual(gotQuotes, wantQuotes) {
				t.Errorf("with the map: %+v %+v\nwithout: %+v %+v", gotCredit, gotQuotes, wantCredit, wantQuotes)
			}
			if !slices.Equal(m, kept) {
				t.Error("Compare changed the caller's map")
			}
		})
	}
}

// wirePair is a wire story and a copy that swapped its credit, in the
// dateline and in the text, and moved the dateline to another place: the
// words either side of the credits are the only way to follow them.
const (
	wireSource  = "Quay wall gives way\n\nRIVERTON, March 3 (Meridian Wire) - The quay wall gave way on Monday, Meridian Wire reporters at the scene said, as the river rose.\n"
	wireSuspect = "Quay wall gives way\n\nHARWICK, March 3 (Daily Digest) - The quay wall gave way on Monday, Daily Digest reporters at the scene said, as the river rose.\n"
)

// sameWordsMap aligns the tokens of two texts with the same number of
// words, one for one, where they are the same word.
func sameWordsMap(t *testing.T, source, suspect *anatomy.Anatomy) TokenMap {
	t.Helper()
	st, tt := source.Tokens(), suspect.Tokens()
	if len(st) != len(tt) {
		t.Fatalf("%d source tokens, %d suspect tokens", len(st), len(tt))
	}
	m := make(TokenMap, len(st))
	for i := range st {
		m[i] = -1
		if st[i].Norm == tt[i].Norm {
			m[i] = i
		}
	}
	return m
}

func replacements(cr *wiretrace.Credit) string {
	return strings.Join(replacementStrings(cr), "|")
}

// TestTokenMapFollowsCredits: the map given is the alignment Compare
// follows the credits through. With no passages and no map nothing can be
// followed; with the map both credits are found replaced.
func TestTokenMapFollowsCredits(t *testing.T) {
	source, suspect := anatomy.Parse(wireSource), anatomy.Parse(wireSuspect)
	c := wiretrace.Comparison{Relation: wiretrace.Copy}
	cr, _ := Compare(source, suspect, c)
	if cr.Rebranded || len(cr.Replacements) != 0 {
		t.Errorf("without an alignment: rebranded %v, replacements %q", cr.Rebranded, replacements(cr))
	}
	cr, _ = Compare(source, suspect, c, WithTokenMap(sameWordsMap(t, source, suspect)))
	if want := "Meridian Wire -> Daily Digest x2"; !cr.Rebranded || replacements(cr) != want {
		t.Errorf("with the map: rebranded %v, replacements %q, want %q", cr.Rebranded, replacements(cr), want)
	}
}

// TestUnusableTokenMap: a map of another length is ignored, and entries
// outside the suspect count as unaligned; neither panics.
func TestUnusableTokenMap(t *testing.T) {
	source, suspect := anatomy.Parse(wireSource), anatomy.Parse(wireSuspect)
	c := wiretrace.Comparison{Relation: wiretrace.Copy}
	want, _ := Compare(source, suspect, c)

	short := sameWordsMap(t, source, suspect)[1:]
	if got, _ := Compare(source, suspect, c, WithTokenMap(short)); !reflect.DeepEqual(got, want) {
		t.Errorf("a map of another length: %+v, want %+v as without a map", got, want)
	}

	outside := make(TokenMap, len(source.Tokens()))
	for i := range outside {
		outside[i] = len(suspect.Tokens()) + i
	}
	outside[0] = -7
	kept := slices.Clone(outside)
	if got, _ := Compare(source, suspect, c, WithTokenMap(outside)); !reflect.DeepEqual(got, want) {
		t.Errorf("a map outside the suspect: %+v, want %+v as nothing aligned", got, want)
	}
	if !slices.Equal(outside, kept) {
		t.Error("Compare changed the caller's map")
	}
}
