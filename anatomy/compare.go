package anatomy

import (
	"cmp"
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
)

// Quote changes.
const (
	// QuoteReworded: the suspect changed a quote's words, not only its
	// punctuation.
	QuoteReworded = "reworded"
	// QuoteSpeakerDropped: the source attributes the quote, the suspect
	// does not.
	QuoteSpeakerDropped = "speaker-dropped"
)

// CompareCredits says how suspect, derived from source as c describes,
// treats the source's credits and quotes.
//
// A credit of the source (dateline agency, byline, photo credit, and the
// mentions of the credited names in the text) is followed to the same place
// in the suspect: structurally for the dateline, byline and a photo by the
// same photographer, and through the alignment for the rest, by the words
// either side of it. There it is kept, replaced by another name or removed.
// The suspect rebranded the source when it replaced a credit, or removed
// credits and credits the source nowhere in its own story credits. A
// copyright line is the page publisher's and is not followed: a syndicating
// site puts its own there legitimately.
//
// A quote of the source is matched to the suspect quote with the most words
// in common; it changed when its words differ or its speaker is gone.
func CompareCredits(source, suspect *Anatomy, c wiretrace.Comparison) (*wiretrace.Credit, []wiretrace.QuoteChange) {
	cr := &wiretrace.Credit{
		Source:       source.CreditedNames(),
		Suspect:      suspect.CreditedNames(),
		Replacements: []wiretrace.CreditReplacement{},
	}
	f := follower{source: source, suspect: suspect, passages: c.Passages, tokens: new([]int), whole: c.Relation == wiretrace.Copy || c.Relation == wiretrace.Spun}
	type pair struct{ source, suspect string }
	counts := map[pair]int{}
	removed := 0
	for _, credit := range source.Credits {
		if credit.Role == RoleCopyright {
			continue
		}
		out, name := f.follow(credit)
		switch out {
		case replaced:
			counts[pair{credit.Name, name}]++
		case dropped:
			counts[pair{credit.Name, ""}]++
			removed++
		}
	}
	if from, to, ok := f.bylineNames(); ok {
		counts[pair{from, to}]++
	}
	for p, n := range counts {
		cr.Replacements = append(cr.Replacements, wiretrace.CreditReplacement{Source: p.source, Suspect: p.suspect, Count: n})
		if p.suspect != "" {
			cr.Rebranded = true
		}
	}
	if removed > 0 && !suspect.creditsAny(source) {
		cr.Rebranded = true
	}
	slices.SortFunc(cr.Replacements, func(x, y wiretrace.CreditReplacement) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Source, y.Source); c != 0 {
			return c
		}
		return cmp.Compare(x.Suspect, y.Suspect)
	})
	return cr, compareQuotes(source, suspect)
}

// creditsAny reports whether a's story credits (not photo or copyright)
// name any organisation other credits.
func (a *Anatomy) creditsAny(other *Anatomy) bool {
	keys := map[string]bool{}
	for _, c := range other.Credits {
		keys[agency.Key(c.Text)] = true
	}
	for _, c := range a.Credits {
		if storyRoles[c.Role] && keys[agency.Key(c.Text)] {
			return true
		}
	}
	return false
}

// Outcomes of following a credit into the suspect.
const (
	unknown = iota
	kept
	replaced
	dropped
)

type follower struct {
	source, suspect *Anatomy
	passages        []wiretrace.Passage
	// tokens holds the token map once made (see m).
	tokens *[]int
	// whole is true when the suspect derives from the source as a whole
	// article (copy or spun), so that its byline stands in the source's.
	whole bool
}

// m maps each source token to its aligned suspect token, or -1. It is made
// on first use: most sources have no credit to follow, and aligning every
// passage word by word costs as much as the comparison itself.
func (f follower) m() []int {
	if *f.tokens == nil {
		*f.tokens = tokenMap(f.source, f.suspect, f.passages)
	}
	return *f.tokens
}

// follow finds what became of one credit of the source in the suspect, and
// the name put in its place.
func (f follower) follow(c Credit) (int, string) {
	key := agency.Key(c.Text)
	switch c.Role {
	case RoleDateline:
		if d := f.suspect.Dateline; d != nil && f.datelinesCorrespond() {
			if d.Agency == nil {
				return dropped, ""
			}
			return f.compareName(key, d.Agency.Text)
		}
	case RoleByline:
		if b := f.suspect.Byline; b != nil && f.whole {
			if b.Organisation == nil {
				return dropped, ""
			}
			return f.compareName(key, b.Organisation.Text)
		}
	case RoleHeadline:
		if h := f.suspect.headlineCredit; h != nil && f.whole {
			return f.compareName(key, h.Text)
		}
	case RolePhoto:
		if out, name, ok := f.photo(c); ok {
			return out, name
		}
	}
	return f.anchored(c, key)
}

