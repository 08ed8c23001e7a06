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
		classOf: func(o *align.Options, e wiretrace.Evidence) string {
			if o.Decide(e).Whole() {
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

// Light and heavy revisions are told apart by how much of the suspect's
// wording is the source's (rewritten_kept), fitted like every other
// threshold, on one half at a time; a corpus that does not tell them
// apart keeps the shipped line.
func TestRewrittenLineFittedPerHalf(t *testing.T) {
	ev := func(kept float64) *wiretrace.Evidence {
		return &wiretrace.Evidence{Coverage: 0.9, Exactness: 0.7, Words: 80, Subject: 0.6, Kept: kept}
	}
	var items []heldItem
	for _, c := range []struct {
		half  int
		kept  float64
		label string
	}{
		{0, 0.45, "heavy"}, {0, 0.6, "heavy"}, {0, 0.68, "heavy"}, {0, 0.78, "light"}, {0, 0.85, "light"},
		{1, 0.40, "heavy"}, {1, 0.67, "heavy"}, {1, 0.74, "light"}, {1, 0.81, "light"}, {1, 0.9, "light"},
	} {
		items = append(items, heldItem{half: c.half, label: c.label, evidence: ev(c.kept)})
	}
	classOf := func(o *align.Options, e wiretrace.Evidence) string {
		if o.RewordingOf(o.Decide(e), e) == wiretrace.Rewritten {
			return "heavy"
		}
		return "light"
	}
	task := heldTask{labels: []string{"light", "heavy"}, classOf: classOf, score: (*Confusion).Accuracy, base: align.Defaults,
		rewritten: []float64{0, 0.5, 0.6, 0.7, 0.8}}
	r := task.run(items)
	for _, f := range r.Folds {
		if f.Fit != 1 || f.Thresholds.RewrittenKept != 0.7 {
			t.Errorf("fold fitted on half %d: %.3f there with rewritten_kept %.2f, want 1 with the line at 0.7", f.FitHalf, f.Fit, f.Thresholds.RewrittenKept)
		}
	}
	if r.Confusion.Accuracy() != 1 {
		t.Errorf("held apart %v, want every item right", r.Confusion.Counts)
	}
	task.rewritten = nil
	if r := task.run(items); r.Folds[0].Thresholds.RewrittenKept != align.Defaults.RewrittenKept || r.Confusion.Accuracy() == 1 {
		t.Errorf("without values to try: rewritten_kept %.2f, held apart %v; want the shipped %.2f, and the heavy revisions above it missed",
			r.Folds[0].Thresholds.RewrittenKept, r.Confusion.Counts, align.Defaults.RewrittenKept)
	}
}
