package anatomy

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	// News outlets named in the text as the reporter: "Reuters
	// journalists at the scene", "told Reuters", "AFP reported"; and
	// those a republication note says the text ran on first.
	republished := a.republished()
	for _, r := range republished {
		a.Republished = append(a.Republished, a.span(r.lo, r.hi))
	}
	for _, r := range slices.Concat(a.reporterCredits(), a.creditLines(), republished, a.innerDatelines()) {
		if b := a.Byline; b != nil && r.lo < b.End && b.Start < r.hi {
			continue
		}
		if !overlapsCredit(a.Credits, r.lo, r.hi) {
			add(RoleText, a.spanPtr(r.lo, r.hi))
		}
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

// Words around a news outlet's name that make it the reporter of the
// text: it is the one who saw, asked, was told or counted.
var (
	// "Reuters journalists", "a Reuters witness", "AFP reporters".
	reporterNouns = setOf("journalist", "journalists", "reporter", "reporters", "correspondent",
		"correspondents", "photographer", "photographers", "cameraman", "cameramen", "witness",
		"witnesses", "crew", "crews", "staff", "tally", "calculations", "analysis", "investigation",
		"reporting", "reported", "reports", "learned", "learnt", "understands",
		// "The Associated Press contributed to this report."
		"contributed")
	// "AFP has learned", "Reuters was unable to verify", "Reuters could
	// not independently verify".
	reporterAuxiliaries = map[string][]string{
		"has": {"reported", "learned", "learnt", "seen", "obtained", "confirmed", "verified"},
		"had": {"reported", "learned", "learnt", "seen", "obtained", "confirmed"},
		"was": {"unable", "told", "shown"}, "is": {"unable"},
		"could": {"not"}, "cannot": nil, "did": {"not"},
	}
	// "told Reuters", "telling AFP".
	tellVerbs = setOf("told", "tell", "tells", "telling")
	// "according to Reuters", "said in a statement to Reuters", "spoke to
	// AFP", "in an interview with Reuters", "a document seen by Reuters".
	beforeTo   = setOf("according", "statement", "spoke", "speaking", "talking", "confirmed", "said", "explained")
	beforeWith = setOf("interview", "interviews", "conversation")
	beforeBy   = setOf("seen", "obtained", "reviewed", "verified", "compiled", "calculated", "conducted", "commissioned", "analysed", "analyzed",
		// "Distributed by Tribune Content Agency", "footage provided by
		// Reuters".
		"distributed", "provided", "supplied", "syndicated")
	// "with wire reports from Reuters", "with files from The Canadian
	// Press", "reporting from AFP".
	beforeFrom = setOf("reports", "reporting", "files", "material", "contributions", "dispatches")
)

// reporterCredits finds the news outlets the text names as its reporter,
// by the words around a capitalised name that reads as a news outlet
// (agency.LooksLikeNewsOutlet): "Reuters journalists at the scene", "told
// Reuters", "AFP reported", "according to The Associated Press". The
// name's leading "The" is left out of the range.
func (a *Anatomy) reporterCredits() []rng {
	toks := a.toks
	norm := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Norm
	}
	var out []rng
	for k := 0; k < len(toks); {
		if !toks[k].Upper || text.Calendar(toks[k].Norm) {
			k++
			continue
		}
		// A run of capitalised words, joined by connectors, within one
		// clause.
		end := a.nameEnd(k, len(toks))
		// Before the run, "the" aside; after it, the next words.
		before := k - 1
		if norm(before) == "the" {
			before--
		}
		byPrev := tellVerbs[norm(before)] ||
			norm(before) == "to" && beforeTo[norm(before-1)] ||
			norm(before) == "with" && beforeWith[norm(before-1)] ||
			norm(before) == "by" && beforeBy[norm(before-1)] ||
			norm(before) == "from" && beforeFrom[norm(before-1)]
		next := norm(end)
		aux, isAux := reporterAuxiliaries[next]
		byNext := end < len(toks) && a.joined(end) && (reporterNouns[next] || isAux && (aux == nil || slices.Contains(aux, norm(end+1))))
		if r, ok := a.outletIn(k, end, byPrev, byNext); ok {
			out = append(out, r)
		}
		k = end
	}
	return out
}

// creditLineLabels may open a line that credits the story's source.
var creditLineLabels = setOf("source", "sources", "via", "from", "credit", "courtesy", "with", "by")