// compareName says whether the suspect's name for a credit keeps the
// source's.
func (f follower) compareName(sourceKey, name string) (int, string) {
	if agency.Key(name) == sourceKey {
		return kept, ""
	}
	return replaced, f.suspectName(name)
}

// suspectName spells a name as the suspect's credits do.
func (f follower) suspectName(name string) string {
	k := agency.Key(name)
	for _, c := range f.suspect.Credits {
		if agency.Key(c.Text) == k {
			return c.Name
		}
	}
	if isCapsPlace(name) {
		return titleCase(name)
	}
	return name
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
	if f.source.body >= len(f.source.paras) || f.suspect.body >= len(f.suspect.paras) {
		return false
	}
	sp, tp := f.source.paras[f.source.body], f.suspect.paras[f.suspect.body]
	lo, hi := f.source.tokensIn(sp.start, sp.end)
	m := f.m()
	for k := lo; k < hi; k++ {
		if j := m[k]; j >= 0 && f.suspect.toks[j].Start >= tp.start && f.suspect.toks[j].End <= tp.end {
			return true
		}
	}
	return false
}

// photo follows a photo credit to the suspect's photo by the same
// photographer.
func (f follower) photo(c Credit) (int, string, bool) {
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
		out, name := f.compareName(agency.Key(c.Text), ph.Agency.Text)
		return out, name, true
	}
	return unknown, "", false
}

// anchored follows a credit through the alignment: the nearest aligned
// words before and after it (within three words) bound the suspect's
// words that stand in its place.
func (f follower) anchored(c Credit, key string) (int, string) {
	src, sus := f.source, f.suspect
	a, b := src.tokensIn(c.Start, c.End)
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
	for j := b; j < min(len(src.toks), b+3); j++ {
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
		if agency.Key(cr.Text) == key && cr.Start >= sus.toks[lo].Start && cr.End <= sus.toks[hi-1].End {
			return kept, ""
		}
	}
	if forms := creditForms(src, key); containsName(sus, lo, hi, forms) {
		return kept, ""
	}
	// Another credited name of the suspect in its place?
	for _, cr := range sus.Credits {
		if cr.Start >= sus.toks[lo].Start && cr.End <= sus.toks[hi-1].End {
			return replaced, cr.Name
		}
	}
	// Else a capitalised name in its place, or nothing.
	for k := lo; k < hi; k++ {
		t := sus.toks[k]
		if !t.Upper || text.IsStopword(t.Norm) {
			continue
		}
		end := k + 1
		for end < hi && (sus.toks[end].Upper || connectors[sus.toks[end].Norm] && end+1 < hi && sus.toks[end+1].Upper) &&
			len(sus.gap(end)) <= 3 {
			end++
		}
		return replaced, f.suspectName(sus.text[t.Start:sus.toks[end-1].End])
	}
	return dropped, ""
}

