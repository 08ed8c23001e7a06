package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wiretrace/wiretrace"
)

// creditLines writes one line on how the suspect treats the source's
// credits and one on the quotes it changed, when the comparison has them
// (only derived suspects do).
func creditLines(w io.Writer, c wiretrace.Comparison, indent string) {
	if cr := c.Credit; cr != nil {
		fmt.Fprintf(w, "%scredit: %s\n", indent, creditSummary(cr))
	}
	if len(c.Quotes) > 0 {
		fmt.Fprintf(w, "%squotes: %s\n", indent, quoteSummary(c.Quotes))
	}
}

func creditSummary(cr *wiretrace.Credit) string {
	var changes []string
	for _, r := range cr.Replacements {
		s := replacement(r)
		if r.Count > 1 {
			s += fmt.Sprintf(" x%d", r.Count)
		}
		changes = append(changes, s)
	}
	var s string
	switch cr.Fate {
	case wiretrace.CreditRebranded:
		return "REBRANDED: " + strings.Join(changes, "; ")
	case wiretrace.CreditKept:
		s = "kept (" + strings.Join(cr.Kept, ", ") + ")"
	case wiretrace.CreditNotKept:
		s = "not kept (" + strings.Join(cr.Story, ", ") + "), none replaced or removed where the suspect copies"
	default:
		if len(cr.Source) == 0 {
			return "the source credits no one"
		}
		return "the source credits no one for the story (" + strings.Join(cr.Source, ", ") + ")"
	}
	if len(changes) > 0 {
		s += "; " + strings.Join(changes, "; ")
	}
	return s
}

// replacement says what the suspect put in place of one of the source's
// credited names: another name, or nothing.
func replacement(r wiretrace.CreditReplacement) string {
	to := r.Suspect
	if to == "" {
		to = "(removed)"
	}
	return r.Source + " -> " + to
}

func quoteSummary(qs []wiretrace.QuoteChange) string {
	counts := map[string]int{}
	for _, q := range qs {
		counts[q.Change]++
	}
	var kinds []string
	for _, k := range []string{"reworded", "speaker-dropped"} {
		if counts[k] > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	var at []string
	for _, q := range qs[:min(len(qs), 3)] {
		where := fmt.Sprintf("suspect %d:%d", q.SuspectStart, q.SuspectEnd)
		if len(kinds) > 1 {
			where = q.Change + " at " + where
		}
		at = append(at, where)
	}
	s := fmt.Sprintf("%s (%s)", strings.Join(kinds, ", "), strings.Join(at, "; "))
	if len(qs) > len(at) {
		s += fmt.Sprintf(" and %d more", len(qs)-len(at))
	}
	return s
}
