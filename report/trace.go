package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
)

// Trace writes a story family as a report: the origin and why, the
// timeline with each copy's parent and lag, and the copy tree.
func Trace(w io.Writer, t *provenance.Trace) {
	name := t.ID
	if name == "" {
		name = t.Input
	}
	if len(t.Members) < 2 {
		fmt.Fprintf(w, "%s has no family in the store: no stored article derives from it or it from one.\n", name)
		if !t.Stored {
			fmt.Fprintln(w, "(it is not stored itself)")
		}
		return
	}
	fmt.Fprintf(w, "Story of %s: %d members", name, len(t.Members))
	switch {
	case t.Truncated && t.FamilySize > 0:
		fmt.Fprintf(w, ", the nearest of its family's %d", t.FamilySize)
	case t.Truncated:
		fmt.Fprint(w, " (stopped there: more may exist)")
	}
	fmt.Fprintln(w)
	origin := member(t, t.Origin)
	fmt.Fprintf(w, "Origin: %s%s, confidence %s (%.2f)\n", t.Origin, siteOf(origin), t.Sure, t.Confidence)
	for _, r := range t.Reasons {
		fmt.Fprintf(w, "  - %s\n", r)
	}

	fmt.Fprintln(w, "\nTimeline:")
	for _, m := range t.Members {
		when := "time unknown"
		if !m.When.IsZero() {
			when = m.When.UTC().Format("2006-01-02 15:04") + " (" + string(m.WhenFrom) + ")"
		}
		mark := " "
		if m.Traced {
			mark = ">"
		}
		fmt.Fprintf(w, "%s %-26s %-24s %s%s", mark, when, clip(m.Site, 24), m.ID, unstored(m))
		if m.ID == t.Origin {
			fmt.Fprint(w, "  origin")
		} else if m.Relation == provenance.Take {
			fmt.Fprintf(w, "  take of %s's story (%s)", m.Parent, m.Slug)
			if m.Lag != nil {
				fmt.Fprintf(w, ", %s", provenance.LagFromParent(*m.Lag))
			}
		} else if m.Parent != "" {
			fmt.Fprintf(w, "  %s of %s", relationLabel(m.Relation, m.Rewording), m.Parent)
			if !m.FromOrigin {
				fmt.Fprint(w, " (a copy)")
			}
			if m.Lag != nil {
				fmt.Fprintf(w, ", %s", provenance.LagFromParent(*m.Lag))
			}
			fmt.Fprintf(w, ", score %.2f", m.Score)
			if c := creditNote(m); c != "" {
				fmt.Fprintf(w, ", %s", c)
			}
			if len(m.Quotes) > 0 {
				fmt.Fprintf(w, ", %d quote(s) altered", len(m.Quotes))
			}
		} else {
			fmt.Fprint(w, "  (not linked)")
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w, "\nCopy tree:")
	children := map[string][]provenance.StoryMember{}
	for _, m := range t.Members {
		if m.Parent != "" {
			children[m.Parent] = append(children[m.Parent], m)
		}
	}
	var walk func(m provenance.StoryMember, prefix string, last bool, root bool)
	walk = func(m provenance.StoryMember, prefix string, last bool, root bool) {
		branch, next := "", prefix
		if !root {
			branch, next = prefix+"├─ ", prefix+"│  "
			if last {
				branch, next = prefix+"└─ ", prefix+"   "
			}
		}
		line := m.ID + unstored(m) + siteOf(m)
		if !root && m.Relation == provenance.Take {
			line += "  take"
		} else if !root {
			line += fmt.Sprintf("  %s %.2f", relationLabel(m.Relation, m.Rewording), m.Score)
			if c := creditNote(m); c != "" {
				line += "  " + c
			}
		}
		fmt.Fprintf(w, "  %s%s\n", branch, line)
		kids := children[m.ID]
		for i, k := range kids {
			walk(k, next, i == len(kids)-1, false)
		}
	}
	if origin.ID != "" {
		walk(origin, "", true, true)
	}

	if evidence := parentEvidence(t); len(evidence) > 0 {
		fmt.Fprintln(w, "\nWhy each parent came first:")
		for _, e := range evidence {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
}

func parentEvidence(t *provenance.Trace) []string {
	var out []string
	for _, m := range t.Members {
		if m.Parent == "" || len(m.Evidence) == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("%s before %s: %s", m.Parent, m.ID, strings.Join(m.Evidence, "; ")))
	}
	return out
}

// creditNote says what a copy did with its parent's credit.
func creditNote(m provenance.StoryMember) string {
	c := m.Credit
	if c == nil {
		return ""
	}
	switch c.Fate {
	case wiretrace.CreditRebranded:
		var rs []string
		for _, r := range c.Replacements {
			rs = append(rs, replacement(r))
		}
		return "REBRANDED (" + strings.Join(rs, ", ") + ")"
	case wiretrace.CreditKept:
		return "credit kept"
	case wiretrace.CreditNotKept:
		return "credit not kept"
	}
	return ""
}

func member(t *provenance.Trace, id string) provenance.StoryMember {
	for _, m := range t.Members {
		if m.ID == id {
			return m
		}
	}
	return provenance.StoryMember{}
}

func siteOf(m provenance.StoryMember) string {
	if m.Site == "" {
		return ""
	}
	return " (" + m.Site + ")"
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// unstored marks a member traced without being stored: its ID is the one
// add would give it, which the store does not hold.
func unstored(m provenance.StoryMember) string {
	if m.Unstored {
		return " (not stored)"
	}
	return ""
}
