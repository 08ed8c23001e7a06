package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// MeterClassOf maps the engine's relation to a METER class: copy and spun
// say the story is the wire copy, reworded or not (wholly derived); partial
// says some of its passages are (partially derived); related and unrelated
// say it was written independently (non-derived).
func MeterClassOf(r wiretrace.Relation) corpus.MeterClass {
	switch r {
	case wiretrace.Copy, wiretrace.Spun:
		return corpus.MeterWholly
	case wiretrace.Partial:
		return corpus.MeterPartially
	}
	return corpus.MeterNon
}

// MeterResult is the engine's classification of METER's newspaper stories.
type MeterResult struct {
	// Sources is how many PA files were indexed.
	Sources int
	// Confusion is over wholly, partially and non-derived; Binary over
	// derived (wholly or partially) and non-derived.
	Confusion, Binary *Confusion
	// Derived counts the derived stories; Top1 and Top5 those with a PA
	// file of their own DATE/CATCHLINE ranked first, or among the first
	// five.
	Derived, Top1, Top5 int
	Items               []MeterItem
}

// MeterItem is the check of one story.
type MeterItem struct {
	Story     string `json:"story"`
	Label     string `json:"label"`
	Predicted string `json:"predicted"`
	// Relation, Score and SuspectCoverage are the top match's; Relation is
	// empty when nothing matched.
	Relation        wiretrace.Relation `json:"relation,omitempty"`
	Score           float64            `json:"score"`
	SuspectCoverage float64            `json:"suspect_coverage"`
	// Source is the top match's PA file.
	Source string `json:"source,omitempty"`
	// SourceRank is the rank, from 1, of the first match from the story's
	// own DATE/CATCHLINE folder; 0 when none matched.
	SourceRank int `json:"source_rank"`
	Matches    int `json:"matches"`
}

// Meter indexes every PA file of the METER corpus in dir into store, checks
// each labelled newspaper story against the whole index as a user would
// (wiretrace check), and scores the top match's relation against the label.
// A story with no match is non-derived. The store must be empty.
func Meter(ctx context.Context, dir string, store wiretrace.Store, opts Options) (*MeterResult, error) {
	eng := engine.New(store, opts.engine())
	// Texts repeated in the collection are stored once: the stored ID
	// stands for every topic the text was filed under.
	topics := map[string][]string{}
	res := &MeterResult{
		Confusion: NewConfusion(string(corpus.MeterWholly), string(corpus.MeterPartially), string(corpus.MeterNon)),
		Binary:    NewConfusion("derived", "non"),
	}
	// Sources are added in corpus order, one at a time, so that the same
	// file wins every run when two texts are the same.
	for s, err := range corpus.MeterSources(dir) {
		if err != nil {
			return nil, err
		}
		added, err := eng.AddOne(ctx, wiretrace.Article{ID: s.Name, Text: s.Text})
		if err != nil {
			return nil, fmt.Errorf("meter: index %s: %w", s.Name, err)
		}
		if !slices.Contains(topics[added.ID], s.Topic()) {
			topics[added.ID] = append(topics[added.ID], s.Topic())
		}
		res.Sources++
	}
	if err := store.Sync(); err != nil {
		return nil, fmt.Errorf("meter: %w", err)
	}
	stories, err := collect(corpus.MeterStories(dir))
	if err != nil {
		return nil, err
	}
	items, err := parallel(ctx, len(stories), opts.Workers, func(ctx context.Context, i int) (MeterItem, error) {
		s := stories[i]
		it := MeterItem{Story: s.Name, Label: string(s.Class), Predicted: string(corpus.MeterNon)}
		matches, err := eng.Check(ctx, wiretrace.Article{Text: s.Text}, engine.CheckOptions{})
		if errors.Is(err, wiretrace.ErrEmptyText) {
			return it, nil
		}
		if err != nil {
			return it, fmt.Errorf("meter: check %s: %w", s.Name, err)
		}
		it.Matches = len(matches)
		if len(matches) == 0 {
			return it, nil
		}
		top := matches[0]
		it.Predicted = string(MeterClassOf(top.Relation))
		it.Relation, it.Score, it.SuspectCoverage, it.Source = top.Relation, top.Score, top.SuspectCoverage, top.ID
		for k, m := range matches {
			if slices.Contains(topics[m.ID], s.Topic()) {
				it.SourceRank = k + 1
				break
			}
		}
		return it, nil
	})
	if err != nil {
		return nil, err
	}
	res.Items = items
	for _, it := range items {
		res.Confusion.Add(it.Label, it.Predicted)
		res.Binary.Add(binaryMeter(it.Label), binaryMeter(it.Predicted))
		if it.Label != string(corpus.MeterNon) {
			res.Derived++
			if it.SourceRank == 1 {
				res.Top1++
			}
			if it.SourceRank >= 1 && it.SourceRank <= 5 {
				res.Top5++
			}
		}
	}
	return res, nil
}

