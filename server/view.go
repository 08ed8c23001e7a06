package server

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/integrity"
	"github.com/wiretrace/wiretrace/report"
)

// What the page's templates show, built from the engine's results. The
// templates only lay these out; every decision about what to mark is
// here, where a test can reach it.

// palette is how many passage colours the page cycles through.
const palette = 8

// sideBySide is two texts with the passages they share marked in matching
// colours, each linked to its partner.
type sideBySide struct {
	// Key prefixes the ids of this view's anchors: a page shows several.
	Key             string
	Source, Suspect []segment
	Substitutions   []wiretrace.Substitution
	// Condensed says, for each stretch of the source the suspect
	// condenses, which passages and how many words on each side.
	Condensed        []string
	Quotes           []quoteRow
	Passages         int
	RewordedPassages int
}

// quoteRow is a quote the suspect altered, with both versions.
type quoteRow struct {
	Change          string
	Source, Suspect string
}

// passageRef is the id of passage n's anchor on one side.
func passageRef(key, side string, n int) string { return fmt.Sprintf("%s-%s-%d", key, side, n) }

// newSideBySide marks source and suspect with the passages of c: passage n
// (in suspect order, numbered from 1) has the same colour on both sides,
// and each side links to the other's. Inside each passage the words the
// suspect changed are marked on both sides, from the word alignment
// (tokens maps each source word to its suspect word, or -1; nil when the
// suspect is not derived): a run of source words facing a run of suspect
// words is a substitution, a run on one side only was added or left out.
// Credited names the suspect replaced, and quotes it altered, are marked
// wherever they are.
func newSideBySide(key string, source, suspect *align.Doc, c wiretrace.Comparison, tokens []int) *sideBySide {
	v := &sideBySide{Key: key, Substitutions: c.Substitutions, Passages: len(c.Passages)}
	for _, k := range c.Condensations {
		if what := report.CondensationParts(k); what != "" {
			v.Condensed = append(v.Condensed, fmt.Sprintf("Condensed: %s, %d words of this article, %s.", what, k.SuspectWords, report.CondensedSource(k)))
		}
	}
	var src, sus []mark
	for i, p := range c.Passages {
		n := i + 1
		class := fmt.Sprintf("passage c%d", i%palette)
		title := fmt.Sprintf("passage %d: exact", n)
		switch {
		case p.Quoted:
			class += " quoted"
			title = fmt.Sprintf("passage %d: a quote both texts share (weak evidence)", n)
		case p.Kind == wiretrace.Reworded:
			class += " reworded"
			title = fmt.Sprintf("passage %d: reworded, %.0f%% of words in common", n, 100*p.Similarity)
			v.RewordedPassages++
		}
		srcRef, susRef := passageRef(key, "src", n), passageRef(key, "sus", n)
		src = append(src, mark{start: p.SourceStart, end: p.SourceEnd, class: class, title: title,
			anchor: srcRef, ref: srcRef, href: "#" + susRef, partner: susRef, link: 1})
		sus = append(sus, mark{start: p.SuspectStart, end: p.SuspectEnd, class: class, title: title,
			anchor: susRef, ref: susRef, href: "#" + srcRef, partner: srcRef, link: 1})
		// Paragraph breaks cut a long passage into runs, so that a click
		// brings the same part of its partner into view.
		src = append(src, paragraphCuts(source.Text, p.SourceStart, p.SourceEnd)...)
		sus = append(sus, paragraphCuts(suspect.Text, p.SuspectStart, p.SuspectEnd)...)
		if tokens != nil {
			s, t := wordChanges(source, suspect, p, tokens)
			src, sus = append(src, s...), append(sus, t...)
		}
	}
	text, text2 := source.Text, suspect.Text
	if c.Credit != nil {
		for _, r := range c.Credit.Replacements {
			for _, w := range wordsIn(text, r.Source, 0, len(text)) {
				src = append(src, mark{start: w[0], end: w[1], class: "credit-changed", title: "credit the suspect replaced"})
			}
			if r.Suspect == "" {
				continue
			}
			for _, w := range wordsIn(text2, r.Suspect, 0, len(text2)) {
				sus = append(sus, mark{start: w[0], end: w[1], class: "credit-changed", title: "credit put in place of “" + r.Source + "”"})
			}
		}
	}
	if c.Phrases != nil {
		for _, sp := range c.Phrases.Spans {
			sus = append(sus, mark{start: sp.Start, end: sp.End, class: "phrase", title: "a phrase the source holds"})
		}
	}
	for _, q := range c.Quotes {
		title := "quote " + changeWords(q.Change)
		src = append(src, mark{start: q.SourceStart, end: q.SourceEnd, class: "quote-changed", title: title})
		sus = append(sus, mark{start: q.SuspectStart, end: q.SuspectEnd, class: "quote-changed", title: title})
		v.Quotes = append(v.Quotes, quoteRow{Change: changeWords(q.Change), Source: slice(text, q.SourceStart, q.SourceEnd), Suspect: slice(text2, q.SuspectStart, q.SuspectEnd)})
	}
	v.Source, v.Suspect = segments(text, src), segments(text2, sus)
	return v
}

