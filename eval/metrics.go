package eval

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"
)

// Confusion counts gold labels against predicted ones.
type Confusion struct {
	// Labels are the classes in display order.
	Labels []string `json:"labels"`
	// Counts[g][p] is how many items of gold class Labels[g] were
	// predicted as Labels[p].
	Counts [][]int `json:"counts"`
}

// NewConfusion returns an empty matrix over labels.
func NewConfusion(labels ...string) *Confusion {
	c := &Confusion{Labels: labels, Counts: make([][]int, len(labels))}
	for i := range c.Counts {
		c.Counts[i] = make([]int, len(labels))
	}
	return c
}

func (c *Confusion) index(label string) int {
	i := slices.Index(c.Labels, label)
	if i < 0 {
		panic(fmt.Sprintf("eval: label %q not among %q", label, c.Labels))
	}
	return i
}

// Add counts one item.
func (c *Confusion) Add(gold, predicted string) {
	c.Counts[c.index(gold)][c.index(predicted)]++
}

// reset sets every count to zero.
func (c *Confusion) reset() {
	for _, row := range c.Counts {
		clear(row)
	}
}

// Total is the number of items counted.
func (c *Confusion) Total() int {
	n := 0
	for _, row := range c.Counts {
		for _, v := range row {
			n += v
		}
	}
	return n
}

// Accuracy is the share of items predicted as their gold class; 0 when
// nothing was counted.
func (c *Confusion) Accuracy() float64 {
	right := 0
	for i := range c.Labels {
		right += c.Counts[i][i]
	}
	return ratio(right, c.Total())
}

// ClassScore is one class's precision, recall and F1 with its support (the
// number of gold items).
type ClassScore struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// Score returns the precision, recall and F1 of one class. A class never
// predicted has precision 0, one never in the gold labels recall 0, and F1
// is 0 when both are (the "zero division is zero" convention).
func (c *Confusion) Score(label string) ClassScore {
	k := c.index(label)
	tp, predicted, gold := c.Counts[k][k], 0, 0
	for i := range c.Labels {
		predicted += c.Counts[i][k]
		gold += c.Counts[k][i]
	}
	s := ClassScore{Label: label, Precision: ratio(tp, predicted), Recall: ratio(tp, gold), Support: gold}
	s.F1 = f1(s.Precision, s.Recall)
	return s
}

// Scores returns every class's score in label order.
func (c *Confusion) Scores() []ClassScore {
	out := make([]ClassScore, len(c.Labels))
	for i, l := range c.Labels {
		out[i] = c.Score(l)
	}
	return out
}

// MacroF1 is the unweighted mean of the classes' F1.
func (c *Confusion) MacroF1() float64 {
	sum := 0.0
	for _, s := range c.Scores() {
		sum += s.F1
	}
	return sum / float64(len(c.Labels))
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// round keeps four decimals, enough for any figure reported and stable in
// text output across platforms.
func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func roundScores(scores []ClassScore) []ClassScore {
	for i := range scores {
		scores[i].Precision = round(scores[i].Precision)
		scores[i].Recall = round(scores[i].Recall)
		scores[i].F1 = round(scores[i].F1)
	}
	return scores
}

// writeConfusion writes the matrix, gold classes as rows.
func writeConfusion(w io.Writer, c *Confusion) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "gold \\ predicted\t")
	for _, l := range c.Labels {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw)
	for i, l := range c.Labels {
		fmt.Fprintf(tw, "%s\t", l)
		for _, v := range c.Counts[i] {
			fmt.Fprintf(tw, "%d\t", v)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// writeScores writes each class's precision, recall, F1 and support.
func writeScores(w io.Writer, scores []ClassScore) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "class\tprecision\trecall\tF1\tsupport\t")
	for _, s := range scores {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t\n", s.Label, s.Precision, s.Recall, s.F1, s.Support)
	}
	tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
