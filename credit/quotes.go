package credit

import (
	"cmp"
	"slices"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

// compareQuotes matches each quote of the source with the suspect quote
// sharing most of its words, and reports those reworded or stripped of
// their speaker.
func compareQuotes(source, suspect *anatomy.Anatomy) []wiretrace.QuoteChange {
	type match struct {
		s, t  int
		score float64
	}
	words := func(a *anatomy.Anatomy, q anatomy.Quote) ([]string, []string) {
		lo, hi := a.TokensIn(q.Inner.Start, q.Inner.End)
		norms := make([]string, 0, hi-lo)
		st := make([]string, 0, hi-lo)
		for _, t := range a.Tokens()[lo:hi] {
			norms = append(norms, t.Norm)
			st = append(st, text.Stem(t.Norm))
		}
		return norms, st
	}
	type qw struct{ norms, stems []string }
	sw := make([]qw, len(source.Quotes))
	for i, q := range source.Quotes {
		sw[i].norms, sw[i].stems = words(source, q)
	}
	tw := make([]qw, len(suspect.Quotes))
	for j, q := range suspect.Quotes {
		tw[j].norms, tw[j].stems = words(suspect, q)
	}
	var ms []match
	for i := range sw {
		if len(sw[i].stems) < 3 {
			continue
		}
		for j := range tw {
			if len(tw[j].stems) == 0 || !shareEnough(sw[i].stems, tw[j].stems) {
				continue
			}
			score := float64(lcsLen(sw[i].stems, tw[j].stems)) / float64(max(len(sw[i].stems), len(tw[j].stems)))
			if score >= 0.5 {
				ms = append(ms, match{i, j, score})
			}
		}
	}
	slices.SortStableFunc(ms, func(x, y match) int { return cmp.Compare(y.score, x.score) })
	usedS := map[int]bool{}
	usedT := map[int]bool{}
	out := []wiretrace.QuoteChange{}
	for _, mt := range ms {
		if usedS[mt.s] || usedT[mt.t] {
			continue
		}
		usedS[mt.s], usedT[mt.t] = true, true
		sq, tq := source.Quotes[mt.s], suspect.Quotes[mt.t]
		change := func(kind string) {
			out = append(out, wiretrace.QuoteChange{
				SourceStart: sq.Start, SourceEnd: sq.End,
				SuspectStart: tq.Start, SuspectEnd: tq.End,
				Change: kind,
			})
		}
		if !slices.Equal(sw[mt.s].norms, tw[mt.t].norms) {
			change(QuoteReworded)
		}
		if sq.Speaker != nil && tq.Speaker == nil {
			change(QuoteSpeakerDropped)
		}
	}
	slices.SortFunc(out, func(x, y wiretrace.QuoteChange) int {
		if c := cmp.Compare(x.SuspectStart, y.SuspectStart); c != 0 {
			return c
		}
		return cmp.Compare(x.Change, y.Change)
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// shareEnough is a cheap test before the alignment: at least a third of
// the shorter quote's stems occur in the other.
func shareEnough(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	set := make(map[string]bool, len(b))
	for _, w := range b {
		set[w] = true
	}
	n := 0
	for _, w := range a {
		if set[w] {
			n++
		}
	}
	return 3*n >= len(a)
}

func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
