package eval

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// CloughCategoryOf maps the relation o decides on evidence e to a
// Clough-Stevenson category. copy keeps the source's wording, as
// cut-and-paste answers do; spun follows the source passage by passage
// with words replaced, which is what light revision is (synonyms, order
// kept), unless it is rewritten in words mostly the answer's own, as heavy
// revision is (rephrased and restructured); partial finds only some
// passages: pasted when they keep the source's words as a copy does
// (exactness at o.CopyExactness), else what survives of the source in a
// heavy revision; related and unrelated are independent writing (non).
func CloughCategoryOf(o *align.Options, e wiretrace.Evidence) corpus.CloughCategory {
	switch o.Decide(e) {
	case wiretrace.Copy:
		return corpus.CloughCut
	case wiretrace.Spun:
		if o.RewordingOf(wiretrace.Spun, e) == wiretrace.Rewritten {
			return corpus.CloughHeavy
		}
		return corpus.CloughLight
	case wiretrace.Partial:
		if e.Words > 0 && e.Exactness >= o.CopyExactness {
			return corpus.CloughCut
		}
		return corpus.CloughHeavy
	}
	return corpus.CloughNon
}

// CloughResult is the engine's classification of the Clough-Stevenson
// answers.
type CloughResult struct {
	// Confusion is over cut, light, heavy and non; Binary over
	// plagiarised (any of the first three) and non. Both count the
	// answers as judged with the thresholds fitted on the other half of
	// the tasks (HeldApart): the headline figures.
	Confusion, Binary *Confusion
	HeldApart         *HeldApart
	// Shipped and ShippedBinary count them as the shipped thresholds
	// judge them.
	Shipped, ShippedBinary *Confusion
	ShippedThresholds      Thresholds
	Items                  []CloughItem
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
	// Task is the answer's task; Half its half of the tasks; Shipped the
	// category the shipped thresholds give.
	Task     string             `json:"task"`
	Half     int                `json:"half"`
	Shipped  string             `json:"shipped"`
	evidence wiretrace.Evidence // the comparison's
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
			File: a.File, Label: string(a.Category), Predicted: string(CloughCategoryOf(&eng.Align, c.Evidence)),
			Relation: c.Relation, Score: c.Score, SuspectCoverage: c.SuspectCoverage, SourceCoverage: c.SourceCoverage,
			Task: a.Task, evidence: c.Evidence,
		}, nil
	})
	if err != nil {
		return nil, err
	}
	labels := make([]string, len(corpus.CloughCategories))
	for i, c := range corpus.CloughCategories {
		labels[i] = string(c)
	}
	base := eng.Align
	res := &CloughResult{
		Confusion: NewConfusion(labels...), Binary: NewConfusion("plagiarised", "non"),
		Shipped: NewConfusion(labels...), ShippedBinary: NewConfusion("plagiarised", "non"),
		ShippedThresholds: ThresholdsOf(base), Items: items,
	}
	var tasks []string
	for _, it := range items {
		tasks = append(tasks, it.Task)
	}
	half := halves(tasks)
	task := heldTask{
		labels:  labels,
		classOf: func(o *align.Options, e wiretrace.Evidence) string { return string(CloughCategoryOf(o, e)) },
		score:   (*Confusion).Accuracy,
		base:    base,
		// Light and heavy revision are what a spun answer's rewording tells apart.
		rewritten: []float64{0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8},
	}
	held := make([]heldItem, len(items))
	for i := range items {
		it := &items[i]
		it.Half = half[it.Task]
		it.Shipped = it.Predicted
		held[i] = heldItem{half: it.Half, label: it.Label, evidence: &it.evidence}
	}
	res.HeldApart = task.run(held)
	for i := range items {
		it := &items[i]
		it.Predicted = res.HeldApart.Predicted[i]
		res.Confusion.Add(it.Label, it.Predicted)
		res.Binary.Add(binaryClough(it.Label), binaryClough(it.Predicted))
		res.Shipped.Add(it.Label, it.Shipped)
		res.ShippedBinary.Add(binaryClough(it.Label), binaryClough(it.Shipped))
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

// Figures implements Result, held apart (see HeldApart): accuracy
// (4-class), binary_accuracy, macro_f1 (4-class), binary_macro_f1,
// CATEGORY_f1, fold0_held and fold1_held (each half's 4-class accuracy
// under the thresholds fitted on the other); shipped_accuracy and
// shipped_binary_accuracy under the shipped thresholds; and answers.
func (r *CloughResult) Figures() map[string]float64 {
	f := map[string]float64{
		"fold0_held":              r.HeldApart.Folds[0].Held,
		"fold1_held":              r.HeldApart.Folds[1].Held,
		"shipped_accuracy":        round(r.Shipped.Accuracy()),
		"shipped_binary_accuracy": round(r.ShippedBinary.Accuracy()),
		"answers":                 float64(r.Confusion.Total()),
		"accuracy":                round(r.Confusion.Accuracy()),
		"binary_accuracy":         round(r.Binary.Accuracy()),
		"macro_f1":                round(r.Confusion.MacroF1()),
		"binary_macro_f1":         round(r.Binary.MacroF1()),
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
		HeldApart *HeldApart         `json:"held_apart"`
		Shipped   *Confusion         `json:"shipped_confusion"`
		Items     []CloughItem       `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), r.Confusion, roundScores(r.Confusion.Scores()), r.HeldApart, r.Shipped, nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *CloughResult) WriteText(w io.Writer, details bool) error {
	f := r.Figures()
	fmt.Fprintf(w, "Clough-Stevenson: %d answers compared with their task's source\n", r.Confusion.Total())
	fmt.Fprintf(w, "held apart: the tasks in two halves; each half judged with the thresholds fitted on the other\n\n")
	writeConfusion(w, r.Confusion)
	fmt.Fprintln(w)
	writeScores(w, r.Confusion.Scores())
	fmt.Fprintln(w)
	if err := writeFolds(w, "accuracy", r.HeldApart); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "4-class accuracy    %.3f  (held apart; macro-F1 %.3f)\n", f["accuracy"], f["macro_f1"])
	fmt.Fprintf(w, "binary accuracy     %.3f  (held apart; plagiarised vs non, macro-F1 %.3f)\n", f["binary_accuracy"], f["binary_macro_f1"])
	fmt.Fprintf(w, "shipped thresholds  %.3f / %.3f  (4-class / binary accuracy; %s)\n", f["shipped_accuracy"], f["shipped_binary_accuracy"], r.ShippedThresholds)
	if details {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "label\tpredicted\tshipped\thalf\trelation\tscore\tsuspect cov\tsource cov\tevidence\tfile")
		for _, it := range r.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%.3f\t%.3f\t%.3f\t%.3f/%.2f/%d\t%s\n", it.Label, it.Predicted, it.Shipped, it.Half, it.Relation, it.Score, it.SuspectCoverage, it.SourceCoverage, it.evidence.Coverage, it.evidence.Exactness, it.evidence.Words, it.File)
		}
		return tw.Flush()
	}
	return nil
}
