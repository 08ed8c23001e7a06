package align

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// TestContainment checks that containment counts the suspect's words in
// runs of three the source holds, in whatever order: a copy with its
// paragraphs swapped is held whole, a report that shares only two-word
// phrases ("mln dlrs", "a share") with another is not.
func TestContainment(t *testing.T) {
	story := "Orrin Foods said its first-quarter net profit rose to 12 mln dlrs on higher sales of frozen meals.\n\n" +
		"The company said it would open two new plants in the north before the end of the year."
	swapped := "The company said it would open two new plants in the north before the end of the year.\n\n" +
		"Orrin Foods said its first-quarter net profit rose to 12 mln dlrs on higher sales of frozen meals."
	other := "Kessel Mills reported a loss of 3 mln dlrs, or 9 cts a share, after a fire closed its only mill in March."
	for _, c := range []struct {
		name     string
		suspect  string
		min, max float64
	}{
		{"paragraphs swapped", swapped, 1, 1},
		{"another report", other, 0, 0.1},
		{"the story itself", story, 1, 1},
	} {
		a := Defaults.Align(NewDoc(story), NewDoc(c.suspect))
		if a.Containment < c.min || a.Containment > c.max {
			t.Errorf("%s: containment %.3f, want %.2f to %.2f", c.name, a.Containment, c.min, c.max)
		}
	}
}

// TestReorderedCopyInventsNothing checks that a copy of a results story
// with its paragraphs in another order is a copy of all of it, with no
// substitution: each paragraph repeats "mln dlrs, or ... cts a share",
// and without anchors that phrase chained one paragraph of the copy to
// another of the story ("52 -> 88", a change the copy never made).
func TestReorderedCopyInventsNothing(t *testing.T) {
	paras := []string{
		"Marrowby Holdings said it will set aside a one-time 40 mln dlr provision in the third quarter for possible losses on loans to shipping companies.",
		"The group said it will stay profitable in the quarter despite the charge, which will cut quarterly net income by 31 mln dlrs, or 52 cts a share on a fully diluted basis.",
		"For the year-ago third quarter, Marrowby reported earnings of 27.6 mln dlrs, or 88 cts a share.",
		`Marrowby also said it expects to report "solid earnings" for the second half of the year. It earned 81.4 mln dlrs, or 2.94 dlrs a share fully diluted in the last year.`,
		"The company said its loans to shipping companies facing payment or cash problems total 64 mln dlrs and represent 1.6 pct of its total loan book.",
		"It said there will be no change in the current dividend policy.",
	}
	story := strings.Join(paras, "\n\n")
	copied := strings.Join([]string{paras[1], paras[5], paras[0], paras[2], paras[4], paras[3]}, "\n\n")
	c := Compare(NewDoc(story), NewDoc(copied))
	if c.Relation != wiretrace.Copy || c.SuspectCoverage < 0.97 || len(c.Substitutions) > 0 {
		t.Errorf("reordered copy: %s, suspect coverage %.3f, substitutions %+v; want a copy of all of it, nothing substituted", c.Relation, c.SuspectCoverage, c.Substitutions)
	}
}
