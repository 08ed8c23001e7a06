package credit

import (
	"cmp"
	"slices"
	"strings"

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
	sw := quoteWordsOf(source)
	tw := quoteWordsOf(suspect)
	var ms []match
	var lcs lcsBuf
	for i := range sw {
		if len(sw[i].stems) < 3 {
			continue
		}
		for j := range tw {
			if len(tw[j].stems) == 0 || !shareEnough(sw[i], tw[j]) {
				continue
			}
			score := float64(lcs.len(sw[i].stems, tw[j].stems)) / float64(max(len(sw[i].stems), len(tw[j].stems)))
			if score >= 0.5 {
				ms = append(ms, match{i, j, score})
			}
		}
	}
	slices.SortStableFunc(ms, func(x, y match) int { return cmp.Compare(y.score, x.score) })
	usedS := make([]bool, len(sw))
	usedT := make([]bool, len(tw))
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
		if speakerDropped(sq.Speaker, tq.Speaker) {
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

// speakerDropped reports whether a suspect's quote lost the speaker its source
// quote names: it has none, or only one it takes from the quote or
// sayer before it (a paragraph of quotation after "Tervane said ...")
// who is someone else than the source names.
func speakerDropped(source, suspect *anatomy.Speaker) bool {
	switch {
	case source == nil:
		return false
	case suspect == nil:
		return true
	case !suspect.Inherited || source.Inherited:
		return false
	}
	return !strings.EqualFold(speakerName(source), speakerName(suspect))
}

// speakerName is whom a speaker names: the name, else the words.
func speakerName(sp *anatomy.Speaker) string {
	if sp.Name != "" {
		return sp.Name
	}
	return sp.Text
}

// quoteWords are a quote's words: its tokens' Norms, the hashes of
// their stems in order, and the same hashes sorted.
type quoteWords struct {
	norms         []string
	stems, sorted []uint64
}

// quoteWordsOf returns the words of each of a's quotes. Stems are told
// apart by their hashes, as in alignment.
func quoteWordsOf(a *anatomy.Anatomy) []quoteWords {
	qs := make([]quoteWords, len(a.Quotes))
	toks := a.Tokens()
	for i, q := range a.Quotes {
		lo, hi := a.TokensIn(q.Inner.Start, q.Inner.End)
		w := quoteWords{norms: make([]string, 0, hi-lo), stems: make([]uint64, 0, hi-lo)}
		for _, t := range toks[lo:hi] {
			w.norms = append(w.norms, t.Norm)
			w.stems = append(w.stems, text.WordOf(t.Norm).Hash)
		}
		w.sorted = slices.Clone(w.stems)
		slices.Sort(w.sorted)
		qs[i] = w
	}
	return qs
}

// shareEnough is a cheap test before the alignment: a match scores at
// least half the longer quote's length, and the longest common
// subsequence is no longer than the words the two quotes share, counted
// with their repeats, so a pair sharing fewer than that cannot match.
func shareEnough(a, b quoteWords) bool {
	need := (max(len(a.sorted), len(b.sorted)) + 1) / 2
	if min(len(a.sorted), len(b.sorted)) < need {
		return false
	}
	return text.CommonHashes(a.sorted, b.sorted) >= need
}

// lcsBuf holds the two rows of a longest common subsequence's table, for
// one comparison's many quotes.
type lcsBuf struct{ prev, cur []int }

// len returns the length of the longest common subsequence of a and b.
func (l *lcsBuf) len(a, b []uint64) int {
	if cap(l.prev) < len(b)+1 {
		l.prev, l.cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := l.prev[:len(b)+1], l.cur[:len(b)+1]
	clear(prev)
	clear(cur)
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
