package eval

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// PANResult is PAN's plagdet over a text-alignment corpus, overall and per
// part, and the same over each half of the pairs.
type PANResult struct {
	Overall PlagdetScore
	Parts   []PANPart
	Items   []PANItem
	// Chosen and HeldApart score the two halves of each part's pairs: the
	// second, fourth, ... pair of each part in the corpus's order, on
	// which the condensations' settings (align.Options CondenseGap,
	// CondenseRatio, CondenseSimilarity, CondenseWhole) and NameRun were
	// chosen, and the first, third, ... on which they are reported. PAN's
	// other settings were chosen on all of it.
	Chosen, HeldApart PANHalf
}

// PANHalf is plagdet over half of a corpus's pairs, overall and per part.
type PANHalf struct {
	Overall PlagdetScore
	Parts   []PANPart
}

// PANPart is the plagdet of one part's pairs. A part without plagiarism
// (01) has no cases: its figures are 1 when nothing was detected and 0
// otherwise, and its detections are what it tells.
type PANPart struct {
	Name  string `json:"name"`
	Pairs int    `json:"pairs"`
	PlagdetScore
}

// PANItem is the comparison of one pair.
type PANItem struct {
	Part       string             `json:"part"`
	Suspicious string             `json:"suspicious"`
	Source     string             `json:"source"`
	Relation   wiretrace.Relation `json:"relation"`
	Score      float64            `json:"score"`
	Cases      int                `json:"cases"`
	// Detections are the passages, in characters as PAN counts.
	Detections []Annotation `json:"detections"`
	// Plagdet is the pair's own score (1 for a pair with neither cases
	// nor detections).
	Plagdet float64 `json:"plagdet"`
	cases   []Annotation
}

// PAN compares every pair of the PAN text-alignment corpus in dir as
// wiretrace compare does and takes the passages as detections, whatever the
// relation: the passages are what the engine shows a user, each
// condensation (see wiretrace.Condensation) in the place of the passages it
// joins. Passage offsets
// are bytes; PAN counts characters, so they are converted.
func PAN(ctx context.Context, dir string, opts Options) (*PANResult, error) {
	pairs, err := collect(corpus.PAN(dir))
	if err != nil {
		return nil, err
	}
	eng := opts.engine()
	items, err := parallel(ctx, len(pairs), opts.Workers, func(ctx context.Context, i int) (PANItem, error) {
		p := pairs[i]
		it := PANItem{Part: p.Part, Suspicious: p.Suspicious, Source: p.Source, Cases: len(p.Cases), Detections: []Annotation{}}
		susp, src, err := p.Texts()
		if err != nil {
			return it, fmt.Errorf("pan: %w", err)
		}
		c := eng.Compare(engine.Prepare(src), engine.Prepare(susp))
		it.Relation, it.Score = c.Relation, c.Score
		suspChars, srcChars := newCharIndex(susp), newCharIndex(src)
		detect := func(suspStart, suspEnd, srcStart, srcEnd int) {
			so, sl := suspChars.span(suspStart, suspEnd)
			ro, rl := srcChars.span(srcStart, srcEnd)
			it.Detections = append(it.Detections, Annotation{
				Suspicious: p.Suspicious, SuspiciousOffset: so, SuspiciousLength: sl,
				Source: p.Source, SourceOffset: ro, SourceLength: rl,
			})
		}
		// A condensation is one detection, in the place of its passages:
		// the engine says that stretch of the suspect condenses that of
		// the source.
		joined := make([]bool, len(c.Passages))
		for _, k := range c.Condensations {
			detect(k.SuspectStart, k.SuspectEnd, k.SourceStart, k.SourceEnd)
			for _, i := range k.Passages {
				joined[i] = true
			}
		}
		for i, ps := range c.Passages {
			if !joined[i] {
				detect(ps.SuspectStart, ps.SuspectEnd, ps.SourceStart, ps.SourceEnd)
			}
		}
		for _, k := range p.Cases {
			it.cases = append(it.cases, Annotation{
				Suspicious: p.Suspicious, SuspiciousOffset: k.SuspiciousOffset, SuspiciousLength: k.SuspiciousLength,
				Source: k.Source, SourceOffset: k.SourceOffset, SourceLength: k.SourceLength,
			})
		}
		it.Plagdet = round(Plagdet(it.cases, it.Detections).Plagdet)
		return it, nil
	})
	if err != nil {
		return nil, err
	}
	res := &PANResult{Items: items}
	all := scorePAN(items, func(int) bool { return true })
	res.Overall, res.Parts = all.Overall, all.Parts
	res.Chosen = scorePAN(items, func(k int) bool { return k%2 == 1 })
	res.HeldApart = scorePAN(items, func(k int) bool { return k%2 == 0 })
	return res, nil
}

// scorePAN scores the items (in the corpus's order, each part's together)
// whose place within their part, counted from 0, keep accepts.
func scorePAN(items []PANItem, keep func(k int) bool) PANHalf {
	var h PANHalf
	var allCases, allDets []Annotation
	var part PANPart
	var partCases, partDets []Annotation
	k := 0
	flush := func() {
		if part.Name == "" {
			return
		}
		part.PlagdetScore = Plagdet(partCases, partDets)
		h.Parts = append(h.Parts, part)
	}
	for _, it := range items {
		if it.Part != part.Name {
			flush()
			part, partCases, partDets, k = PANPart{Name: it.Part}, nil, nil, 0
		}
		k++
		if !keep(k - 1) {
			continue
		}
		part.Pairs++
		partCases = append(partCases, it.cases...)
		partDets = append(partDets, it.Detections...)
		allCases = append(allCases, it.cases...)
		allDets = append(allDets, it.Detections...)
	}
	flush()
	h.Overall = Plagdet(allCases, allDets)
	return h
}

