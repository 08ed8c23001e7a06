package align

import (
	"strings"

	"github.com/wiretrace/wiretrace/text"
)

// Quoted words are what every report of a statement shares, so they are
// no evidence that one report was copied from another. Besides the words
// inside quotation marks (text.Token.Quoted), a statement may be quoted
// without marks, introduced as quoted ("said in a statement that ...",
// "the statement reads: ..."), and a quote carries its attribution ("...,'
// the mayor said in a statement issued by the town hall."): the sentence
// around a quote is written the same way by everyone who quotes it.

// statementVerbs introduce a statement's words after a colon: "the
// statement reads:", "a statement that said:".
var statementVerbs = map[string]bool{"reads": true, "read": true, "said": true, "says": true, "stated": true, "states": true}

// markQuoted returns, per token of d, whether it is quoted in the wider
// sense above.
func markQuoted(s string, toks []text.Token, sents []text.Span) []bool {
	q := make([]bool, len(toks))
	for k, t := range toks {
		q[k] = t.Quoted
	}
	gap := func(k int) string {
		if k <= 0 || k >= len(toks) {
			return ""
		}
		return s[toks[k-1].End:toks[k].Start]
	}
	sentenceEnd := func(k int) int {
		for _, sp := range sents {
			if sp.Start <= k && k < sp.End {
				return sp.End
			}
		}
		return len(toks)
	}
	paragraphEnd := func(k int) int {
		for j := k + 1; j < len(toks); j++ {
			if strings.Contains(gap(j), "\n") {
				return j
			}
		}
		return len(toks)
	}
	for k, t := range toks {
		if t.Norm != "statement" && t.Norm != "statements" {
			continue
		}
		switch {
		// "said in a statement that the grants would be paid": the
		// rest of the sentence is the statement's.
		case k+1 < len(toks) && toks[k+1].Norm == "that" && introducedBy(toks, k, "in"):
			for j := k + 2; j < sentenceEnd(k); j++ {
				q[j] = true
			}
		// "said in a statement: ..." and "the statement reads: ...":
		// the rest of the paragraph.
		case strings.Contains(gap(k+1), ":"):
			for j := k + 1; j < paragraphEnd(k); j++ {
				q[j] = true
			}
		case k+2 < len(toks) && statementVerbs[toks[k+1].Norm] && strings.Contains(gap(k+2), ":"):
			for j := k + 2; j < paragraphEnd(k); j++ {
				q[j] = true
			}
		}
	}
	// A sentence mostly quoted is quoted whole: its attribution is the
	// quote's.
	for _, sp := range sents {
		n := 0
		for j := sp.Start; j < sp.End; j++ {
			if q[j] {
				n++
			}
		}
		if n > 0 && 2*n >= sp.End-sp.Start {
			for j := sp.Start; j < sp.End; j++ {
				q[j] = true
			}
		}
	}
	return q
}

// introducedBy reports whether word is among the three words before token
// k: "in a statement", "in a joint statement".
func introducedBy(toks []text.Token, k int, word string) bool {
	for j := k - 1; j >= max(0, k-3); j-- {
		if toks[j].Norm == word {
			return true
		}
	}
	return false
}
