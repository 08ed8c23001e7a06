package eval

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// MSRPResult is the engine's paraphrase judgement on MSRP sentence pairs: a
// pair is a paraphrase when the relation says the second sentence derives
// from the first (copy, spun or partial).
type MSRPResult struct {
	// Confusion is over "paraphrase" and "different".
	Confusion *Confusion
	Items     []MSRPItem
}

// MSRPItem is the comparison of one sentence pair.
type MSRPItem struct {
	Line       int                `json:"line"`
	ID1        string             `json:"id1"`
	ID2        string             `json:"id2"`
	Paraphrase bool               `json:"paraphrase"`
	Relation   wiretrace.Relation `json:"relation"`
	Score      float64            `json:"score"`
}

// MSRP compares each sentence pair of the MSRP file name, the first
// sentence as the source and the second as the suspect.
func MSRP(ctx context.Context, name string, opts Options) (*MSRPResult, error) {
	pairs, err := collect(corpus.MSRP(name))
	if err != nil {
		return nil, err
	}
	eng := opts.engine()
	items, err := parallel(ctx, len(pairs), opts.Workers, func(ctx context.Context, i int) (MSRPItem, error) {
		p := pairs[i]
		c := eng.Compare(engine.Prepare(p.Sentence1), engine.Prepare(p.Sentence2))
		return MSRPItem{Line: p.Line, ID1: p.ID1, ID2: p.ID2, Paraphrase: p.Paraphrase, Relation: c.Relation, Score: c.Score}, nil
	})
	if err != nil {
		return nil, err
	}
	res := &MSRPResult{Confusion: NewConfusion("paraphrase", "different"), Items: items}
	for _, it := range items {
		res.Confusion.Add(msrpClass(it.Paraphrase), msrpClass(it.Relation.Derived()))
	}
	return res, nil
}

func msrpClass(paraphrase bool) string {
	if paraphrase {
		return "paraphrase"
	}
	return "different"
}

// Corpus implements Result.
func (r *MSRPResult) Corpus() string { return "msrp" }

// Figures implements Result: f1, precision and recall of the paraphrase
// class, accuracy and pairs.
func (r *MSRPResult) Figures() map[string]float64 {
	s := r.Confusion.Score("paraphrase")
	return map[string]float64{
		"pairs":     float64(r.Confusion.Total()),
		"f1":        round(s.F1),
		"precision": round(s.Precision),
		"recall":    round(s.Recall),
		"accuracy":  round(r.Confusion.Accuracy()),
	}
}

// JSON implements Result.
func (r *MSRPResult) JSON(details bool) any {
	v := struct {
		Corpus    string             `json:"corpus"`
		Metrics   map[string]float64 `json:"metrics"`
		Confusion *Confusion         `json:"confusion"`
		Items     []MSRPItem         `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), r.Confusion, nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *MSRPResult) WriteText(w io.Writer, details bool) error {
	f := r.Figures()
	fmt.Fprintf(w, "MSRP: %d sentence pairs compared\n\n", r.Confusion.Total())
	writeConfusion(w, r.Confusion)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "paraphrase F1  %.3f  (precision %.3f, recall %.3f)\n", f["f1"], f["precision"], f["recall"])
	fmt.Fprintf(w, "accuracy       %.3f\n", f["accuracy"])
	if details {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "line\tlabel\trelation\tscore\tid1\tid2")
		for _, it := range r.Items {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%.3f\t%s\t%s\n", it.Line, msrpClass(it.Paraphrase), it.Relation, it.Score, it.ID1, it.ID2)
		}
		return tw.Flush()
	}
	return nil
}
