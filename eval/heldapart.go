package eval

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sync"
	"text/tabwriter"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
)

// A figure is worth reporting only when nothing it depends on was chosen
// by looking at the items it is measured on. The engine's relation ends
// with a rule on a few thresholds (align.Options.Decide); the held-apart
// protocol fits those thresholds on one half of a corpus and reports them
// on the other half, then the reverse, so that every item is judged by
// thresholds that never saw it. The two halves are whole groups (a METER
// story's DATE/CATCHLINE, a Clough task): stories written from one wire
// story never sit on both sides.

// Thresholds are the decision thresholds the protocol fits: those of
// align.Options that Decide reads to tell copy, spun, partial and the
// rest apart.
type Thresholds struct {
	DerivedCoverage float64 `json:"derived_coverage"`
	PartialCoverage float64 `json:"partial_coverage"`
	PartialWords    int     `json:"partial_words"`
	CopyExactness   float64 `json:"copy_exactness"`
	// DerivedContained and PartialContained are 0 when off.
	DerivedContained float64 `json:"derived_contained"`
	PartialContained float64 `json:"partial_contained"`
	// RewrittenKept tells a spun text rewritten from one spun with
	// synonyms (align.Options.RewordingOf), which only Clough-Stevenson's
	// categories tell apart; the other corpora keep the shipped value.
	RewrittenKept float64 `json:"rewritten_kept"`
}

// ThresholdsOf returns the thresholds o decides with.
func ThresholdsOf(o align.Options) Thresholds {
	return Thresholds{o.DerivedCoverage, o.PartialCoverage, o.PartialWords, o.CopyExactness, o.DerivedContained, o.PartialContained, o.RewrittenKept}
}

// apply returns o deciding with t.
func (t Thresholds) apply(o align.Options) align.Options {
	o.DerivedCoverage, o.PartialCoverage, o.PartialWords, o.CopyExactness = t.DerivedCoverage, t.PartialCoverage, t.PartialWords, t.CopyExactness
	o.DerivedContained, o.PartialContained, o.RewrittenKept = t.DerivedContained, t.PartialContained, t.RewrittenKept
	return o
}

func (t Thresholds) String() string {
	return fmt.Sprintf("derived_coverage=%.2f,partial_coverage=%.2f,partial_words=%d,copy_exactness=%.2f,derived_contained=%.2f,partial_contained=%.2f,rewritten_kept=%.2f",
		t.DerivedCoverage, t.PartialCoverage, t.PartialWords, t.CopyExactness, t.DerivedContained, t.PartialContained, t.RewrittenKept)
}

// The values each threshold takes in the grid, ascending.
var (
	gridDerivedCoverage  = []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8}
	gridPartialCoverage  = []float64{0, 0.05, 0.1, 0.15, 0.2, 0.3}
	gridPartialWords     = []int{3, 5, 7, 9, 12, 15, 20, 25, 30, 40}
	gridCopyExactness    = []float64{0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99}
	gridDerivedContained = []float64{0, 0.3, 0.34, 0.38, 0.42, 0.46, 0.5, 0.55, 0.6}
	gridPartialContained = []float64{0, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25}
)

// thresholdGrid is the thresholds tried: every combination of the values
// above and of rewritten, RewrittenKept's, the last varying fastest. It
// is read by index, not listed: millions of combinations.
type thresholdGrid struct{ rewritten []float64 }

func (g thresholdGrid) len() int {
	return len(gridDerivedCoverage) * len(gridPartialCoverage) * len(gridPartialWords) * len(gridCopyExactness) *
		len(gridDerivedContained) * len(gridPartialContained) * len(g.rewritten)
}

// at returns the i-th thresholds of the grid.
func (g thresholdGrid) at(i int) Thresholds {
	var t Thresholds
	t.RewrittenKept, i = g.rewritten[i%len(g.rewritten)], i/len(g.rewritten)
	t.PartialContained, i = gridPartialContained[i%len(gridPartialContained)], i/len(gridPartialContained)
	t.DerivedContained, i = gridDerivedContained[i%len(gridDerivedContained)], i/len(gridDerivedContained)
	t.CopyExactness, i = gridCopyExactness[i%len(gridCopyExactness)], i/len(gridCopyExactness)
	t.PartialWords, i = gridPartialWords[i%len(gridPartialWords)], i/len(gridPartialWords)
	t.PartialCoverage, i = gridPartialCoverage[i%len(gridPartialCoverage)], i/len(gridPartialCoverage)
	t.DerivedCoverage = gridDerivedCoverage[i]
	return t
}

// distance is how far t lies from the shipped thresholds, each dimension
// scaled to its grid's range: of thresholds that fit a half equally well,
// the nearest to what ships is taken.
func (t Thresholds) distance(shipped Thresholds) float64 {
	return math.Abs(t.DerivedCoverage-shipped.DerivedCoverage)/0.6 +
		math.Abs(t.PartialCoverage-shipped.PartialCoverage)/0.3 +
		math.Abs(float64(t.PartialWords-shipped.PartialWords))/37 +
		math.Abs(t.CopyExactness-shipped.CopyExactness)/0.19 +
		math.Abs(t.DerivedContained-shipped.DerivedContained)/0.6 +
		math.Abs(t.PartialContained-shipped.PartialContained)/0.25 +
		math.Abs(t.RewrittenKept-shipped.RewrittenKept)/0.8
}

// heldItem is what the protocol needs of one item: its half, its gold
// label and the evidence of the engine's answer (nil when the engine found
// no match at all, which is the lowest class whatever the thresholds).
type heldItem struct {
	half     int
	label    string
	evidence *wiretrace.Evidence
}

