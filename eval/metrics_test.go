package eval

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestConfusion(t *testing.T) {
	c := NewConfusion("cat", "dog", "owl")
	for _, gp := range [][2]string{
		{"cat", "cat"}, {"cat", "cat"}, {"cat", "dog"},
		{"dog", "dog"}, {"dog", "cat"},
		{"owl", "cat"},
	} {
		c.Add(gp[0], gp[1])
	}
	if c.Total() != 6 || !near(c.Accuracy(), 3.0/6) {
		t.Errorf("total %d accuracy %v, want 6 and 0.5", c.Total(), c.Accuracy())
	}
	// cat: predicted 4 times, 2 right; gold 3.
	want := map[string]ClassScore{
		"cat": {"cat", 2.0 / 4, 2.0 / 3, 2 * (0.5 * 2.0 / 3) / (0.5 + 2.0/3), 3},
		"dog": {"dog", 1.0 / 2, 1.0 / 2, 0.5, 2},
		// Never predicted, never right: the zero-division convention.
		"owl": {"owl", 0, 0, 0, 1},
	}
	for l, w := range want {
		g := c.Score(l)
		if g.Label != w.Label || !near(g.Precision, w.Precision) || !near(g.Recall, w.Recall) || !near(g.F1, w.F1) || g.Support != w.Support {
			t.Errorf("Score(%s) = %+v, want %+v", l, g, w)
		}
	}
	if m := c.MacroF1(); !near(m, (want["cat"].F1+0.5+0)/3) {
		t.Errorf("MacroF1 = %v", m)
	}
}

func TestConfusionEmpty(t *testing.T) {
	c := NewConfusion("yes", "no")
	if c.Accuracy() != 0 || c.MacroF1() != 0 {
		t.Errorf("empty matrix: accuracy %v macro-F1 %v, want 0", c.Accuracy(), c.MacroF1())
	}
}

// The METER issue's own example: calling everything derived when about 78%
// of stories are derived gives a derived-class F1 near 0.88 but a binary
// macro-F1 near 0.44.
func TestAllDerivedBaseline(t *testing.T) {
	c := NewConfusion("derived", "non")
	for range 78 {
		c.Add("derived", "derived")
	}
	for range 22 {
		c.Add("non", "derived")
	}
	if f := c.Score("derived").F1; math.Abs(f-0.876) > 0.001 {
		t.Errorf("derived F1 = %.3f, want 0.876", f)
	}
	if m := c.MacroF1(); math.Abs(m-0.438) > 0.001 {
		t.Errorf("binary macro-F1 = %.3f, want 0.438", m)
	}
}