func binaryMeter(class string) string {
	if class == string(corpus.MeterNon) {
		return "non"
	}
	return "derived"
}

// Corpus implements Result.
func (r *MeterResult) Corpus() string { return "meter" }

// Figures implements Result: macro_f1 (3-class), binary_macro_f1 (mean F1
// of derived and non-derived), derived_f1, accuracy, binary_accuracy,
// CLASS_precision, CLASS_recall and CLASS_f1 for each class,
// retrieval_at_1, retrieval_at_5, stories and sources.
func (r *MeterResult) Figures() map[string]float64 {
	f := map[string]float64{
		"stories":         float64(r.Confusion.Total()),
		"sources":         float64(r.Sources),
		"accuracy":        round(r.Confusion.Accuracy()),
		"macro_f1":        round(r.Confusion.MacroF1()),
		"derived_f1":      round(r.Binary.Score("derived").F1),
		"binary_macro_f1": round(r.Binary.MacroF1()),
		"binary_accuracy": round(r.Binary.Accuracy()),
		"retrieval_at_1":  round(ratio(r.Top1, r.Derived)),
		"retrieval_at_5":  round(ratio(r.Top5, r.Derived)),
	}
	for _, s := range r.Confusion.Scores() {
		f[s.Label+"_precision"] = round(s.Precision)
		f[s.Label+"_recall"] = round(s.Recall)
		f[s.Label+"_f1"] = round(s.F1)
	}
	return f
}

// JSON implements Result.
func (r *MeterResult) JSON(details bool) any {
	v := struct {
		Corpus    string             `json:"corpus"`
		Metrics   map[string]float64 `json:"metrics"`
		Confusion *Confusion         `json:"confusion"`
		Classes   []ClassScore       `json:"classes"`
		Items     []MeterItem        `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), r.Confusion, roundScores(r.Confusion.Scores()), nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *MeterResult) WriteText(w io.Writer, details bool) error {
	f := r.Figures()
	fmt.Fprintf(w, "METER: %d labelled newspaper stories checked against %d PA files\n\n", r.Confusion.Total(), r.Sources)
	writeConfusion(w, r.Confusion)
	fmt.Fprintln(w)
	writeScores(w, r.Confusion.Scores())
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "3-class macro-F1\t%.3f\t(accuracy %.3f)\n", f["macro_f1"], f["accuracy"])
	fmt.Fprintf(tw, "derived-class F1\t%.3f\n", f["derived_f1"])
	fmt.Fprintf(tw, "binary macro-F1\t%.3f\t(accuracy %.3f)\n", f["binary_macro_f1"], f["binary_accuracy"])
	fmt.Fprintf(tw, "source retrieval\t%.3f\ttop-1, %.3f top-5, of %d derived stories\n", f["retrieval_at_1"], f["retrieval_at_5"], r.Derived)
	if err := tw.Flush(); err != nil {
		return err
	}
	if details {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "label\tpredicted\trelation\tscore\tcoverage\trank\tstory\ttop source")
		for _, it := range r.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%.3f\t%d\t%s\t%s\n", it.Label, it.Predicted, orDash(string(it.Relation)), it.Score, it.SuspectCoverage, it.SourceRank, it.Story, orDash(it.Source))
		}
		return tw.Flush()
	}
	return nil
}
