package anatomy

import (
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
)

// collectCredits gathers the organisations the article credits, then every
// mention of them in the body.
func (a *Anatomy) collectCredits() {
	add := func(role string, sp *Span) {
		if sp == nil || strings.TrimSpace(sp.Text) == "" {
			return
		}
		a.Credits = append(a.Credits, Credit{Role: role, Span: *sp})
	}
	add(RoleHeadline, a.headlineCredit)
	if a.Byline != nil {
		add(RoleByline, a.Byline.Organisation)
	}
	if a.Dateline != nil {
		add(RoleDateline, a.Dateline.Agency)
	}
	for _, ph := range a.Photos {
		add(RolePhoto, ph.Agency)
	}
	for _, c := range a.Copyrights {
		add(RoleCopyright, &c.Holder)
	}
	// Mentions in the text of the names credited above.
	forms := map[string][]string{}
	var keys []string
	for _, c := range a.Credits {
		k := agency.Key(c.Text)
		if _, ok := forms[k]; !ok {
			keys = append(keys, k)
		}
		forms[k] = append(forms[k], c.Text)
		forms[k] = append(forms[k], agency.Aliases(c.Text)...)
	}
	taken := slices.Clone(a.Credits)
	for _, k := range keys {
		for _, m := range a.mentions(forms[k]) {
			if overlapsCredit(taken, m.lo, m.hi) {
				continue
			}
			cr := Credit{Role: RoleText, Span: a.span(m.lo, m.hi)}
			taken = append(taken, cr)
			a.Credits = append(a.Credits, cr)
		}
	}
	names := a.creditNames()
	for i := range a.Credits {
		a.Credits[i].Name = names[agency.Key(a.Credits[i].Text)]
	}
	slices.SortStableFunc(a.Credits, func(x, y Credit) int { return x.Start - y.Start })
}

// CreditedNames lists the organisations the article credits, once each,
// in text order, each by its Credit.Name.
func (a *Anatomy) CreditedNames() []string {
	out := []string{}
	seen := map[string]bool{}
	for _, c := range a.Credits {
		if k := agency.Key(c.Text); !seen[k] {
			seen[k] = true
			out = append(out, c.Name)
		}
	}
	return out
}

// creditNames chooses one spelling for each credited organisation: an
// agency's usual name, else the first spelling not set in capitals.
func (a *Anatomy) creditNames() map[string]string {
	names := map[string]string{}
	for _, c := range a.Credits {
		k := agency.Key(c.Text)
		if name, ok := agency.Known(c.Text); ok {
			names[k] = name
			continue
		}
		cur, seen := names[k]
		if !seen || isCapsPlace(cur) && !isCapsPlace(c.Text) {
			names[k] = c.Text
		}
	}
	for k, n := range names {
		if _, known := agency.Known(n); isCapsPlace(n) && !known {
			names[k] = titleCase(n)
		}
	}
	return names
}

func overlapsCredit(cs []Credit, lo, hi int) bool {
	for _, c := range cs {
		if lo < c.End && c.Start < hi {
			return true
		}
	}
	return false
}

// Mentions finds the occurrences of any of the names in the text, written
// with a capital, by words: "Health & Fitness Journal" matches however its
// punctuation is spaced, but not across a line break or a comma. They come
// in text order.
func (a *Anatomy) Mentions(names ...string) []Span {
	var out []Span
	for _, m := range a.mentions(names) {
		out = append(out, a.span(m.lo, m.hi))
	}
	return out
}

// CreditName spells an organisation's name as the article's credits do:
// the Name of its credit of the same organisation (the same agency.Key),
// else the name as given, in title case when it is set in capitals.
func (a *Anatomy) CreditName(name string) string {
	k := agency.Key(name)
	for _, c := range a.Credits {
		if agency.Key(c.Text) == k {
			return c.Name
		}
	}
	if isCapsPlace(name) {
		return titleCase(name)
	}
	return name
}

// mentions finds the capitalised occurrences of any of the names in the
// text, by words, so that "Health & Fitness Journal" matches however its
// punctuation is spaced.
func (a *Anatomy) mentions(names []string) []rng {
	var out []rng
	seen := map[string]bool{}
	for _, n := range names {
		nt := text.Tokenize(n)
		if len(nt) == 0 {
			continue
		}
		key := ""
		for _, t := range nt {
			key += t.Norm + " "
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		for i := 0; i+len(nt) <= len(a.toks); i++ {
			if a.toks[i].Norm != nt[0].Norm || !a.toks[i].Upper {
				continue
			}
			ok := true
			for k := 1; k < len(nt) && ok; k++ {
				t := a.toks[i+k]
				gap := a.text[a.toks[i+k-1].End:t.Start]
				ok = t.Norm == nt[k].Norm && len(gap) <= 3 && !strings.ContainsAny(gap, "\n,;:")
			}
			if ok {
				out = append(out, rng{a.toks[i].Start, a.toks[i+len(nt)-1].End})
			}
		}
	}
	slices.SortFunc(out, func(x, y rng) int { return x.lo - y.lo })
	return out
}
