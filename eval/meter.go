package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
	"github.com/wiretrace/wiretrace/text"
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
	// derived (wholly or partially) and non-derived. Both count the
	// courts stories as judged with the thresholds fitted on the other
	// half of the catchlines (HeldApart): the headline figures.
	Confusion, Binary *Confusion
	// HeldApart is the protocol's outcome on the courts stories.
	HeldApart *HeldApart
	// Shipped and ShippedBinary count the courts stories as the engine's
	// shipped thresholds judge them.
	Shipped, ShippedBinary *Confusion
	// Short is the anchor of a rule on the story's length alone (short
	// stories are wholly derived, long ones non-derived), fitted and
	// reported by the same protocol.
	Short *Confusion
	// Unseen counts, per other domain (showbiz), its stories as judged
	// with the thresholds fitted on all of courts.
	Unseen map[string]*Confusion
	// ShippedThresholds are those the engine ships with.
	ShippedThresholds Thresholds
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
	// Half is the story's half of the catchlines (0 or 1), -1 outside
	// courts; Shipped the class the shipped thresholds give; Words the
	// story's length.
	Half    int    `json:"half"`
	Shipped string `json:"shipped"`
	Words   int    `json:"words"`
	// Domain is the story's METER domain.
	Domain string `json:"domain"`
	// Evidence is the top match's, what the relation was decided on;
	// Containment its share of the story's words in runs the PA file holds.
	Evidence    *wiretrace.Evidence `json:"evidence,omitempty"`
	Containment float64             `json:"containment"`
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
	res := &MeterResult{}
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
		it := MeterItem{Story: s.Name, Label: string(s.Class), Predicted: string(corpus.MeterNon), Domain: s.Domain, Half: -1}
		it.Words = len(text.Tokenize(s.Text))
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
		it.Evidence, it.Containment = &top.Evidence, top.Containment
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
	res.score(eng.Options().Align)
	return res, nil
}

// meterCourts is the domain the protocol splits; stories of any other
// domain are unseen material.
const meterCourts = "courts"

