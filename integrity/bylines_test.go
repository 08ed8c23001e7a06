package integrity

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
)

// fakeBylines answers Bylines from a map of BylineKeys.
type fakeBylines map[string][]wiretrace.BylineUse

func (f fakeBylines) Bylines(_ context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	if name == "Broken Index" {
		return nil, errors.New("broken")
	}
	uses := f[wiretrace.BylineKey(name)]
	return uses[:min(limit, len(uses))], nil
}

func TestCheckBylines(t *testing.T) {
	ix := fakeBylines{
		"dana whitlock": {{Site: "meridianwire.example", Articles: 3}, {Site: "", Articles: 1}},
		"sam okafor":    {{Site: "farm.example", Articles: 1}, {Site: "meridianwire.example", Articles: 1}},
		"ana ruiz":      {{Site: "", Articles: 2}},
	}
	text := "Harbour strike\n\nBy Dana Whitlock, Sam Okafor and Ana Ruiz\n\nWEXBRIDGE, March 4 - Workers walked out on Monday, the union said.\n"
	tests := []struct {
		site string
		want []string // names flagged
	}{
		{"farm.example", []string{"Dana Whitlock"}},
		{"FARM.example", []string{"Dana Whitlock"}},
		{"meridianwire.example", nil},
		{"other.example", []string{"Dana Whitlock", "Sam Okafor"}},
		{"", nil},
	}
	for _, tc := range tests {
		a := Inspect(text)
		if err := a.CheckBylines(context.Background(), ix, tc.site); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range a.Flags {
			if f.Kind == FlagBylineElsewhere {
				got = append(got, strings.Split(f.Message, `"`)[1])
				if len(f.Spans) != 1 {
					t.Errorf("site %q: flag spans %+v", tc.site, f.Spans)
				}
			}
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("site %q: flagged %q, want %q", tc.site, got, tc.want)
		}
		if len(a.BylineSites) != 3 {
			t.Errorf("site %q: byline sites %+v, want all three names", tc.site, a.BylineSites)
		}
	}

	// Metadata names count when the text has no byline; extra names are
	// looked up once.
	a := InspectWith("Harbour strike\n\nWorkers walked out on Monday.\n", anatomy.Metadata{Byline: "By Dana Whitlock"})
	if names := a.AuthorNames(); len(names) != 1 || names[0] != "Dana Whitlock" {
		t.Errorf("AuthorNames from metadata = %q", names)
	}
	if err := a.CheckBylines(context.Background(), ix, "farm.example", "dana whitlock", "Nobody"); err != nil {
		t.Fatal(err)
	}
	if len(a.BylineSites) != 1 || len(a.Flags) != 1 || a.Flags[0].Kind != FlagBylineElsewhere || len(a.Flags[0].Spans) != 0 {
		t.Errorf("metadata byline: sites %+v, flags %+v", a.BylineSites, a.Flags)
	}

	if err := Inspect(text).CheckBylines(context.Background(), ix, "x.example", "Broken Index"); err == nil {
		t.Error("an index error was not returned")
	}
}
