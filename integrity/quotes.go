package integrity

import (
	"strings"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/anatomy"
)

// quoteFlags flags quotes in the body opened and never closed, and direct
// quotes with no speaker. A quote left open has no place for an
// attribution after it, so only its missing close is flagged.
func (a *article) quoteFlags() []Flag {
	var out []Flag
	for _, qt := range a.Quotes {
		if qt.Start < a.bodyStart {
			continue
		}
		switch {
		case !qt.Closed && !qt.Continued:
			out = append(out, Flag{
				Kind:    FlagQuoteUnclosed,
				Message: "quote opened and never closed: " + excerpt(qt.Text, 60),
				Spans:   []anatomy.Span{qt.Span},
			})
		case qt.Kind == anatomy.Direct && qt.Speaker == nil:
			out = append(out, Flag{
				Kind:    FlagQuoteNoSpeaker,
				Message: "quote with no speaker: " + excerpt(qt.Text, 60),
				Spans:   []anatomy.Span{qt.Span},
			})
		}
	}
	return out
}

// excerpt shortens s to about n runes at a word boundary.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := 0
	for i := range s {
		if cut >= n {
			s = s[:i]
			break
		}
		cut++
	}
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		s = s[:i]
	}
	return s + "\u2026"
}
