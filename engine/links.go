package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/text"
)

// What a trace and the grouping of a store into families share: the
// members made from articles, and the derivation links found by aligning
// an article with the stored ones that share most with it.

// neighbour is a stored article that an article derives from or lends to.
type neighbour struct {
	article wiretrace.Article
	text    *Text
	// cmp is the alignment with the article as the suspect and the
	// neighbour as the source, or, when reversed, the other way round.
	cmp wiretrace.Comparison
	// tokens is the alignment's word map, for the credit comparison.
	tokens   []int
	reversed bool
}

// otherWords and otherShared tell another story from the rest of the
// same one (anotherStory). Chosen on the tuning corpora of eval families
// (origin accuracy of the generated and METER tuning parts): at least 10
// words with at most 3%, 5%, 8% and 10% of them shared gave 0.850, 0.855,
// 0.855 and 0.853 on the generated part, at least 20 gave 0.850, 0.855,
// 0.858 and 0.855 (0.843 without the mark); METER's stayed at 0.907.
const (
	otherWords  = 20
	otherShared = 0.08
)

// link returns the link between the neighbour, member i, and the article,
// member j of text t, with the neighbour as A.
func (n neighbour) link(i, j int, t *Text) provenance.Link {
	a, b, source, suspect := i, j, n.text, t
	if n.reversed {
		a, b, source, suspect = j, i, t, n.text
	}
	l := provenance.LinkOf(a, b, n.cmp, len(source.String()), len(suspect.String()))
	l.OtherA = anotherStory(source.doc, n.cmp.Passages, true)
	l.OtherB = anotherStory(suspect.doc, n.cmp.Passages, false)
	if n.reversed {
		l = l.Flip()
	}
	return l
}

// anotherStory reports whether d, the source or the suspect of passages,
// holds another story besides them (see provenance.Link.OtherA): a sixth
// of its words or more lie outside them, with at least otherWords
// distinct content words of which at most otherShared (a share) are
// words of the passages. A story told on after the part another text took
// goes on with its words; a story of its own, or the next story on a
// page, has others.
func anotherStory(d *align.Doc, passages []wiretrace.Passage, source bool) bool {
	n := d.Len()
	if n == 0 || len(passages) == 0 {
		return false
	}
	in := make([]bool, n)
	for _, p := range passages {
		if source {
			within(in, d, p.SourceStart, p.SourceEnd)
		} else {
			within(in, d, p.SuspectStart, p.SuspectEnd)
		}
	}
	var inside, outside []uint64
	words := 0
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && in[hi] == in[lo] {
			hi++
		}
		if in[lo] {
			inside = append(inside, d.Stems(lo, hi)...)
		} else {
			outside = append(outside, d.Stems(lo, hi)...)
			words += hi - lo
		}
		lo = hi
	}
	slices.Sort(inside)
	inside = slices.Compact(inside)
	slices.Sort(outside)
	outside = slices.Compact(outside)
	if 6*words < n || len(outside) < otherWords {
		return false
	}
	shared := 0
	for _, h := range outside {
		if _, found := slices.BinarySearch(inside, h); found {
			shared++
		}
	}
	return float64(shared) <= otherShared*float64(len(outside))
}

// linkQuery is how neighbours are looked for.
type linkQuery struct {
	// self is the article's Seq when stored says it is stored: it is
	// not its own neighbour.
	self   uint64
	stored bool
	// before keeps only neighbours stored before the article, so that
	// each pair of a store is aligned once, from its later member.
	before bool
	// limit is how many candidates to align at most.
	limit int
}

// neighbours aligns t with the stored articles that share the most
// fingerprints with it and returns those it derives from or that derive
// from it (copy, spun, partial), most shared first.
func (e *Engine) neighbours(ctx context.Context, t *Text, q linkQuery) ([]neighbour, error) {
	if e.store == nil {
		return nil, errNoStore
	}
	if t.Empty() {
		return nil, wiretrace.ErrEmptyText
	}
	cq := wiretrace.CandidateQuery{
		Fingerprints: t.Fingerprints(),
		// The article itself is passed over, and some that share too
		// little of the smaller text: room for them.
		Limit:       2*q.limit + 1,
		MaxPostings: e.opts.MaxPostings,
		MinShared:   max(familyMinShared, len(t.Fingerprints())/familyMinShare),
	}
	if q.before && q.stored {
		// Only earlier articles: the store leaves out the later ones
		// before it reads any record.
		cq.Before, cq.Limit = q.self, q.limit
	}
	// Only a brief may be looked up again, by its runs of three words:
	// only then are the candidates aligned in the first pass noted.
	brief := e.isBrief(t)
	var seen map[uint64]bool
	if brief {
		seen = map[uint64]bool{}
	}
	out, err := e.aligned(ctx, t, q, cq, seen, false)
	if err != nil || len(out) > 0 || !brief {
		return out, err
	}
	// A brief that retells a story in its own words may share no two
	// fingerprints with it: looked up again by every run of three words
	// (Text.Probes), as a check looks it up, it links to the texts it
	// derives from as a whole (copy or spun) or that derive from it so
	// (foundByPhrases).
	// A brief of fewer words of its own than BriefWords is not: notices
	// written to one formula ("Qtly div nine cts vs nine cts prior") are
	// copies of each other in a handful of words.
	cq.Fingerprints, cq.MinShared = t.Probes(), 1
	return e.aligned(ctx, t, q, cq, seen, true)
}