// score judges the items by the held-apart protocol (courts), the shipped
// thresholds and the length anchor, and fills the figures.
func (res *MeterResult) score(base align.Options) {
	labels := []string{string(corpus.MeterWholly), string(corpus.MeterPartially), string(corpus.MeterNon)}
	res.Confusion, res.Binary = NewConfusion(labels...), NewConfusion("derived", "non")
	res.Shipped, res.ShippedBinary = NewConfusion(labels...), NewConfusion("derived", "non")
	res.Short = NewConfusion(labels...)
	res.Unseen = map[string]*Confusion{}
	res.ShippedThresholds = ThresholdsOf(base)
	var groups []string
	for _, it := range res.Items {
		if it.Domain == meterCourts {
			groups = append(groups, topicOf(it.Story))
		}
	}
	half := halves(groups)
	task := heldTask{
		labels:  labels,
		classOf: func(o *align.Options, e wiretrace.Evidence) string { return string(MeterClassOf(o.Decide(e))) },
		none:    string(corpus.MeterNon),
		score:   (*Confusion).MacroF1,
		base:    base,
	}
	var held []heldItem
	var courts []int
	for i := range res.Items {
		it := &res.Items[i]
		it.Shipped = task.predict(&base, heldItem{evidence: it.Evidence})
		if it.Domain != meterCourts {
			continue
		}
		it.Half = half[topicOf(it.Story)]
		held = append(held, heldItem{half: it.Half, label: it.Label, evidence: it.Evidence})
		courts = append(courts, i)
	}
	res.HeldApart = task.run(held)
	short := fitLength(res.Items, courts)
	all := res.HeldApart.All.apply(base)
	for k, i := range courts {
		it := &res.Items[i]
		it.Predicted = res.HeldApart.Predicted[k]
		res.Short.Add(it.Label, short[k])
	}
	for i := range res.Items {
		it := &res.Items[i]
		if it.Domain != meterCourts {
			it.Predicted = task.predict(&all, heldItem{evidence: it.Evidence})
			if res.Unseen[it.Domain] == nil {
				res.Unseen[it.Domain] = NewConfusion(labels...)
			}
			res.Unseen[it.Domain].Add(it.Label, it.Predicted)
			continue
		}
		res.Confusion.Add(it.Label, it.Predicted)
		res.Binary.Add(binaryMeter(it.Label), binaryMeter(it.Predicted))
		res.Shipped.Add(it.Label, it.Shipped)
		res.ShippedBinary.Add(binaryMeter(it.Label), binaryMeter(it.Shipped))
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
}

// fitLength is the length anchor: a story of fewer than a words is wholly
// derived, of fewer than b partially, else non-derived, with a and b
// fitted on one half of the courts stories (indices courts of items) and
// applied to the other. It returns the held-apart class of each.
func fitLength(items []MeterItem, courts []int) []string {
	out := make([]string, len(courts))
	classOf := func(words, a, b int) string {
		switch {
		case words < a:
			return string(corpus.MeterWholly)
		case words < b:
			return string(corpus.MeterPartially)
		}
		return string(corpus.MeterNon)
	}
	labels := []string{string(corpus.MeterWholly), string(corpus.MeterPartially), string(corpus.MeterNon)}
	for half := range 2 {
		bestA, bestB, best := 0, 0, -1.0
		for a := 0; a <= 1500; a += 10 {
			for b := a; b <= 1500; b += 10 {
				c := NewConfusion(labels...)
				for _, i := range courts {
					if items[i].Half == half {
						c.Add(items[i].Label, classOf(items[i].Words, a, b))
					}
				}
				if s := c.MacroF1(); s > best {
					bestA, bestB, best = a, b, s
				}
			}
		}
		for k, i := range courts {
			if items[i].Half != half {
				out[k] = classOf(items[i].Words, bestA, bestB)
			}
		}
	}
	return out
}

// topicOf returns DOMAIN/DATE/CATCHLINE of a story's corpus path.
func topicOf(story string) string {
	dir := path.Dir(story)
	return strings.TrimPrefix(dir, "newspapers/rawtexts/")
}

func binaryMeter(class string) string {
	if class == string(corpus.MeterNon) {
		return "non"
	}
	return "derived"
}

// Corpus implements Result.
func (r *MeterResult) Corpus() string { return "meter" }

// Figures implements Result. The headline figures are held apart (see
// HeldApart): macro_f1 (3-class), binary_macro_f1 (mean F1 of derived and
// non-derived), derived_f1, accuracy, binary_accuracy, CLASS_precision,
// CLASS_recall and CLASS_f1 for each class, and fold0_held and fold1_held
// (each half's 3-class macro-F1 under the thresholds fitted on the other).
// shipped_macro_f1 and shipped_binary_macro_f1 are the shipped
// thresholds' on all courts stories; short_macro_f1 and
// short_binary_macro_f1 the length anchor's, held apart;
// DOMAIN_macro_f1 and DOMAIN_binary_macro_f1 an unseen domain's.
// retrieval_at_1, retrieval_at_5, stories and sources complete them.
func (r *MeterResult) Figures() map[string]float64 {
	f := map[string]float64{
		"stories":                 float64(r.Confusion.Total()),
		"sources":                 float64(r.Sources),
		"accuracy":                round(r.Confusion.Accuracy()),
		"macro_f1":                round(r.Confusion.MacroF1()),
		"derived_f1":              round(r.Binary.Score("derived").F1),
		"binary_macro_f1":         round(r.Binary.MacroF1()),
		"binary_accuracy":         round(r.Binary.Accuracy()),
		"fold0_held":              r.HeldApart.Folds[0].Held,
		"fold1_held":              r.HeldApart.Folds[1].Held,
		"shipped_macro_f1":        round(r.Shipped.MacroF1()),
		"shipped_binary_macro_f1": round(r.ShippedBinary.MacroF1()),
		"short_macro_f1":          round(r.Short.MacroF1()),
		"short_binary_macro_f1":   round(binaryOf(r.Short).MacroF1()),
		"retrieval_at_1":          round(ratio(r.Top1, r.Derived)),
		"retrieval_at_5":          round(ratio(r.Top5, r.Derived)),
	}
	for _, s := range r.Confusion.Scores() {
		f[s.Label+"_precision"] = round(s.Precision)
		f[s.Label+"_recall"] = round(s.Recall)
		f[s.Label+"_f1"] = round(s.F1)
	}
	for d, c := range r.Unseen {
		f[d+"_macro_f1"] = round(c.MacroF1())
		f[d+"_binary_macro_f1"] = round(binaryOf(c).MacroF1())
	}
	return f
}

// binaryOf folds a 3-class METER matrix into derived and non-derived.
func binaryOf(c *Confusion) *Confusion {
	b := NewConfusion("derived", "non")
	for g, row := range c.Counts {
		for p, n := range row {
			for range n {
				b.Add(binaryMeter(c.Labels[g]), binaryMeter(c.Labels[p]))
			}
		}
	}
	return b
}

// JSON implements Result.
func (r *MeterResult) JSON(details bool) any {
	v := struct {
		Corpus    string                `json:"corpus"`
		Metrics   map[string]float64    `json:"metrics"`
		Confusion *Confusion            `json:"confusion"`
		Classes   []ClassScore          `json:"classes"`
		HeldApart *HeldApart            `json:"held_apart"`
		Shipped   *Confusion            `json:"shipped_confusion"`
		Unseen    map[string]*Confusion `json:"unseen,omitempty"`
		Items     []MeterItem           `json:"items,omitempty"`
	}{r.Corpus(), r.Figures(), r.Confusion, roundScores(r.Confusion.Scores()), r.HeldApart, r.Shipped, r.Unseen, nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *MeterResult) WriteText(w io.Writer, details bool) error {
	f := r.Figures()
	fmt.Fprintf(w, "METER: %d labelled courts stories checked against %d PA files\n", r.Confusion.Total(), r.Sources)
	fmt.Fprintf(w, "held apart: the catchlines in two halves; each half judged with the thresholds fitted on the other\n\n")
	writeConfusion(w, r.Confusion)
	fmt.Fprintln(w)
	writeScores(w, r.Confusion.Scores())
	fmt.Fprintln(w)
	if err := writeFolds(w, "macro-F1", r.HeldApart); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "3-class macro-F1\t%.3f\t(held apart; accuracy %.3f)\n", f["macro_f1"], f["accuracy"])
	fmt.Fprintf(tw, "binary macro-F1\t%.3f\t(held apart; accuracy %.3f)\n", f["binary_macro_f1"], f["binary_accuracy"])
	fmt.Fprintf(tw, "derived-class F1\t%.3f\n", f["derived_f1"])
	fmt.Fprintf(tw, "shipped thresholds\t%.3f / %.3f\t(3-class / binary, all courts stories; %s)\n", f["shipped_macro_f1"], f["shipped_binary_macro_f1"], r.ShippedThresholds)
	fmt.Fprintf(tw, "anchor: length alone\t%.3f / %.3f\t(short stories wholly derived, held apart)\n", f["short_macro_f1"], f["short_binary_macro_f1"])
	for _, d := range sortedKeys(r.Unseen) {
		fmt.Fprintf(tw, "unseen domain %s\t%.3f / %.3f\t(%d stories, thresholds fitted on all courts: %s)\n", d, f[d+"_macro_f1"], f[d+"_binary_macro_f1"], r.Unseen[d].Total(), r.HeldApart.All)
	}
	fmt.Fprintf(tw, "source retrieval\t%.3f\ttop-1, %.3f top-5, of %d derived stories\n", f["retrieval_at_1"], f["retrieval_at_5"], r.Derived)
	if err := tw.Flush(); err != nil {
		return err
	}
	if details {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "label\tpredicted\tshipped\thalf\trelation\tscore\tcoverage\tevidence\tphrases\twords\trank\tstory\ttop source")
		for _, it := range r.Items {
			var ev wiretrace.Evidence
			if it.Evidence != nil {
				ev = *it.Evidence
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%.3f\t%.3f\t%.3f/%d\t%.3f\t%d\t%d\t%s\t%s\n", it.Label, it.Predicted, it.Shipped, it.Half, orDash(string(it.Relation)), it.Score, it.SuspectCoverage, ev.Coverage, ev.Words, ev.Contained, it.Words, it.SourceRank, it.Story, orDash(it.Source))
		}
		return tw.Flush()
	}
	return nil
}