// paragraphCuts returns marks without class at the paragraph breaks of
// s[lo:hi]: they only cut the runs there.
func paragraphCuts(s string, lo, hi int) []mark {
	var out []mark
	for i := lo; i < hi; {
		j := strings.Index(s[i:hi], "\n\n")
		if j < 0 {
			break
		}
		out = append(out, mark{start: i + j, end: i + j + 2})
		i += j + 2
	}
	return out
}

// wordChanges marks, inside passage p, the runs of words between two
// aligned pairs: source words facing suspect words were substituted
// (class sub), suspect words facing none were added (added), source words
// facing none were left out (dropped).
func wordChanges(source, suspect *align.Doc, p wiretrace.Passage, tokens []int) (src, sus []mark) {
	sLo, sHi := source.TokensIn(p.SourceStart, p.SourceEnd)
	tLo, tHi := suspect.TokensIn(p.SuspectStart, p.SuspectEnd)
	if sLo >= sHi || tLo >= tHi {
		return nil, nil
	}
	// The aligned pairs inside the passage, in text order on both sides,
	// between sentinels at its edges.
	type pair struct{ i, j int }
	pairs := []pair{{sLo - 1, tLo - 1}}
	for i := sLo; i < sHi && i < len(tokens); i++ {
		j := tokens[i]
		if j >= tLo && j < tHi && j > pairs[len(pairs)-1].j {
			pairs = append(pairs, pair{i, j})
		}
	}
	pairs = append(pairs, pair{sHi, tHi})
	for k := 1; k < len(pairs); k++ {
		a, b := pairs[k-1], pairs[k]
		sRun, tRun := [2]int{a.i + 1, b.i}, [2]int{a.j + 1, b.j}
		sText, tText := runText(source, sRun), runText(suspect, tRun)
		switch {
		case sText != "" && tText != "":
			src = append(src, runMark(source, sRun, "sub", "suspect has “"+tText+"”"))
			sus = append(sus, runMark(suspect, tRun, "sub", "source has “"+sText+"”"))
		case sText != "":
			src = append(src, runMark(source, sRun, "dropped", "left out by the suspect"))
		case tText != "":
			sus = append(sus, runMark(suspect, tRun, "added", "not in the source"))
		}
	}
	return src, sus
}

// runText is the text of tokens run[0] to run[1]-1, or "" for none.
func runText(d *align.Doc, run [2]int) string {
	if run[0] >= run[1] {
		return ""
	}
	start, _ := d.Span(run[0])
	_, end := d.Span(run[1] - 1)
	return d.Text[start:end]
}