// aligned aligns t with the candidates of cq not in seen, adds them to
// it (when it is not nil), and returns the neighbours among them; probed, the candidates of
// t's probes, which are linked only by a whole derivation (Relation.Whole).
func (e *Engine) aligned(ctx context.Context, t *Text, q linkQuery, cq wiretrace.CandidateQuery, seen map[uint64]bool, probed bool) ([]neighbour, error) {
	cands, err := e.store.Candidates(ctx, cq)
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	var out []neighbour
	aligned := 0
	for _, c := range cands {
		if q.stored && c.Seq == q.self || q.before && c.Seq > q.self || aligned == q.limit {
			continue
		}
		// A small text inside a large one is partial reuse of the large
		// one's at most; one sharing too little of the smaller text is not
		// worth aligning.
		if !probed && c.Shared*familyMinShare < min(c.Fingerprints, len(t.Fingerprints())) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		aligned++
		if seen[c.Seq] {
			continue
		}
		if seen != nil {
			seen[c.Seq] = true
		}
		c.Article.Seq = c.Seq
		n, ok := e.neighbourOf(t, c.Article, e.cache.get(c.Seq, c.Article.Text))
		if ok && (!probed || foundByPhrases(n.cmp)) {
			out = append(out, n)
		}
	}
	return out, nil
}

// neighbourOf aligns t, as the suspect, with the stored article a of text
// src, and returns the neighbour a is if the two are linked.
func (e *Engine) neighbourOf(t *Text, a wiretrace.Article, src *Text) (neighbour, bool) {
	source, suspect := src.doc, t.doc
	al := e.opts.Align.Align(source, suspect)
	reversed := !al.Relation.Derived() && al.SourceCoverage >= reverseCover
	if reversed {
		// The neighbour lies mostly inside the article, which holds
		// much of its own besides (the neighbour cut from it, or set
		// inside it): a link either way, told by aligning the
		// neighbour as the suspect.
		source, suspect = suspect, source
		al = e.opts.Align.Align(source, suspect)
	}
	if !al.Relation.Derived() || templated(source, suspect, al.TokenMap, al.Comparison) {
		return neighbour{}, false
	}
	return neighbour{article: a, text: src, cmp: al.Comparison, tokens: al.TokenMap, reversed: reversed}, true
}

// reverseCover is how much of a neighbour must lie inside the article, in
// passages, for the neighbour to be aligned as the suspect when the
// article is not derived from it: a text cut from another, or set inside
// it, is derived from it whichever was stored first. Chosen on the tuning
// corpora of eval families (mean ARI of the generated and METER parts:
// never 0.787, 0.5 0.784, 0.7 0.791, 0.8 0.788, 0.9 and 0.95 0.788).
const reverseCover = 0.7

// familyMinShare: a candidate must share at least one in this many of the
// fingerprints of the smaller of the two texts to be aligned for a family.
// A derived text shares far more (a partial copy of two paragraphs in
// twenty shares one in ten of the larger's); most of what shares less is
// the same subject in the same words ("the central bank said on Tuesday").
const familyMinShare = 50

// familyMinShared is the fewest fingerprints a candidate must share to be
// aligned for a family. One, as a check takes, links more stories written
// to one formula: on the tuning corpora of eval families (ARI, generated /
// METER) 0.917 / 0.839 against 0.934 / 0.843 with two.
const familyMinShared = 2

