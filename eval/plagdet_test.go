package eval

import (
	"math"
	"testing"
)

// ann is an annotation of suspicious document "s" against source "r"
// unless the names say otherwise.
func ann(so, sl, ro, rl int) Annotation {
	return Annotation{Suspicious: "s", SuspiciousOffset: so, SuspiciousLength: sl, Source: "r", SourceOffset: ro, SourceLength: rl}
}

func TestPlagdet(t *testing.T) {
	other := ann(0, 100, 0, 100)
	other.Source = "q"
	tests := []struct {
		name                   string
		cases, dets            []Annotation
		prec, rec, gran, score float64
	}{
		{"nothing to find, nothing found", nil, nil, 1, 1, 1, 1},
		{"nothing to find, something found", nil, []Annotation{ann(0, 10, 0, 10)}, 0, 0, 1, 0},
		{"nothing found", []Annotation{ann(0, 10, 0, 10)}, nil, 0, 0, 1, 0},
		{"exact", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 100, 0, 100)}, 1, 1, 1, 1},
		{"exact twice counts once", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 100, 0, 100), ann(0, 100, 0, 100)}, 1, 1, 1, 1},
		{"half of the case", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 50, 0, 50)}, 1, 0.5, 1, 2.0 / 3},
		{"twice the case", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 200, 0, 200)}, 0.5, 1, 1, 2.0 / 3},
		{"split in two", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 50, 0, 50), ann(50, 50, 50, 50)}, 1, 1, 2, 1 / math.Log2(3)},
		// Overlapping detections: the case's characters count once.
		{"overlapping pieces", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 60, 0, 60), ann(40, 60, 40, 60)}, 1, 1, 2, 1 / math.Log2(3)},
		{"other source", []Annotation{ann(0, 100, 0, 100)}, []Annotation{other}, 0, 0, 1, 0},
		// Overlap in the suspicious document alone is no detection.
		{"source span elsewhere", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 100, 500, 100)}, 0, 0, 1, 0},
		{"one of two cases", []Annotation{ann(0, 100, 0, 100), ann(300, 100, 300, 100)}, []Annotation{ann(0, 100, 0, 100)}, 1, 0.5, 1, 2.0 / 3},
		// Case: 20 suspicious + 40 source characters. Detection: 20 + 80.
		// Overlap: 10 + 20. Recall 30/60, precision 30/100.
		{"skewed sides", []Annotation{ann(10, 20, 100, 40)}, []Annotation{ann(0, 20, 120, 80)}, 0.3, 0.5, 1, 0.375},
		// A false detection in a pair without cases halves precision.
		{"false detection elsewhere", []Annotation{ann(0, 100, 0, 100)}, []Annotation{ann(0, 100, 0, 100), other}, 0.5, 1, 1, 2.0 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Plagdet(tt.cases, tt.dets)
			if !near(got.Precision, tt.prec) || !near(got.Recall, tt.rec) || !near(got.Granularity, tt.gran) || !near(got.Plagdet, tt.score) {
				t.Errorf("got precision %v recall %v granularity %v plagdet %v, want %v %v %v %v",
					got.Precision, got.Recall, got.Granularity, got.Plagdet, tt.prec, tt.rec, tt.gran, tt.score)
			}
		})
	}
}

func TestGranularityCountsDetectedCasesOnly(t *testing.T) {
	cases := []Annotation{ann(0, 100, 0, 100), ann(200, 100, 200, 100), ann(400, 100, 400, 100)}
	// Case 1 in three pieces, case 2 in one, case 3 missed: (3+1)/2.
	dets := []Annotation{ann(0, 30, 0, 30), ann(30, 30, 30, 30), ann(60, 40, 60, 40), ann(200, 100, 200, 100)}
	if g := Plagdet(cases, dets).Granularity; !near(g, 2) {
		t.Errorf("granularity %v, want 2", g)
	}
}

func TestCharIndex(t *testing.T) {
	s := "naïve café, €5"
	c := newCharIndex(s)
	start := len("naïve ")
	end := start + len("café")
	if o, l := c.span(start, end); o != 6 || l != 4 {
		t.Errorf("span of café = %d,%d, want 6,4 (characters, not bytes)", o, l)
	}
	a := newCharIndex("plain text")
	if o, l := a.span(6, 10); o != 6 || l != 4 {
		t.Errorf("ASCII span = %d,%d, want 6,4", o, l)
	}
}
