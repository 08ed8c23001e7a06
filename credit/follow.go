package credit

import (
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/text"
)

// Outcomes of following a credit into the suspect.
const (
	unknown = iota
	kept
	replaced
	dropped
)

type follower struct {
	source, suspect *anatomy.Anatomy
	passages        []wiretrace.Passage
	// given is the caller's token map, nil when none was given.
	given TokenMap
	// tokens holds the token map once made or checked (see m).
	tokens *[]int
	// whole is true when the suspect derives from the source as a whole
	// article (copy or spun), so that its byline stands in the source's.
	whole bool
}

// m maps each source token to its aligned suspect token, or -1: the
// caller's map when it gave a usable one, else one made from the passages.
// It is made on first use: most sources have no credit to follow, and
// aligning every passage word by word costs as much as the comparison
// itself.
func (f follower) m() []int {
	if *f.tokens == nil {
		if m, ok := usable(f.given, len(f.source.Tokens()), len(f.suspect.Tokens())); ok {
			*f.tokens = m
		} else {
			*f.tokens = tokenMap(f.source, f.suspect, f.passages)
		}
	}
	return *f.tokens
}

// follow finds what became of one credit of the source in the suspect, and
// the name put in its place.
func (f follower) follow(c anatomy.Credit) (int, string) {
	switch c.Role {
	case anatomy.RoleDateline:
		if d := f.suspect.Dateline; d != nil && f.datelinesCorrespond() {
			if d.Agency == nil {
				return dropped, ""
			}
			return f.compareName(c.Text, d.Agency.Text)
		}
	case anatomy.RoleByline:
		if b := f.suspect.Byline; b != nil && f.whole {
			if b.Organisation == nil {
				return dropped, ""
			}
			return f.compareName(c.Text, b.Organisation.Text)
		}
	case anatomy.RoleHeadline:
		if h := headlineCredit(f.suspect); h != nil && f.whole {
			return f.compareName(c.Text, h.Text)
		}
	case anatomy.RolePhoto:
		if out, name, ok := f.photo(c); ok {
			return out, name
		}
	}
	return f.anchored(c)
}

// compareName says whether the suspect's name for a credit keeps the
// source's.
func (f follower) compareName(source, name string) (int, string) {
	if agency.Same(source, name) {
		return kept, ""
	}
	return replaced, f.suspect.CreditName(name)
}

// headlineCredit returns the organisation a's headline credits ("... By
// Health & Fitness Journal"), or nil.
func headlineCredit(a *anatomy.Anatomy) *anatomy.Span {
	for _, c := range a.Credits {
		if c.Role == anatomy.RoleHeadline {
			return &c.Span
		}
	}
	return nil
}

// datelinesCorrespond reports whether the suspect's dateline stands where
// the source's does: same place, or the paragraphs they open are aligned.
func (f follower) datelinesCorrespond() bool {
	sd, td := f.source.Dateline, f.suspect.Dateline
	if sd == nil || td == nil {
		return false
	}
	if sd.Place != nil && td.Place != nil && agency.Fold(sd.Place.Text) == agency.Fold(td.Place.Text) {
		return true
	}
	sp, tp := f.source.Lead(), f.suspect.Lead()
	if sp == nil || tp == nil {
		return false
	}
	lo, hi := f.source.TokensIn(sp.Start, sp.End)
	m := f.m()
	toks := f.suspect.Tokens()
	for k := lo; k < hi; k++ {
		if j := m[k]; j >= 0 && toks[j].Start >= tp.Start && toks[j].End <= tp.End {
			return true
		}
	}
	return false
}

// photo follows a photo credit to the suspect's photo by the same
// photographer.
func (f follower) photo(c anatomy.Credit) (int, string, bool) {
	var photographer string
	for _, ph := range f.source.Photos {
		if ph.Agency != nil && ph.Agency.Start == c.Start && ph.Photographer != nil {
			photographer = agency.Fold(ph.Photographer.Text)
		}
	}
	if photographer == "" {
		return unknown, "", false
	}
	for _, ph := range f.suspect.Photos {
		if ph.Photographer == nil || agency.Fold(ph.Photographer.Text) != photographer {
			continue
		}
		if ph.Agency == nil {
			return dropped, "", true
		}
		out, name := f.compareName(c.Text, ph.Agency.Text)
		return out, name, true
	}
	return unknown, "", false
}