// heldTask says how a corpus's items are scored.
type heldTask struct {
	labels []string
	// classOf maps the evidence to a label under the thresholds of o;
	// none is the label of an item without evidence.
	classOf func(o *align.Options, e wiretrace.Evidence) string
	none    string
	// score is the figure the thresholds are fitted to maximise.
	score func(*Confusion) float64
	base  align.Options
	// rewritten are the values of RewrittenKept tried; none tries only
	// the base's.
	rewritten []float64
}

func (h heldTask) predict(o *align.Options, it heldItem) string {
	if it.evidence == nil {
		return h.none
	}
	return h.classOf(o, *it.evidence)
}

// Fold is one direction of the protocol: thresholds fitted on one half,
// with the figure they reach there and on the other half.
type Fold struct {
	// FitHalf is the half the thresholds were fitted on (0 or 1).
	FitHalf    int        `json:"fit_half"`
	Thresholds Thresholds `json:"thresholds"`
	// Fit is the figure on the half fitted on; Held on the other half.
	Fit  float64 `json:"fit"`
	Held float64 `json:"held"`
	// FitItems and HeldItems count the items of each half.
	FitItems  int `json:"fit_items"`
	HeldItems int `json:"held_items"`
}

// HeldApart is the outcome of the protocol over a corpus.
type HeldApart struct {
	// Confusion counts every item as judged by the thresholds fitted on
	// the half it is not in: the figure that carries over.
	Confusion *Confusion `json:"confusion"`
	Folds     [2]Fold    `json:"folds"`
	// Predicted is each item's held-apart label, in the items' order.
	Predicted []string `json:"-"`
	// All are the thresholds fitted on both halves together: those an
	// unseen corpus is judged with.
	All Thresholds `json:"all"`
}

// grid returns the thresholds the task tries.
func (h heldTask) grid() thresholdGrid {
	if len(h.rewritten) == 0 {
		return thresholdGrid{[]float64{h.base.RewrittenKept}}
	}
	return thresholdGrid{h.rewritten}
}

// fit returns the thresholds of grid that score best on the items of the
// halves for which use is true, the nearest to the shipped ones among
// equals.
func (h heldTask) fit(grid thresholdGrid, items []heldItem, use func(half int) bool) (Thresholds, float64) {
	shipped := ThresholdsOf(h.base)
	// The grid is cut into one run of thresholds per core; each run's
	// best is found in grid order, and the runs' bests are taken in grid
	// order by the same rule, so the thresholds fitted do not depend on
	// how many cores there are.
	type fitted struct {
		t           Thresholds
		score, dist float64
	}
	better := func(a, b fitted) bool { return a.score > b.score || a.score == b.score && a.dist < b.dist }
	var fit []heldItem
	for _, it := range items {
		if use(it.half) {
			fit = append(fit, it)
		}
	}
	n := grid.len()
	runs := make([]fitted, min(runtime.GOMAXPROCS(0), n))
	var wg sync.WaitGroup
	for r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			best := fitted{shipped, -1, math.Inf(1)}
			c := NewConfusion(h.labels...)
			for i := r * n / len(runs); i < (r+1)*n/len(runs); i++ {
				t := grid.at(i)
				o := t.apply(h.base)
				c.reset()
				for _, it := range fit {
					c.Add(it.label, h.predict(&o, it))
				}
				if f := (fitted{t, round(h.score(c)), t.distance(shipped)}); better(f, best) {
					best = f
				}
			}
			runs[r] = best
		}()
	}
	wg.Wait()
	best := fitted{shipped, -1, math.Inf(1)}
	for _, f := range runs {
		if better(f, best) {
			best = f
		}
	}
	return best.t, best.score
}

// run fits on each half, judges the other with what was fitted, and fits
// once more on both for unseen material.
func (h heldTask) run(items []heldItem) *HeldApart {
	grid := h.grid()
	r := &HeldApart{Confusion: NewConfusion(h.labels...), Predicted: make([]string, len(items))}
	for half := range 2 {
		t, fitScore := h.fit(grid, items, func(x int) bool { return x == half })
		o := t.apply(h.base)
		held := NewConfusion(h.labels...)
		for i, it := range items {
			if it.half == half {
				continue
			}
			r.Predicted[i] = h.predict(&o, it)
			held.Add(it.label, r.Predicted[i])
			r.Confusion.Add(it.label, r.Predicted[i])
		}
		r.Folds[half] = Fold{FitHalf: half, Thresholds: t, Fit: fitScore, Held: round(h.score(held)), HeldItems: held.Total(), FitItems: len(items) - held.Total()}
	}
	r.All, _ = h.fit(grid, items, func(int) bool { return true })
	return r
}

// halves assigns each group to a half: the groups in sorted order,
// alternately. The rule is fixed and knows nothing of the labels.
func halves(groups []string) map[string]int {
	sorted := slices.Clone(groups)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	out := make(map[string]int, len(sorted))
	for i, g := range sorted {
		out[g] = i % 2
	}
	return out
}

// writeFolds writes what each direction of the protocol fitted and reached.
func writeFolds(w io.Writer, name string, h *HeldApart) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "fitted on\titems\t%s there\treported on\titems\t%s there\tthresholds\n", name, name)
	for _, f := range h.Folds {
		fmt.Fprintf(tw, "half %d\t%d\t%.3f\thalf %d\t%d\t%.3f\t%s\n", f.FitHalf, f.FitItems, f.Fit, 1-f.FitHalf, f.HeldItems, f.Held, f.Thresholds)
	}
	return tw.Flush()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