// memberOf returns the family member that article a with text t is.
func memberOf(a wiretrace.Article, t *Text) provenance.Member {
	return provenance.Member{
		Appearance:    wiretrace.AppearanceOf(a),
		Title:         a.Title,
		Names:         headlineNames(a.Title, t.doc),
		Slug:          a.Slug,
		Seq:           a.Seq,
		Credits:       creditKeys(t.Anatomy()),
		FirstRan:      firstRan(t.Anatomy()),
		Agency:        authorAgency(t.Anatomy()),
		Dateline:      datelinePlace(t),
		CanonicalSite: provenance.CanonicalSite(a.Canonical, a.Site),
		Lede:          ledeOf(a.Title, t),
	}
}

// ledeOf returns the share of the headline's distinctive words (names and
// words rarer than ledeCommon, stopwords aside, two at least) that the
// text's opening paragraph holds: its first paragraph of ledeWords words
// or more that is not the headline itself nor inside the article's
// furniture (headline, byline, photo captions; a dateline line or an
// outlet's line is shorter). Paragraphs are the anatomy's: lines, or in a
// hard-wrapped text the runs between blank lines. Nil when the headline
// has too few such words to tell. It reads the words and the anatomy the
// prepared text t already holds.
func ledeOf(title string, t *Text) *float64 {
	var want []uint64
	for _, t := range text.Tokenize(title) {
		if h := text.WordOf(t.Norm).Hash; len(t.Norm) > 2 && !t.Number && !text.IsStopword(t.Norm) && text.FrequencyOf(h) < ledeCommon && !slices.Contains(want, h) {
			want = append(want, h)
		}
	}
	if len(want) < 2 {
		return nil
	}
	head := strings.Join(strings.Fields(title), " ")
	d, an := t.doc, t.Anatomy()
	parts := furniture(an)
	k, n := 0, d.Len()
	for _, p := range an.Paragraphs() {
		// The paragraph's words: those that start inside it.
		for k < n {
			if start, _ := d.Span(k); start >= p[0] {
				break
			}
			k++
		}
		lo := k
		for k < n {
			if start, _ := d.Span(k); start >= p[1] {
				break
			}
			k++
		}
		if ownWords(d, parts, lo, k) < ledeWords || strings.Join(strings.Fields(d.Text[p[0]:p[1]]), " ") == head {
			continue
		}
		var got []uint64
		for w := lo; w < k; w++ {
			if h := d.StemHash(w); slices.Contains(want, h) && !slices.Contains(got, h) {
				got = append(got, h)
			}
		}
		share := float64(len(got)) / float64(len(want))
		return &share
	}
	return nil
}

// ledeWords is the fewest words of a paragraph that can be a story's lede;
// ledeCommon the frequency (text.Frequency) from which a headline's word
// is too common to tell what the story is about ("says", "new", "after").
const (
	ledeWords  = 8
	ledeCommon = 200
)

// openingWords is how many words a text may have before its dateline,
// besides its headline, byline, photo captions and credits, copyright
// lines and subheads, for the dateline to open it: an outlet's line or a
// "staff report" is a few words, a paragraph of a story more.
const openingWords = 15

// datelinePlace says where t's dateline is (provenance.DatelineOpening or
// DatelineInside), "" when it has none.
func datelinePlace(t *Text) string {
	an := t.Anatomy()
	if an.Dateline == nil {
		return ""
	}
	before := 0 // the words before the dateline
	for before < t.doc.Len() {
		if start, _ := t.doc.Span(before); start >= an.Dateline.Start {
			break
		}
		before++
	}
	if ownWords(t.doc, furniture(an), 0, before) > openingWords {
		return provenance.DatelineInside
	}
	return provenance.DatelineOpening
}

// furniture returns the parts of an article around its story's
// paragraphs: its headline, byline, photo captions and credits, copyright
// lines and subheads.
func furniture(an *anatomy.Anatomy) []anatomy.Span {
	var parts []anatomy.Span
	add := func(s *anatomy.Span) {
		if s != nil {
			parts = append(parts, *s)
		}
	}
	add(an.Headline)
	if an.Byline != nil {
		add(&an.Byline.Span)
	}
	for _, ph := range an.Photos {
		add(ph.Caption)
		add(&ph.Credit)
	}
	for _, c := range an.Copyrights {
		add(&c.Span)
	}
	for _, sh := range an.Subheads {
		add(&sh)
	}
	return parts
}

// ownWords counts the words lo to hi of d that lie outside every part.
func ownWords(d *align.Doc, parts []anatomy.Span, lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		start, end := d.Span(k)
		if !slices.ContainsFunc(parts, func(s anatomy.Span) bool { return start >= s.Start && end <= s.End }) {
			n++
		}
	}
	return n
}

