package integrity

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

var linkers = setOf("and", "or", "nor", "but", "by", "after", "to", "for", "upon", "on", "in", "over",
	"than", "versus", "vs", "from", "into", "against", "of")

// repeatedWords flags a content word repeated in a broken construction,
// outside quotes, in one sentence of the body: the same stem three times
// within eight words, or twice with at most one ordinary word between
// ("had ignored still ignoring"), with no punctuation (a comma, dash or
// slash marks a deliberate repetition) and no linking word ("step by step")
// between. Synonym spinners leave such garbles where they rewrite a phrase
// around a word they also kept. Speech repeats itself ("really really"),
// so quotes are left alone.
func (a *article) repeatedWords() []Flag {
	var out []Flag
	bodyStart := a.bodyStart
	skip := a.furnitureSpans()
	stem := func(k int) string {
		t := a.toks[k]
		if t.Start < bodyStart || t.Number || t.Upper || text.IsStopword(t.Norm) || utf8.RuneCountInString(t.Norm) < 4 ||
			inSpans(skip, t.Start) || a.inQuote(t.Start) {
			return ""
		}
		// A part of a hyphenated word is no word of its own: "non-bank
		// banks" and "bank-to-bank" repeat nothing.
		if k > 0 && a.gap(k) == "-" || k+1 < len(a.toks) && a.gap(k+1) == "-" {
			return ""
		}
		return text.Stem(t.Norm)
	}
	broken := func(i, j int) bool {
		for k := i + 1; k <= j; k++ {
			if g := a.gap(k); strings.ContainsAny(g, ",;:()/\u2014\u2013\"\u201c\u201d\n") || strings.Contains(g, " - ") || strings.Contains(g, "--") {
				return false
			}
			if k < j && linkers[a.toks[k].Norm] {
				return false
			}
		}
		return true
	}
	// ordinary reports a word between two repeats that makes no sense of
	// them: not a function word, name or number ("sell could sell" and
	// "core PPI core" are grammar; "ignored still ignoring" is not).
	ordinary := func(k int) bool {
		t := a.toks[k]
		return !t.Upper && !t.Number && !text.IsStopword(t.Norm)
	}
	for _, sent := range text.Sentences(a.text, a.toks) {
		at := map[string][]int{}
		var order []string
		for k := sent.Start; k < sent.End; k++ {
			if st := stem(k); st != "" {
				if _, ok := at[st]; !ok {
					order = append(order, st)
				}
				at[st] = append(at[st], k)
			}
		}
		for _, st := range order {
			ps := at[st]
			flagged := make([]bool, len(ps))
			for k := 0; k+1 < len(ps); k++ {
				gap := ps[k+1] - ps[k] - 1
				if (gap == 0 || gap == 1 && ordinary(ps[k]+1)) && broken(ps[k], ps[k+1]) {
					flagged[k], flagged[k+1] = true, true
				}
				if k+2 < len(ps) && ps[k+2]-ps[k] <= 7 && broken(ps[k], ps[k+2]) {
					flagged[k], flagged[k+1], flagged[k+2] = true, true, true
				}
			}
			for k := 0; k < len(ps); {
				if !flagged[k] {
					k++
					continue
				}
				j := k
				for j+1 < len(ps) && flagged[j+1] && ps[j+1]-ps[j] <= 7 {
					j++
				}
				out = append(out, a.repeatFlag(ps[k:j+1], sent))
				k = j + 1
			}
		}
	}
	slices.SortFunc(out, func(x, y Flag) int { return x.Spans[0].Start - y.Spans[0].Start })
	return out
}

// repeatFlag describes the repeated words at token indexes occ, quoting
// them with a word of context on each side inside the sentence.
func (a *article) repeatFlag(occ []int, sent text.Span) Flag {
	var ws []string
	var spans []anatomy.Span
	for _, k := range occ {
		t := a.toks[k]
		ws = append(ws, a.text[t.Start:t.End])
		spans = append(spans, a.span(t.Start, t.End))
	}
	lo := a.toks[max(occ[0]-1, sent.Start)]
	hi := a.toks[min(occ[len(occ)-1]+1, sent.End-1)]
	return Flag{
		Kind:    FlagRepeatedWord,
		Message: fmt.Sprintf("word repeated in a broken construction: %s in %q", strings.Join(ws, " \u2026 "), a.text[lo.Start:hi.End]),
		Spans:   spans,
	}
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
