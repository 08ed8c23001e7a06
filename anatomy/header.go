package anatomy

import (
	"strings"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/text"
)

// parseHeader finds the dateline, which starts the body, then the headline
// and the byline in the paragraphs before it.
func (a *Anatomy) parseHeader() {
	limit := min(len(a.paras), headerLines)
	a.body = -1
	for k := 0; k < limit; k++ {
		p := a.paras[k]
		if a.isCaption(p) || a.isCopyrightLine(p) {
			continue
		}
		if d, ok := parseDateline(a.paraText(p)); ok {
			a.Dateline = a.dateline(p.start, d)
			a.body = k
			break
		}
	}
	if a.body < 0 {
		a.body = 0
		for k := 0; k < limit; k++ {
			p := a.paras[k]
			s := a.paraText(p)
			if a.isCaption(p) || a.isCopyrightLine(p) || isFurniture(s) {
				continue
			}
			if _, ok := byline.Parse(s); ok {
				continue
			}
			if words(s, 12) >= 12 && endsProse(s) {
				a.body = k
				break
			}
		}
	}
	// Bylines first: a headline's "... By Dispute" must not take the
	// place of the byline on the next line.
	bylineAt := -1
	for k := 0; k < a.body; k++ {
		if _, ok := byline.Parse(a.paraText(a.paras[k])); ok {
			bylineAt = k
			break
		}
	}
	for k := 0; k < a.body; k++ {
		p := a.paras[k]
		s := a.paraText(p)
		if b, ok := byline.Parse(s); ok && a.Byline == nil && k == bylineAt {
			a.Byline = a.byline(p.start, len(s), b)
			// An agency byline may give the organisation on a line of
			// its own: "By JANE ROE" then "Associated Press".
			if a.Byline.Organisation == nil && k+1 < a.body {
				q := a.paras[k+1]
				if t := a.paraText(q); agency.LooksLikeOrganisation(t) && words(t, 6) <= 5 && !endsProse(t) {
					a.Byline.Organisation = a.spanPtr(q.start, q.end)
				}
			}
			continue
		}
		if k == 0 && !a.isCaption(p) && !a.isCopyrightLine(p) && !isFurniture(s) && words(s, 31) <= 30 {
			a.headline(p, bylineAt < 0)
		}
	}
	if a.Byline == nil {
		a.reportingLine()
	}
}

// headline records paragraph p as the headline, splitting off a credit that
// content sites append to it: "Title By Site Name", and, when the header
// has no byline of its own (names), the authors so appended: "Title By
// Jane Roe". One capitalised word is not taken for an author there:
// "Output Could Be Affected By Dispute" is a headline.
func (a *Anatomy) headline(p para, names bool) {
	s := a.paraText(p)
	end := len(s)
	if i := strings.LastIndex(s, " By "); i > 0 {
		if b, ok := byline.Parse(s[i+1:]); ok {
			lo := p.start + i + 1
			switch {
			case !b.Organisation.Empty() && len(b.Names) == 0:
				a.headlineCredit = a.spanPtr(lo+b.Organisation.Start, lo+b.Organisation.End)
				end = i
			case names && len(b.Names) > 0 && a.Byline == nil && words(s[i+1:], 3) >= 3:
				a.Byline = a.byline(lo, len(s)-i-1, b)
				end = i
			}
		}
	}
	lo, hi := text.TrimSpace(s, 0, end)
	if lo < hi {
		a.Headline = a.spanPtr(p.start+lo, p.start+hi)
	}
}

// reportingLine reads the reporters from a Reuters-style closing line when
// the article has no byline: "(Reporting by Jane Roe in Kyiv; Editing by
// John Doe)". Editors are not authors and are left out.
func (a *Anatomy) reportingLine() {
	for k := len(a.paras) - 1; k >= a.body && k >= 0; k-- {
		p := a.paras[k]
		s := a.paraText(p)
		rest, ok := strings.CutPrefix(strings.TrimPrefix(s, "("), "Reporting by ")
		if !ok {
			continue
		}
		off := len(s) - len(rest)
		if i := strings.IndexAny(rest, ";)"); i >= 0 {
			rest = rest[:i]
		}
		var names []byline.Range
		for _, part := range byline.SplitNames(rest) {
			// "Jane Roe in Kyiv": the place is not part of the name.
			if i := strings.Index(rest[part.Start:part.End], " in "); i >= 0 {
				part.End = part.Start + i
			}
			if byline.IsPersonName(rest[part.Start:part.End]) {
				names = append(names, part)
			}
		}
		if len(names) == 0 {
			continue
		}
		b := &Byline{Span: a.span(p.start, p.end)}
		for _, n := range names {
			b.Names = append(b.Names, a.span(p.start+off+n.Start, p.start+off+n.End))
		}
		a.Byline = b
		return
	}
}

// byline makes the Byline of a line at base that byline.Parse read,
// running n bytes.
func (a *Anatomy) byline(base, n int, b byline.Parts) *Byline {
	out := &Byline{Span: a.span(base, base+n), Names: []Span{}}
	for _, nm := range b.Names {
		out.Names = append(out.Names, a.span(base+nm.Start, base+nm.End))
	}
	if !b.Organisation.Empty() {
		out.Organisation = a.spanPtr(base+b.Organisation.Start, base+b.Organisation.End)
	}
	if !b.Role.Empty() {
		out.Role = a.spanPtr(base+b.Role.Start, base+b.Role.End)
	}
	return out
}

// AuthorNames returns the names of the article's byline: those of the
// byline in the text, else those of the metadata's byline.
func (a *Anatomy) AuthorNames() []string {
	if a.Byline == nil {
		if a.Metadata == nil {
			return nil
		}
		return byline.Names(a.Metadata.Byline)
	}
	var names []string
	for _, n := range a.Byline.Names {
		names = append(names, n.Text)
	}
	return names
}
