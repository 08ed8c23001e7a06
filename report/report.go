// Package report renders comparisons and matches for people: a summary at a
// glance, the substitutions, and the texts with the reused spans marked.
// Machine output is plain JSON of the domain types and needs nothing here.
// The package writes to an io.Writer and never decides what to compute.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace"
)

// Options say how to render.
type Options struct {
	// Color marks passages with ANSI colours instead of brackets.
	Color bool
	// Texts includes both texts with the passages marked.
	Texts bool
	// MaxSubstitutions caps the substitution list (0: all).
	MaxSubstitutions int
}

const (
	ansiExact    = "\x1b[1;31m"
	ansiReworded = "\x1b[1;33m"
	ansiQuoted   = "\x1b[2m"
	ansiReset    = "\x1b[0m"
)

// Summary writes the relation, score and coverages in one line.
func Summary(w io.Writer, c wiretrace.Comparison) {
	fmt.Fprintf(w, "relation %s  score %.2f  suspect coverage %.0f%%  source coverage %.0f%%  contained %.0f%%  passages %d\n",
		relationLabel(c.Relation, c.Rewording), c.Score, 100*c.SuspectCoverage, 100*c.SourceCoverage, 100*c.Containment, len(c.Passages))
}

// relationLabel is a relation with its rewording, when it has one: "spun
// (rewritten)".
func relationLabel(r wiretrace.Relation, rw wiretrace.Rewording) string {
	if rw == "" {
		return string(r)
	}
	return string(r) + " (" + string(rw) + ")"
}

// SetAside writes, after indent, a line on the passages set aside as no
// evidence of copying (wiretrace.Comparison.SetAside), when there are
// any: a reader sees passages and a relation that does not count them.
func SetAside(w io.Writer, c wiretrace.Comparison, indent string) {
	if c.SetAside == 0 {
		return
	}
	what, its, disagree := "1 passage", "its", "disagree"
	if c.SetAside > 1 {
		what, its = fmt.Sprintf("%d passages", c.SetAside), "their"
	}
	why := its + " names and figures " + disagree + " with the other text's"
	if s := c.OtherSubjects; len(s) == 2 {
		why = fmt.Sprintf("the texts are about other subjects (%s in the source, %s in the suspect)", s[0], s[1])
	}
	fmt.Fprintf(w, "%sset aside: %s, no evidence of copying: %s\n", indent, what, why)
}

// MaxPhrases is how many phrases a report or a page quotes.
const MaxPhrases = 6

// PhraseLine writes, after indent, what the relation rests on when it rests
// on the phrases of the source the suspect keeps
// (wiretrace.Comparison.Phrases), quoting the longest few from suspect,
// in its order, when it is given.
func PhraseLine(w io.Writer, c wiretrace.Comparison, suspect, indent string) {
	p := c.Phrases
	if p == nil {
		return
	}
	fmt.Fprintf(w, "%sphrases: %.0f%% of the suspect's own words lie in runs of three or more the source holds", indent, 100*p.Share)
	var quoted []string
	for _, t := range Phrases(p, suspect, MaxPhrases) {
		quoted = append(quoted, fmt.Sprintf("%q", t))
	}
	switch {
	case len(quoted) > 0:
		fmt.Fprintf(w, ": %s", strings.Join(quoted, ", "))
		if more := len(p.Spans) - len(quoted); more > 0 {
			fmt.Fprintf(w, " and %d more", more)
		}
	case len(p.Spans) > 0:
		fmt.Fprintf(w, " (%d phrases)", len(p.Spans))
	}
	fmt.Fprintln(w)
}

// Phrases returns the n longest of p's phrases that lie inside suspect,
// in its order, each with its spaces made single.
func Phrases(p *wiretrace.Phrases, suspect string, n int) []string {
	var in []wiretrace.Span
	for _, sp := range p.Spans {
		if sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(suspect) {
			in = append(in, sp)
		}
	}
	slices.SortStableFunc(in, func(a, b wiretrace.Span) int { return cmp.Compare(b.End-b.Start, a.End-a.Start) })
	in = in[:min(n, len(in))]
	slices.SortFunc(in, func(a, b wiretrace.Span) int { return cmp.Compare(a.Start, b.Start) })
	var out []string
	for _, sp := range in {
		out = append(out, strings.Join(strings.Fields(suspect[sp.Start:sp.End]), " "))
	}
	return out
}

// Substitutions writes the word substitutions, most frequent first.
func Substitutions(w io.Writer, c wiretrace.Comparison, limit int) {
	if len(c.Substitutions) == 0 {
		return
	}
	subs := c.Substitutions
	if limit > 0 && len(subs) > limit {
		subs = subs[:limit]
	}
	fmt.Fprintf(w, "substitutions (%d):\n", len(c.Substitutions))
	for _, s := range subs {
		fmt.Fprintf(w, "  %-24s -> %s", s.Source, s.Suspect)
		if s.Count > 1 {
			fmt.Fprintf(w, "  x%d", s.Count)
		}
		fmt.Fprintln(w)
	}
	if len(subs) < len(c.Substitutions) {
		fmt.Fprintf(w, "  ... %d more\n", len(c.Substitutions)-len(subs))
	}
}

// Condensations writes a line for each stretch of the source the suspect
// condenses, naming its passages as the marked texts number them.
func Condensations(w io.Writer, c wiretrace.Comparison) {
	for _, k := range c.Condensations {
		if what := CondensationParts(k); what != "" {
			fmt.Fprintf(w, "condensed: %s, %d words of the suspect, %s\n", what, k.SuspectWords, CondensedSource(k))
		}
	}
}

