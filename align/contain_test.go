package align

import "testing"

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