func runMark(d *align.Doc, run [2]int, class, title string) mark {
	start, _ := d.Span(run[0])
	_, end := d.Span(run[1] - 1)
	return mark{start: start, end: end, class: class, title: title}
}

// changeWords says a quote change in words.
func changeWords(change string) string {
	switch change {
	case "speaker-dropped":
		return "lost its speaker"
	case "reworded":
		return "reworded"
	}
	return change
}

// slice returns s[lo:hi] with the offsets clamped to rune starts.
func slice(s string, lo, hi int) string {
	lo, hi = runeStart(s, lo), runeStart(s, hi)
	if lo >= hi {
		return ""
	}
	return s[lo:hi]
}

// matchRow is one source in the ranked list of a check.
type matchRow struct {
	Rank int
	wiretrace.Match
	// Link is the source's URL when it is http or https, for an href.
	Link            string
	Score           string
	SuspectCoverage string
	SourceCoverage  string
	Contained       string
	// PhraseShare and PhraseList, when the relation rests on the source's
	// phrases the suspect keeps, say how much of its own words lie in the
	// source's runs and quote the longest few.
	PhraseShare string
	PhraseList  []string
	// Credit says whether the suspect kept the source's credit.
	Credit    string
	Rebranded bool
	// Side is nil when the source is no longer in the store.
	Side *sideBySide
	Open bool
	// StoryHref is the source's story page, when it is stored.
	StoryHref string
	// ArticleHref is the source's page, when it is stored and the page
	// is served; a standalone report has none.
	ArticleHref string
}

// newMatchRow describes match m of the suspect; source is nil when the
// source is no longer in the store. opts aligns the two again for the
// word-level marks, which the match does not carry.
func newMatchRow(rank int, m wiretrace.Match, opts align.Options, source, suspect *align.Doc) matchRow {
	row := matchRow{
		Rank: rank, Match: m, Link: webLink(m.URL),
		Score:           fmt.Sprintf("%.2f", m.Score),
		SuspectCoverage: percent(m.SuspectCoverage),
		SourceCoverage:  percent(m.SourceCoverage),
		Contained:       percent(m.Containment),
		Open:            rank == 1,
	}
	if m.ID != "" {
		row.ArticleHref = articleHref(m.ID)
	}
	if p := m.Phrases; p != nil {
		row.PhraseShare = percent(p.Share)
		row.PhraseList = report.Phrases(p, suspect.Text, report.MaxPhrases)
	}
	if c := m.Credit; c != nil {
		row.Rebranded = c.Rebranded
		row.Credit = creditWords(c)
	}
	if source != nil {
		a := opts.Align(source, suspect)
		row.Side = newSideBySide(fmt.Sprintf("m%d", rank), source, suspect, m.Comparison, a.TokenMap)
	}
	return row
}