// CondensedSource says what of the source a condensation condenses: "draw
// on 420 words of the source", or "condense the whole source (1,200
// words)".
func CondensedSource(k wiretrace.Condensation) string {
	if k.Whole {
		return fmt.Sprintf("condense the whole source (%d words)", k.SourceWords)
	}
	return fmt.Sprintf("draw on %d words of the source", k.SourceWords)
}

// CondensationParts says what a condensation joins: "passages 2-4",
// "passage 1 and 2 retold sentences". Passages are numbered from 1, as the
// marked texts number them.
func CondensationParts(k wiretrace.Condensation) string {
	var what string
	switch n := len(k.Passages); n {
	case 0:
		return ""
	case 1:
		what = fmt.Sprintf("passage %d", k.Passages[0]+1)
	default:
		what = fmt.Sprintf("passages %d-%d", k.Passages[0]+1, k.Passages[n-1]+1)
	}
	switch k.Retold {
	case 0:
	case 1:
		what += " and 1 retold sentence"
	default:
		what += fmt.Sprintf(" and %d retold sentences", k.Retold)
	}
	return what
}

// Comparison writes a full human report of comparing suspect with source.
func Comparison(w io.Writer, source, suspect string, c wiretrace.Comparison, o Options) {
	Summary(w, c)
	namedOriginal(w, c, "", "the source")
	SetAside(w, c, "")
	PhraseLine(w, c, suspect, "")
	creditLines(w, c, "")
	Condensations(w, c)
	Substitutions(w, c, o.MaxSubstitutions)
	if !o.Texts {
		return
	}
	legend := "passages are marked [n ... n]; n* marks a reworded passage, nq a quote shared by both"
	if o.Color {
		legend = "passages: " + ansiExact + "exact" + ansiReset + ", " + ansiReworded + "reworded" + ansiReset + ", " + ansiQuoted + "shared quote" + ansiReset
	}
	fmt.Fprintf(w, "\n%s\n", legend)
	fmt.Fprintln(w, "\n--- source ---")
	fmt.Fprintln(w, Mark(source, c.Passages, true, o.Color))
	fmt.Fprintln(w, "\n--- suspect ---")
	fmt.Fprintln(w, Mark(suspect, c.Passages, false, o.Color))
}

// Mark returns text with the passages' spans marked, on the source side or
// the suspect side. Passages are numbered in suspect order so both texts
// carry the same numbers.
func Mark(text string, ps []wiretrace.Passage, sourceSide bool, color bool) string {
	type edge struct {
		at    int
		open  bool
		label string
		kind  string
	}
	var edges []edge
	for n, p := range ps {
		lo, hi := p.SuspectStart, p.SuspectEnd
		if sourceSide {
			lo, hi = p.SourceStart, p.SourceEnd
		}
		if lo < 0 || hi > len(text) || lo >= hi {
			continue
		}
		label := fmt.Sprint(n + 1)
		kind := ansiExact
		switch {
		case p.Quoted:
			label += "q"
			kind = ansiQuoted
		case p.Kind == wiretrace.Reworded:
			label += "*"
			kind = ansiReworded
		}
		edges = append(edges, edge{lo, true, label, kind}, edge{hi, false, label, kind})
	}
	// Spans on the source side may nest or overlap; sorting by offset with
	// closings first keeps the output readable either way.
	slices.SortStableFunc(edges, func(a, b edge) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		switch {
		case !a.open && b.open:
			return -1
		case a.open && !b.open:
			return 1
		}
		return 0
	})
	var b strings.Builder
	last := 0
	for _, e := range edges {
		b.WriteString(text[last:e.at])
		last = e.at
		switch {
		case color && e.open:
			b.WriteString(e.kind)
		case color:
			b.WriteString(ansiReset)
		case e.open:
			b.WriteString("[" + e.label + " ")
		default:
			b.WriteString(" " + e.label + "]")
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// Matches writes the result of a check: one block per source.
func Matches(w io.Writer, ms []wiretrace.Match, o Options) {
	if len(ms) == 0 {
		fmt.Fprintln(w, "no sources found")
		return
	}
	for n, m := range ms {
		fmt.Fprintf(w, "%d. %s", n+1, m.ID)
		if m.Title != "" {
			fmt.Fprintf(w, "  %q", m.Title)
		}
		fmt.Fprintln(w)
		var about []string
		if m.Site != "" {
			about = append(about, "site "+m.Site)
		}
		if !m.Published.IsZero() {
			about = append(about, "published "+m.Published.Format("2006-01-02 15:04 MST"))
		}
		if m.URL != "" {
			about = append(about, m.URL)
		}
		if len(about) > 0 {
			fmt.Fprintf(w, "  %s\n", strings.Join(about, "  "))
		}
		fmt.Fprint(w, "  ")
		Summary(w, m.Comparison)
		SetAside(w, m.Comparison, "  ")
		PhraseLine(w, m.Comparison, "", "  ")
		if m.Later {
			fmt.Fprintln(w, "  published more than a day after the suspect: not its source (it may be a copy of the suspect)")
		}
		namedOriginal(w, m.Comparison, "  ", "it")
		creditLines(w, m.Comparison, "  ")
		if len(m.Substitutions) > 0 {
			var b strings.Builder
			Substitutions(&b, m.Comparison, o.MaxSubstitutions)
			for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
				fmt.Fprintln(w, "  "+line)
			}
		}
	}
}

// namedOriginal says how the suspect names the source, what, as its
// original, when it does.
func namedOriginal(w io.Writer, c wiretrace.Comparison, indent, what string) {
	switch c.Original {
	case wiretrace.OriginalCanonical:
		fmt.Fprintf(w, "%sthe suspect names %s as its original: its page's canonical URL\n", indent, what)
	case wiretrace.OriginalNote:
		fmt.Fprintf(w, "%sthe suspect names %s as its original: a republication note names its site\n", indent, what)
	}
}