// creditForms returns the spellings under which a credits the organisation
// key: as written, and an agency's aliases.
func creditForms(a *Anatomy, key string) []string {
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
func containsName(a *Anatomy, lo, hi int, names []string) bool {
	for _, r := range a.mentions(names) {
		if r.lo >= a.toks[lo].Start && r.hi <= a.toks[hi-1].End {
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
		if tb.Organisation == nil {
			return "", "", false
		}
		to = append(to, f.suspectName(tb.Organisation.Text))
	}
	var from []string
	for _, n := range sb.Names {
		from = append(from, n.Text)
	}
	return strings.Join(from, " and "), strings.Join(to, " and "), true
}

// maxCells bounds the word alignment table of one passage; longer passages
// are aligned in pieces along their diagonal.
const maxCells = 1 << 22

// tokenMap aligns the words of each passage (longest common subsequence of
// light stems) and returns, for each source token, its suspect token or -1.
func tokenMap(source, suspect *Anatomy, passages []wiretrace.Passage) []int {
	m := make([]int, len(source.toks))
	for i := range m {
		m[i] = -1
	}
	sstem := stems(source.toks)
	tstem := stems(suspect.toks)
	for _, p := range passages {
		slo, shi := source.tokensIn(p.SourceStart, p.SourceEnd)
		tlo, thi := suspect.tokensIn(p.SuspectStart, p.SuspectEnd)
		n, k := shi-slo, thi-tlo
		if n <= 0 || k <= 0 {
			continue
		}
		pieces := 1
		for (n/pieces+1)*(k/pieces+1) > maxCells {
			pieces++
		}
		for q := 0; q < pieces; q++ {
			lcsMap(m, sstem, tstem, slo+n*q/pieces, slo+n*(q+1)/pieces, tlo+k*q/pieces, tlo+k*(q+1)/pieces)
		}
	}
	return m
}

func stems(toks []text.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text.Stem(t.Norm)
	}
	return out
}

// lcsMap aligns a[alo:ahi] with b[blo:bhi] by their longest common
// subsequence and records the pairs in m, leaving tokens already mapped.
func lcsMap(m []int, a, b []string, alo, ahi, blo, bhi int) {
	n, k := ahi-alo, bhi-blo
	w := k + 1
	l := make([]int32, (n+1)*w)
	for x := n - 1; x >= 0; x-- {
		for y := k - 1; y >= 0; y-- {
			if a[alo+x] == b[blo+y] {
				l[x*w+y] = l[(x+1)*w+y+1] + 1
			} else {
				l[x*w+y] = max(l[(x+1)*w+y], l[x*w+y+1])
			}
		}
	}
	for x, y := 0, 0; x < n && y < k; {
		switch {
		case a[alo+x] == b[blo+y]:
			if m[alo+x] < 0 {
				m[alo+x] = blo + y
			}
			x++
			y++
		case l[(x+1)*w+y] >= l[x*w+y+1]:
			x++
		default:
			y++
		}
	}
}

// compareQuotes matches each quote of the source with the suspect quote
// sharing most of its words, and reports those reworded or stripped of
// their speaker.
func compareQuotes(source, suspect *Anatomy) []wiretrace.QuoteChange {
	type match struct {
		s, t  int
		score float64
	}
	words := func(a *Anatomy, q Quote) ([]string, []string) {
		lo, hi := a.tokensIn(q.Inner.Start, q.Inner.End)
		norms := make([]string, 0, hi-lo)
		st := make([]string, 0, hi-lo)
		for _, t := range a.toks[lo:hi] {
			norms = append(norms, t.Norm)
			st = append(st, text.Stem(t.Norm))
		}
		return norms, st
	}
	type qw struct{ norms, stems []string }
	sw := make([]qw, len(source.Quotes))
	for i, q := range source.Quotes {
		sw[i].norms, sw[i].stems = words(source, q)
	}
	tw := make([]qw, len(suspect.Quotes))
	for j, q := range suspect.Quotes {
		tw[j].norms, tw[j].stems = words(suspect, q)
	}
	var ms []match
	for i := range sw {
		if len(sw[i].stems) < 3 {
			continue
		}
		for j := range tw {
			if len(tw[j].stems) == 0 || !shareEnough(sw[i].stems, tw[j].stems) {
				continue
			}
			score := float64(lcsLen(sw[i].stems, tw[j].stems)) / float64(max(len(sw[i].stems), len(tw[j].stems)))
			if score >= 0.5 {
				ms = append(ms, match{i, j, score})
			}
		}
	}
	slices.SortStableFunc(ms, func(x, y match) int { return cmp.Compare(y.score, x.score) })
	usedS := map[int]bool{}
	usedT := map[int]bool{}
	out := []wiretrace.QuoteChange{}
	for _, mt := range ms {
		if usedS[mt.s] || usedT[mt.t] {
			continue
		}
		usedS[mt.s], usedT[mt.t] = true, true
		sq, tq := source.Quotes[mt.s], suspect.Quotes[mt.t]
		change := func(kind string) {
			out = append(out, wiretrace.QuoteChange{
				SourceStart: sq.Start, SourceEnd: sq.End,
				SuspectStart: tq.Start, SuspectEnd: tq.End,
				Change: kind,
			})
		}
		if !slices.Equal(sw[mt.s].norms, tw[mt.t].norms) {
			change(QuoteReworded)
		}
		if sq.Speaker != nil && tq.Speaker == nil {
			change(QuoteSpeakerDropped)
		}
	}
	slices.SortFunc(out, func(x, y wiretrace.QuoteChange) int {
		if c := cmp.Compare(x.SuspectStart, y.SuspectStart); c != 0 {
			return c
		}
		return cmp.Compare(x.Change, y.Change)
	})
	if len(out) == 0 {
		return nil
	}
	return out
}

// shareEnough is a cheap test before the alignment: at least a third of
// the shorter quote's stems occur in the other.
func shareEnough(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	set := make(map[string]bool, len(b))
	for _, w := range b {
		set[w] = true
	}
	n := 0
	for _, w := range a {
		if set[w] {
			n++
		}
	}
	return 3*n >= len(a)
}

func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