// anchored follows a credit through the alignment: the nearest aligned
// words before and after it (within three words) bound the suspect's
// words that stand in its place.
func (f follower) anchored(c anatomy.Credit) (int, string) {
	src, sus := f.source, f.suspect
	stoks, toks := src.Tokens(), sus.Tokens()
	a, b := src.TokensIn(c.Start, c.End)
	if a >= b {
		return unknown, ""
	}
	left, right := -1, -1
	m := f.m()
	for i := a - 1; i >= max(0, a-3); i-- {
		if m[i] >= 0 {
			left = i
			break
		}
	}
	for j := b; j < min(len(stoks), b+3); j++ {
		if m[j] >= 0 {
			right = j
			break
		}
	}
	if left < 0 || right < 0 || m[left] >= m[right] {
		return unknown, ""
	}
	lo, hi := m[left]+1, m[right]
	if hi-lo > right-left-1+6 {
		return unknown, ""
	}
	if lo >= hi {
		return dropped, ""
	}
	// The credit kept, in any of its spellings?
	for _, cr := range sus.Credits {
		if agency.Same(c.Text, cr.Text) && cr.Start >= toks[lo].Start && cr.End <= toks[hi-1].End {
			return kept, ""
		}
	}
	if forms := creditForms(src, agency.Key(c.Text)); containsName(sus, lo, hi, forms) {
		return kept, ""
	}
	// Another credited name of the suspect in its place?
	for _, cr := range sus.Credits {
		if cr.Start >= toks[lo].Start && cr.End <= toks[hi-1].End {
			return replaced, cr.Name
		}
	}
	// Else an organisation's name in its place, or nothing. A
	// capitalised word that is not a name ("Saturday", a sentence's
	// first word) leaves the credit unjudged: never a replacement.
	for k := lo; k < hi; k++ {
		t := toks[k]
		if !t.Upper || text.IsStopword(t.Norm) {
			continue
		}
		end := k + 1
		for end < hi && (toks[end].Upper || connectors[toks[end].Norm] && end+1 < hi && toks[end+1].Upper) &&
			len(gap(sus, end)) <= 3 {
			end++
		}
		if name := sus.Text()[t.Start:toks[end-1].End]; agency.LooksLikeOrganisation(name) {
			return replaced, sus.CreditName(name)
		}
		return unknown, ""
	}
	return dropped, ""
}

// creditForms returns the spellings under which a credits the organisation
// key: as written, and an agency's aliases.
func creditForms(a *anatomy.Anatomy, key string) []string {
	var forms []string
	for _, c := range a.Credits {
		if agency.Key(c.Text) == key {
			forms = append(forms, c.Text)
			forms = append(forms, agency.Aliases(c.Text)...)
		}
	}
	return forms
}

// containsName reports whether tokens [lo,hi) of a hold one of the names.
func containsName(a *anatomy.Anatomy, lo, hi int, names []string) bool {
	toks := a.Tokens()
	for _, r := range a.Mentions(names...) {
		if r.Start >= toks[lo].Start && r.End <= toks[hi-1].End {
			return true
		}
	}
	return false
}

// bylineNames compares the authors of a whole-article copy with the
// source's: a byline whose names are all new replaces the source's.
func (f follower) bylineNames() (string, string, bool) {
	sb, tb := f.source.Byline, f.suspect.Byline
	if !f.whole || sb == nil || tb == nil || len(sb.Names) == 0 {
		return "", "", false
	}
	have := map[string]bool{}
	for _, n := range sb.Names {
		have[agency.Fold(n.Text)] = true
	}
	var to []string
	for _, n := range tb.Names {
		if have[agency.Fold(n.Text)] {
			return "", "", false
		}
		to = append(to, n.Text)
	}
	if len(to) == 0 {
		// "By The Associated Press" over an AP story's reporters is
		// the same credit, without the names.
		if tb.Organisation == nil || creditsOrganisation(f.source, tb.Organisation.Text) {
			return "", "", false
		}
		to = append(to, f.suspect.CreditName(tb.Organisation.Text))
	}
	var from []string
	for _, n := range sb.Names {
		from = append(from, n.Text)
	}
	return strings.Join(from, " and "), strings.Join(to, " and "), true
}

// gap returns the text between tokens k-1 and k of a.
func gap(a *anatomy.Anatomy, k int) string {
	if k <= 0 {
		return ""
	}
	toks := a.Tokens()
	return a.Text()[toks[k-1].End:toks[k].Start]
}

// connectors may join the capitalised words of a name: "Bank of England".
var connectors = map[string]bool{"of": true, "and": true, "the": true, "for": true, "de": true, "du": true,
	"la": true, "le": true, "del": true, "on": true, "in": true, "&": true}

// creditsOrganisation reports whether any credit of a, whatever its role,
// names the organisation name does.
func creditsOrganisation(a *anatomy.Anatomy, name string) bool {
	for _, c := range a.Credits {
		if agency.Same(c.Text, name) {
			return true
		}
	}
	return false
}