// innerDatelines returns the agencies credited in the datelines that open
// paragraphs below the text's own: a wire story set inside another keeps
// its dateline at the head of its paragraph ("FRANKFURT, March 3 (Meridian
// Press Agency) - ..."), crediting the agency with that part.
func (a *Anatomy) innerDatelines() []rng {
	var out []rng
	for k, p := range a.paras {
		if k <= a.body && a.Dateline != nil || k < a.body {
			continue
		}
		// Only a place in capitals is looked at ("KESTREL BAY, May 4
		// (Tidewater Wire) -"): most paragraphs open with a capital and
		// a small letter, and reading each as a dateline would cost a
		// tenth of parsing the text.
		s := a.paraText(p)
		r1, n := utf8.DecodeRuneInString(s)
		r2, _ := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsUpper(r1) || !unicode.IsUpper(r2) {
			continue
		}
		if d, ok := parseDateline(s); ok && !d.agency.empty() {
			out = append(out, rng{p.start + d.agency.lo, p.start + d.agency.hi})
		}
	}
	return out
}

// creditLines finds the paragraphs that only credit a news outlet, as
// syndicating sites close a story: "Source: Reuters", "(Reuters)", "—
// Associated Press", "Via AFP".
func (a *Anatomy) creditLines() []rng {
	var out []rng
	for i, p := range a.paras {
		if i < a.body || p.end-p.start > 60 {
			continue
		}
		lo, hi := a.tokensIn(p.start, p.end)
		for lo < hi && creditLineLabels[a.toks[lo].Norm] {
			lo++
		}
		if lo >= hi || !a.toks[lo].Upper {
			continue
		}
		one := true
		for k := lo + 1; k < hi && one; k++ {
			one = a.joined(k) && (a.toks[k].Upper || nameConnectors[a.toks[k].Norm])
		}
		if !one {
			continue
		}
		name := a.text[a.toks[lo].Start:a.toks[hi-1].End]
		rest := strings.Trim(a.text[a.toks[hi-1].End:p.end], " .)\u00a0")
		if rest == "" && agency.LooksLikeNewsOutlet(name) {
			start := a.toks[lo].Start
			if a.toks[lo].Norm == "the" && lo+1 < hi {
				start = a.toks[lo+1].Start
			}
			out = append(out, rng{start, a.toks[hi-1].End})
		}
	}
	return out
}

// outletIn returns the news outlet's name in the capitalised run of tokens
// [k,end): a prefix of it when the words before name the reporter
// ("told Reuters Tuesday"), a suffix when the words after do ("In Kyiv
// Reuters journalists"), the longest that reads as an outlet.
func (a *Anatomy) outletIn(k, end int, byPrev, byNext bool) (rng, bool) {
	toks := a.toks
	ok := func(lo, hi int) bool {
		for lo < hi && (toks[lo].Norm == "the" || text.IsStopword(toks[lo].Norm) && !toks[lo].Upper) {
			lo++
		}
		if lo >= hi || nameConnectors[toks[hi-1].Norm] {
			return false
		}
		name := a.text[toks[lo].Start:toks[hi-1].End]
		// One word that names a kind of outlet is one only as "the
		// Times": "Television reports said", "Press reports from the
		// region" name no one.
		if hi-lo == 1 && (lo == 0 || toks[lo-1].Norm != "the") {
			if _, known := agency.Known(name); !known {
				return false
			}
		}
		return agency.LooksLikeNewsOutlet(name)
	}
	trim := func(lo, hi int) rng {
		for toks[lo].Norm == "the" || text.IsStopword(toks[lo].Norm) {
			lo++
		}
		return rng{toks[lo].Start, toks[hi-1].End}
	}
	if byNext {
		for lo := k; lo < end; lo++ {
			if !text.IsStopword(toks[lo].Norm) && ok(lo, end) {
				return trim(lo, end), true
			}
		}
	}
	if byPrev {
		for hi := end; hi > k; hi-- {
			if ok(k, hi) {
				return trim(k, hi), true
			}
		}
	}
	return rng{}, false
}

// nameEnd returns the end of the run of capitalised words that opens at
// token k, joined by connectors, within one clause and before token hi:
// an outlet's name ("Kestrel Valley Courier & Gazette").
func (a *Anatomy) nameEnd(k, hi int) int {
	toks := a.toks
	end := k + 1
	for end < hi && a.joined(end) && !text.Calendar(toks[end].Norm) &&
		(toks[end].Upper || nameConnectors[toks[end].Norm] && end+1 < hi && toks[end+1].Upper && a.joined(end+1)) {
		end++
	}
	return end
}

// joined reports whether token k follows token k-1 within a name: only
// spaces, "&" or a hyphen between them.
func (a *Anatomy) joined(k int) bool {
	g := a.gap(k)
	return len(g) <= 3 && strings.Trim(g, " &-") == ""
}

// nameConnectors may join the capitalised words of an outlet's name.
// A lower-case "the" starts a new name ("on Saturday the Times
// reported").
var nameConnectors = setOf("of", "and", "for", "&")

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
		if !seen || IsCapsPlace(cur) && !IsCapsPlace(c.Text) {
			names[k] = c.Text
		}
	}
	for k, n := range names {
		if _, known := agency.Known(n); IsCapsPlace(n) && !known {
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
	if IsCapsPlace(name) {
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