// creditWords says in a few words what happened to the source's credit.
func creditWords(c *wiretrace.Credit) string {
	switch c.Fate {
	case wiretrace.CreditKept:
		return "credit kept: " + strings.Join(c.Kept, ", ")
	case wiretrace.CreditNotKept:
		return "credit not kept: " + strings.Join(c.Story, ", ")
	case "":
		return ""
	}
	var parts []string
	for _, r := range c.Replacements {
		to := r.Suspect
		if to == "" {
			to = "(removed)"
		}
		parts = append(parts, r.Source+" → "+to)
	}
	if len(parts) == 0 {
		return "credit rebranded"
	}
	return "credit rebranded: " + strings.Join(parts, "; ")
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

// webLink returns u when it is an http or https URL, else "": a stored URL
// is data, and must not become a javascript: link.
func webLink(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "http" && p.Scheme != "https" || p.Host == "" {
		return ""
	}
	return u
}

// inspectView is an article with its parts and flags marked.
type inspectView struct {
	Text  []segment
	Parts []partRow
	Flags []partRow
}

// partRow is one part or flag, listed beside the text and linked to it.
type partRow struct {
	Kind   string
	Text   string
	Detail string
	Href   string
}

// newInspectView marks the parts of an inspected article (headline,
// byline, dateline, photo credits, copyright lines, subheads, quotes with
// their speakers, credited organisations) and its flags' evidence.
func newInspectView(text string, in *integrity.Inspection) *inspectView {
	v := &inspectView{}
	var marks []mark
	k := 0
	add := func(kind, class string, sp *anatomy.Span, detail string) {
		if sp == nil || sp.End <= sp.Start {
			return
		}
		k++
		id := fmt.Sprintf("part-%d", k)
		marks = append(marks, mark{start: sp.Start, end: sp.End, class: "part " + class, title: kind, anchor: id})
		v.Parts = append(v.Parts, partRow{Kind: kind, Text: sp.Text, Detail: detail, Href: "#" + id})
	}
	sub := func(class, title string, sp *anatomy.Span) {
		if sp != nil && sp.End > sp.Start {
			marks = append(marks, mark{start: sp.Start, end: sp.End, class: class, title: title})
		}
	}
	a := in.Anatomy
	if a != nil {
		add("headline", "headline", a.Headline, "")
		if b := a.Byline; b != nil {
			var names []string
			for _, n := range b.Names {
				names = append(names, n.Text)
				sub("byline-name", "author", &n)
			}
			detail := strings.Join(names, ", ")
			if b.Organisation != nil {
				detail += " · " + b.Organisation.Text
				sub("organisation", "organisation", b.Organisation)
			}
			add("byline", "byline", &b.Span, detail)
		}
		if d := a.Dateline; d != nil {
			var detail []string
			for _, p := range []*anatomy.Span{d.Place, d.Date, d.Agency} {
				if p != nil {
					detail = append(detail, p.Text)
				}
			}
			sub("agency", "agency", d.Agency)
			add("dateline", "dateline", &d.Span, strings.Join(detail, " · "))
		}
		for _, p := range a.Photos {
			add("photo caption", "caption", p.Caption, "")
			detail := ""
			if p.Agency != nil {
				detail = p.Agency.Text
				sub("agency", "agency", p.Agency)
			}
			if p.Photographer != nil {
				detail += " / " + p.Photographer.Text
			}
			credit := p.Credit
			add("photo credit", "photo-credit", &credit, detail)
		}
		for _, c := range a.Copyrights {
			add("copyright", "copyright", &c.Span, c.Holder.Text)
		}
		for _, s := range a.Subheads {
			add("subhead", "subhead", &s, "")
		}
		for _, s := range a.Republished {
			add("ran first", "republished", &s, "its republication note says it ran there first")
		}
		for _, q := range a.Quotes {
			if q.Kind != anatomy.Direct {
				continue
			}
			detail := "no speaker"
			if q.Speaker != nil {
				detail = "speaker: " + q.Speaker.Text
				if q.Speaker.Name != "" && q.Speaker.Name != q.Speaker.Text {
					detail += " (" + q.Speaker.Name + ")"
				}
				if q.Speaker.Inherited {
					detail += ", named before the quote"
				}
				if !q.Speaker.Inherited {
					sub("speaker", "speaker", &q.Speaker.Span)
				}
			}
			add("quote", "quote", &q.Span, detail)
		}
		for _, c := range a.Credits {
			sub("org-credit role-"+c.Role, "credits "+c.Name+" ("+c.Role+")", &c.Span)
		}
	}
	for i, f := range in.Flags {
		id := fmt.Sprintf("flag-%d", i+1)
		for j, sp := range f.Spans {
			m := mark{start: sp.Start, end: sp.End, class: "flag", title: f.Kind + ": " + f.Message}
			if j == 0 {
				m.anchor = id
			}
			marks = append(marks, m)
		}
		href := ""
		if len(f.Spans) > 0 {
			href = "#" + id
		}
		v.Flags = append(v.Flags, partRow{Kind: f.Kind, Text: f.Message, Href: href})
	}
	v.Text = segments(text, marks)
	return v
}