// charIndex converts byte offsets of a UTF-8 text to character offsets.
type charIndex struct {
	text  string
	ascii bool
}

func newCharIndex(s string) charIndex {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return charIndex{s, ascii}
}

func (c charIndex) offset(b int) int {
	if c.ascii {
		return b
	}
	return utf8.RuneCountInString(c.text[:b])
}

// span returns the character offset and length of bytes [start, end).
func (c charIndex) span(start, end int) (int, int) {
	o := c.offset(start)
	if c.ascii {
		return o, end - start
	}
	return o, utf8.RuneCountInString(c.text[start:end])
}

// Corpus implements Result.
func (r *PANResult) Corpus() string { return "pan" }

// Figures implements Result: plagdet, precision, recall, granularity,
// cases and detections over all pairs, and the same per part as
// "PART.plagdet" (e.g. "03-random-obfuscation.recall").
func (r *PANResult) Figures() map[string]float64 {
	f := map[string]float64{}
	put := func(prefix string, s PlagdetScore) {
		f[prefix+"plagdet"] = round(s.Plagdet)
		f[prefix+"precision"] = round(s.Precision)
		f[prefix+"recall"] = round(s.Recall)
		f[prefix+"granularity"] = round(s.Granularity)
		f[prefix+"cases"] = float64(s.Cases)
		f[prefix+"detections"] = float64(s.Detections)
	}
	put("", r.Overall)
	f["pairs"] = float64(len(r.Items))
	for _, p := range r.Parts {
		put(p.Name+".", p.PlagdetScore)
		f[p.Name+".pairs"] = float64(p.Pairs)
	}
	for prefix, h := range map[string]PANHalf{"held_apart.": r.HeldApart, "chosen.": r.Chosen} {
		put(prefix, h.Overall)
		for _, p := range h.Parts {
			put(prefix+p.Name+".", p.PlagdetScore)
			f[prefix+p.Name+".pairs"] = float64(p.Pairs)
		}
	}
	return f
}

// JSON implements Result.
func (r *PANResult) JSON(details bool) any {
	f := r.Figures()
	// pick gives the figures under prefix, with the pair count or not.
	pick := func(prefix string, pairs bool) map[string]float64 {
		m := map[string]float64{}
		for _, k := range []string{"plagdet", "precision", "recall", "granularity", "cases", "detections"} {
			m[k] = f[prefix+k]
		}
		if pairs {
			m["pairs"] = f[prefix+"pairs"]
		}
		return m
	}
	byPart := func(prefix string, parts []PANPart) map[string]map[string]float64 {
		m := map[string]map[string]float64{}
		for _, p := range parts {
			m[p.Name] = pick(prefix+p.Name+".", true)
		}
		return m
	}
	parts, overall := byPart("", r.Parts), pick("", true)
	half := func(prefix string, h PANHalf) map[string]map[string]float64 {
		m := byPart(prefix, h.Parts)
		m["all"] = pick(prefix, false)
		return m
	}
	v := struct {
		Corpus    string                        `json:"corpus"`
		Metrics   map[string]float64            `json:"metrics"`
		Parts     map[string]map[string]float64 `json:"parts"`
		HeldApart map[string]map[string]float64 `json:"held_apart"`
		Chosen    map[string]map[string]float64 `json:"chosen"`
		Items     []PANItem                     `json:"items,omitempty"`
	}{r.Corpus(), overall, parts, half("held_apart.", r.HeldApart), half("chosen.", r.Chosen), nil}
	if details {
		v.Items = r.Items
	}
	return v
}

// WriteText implements Result.
func (r *PANResult) WriteText(w io.Writer, details bool) error {
	fmt.Fprintf(w, "PAN text alignment: %d pairs, plagdet at character level\n\n", len(r.Items))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "part\tpairs\tcases\tdetections\tprecision\trecall\tgranularity\tplagdet\t")
	row := func(name string, pairs int, s PlagdetScore) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t\n", name, pairs, s.Cases, s.Detections, s.Precision, s.Recall, s.Granularity, s.Plagdet)
	}
	for _, p := range r.Parts {
		row(p.Name, p.Pairs, p.PlagdetScore)
	}
	row("all", len(r.Items), r.Overall)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nheld apart: the condensation, name-run and sentence settings (neighbours, subject, moved) were chosen on the second, fourth, ... pair of each part and are reported on the others\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "part\tchosen on\treported on (held apart)\t")
	for i, p := range r.HeldApart.Parts {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t\n", p.Name, r.Chosen.Parts[i].Plagdet, p.Plagdet)
	}
	fmt.Fprintf(tw, "all\t%.3f\t%.3f\t\n", r.Chosen.Overall.Plagdet, r.HeldApart.Overall.Plagdet)
	if err := tw.Flush(); err != nil {
		return err
	}
	if details {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "part\tsuspicious\tsource\tcases\tdetections\trelation\tscore\tplagdet")
		for _, it := range r.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%.3f\t%.3f\n", it.Part, it.Suspicious, it.Source, it.Cases, len(it.Detections), it.Relation, it.Score, it.Plagdet)
		}
		return tw.Flush()
	}
	return nil
}
