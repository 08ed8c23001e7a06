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

// CloughCategoryOf maps the engine's relation to a Clough-Stevenson
// category. copy keeps the source's wording, as cut-and-paste answers do;
// spun follows the source passage by passage with words replaced, which is
// what light revision is (synonyms, order kept); partial finds only some
// passages, which is what survives of the source in a heavy revision
// (rephrased and restructured); related and unrelated are independent
// writing (non).
func CloughCategoryOf(r wiretrace.Relation) corpus.CloughCategory {
	switch r {
	case wiretrace.Copy:
		return corpus.CloughCut
	case wiretrace.Spun:
		return corpus.CloughLight
	case wiretrace.Partial:
		return corpus.CloughHeavy
	}
	return corpus.CloughNon
}

// CloughResult is the engine's classification of the Clough-Stevenson
// answers.
type CloughResult struct {
	// Confusion is over cut, light, heavy and non; Binary over
	// plagiarised (any of the first three) and non.
	Confusion, Binary *Confusion
	Items             []CloughItem
}

// CloughItem is the comparison of one answer with its task's source.
type CloughItem struct {
	File            string             `json:"file"`
	Label           string             `json:"label"`
	Predicted       string             `json:"predicted"`
	Relation        wiretrace.Relation `json:"relation"`
	Score           float64            `json:"score"`
	SuspectCoverage float64            `json:"suspect_coverage"`
	SourceCoverage  float64            `json:"source_coverage"`
}

// Clough compares every answer of the Clough-Stevenson corpus in dir with
// its task's source (source first, answer as the suspect) and scores the
// relation against the category.
func Clough(ctx context.Context, dir string, opts Options) (*CloughResult, error) {
	answers, err := collect(corpus.Clough(dir))
	if err != nil {
		return nil, err
	}
	eng := opts.engine()
	items, err := parallel(ctx, len(answers), opts.Workers, func(ctx context.Context, i int) (CloughItem, error) {
		a := answers[i]
		c := eng.Compare(engine.Prepare(a.Source), engine.Prepare(a.Text))
		return CloughItem{
			File: a.File, Label: string(a.Category), Predicted: string(CloughCategoryOf(c.Relation)),
			Relation: c.Relation, Score: c.Score, SuspectCoverage: c.SuspectCoverage, SourceCoverage: c.SourceCoverage,
		}, nil
	})
	if err != nil {
		return nil, err
	}
	labels := make([]string, len(corpus.CloughCategories))
	for i, c := range corpus.CloughCategories {
		labels[i] = string(c)
	}
	res := &CloughResult{Confusion: NewConfusion(labels...), Binary: NewConfusion("plagiarised", "non"), Items: items}
	for _, it := range items {
		res.Confusion.Add(it.Label, it.Predicted)
		res.Binary.Add(binaryClough(it.Label), binaryClough(it.Predicted))
	}
	return res, nil
}

func binaryClough(category string) string {
	if category == string(corpus.CloughNon) {
		return "non"
	}
	return "plagiarised"
}

// Corpus implements Result.
func (r *CloughResult) Corpus() string { return "clough" }

// Figures implements Result: accuracy (4-class), binary_accuracy,
// macro_f1 (4-class), binary_macro_f1, CATEGORY_f1 and answers.
func (r *CloughResult) Figures() map[string]float64 {
	f := map[string]float64{
		"answers":         float64(r.Confusion.Total()),
		"accuracy":        round(r.Confusion.Accuracy()),
		"binary_accuracy": round(r.Binary.Accuracy()),
		"macro_f1":        round(r.Confusion.MacroF1()),
		"binary_macro_f1": round(r.Binary.MacroF1()),
	}
	for _, s := range r.Confusion.Scores() {
		f[s.Label+"_f1"] = round(s.F1)
	}
	return f
}

// JSON implements Result.
func (r *CloughResult) JSON(details bool) any {
	v := struct {
		Corpus    string             `json:"corpus"`
		Metrics   map[string]float64 `json:"metrics"`
		Confusion *Confusion         `json:"confusion"`
		Classes   []ClassScore       `json:"classes"`
		Items     []CloughItem       `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), r.Confusion, roundScores(r.Confusion.Scores()), nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *CloughResult) WriteText(w io.Writer, details bool) error {
	f := r.Figures()
	fmt.Fprintf(w, "Clough-Stevenson: %d answers compared with their task's source\n\n", r.Confusion.Total())
	writeConfusion(w, r.Confusion)
	fmt.Fprintln(w)
	writeScores(w, r.Confusion.Scores())
	fmt.Fprintln(w)
	fmt.Fprintf(w, "4-class accuracy  %.3f  (macro-F1 %.3f)\n", f["accuracy"], f["macro_f1"])
	fmt.Fprintf(w, "binary accuracy   %.3f  (plagiarised vs non, macro-F1 %.3f)\n", f["binary_accuracy"], f["binary_macro_f1"])
	if details {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "label\tpredicted\trelation\tscore\tsuspect cov\tsource cov\tfile")
		for _, it := range r.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%s\n", it.Label, it.Predicted, it.Relation, it.Score, it.SuspectCoverage, it.SourceCoverage, it.File)
		}
		return tw.Flush()
	}
	return nil
}