// creditKeys returns the organisations an article credits as its author,
// in agency.Key form: photo credits and picture libraries are not.
func creditKeys(an *anatomy.Anatomy) []string {
	var keys []string
	for _, c := range an.Credits {
		if c.Role == anatomy.RolePhoto || agency.IsPhotoLibrary(c.Name) {
			continue
		}
		if k := agency.Key(c.Name); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// firstRan returns the outlets, in agency.Key form, that an article's
// republication notes say it ran on first.
func firstRan(an *anatomy.Anatomy) []string {
	var keys []string
	for _, s := range an.Republished {
		if k := agency.Key(s.Text); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// authorAgency returns the usual name of the news agency that an
// article's byline or dateline credits, "" when they credit none.
func authorAgency(an *anatomy.Anatomy) string {
	for _, c := range an.Credits {
		if c.Role != anatomy.RoleByline && c.Role != anatomy.RoleDateline {
			continue
		}
		if n, ok := agency.Known(c.Name); ok && !agency.IsPhotoLibrary(c.Name) {
			return n
		}
		// A wire no list knows, by its name: a regional agency's
		// ("Mercia Press Agency", "Coastline News Service").
		if agency.LooksLikeWire(c.Name) {
			return strings.TrimSpace(c.Name)
		}
	}
	return ""
}

// templated reports an alignment that shares a formula's words and not
// its facts, or fills its slots with other facts: "X said its board declared a three-for-two stock split,
// payable D to holders of record E", where X, D and E differ. In a copy
// the names and numbers are shared as much as the other words are; in two
// stories written to one formula they are not. The word alignment tells
// (tokens maps each source word to the suspect's, -1 for none), since
// passages stretch to whole sentences. Both texts must show it, and hold
// enough names and numbers to tell.
func templated(source, suspect *align.Doc, tokens []int, c wiretrace.Comparison) bool {
	if tokens == nil {
		return false
	}
	// Only the words inside the passages count: a story that took two
	// paragraphs of another holds names and numbers of its own around
	// them, which say nothing of the paragraphs it took.
	inA, inB := make([]bool, source.Len()), make([]bool, suspect.Len())
	for _, p := range c.Passages {
		within(inA, source, p.SourceStart, p.SourceEnd)
		within(inB, suspect, p.SuspectStart, p.SuspectEnd)
	}
	if factPoor(source, suspect, tokens, inA) && factPoor(suspect, source, back(tokens, suspect.Len()), inB) {
		return true
	}
	// Facts replaced by other facts: the same slots filled with other
	// numbers and names, against the facts the two share. A copy that
	// updates a figure changes one or two of many.
	shared := 0
	for i, k := range tokens {
		if k >= 0 && source.Immutable(i) && source.Token(i).Norm == suspect.Token(k).Norm {
			shared++
		}
	}
	changed, all := 0, 0
	for _, s := range c.Substitutions {
		all += s.Count
		if fact(s.Source) && fact(s.Suspect) {
			changed += s.Count
		}
	}
	return changed >= 2 && 3*changed >= all && 4*changed >= shared
}

// fact reports words that state a fact: a number, or a name (a
// capitalised word).
func fact(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789") {
			return true
		}
	}
	return false
}

// minFacts is the fewest names and numbers a text must hold for the
// share of them that is shared to tell anything.
const minFacts = 4

// factPoor reports whether d shares with other, through to (d's token k
// is other's token to[k], or -1), a clearly smaller share of its names and
// numbers than of its words, counting the words that in marks.
func factPoor(d, other *align.Doc, to []int, in []bool) bool {
	words, wordsIn, facts, factsIn := 0, 0, 0, 0
	for k := range d.Len() {
		if !in[k] {
			continue
		}
		words++
		same := k < len(to) && to[k] >= 0 && other.Token(to[k]).Norm == d.Token(k).Norm
		if same {
			wordsIn++
		}
		if d.Immutable(k) {
			facts++
			if same {
				factsIn++
			}
		}
	}
	if facts < minFacts || words == 0 {
		return false
	}
	return float64(factsIn)/float64(facts) < 0.5*float64(wordsIn)/float64(words)
}

// back inverts a word map from one text's words to another's (of n
// words): -1 for a word nothing maps to.
func back(to []int, n int) []int {
	out := make([]int, n)
	for k := range out {
		out[k] = -1
	}
	for i, k := range to {
		if k >= 0 && k < n {
			out[k] = i
		}
	}
	return out
}

// within marks the tokens of d inside the bytes [start, end).
func within(in []bool, d *align.Doc, start, end int) {
	lo, hi := d.TokensIn(start, end)
	for k := lo; k < hi; k++ {
		in[k] = true
	}
}
