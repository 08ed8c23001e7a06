package eval

import (
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
)

func TestHalvesAlternateSortedGroups(t *testing.T) {
	h := halves([]string{"c", "a", "b", "a", "d", "e"})
	want := map[string]int{"a": 0, "b": 1, "c": 0, "d": 1, "e": 0}
	for g, w := range want {
		if h[g] != w {
			t.Errorf("half of %s = %d, want %d (all %v)", g, h[g], w, h)
		}
	}
}

// Each half is judged with what the other half taught, never with its own
// labels: here the halves disagree on where derived begins, so a half
// judged with its own thresholds would be all right, and held apart it is
// not.
func TestHeldApartJudgesEachHalfWithTheOther(t *testing.T) {
	ev := func(cov float64) *wiretrace.Evidence {
		return &wiretrace.Evidence{Coverage: cov, Exactness: 1, Words: int(cov * 100), Subject: 0.5}
	}
	var items []heldItem
	// Half 0: derived from coverage 0.3 up. Half 1: only from 0.7 up.
	for _, c := range []struct {
		half  int
		cov   float64
		label string
	}{
		{0, 0.32, "derived"}, {0, 0.45, "derived"}, {0, 0.75, "derived"}, {0, 0.1, "non"}, {0, 0.2, "non"},
		{1, 0.32, "non"}, {1, 0.45, "non"}, {1, 0.75, "derived"}, {1, 0.1, "non"}, {1, 0.8, "derived"},
	} {
		items = append(items, heldItem{half: c.half, label: c.label, evidence: ev(c.cov)})
	}
	items = append(items, heldItem{half: 1, label: "non"}) // no match at all
	task := heldTask{
		labels: []string{"derived", "non"},
		classOf: func(o align.Options, e wiretrace.Evidence) string {
			if r := o.Decide(e); r == wiretrace.Copy || r == wiretrace.Spun {
				return "derived"
			}
			return "non"
		},
		none:  "non",
		score: (*Confusion).Accuracy,
		base:  align.Defaults,
	}
	r := task.run(items)
	for _, f := range r.Folds {
		if f.Fit != 1 {
			t.Errorf("fold fitted on half %d reaches %.3f there, want 1: %+v", f.FitHalf, f.Fit, f)
		}
	}
	if d := r.Folds[0].Thresholds.DerivedCoverage; d <= 0.2 || d > 0.32 {
		t.Errorf("half 0 fitted derived_coverage %.2f, want in (0.2, 0.32]", d)
	}
	if d := r.Folds[1].Thresholds.DerivedCoverage; d <= 0.45 || d > 0.75 {
		t.Errorf("half 1 fitted derived_coverage %.2f, want in (0.45, 0.75]", d)
	}
	// Half 1's 0.32 and 0.45 are judged by half 0's thresholds: derived,
	// wrongly; half 0's by half 1's: non, wrongly.
	if got := r.Predicted[5]; got != "derived" {
		t.Errorf("half 1 item at 0.32 predicted %s, want derived (half 0's thresholds)", got)
	}
	if got := r.Predicted[0]; got != "non" {
		t.Errorf("half 0 item at 0.32 predicted %s, want non (half 1's thresholds)", got)
	}
	if got := r.Predicted[len(items)-1]; got != "non" {
		t.Errorf("item without a match predicted %s, want non", got)
	}
	if r.Confusion.Total() != len(items) || r.Confusion.Accuracy() == 1 {
		t.Errorf("held-apart matrix %v: want every item, and the halves' disagreement to cost", r.Confusion.Counts)
	}
}
