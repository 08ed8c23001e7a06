package align

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/text"
	"github.com/zeebo/xxh3"
)

// Doc is a text prepared for alignment. Prepare it once and compare it with
// many others.
type Doc struct {
	Text string
	Toks []text.Token
	// stems and hashes are per token: the light stem and its hash.
	stems   []string
	hashes  []uint64
	content []bool
	// immutable marks names and numbers: words that spinners keep and that
	// independent reports of the same event share too (DSpin's immutables).
	immutable []bool
	// ordinary counts the words that are not immutables.
	ordinary int
}

// NewDoc tokenises s.
func NewDoc(s string) *Doc {
	toks := text.Tokenize(s)
	d := &Doc{
		Text:      s,
		Toks:      toks,
		stems:     make([]string, len(toks)),
		hashes:    make([]uint64, len(toks)),
		content:   make([]bool, len(toks)),
		immutable: make([]bool, len(toks)),
	}
	upper := 0
	for i, t := range toks {
		st := text.Stem(t.Norm)
		d.stems[i] = st
		d.hashes[i] = xxh3.HashString(st)
		d.content[i] = !text.IsStopword(t.Norm)
		if t.Upper {
			upper++
		}
	}
	// In a text set in capitals, a capital says nothing of names.
	caseTells := upper*2 < len(toks)
	for i, t := range toks {
		d.immutable[i] = t.Number || caseTells && t.Upper && d.content[i]
		if !d.immutable[i] {
			d.ordinary++
		}
	}
	return d
}

// Options are the alignment's parameters. The zero value is not useful:
// start from Defaults.
type Options struct {
	// MaxGap is the largest gap, in words on either side, inside a chain.
	MaxGap int
	// MinMatched is the fewest matched words a passage needs.
	MinMatched int
	// MinMatchedShort is the least of MinMatched for very short texts.
	MinMatchedShort int
	// MinDensity is the least share of matched words in a passage's longer
	// side.
	MinDensity float64
	// MergeGap is the largest gap, in words on either side, between two
	// passages that merge into one.
	MergeGap int
	// MaxSubstitution is the longest run of words, on either side, reported
	// as a substitution rather than an insertion or deletion.
	MaxSubstitution int
	// MaxSeedRepeats drops bigrams that occur more often than this in
	// either text: they are the text's own boilerplate.
	MaxSeedRepeats int
	// DerivedCoverage is the least evidence coverage of the suspect for a
	// copy or spun relation; PartialCoverage and PartialWords the least for
	// partial.
	DerivedCoverage float64
	PartialCoverage float64
	PartialWords    int
	// CopyExactness is the least share of kept words among kept and
	// substituted words for a copy rather than a spun relation.
	CopyExactness float64
	// Immutables sets names and numbers aside as evidence of copied
	// wording; QuoteAware sets aside words inside quotation marks;
	// BalancedGaps counts words matched inside a gap only when the gap's
	// two sides are about as long. Each is on in Defaults; they are
	// options so that what each adds can be measured.
	Immutables   bool
	QuoteAware   bool
	BalancedGaps bool
	// SentenceSimilarity, when above zero, pairs uncovered suspect
	// sentences with source sentences of at least this cosine of content
	// words.
	SentenceSimilarity float64
	// RelatedSimilarity is the least cosine similarity of content words for
	// a related relation.
	RelatedSimilarity float64
}

// Defaults are the options wiretrace uses.
var Defaults = Options{
	MaxGap:             16,
	MinMatched:         9,
	MinMatchedShort:    4,
	MinDensity:         0.25,
	MergeGap:           80,
	MaxSubstitution:    3,
	MaxSeedRepeats:     8,
	DerivedCoverage:    0.5,
	PartialCoverage:    0,
	PartialWords:       15,
	CopyExactness:      0.93,
	RelatedSimilarity:  0.2,
	Immutables:         true,
	QuoteAware:         true,
	BalancedGaps:       true,
	SentenceSimilarity: 0.7,
}

// Compare aligns suspect against source with the default options.
func Compare(source, suspect *Doc) wiretrace.Comparison {
	return Defaults.Compare(source, suspect)
}

// pair is a matched word: source token i, suspect token j. Strong pairs
// come from a bigram with a content word that is not a name or number.
type pair struct {
	i, j   int32
	strong bool
}

// passage is a chain of matched words with its gaps filled.
type passage struct {
	pairs          []pair
	srcLo, srcHi   int // token range, end exclusive
	suspLo, suspHi int
	matched        int
	// ordinary counts matched words that are not immutables: the evidence
	// that wording, not only facts, was carried over.
	ordinary int
	// unquoted counts the ordinary words outside quotation marks: what is
	// left as evidence once shared quotes are set aside.
	unquoted    int
	substituted int // suspect words inside substitutions
	subs        []sub
	quoted      bool
}

type sub struct{ source, suspect string }

// Compare aligns suspect against source.
func (o Options) Compare(source, suspect *Doc) wiretrace.Comparison {
	pairs := o.seeds(source, suspect)
	chains := o.chain(pairs)
	var passages []*passage
	for _, c := range chains {
		p := o.fill(source, suspect, c)
		if p != nil {
			passages = append(passages, p)
		}
	}
	// How much subject the texts share decides related, and whether
	// paraphrased sentences are worth looking for.
	subject := cosine(source, suspect)
	if o.SentenceSimilarity > 0 && subject >= o.RelatedSimilarity && o.undecided(suspect, passages) {
		passages = append(passages, o.sentencePassages(source, suspect, passages)...)
	}
	slices.SortFunc(passages, func(a, b *passage) int { return cmp.Compare(a.suspLo, b.suspLo) })
	return o.judge(source, suspect, passages, o.merge(passages), subject)
}

// undecided reports whether the chained passages leave the relation open:
// when they already cover DerivedCoverage of the suspect, paraphrased
// sentences cannot make it more derived.
func (o Options) undecided(suspect *Doc, passages []*passage) bool {
	covered := 0
	for _, p := range passages {
		covered += p.suspHi - p.suspLo
	}
	return float64(covered) < o.DerivedCoverage*float64(len(suspect.Toks))
}

// sentencePassages pairs each suspect sentence that no passage covers with
// the source sentence sharing most of its content words (names and numbers
// aside), when their cosine reaches SentenceSimilarity: a paraphrase keeps
// a sentence's words but not their order, which breaks bigram chains.
func (o Options) sentencePassages(source, suspect *Doc, have []*passage) []*passage {
	type sent struct {
		lo, hi int
		words  map[uint64]bool
	}
	split := func(d *Doc) []sent {
		var out []sent
		for _, sp := range text.Sentences(d.Text, d.Toks) {
			w := map[uint64]bool{}
			for k := sp.Start; k < sp.End; k++ {
				if d.content[k] && !o.immutable(d, k) {
					w[d.hashes[k]] = true
				}
			}
			out = append(out, sent{sp.Start, sp.End, w})
		}
		return out
	}
	covered := make([]bool, len(suspect.Toks))
	for _, p := range have {
		for k := p.suspLo; k < p.suspHi; k++ {
			covered[k] = true
		}
	}
	src := split(source)
	// An inverted index from word to source sentences keeps this linear in
	// the shared words rather than quadratic in the sentences.
	in := map[uint64][]int32{}
	for i, rs := range src {
		for h := range rs.words {
			in[h] = append(in[h], int32(i))
		}
	}
	shared := make([]int, len(src))
	var out []*passage
	for _, ss := range split(suspect) {
		if len(ss.words) < o.MinMatchedShort || slices.Contains(covered[ss.lo:ss.hi], true) {
			continue
		}
		clear(shared)
		for h := range ss.words {
			for _, i := range in[h] {
				shared[i]++
			}
		}
		best, bestCos := -1, 0.0
		for i, c := range shared {
			if c < o.MinMatchedShort {
				continue
			}
			if cos := float64(c) / math.Sqrt(float64(len(ss.words)*len(src[i].words))); cos > bestCos {
				best, bestCos = i, cos
			}
		}
		if best < 0 || bestCos < o.SentenceSimilarity {
			continue
		}
		rs := src[best]
		p := &passage{srcLo: rs.lo, srcHi: rs.hi, suspLo: ss.lo, suspHi: ss.hi}
		for k := ss.lo; k < ss.hi; k++ {
			if suspect.content[k] && rs.words[suspect.hashes[k]] {
				p.count(o, suspect, k, true)
			}
		}
		p.quoted = o.QuoteAware && mostlyQuoted(source.Toks[p.srcLo:p.srcHi]) && mostlyQuoted(suspect.Toks[p.suspLo:p.suspHi])
		out = append(out, p)
	}
	return out
}

// merge returns the passages to report: those that follow each other in
// both texts with at most MergeGap words between them, or a gap shorter than
// both, are joined, so one reused stretch with an inserted or dropped
// sentence is one passage, not two. The passages given are not changed: coverage is measured on them,
// without the gaps.
func (o Options) merge(ps []*passage) []passage {
	var out []passage
	for _, b := range ps {
		if len(out) == 0 {
			out = append(out, *b)
			continue
		}
		a := &out[len(out)-1]
		dj, di := b.suspLo-a.suspHi, b.srcLo-a.srcHi
		// Heavy rewording reorders phrases, so the next passage's source
		// may start a little before the previous one ends.
		// A hole smaller than the stretches on both sides of it is a hole
		// inside one reused stretch, however long.
		hole := max(o.MergeGap, min(a.suspHi-a.suspLo, b.suspHi-b.suspLo))
		if dj > hole || di < -hole || di > hole {
			out = append(out, *b)
			continue
		}
		a.srcLo, a.srcHi = min(a.srcLo, b.srcLo), max(a.srcHi, b.srcHi)
		a.suspHi = b.suspHi
		a.matched += b.matched
		a.ordinary += b.ordinary
		a.unquoted += b.unquoted
		a.substituted += b.substituted
		a.quoted = a.quoted && b.quoted
	}
	return out
}

// bigramKey hashes two consecutive word hashes in order.
func bigramKey(a, b uint64) uint64 {
	h := (a ^ 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	h ^= b + (h << 6) + (h >> 2)
	return h * 0xff51afd7ed558ccd
}

// strong reports whether the bigram at token i is evidence that wording was
// carried over: it needs a content word that is not a name or number. Every
// text has "of the", and every report of the same event "Stone Bridge" or
// "at 7.42"; such bigrams may extend a passage but never make one.
func (o Options) strong(d *Doc, i int) bool {
	return d.content[i] && !o.immutable(d, i) || d.content[i+1] && !o.immutable(d, i+1)
}

// immutable reports whether token k of d is a name or number, when the
// options set those aside as evidence.
func (o Options) immutable(d *Doc, k int) bool { return o.Immutables && d.immutable[k] }

// quoted reports whether token k of d is inside quotation marks, when the
// options set quotes aside as evidence.
func (o Options) quoted(d *Doc, k int) bool { return o.QuoteAware && d.Toks[k].Quoted }

// seeds returns the matched words of all bigrams shared by both texts,
// sorted by suspect then source position.
func (o Options) seeds(source, suspect *Doc) []pair {
	n := len(source.Toks)
	if n < 2 || len(suspect.Toks) < 2 {
		return nil
	}
	at := make(map[uint64][]int32, n)
	for i := 0; i+1 < n; i++ {
		if !source.content[i] && !source.content[i+1] {
			continue
		}
		k := bigramKey(source.hashes[i], source.hashes[i+1])
		at[k] = append(at[k], int32(i))
	}
	suspCount := make(map[uint64]int, len(suspect.Toks))
	keys := make([]uint64, len(suspect.Toks)-1)
	for j := 0; j+1 < len(suspect.Toks); j++ {
		if !suspect.content[j] && !suspect.content[j+1] {
			continue
		}
		keys[j] = bigramKey(suspect.hashes[j], suspect.hashes[j+1])
		suspCount[keys[j]]++
	}
	var pairs []pair
	for j, k := range keys {
		if k == 0 {
			continue
		}
		is := at[k]
		if len(is) == 0 || len(is) > o.MaxSeedRepeats || suspCount[k] > o.MaxSeedRepeats {
			continue
		}
		for _, i := range is {
			// Hash collisions are possible; the stems decide.
			if source.stems[i] != suspect.stems[j] || source.stems[i+1] != suspect.stems[j+1] {
				continue
			}
			strong := o.strong(suspect, j)
			pairs = append(pairs, pair{i, int32(j), strong}, pair{i + 1, int32(j + 1), strong})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.j, b.j); c != 0 {
			return c
		}
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		return boolCmp(b.strong, a.strong)
	})
	// The same word pair from two bigrams is one pair, strong if either is.
	return slices.CompactFunc(pairs, func(a, b pair) bool { return a.i == b.i && a.j == b.j })
}

// chain links matched words into chains that advance in both texts, by
// dynamic programming over predecessors within MaxGap, then takes chains
// greedily from the best-scoring ends, each word used once.
func (o Options) chain(pairs []pair) [][]pair {
	const lookback = 64
	score := make([]float64, len(pairs))
	pred := make([]int, len(pairs))
	gap := int32(o.MaxGap + 1)
	for p := range pairs {
		score[p], pred[p] = 1, -1
		for q := p - 1; q >= 0 && q >= p-lookback; q-- {
			dj := pairs[p].j - pairs[q].j
			if dj > gap {
				break
			}
			di := pairs[p].i - pairs[q].i
			if dj <= 0 || di <= 0 || di > gap {
				continue
			}
			skew := float64(di - dj)
			if skew < 0 {
				skew = -skew
			}
			s := score[q] + 1 - 0.1*skew - 0.02*float64(max(di, dj)-1)
			if s > score[p] {
				score[p], pred[p] = s, q
			}
		}
	}
	order := make([]int, len(pairs))
	for p := range order {
		order[p] = p
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	used := make([]bool, len(pairs))
	var chains [][]pair
	for _, end := range order {
		if used[end] {
			continue
		}
		var c []pair
		for p := end; p >= 0 && !used[p]; p = pred[p] {
			used[p] = true
			c = append(c, pairs[p])
		}
		if len(c) < o.MinMatchedShort/2 {
			continue
		}
		slices.Reverse(c)
		chains = append(chains, c)
	}
	return o.dropOverlaps(chains)
}

// dropOverlaps keeps chains in the order given (best first) and removes from
// later chains the words of the suspect already covered by earlier ones.
func (o Options) dropOverlaps(chains [][]pair) [][]pair {
	type span struct{ lo, hi int32 }
	var taken []span
	var out [][]pair
	for _, c := range chains {
		c = slices.DeleteFunc(c, func(p pair) bool {
			for _, s := range taken {
				if p.j >= s.lo && p.j <= s.hi {
					return true
				}
			}
			return false
		})
		if len(c) < o.MinMatchedShort/2 {
			continue
		}
		taken = append(taken, span{c[0].j, c[len(c)-1].j})
		out = append(out, c)
	}
	return out
}

// fill aligns the gaps of a chain word by word and returns the passage, or
// nil when it is too short or too sparse.
func (o Options) fill(source, suspect *Doc, c []pair) *passage {
	p := &passage{
		pairs:  c,
		srcLo:  int(c[0].i),
		srcHi:  int(c[len(c)-1].i) + 1,
		suspLo: int(c[0].j),
		suspHi: int(c[len(c)-1].j) + 1,
	}
	for k, b := range c {
		p.count(o, suspect, int(b.j), b.strong)
		if k == 0 {
			continue
		}
		a := c[k-1]
		subs, substituted := o.alignGap(source, suspect, int(a.i)+1, int(b.i), int(a.j)+1, int(b.j), func(d *Doc, j int, ev bool) { p.count(o, d, j, ev) })
		p.subs = append(p.subs, subs...)
		p.substituted += substituted
	}
	ordinaryLen := max(o.ordinaryWords(source, p.srcLo, p.srcHi), o.ordinaryWords(suspect, p.suspLo, p.suspHi))
	if p.ordinary < o.minMatched(source, suspect) || float64(p.ordinary) < o.MinDensity*float64(ordinaryLen) {
		return nil
	}
	p.quoted = o.QuoteAware && mostlyQuoted(source.Toks[p.srcLo:p.srcHi]) && mostlyQuoted(suspect.Toks[p.suspLo:p.suspHi])
	return p
}

// minMatched is the evidence a passage needs: MinMatched words, or in a text
// too short to hold that many, half of the shorter text's words (names and
// numbers aside), and never fewer than MinMatchedShort. Two sentences that
// share five of their eight words are a paraphrase; two articles that share
// five words in a row are not a copy.
func (o Options) minMatched(source, suspect *Doc) int {
	short := min(len(source.Toks), len(suspect.Toks))
	if o.Immutables {
		short = min(source.ordinary, suspect.ordinary)
	}
	return max(o.MinMatchedShort, min(o.MinMatched, (short+1)/2))
}

// count records a matched word at suspect token j; evidence says whether it
// counts as carried-over wording.
func (p *passage) count(o Options, suspect *Doc, j int, evidence bool) {
	p.matched++
	if evidence && !o.immutable(suspect, j) {
		p.ordinary++
		if !o.quoted(suspect, j) {
			p.unquoted++
		}
	}
}

func (o Options) ordinaryWords(d *Doc, lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if !o.immutable(d, k) {
			n++
		}
	}
	return n
}

func mostlyQuoted(toks []text.Token) bool {
	q := 0
	for _, t := range toks {
		if t.Quoted {
			q++
		}
	}
	return q*5 >= len(toks)*3
}

// alignGap aligns source tokens [si,se) with suspect tokens [ti,te) by the
// longest common subsequence of stems. Unmatched runs facing each other
// become substitutions when both are short. It returns the substitutions and how many suspect words they replace; each matched
// suspect word is passed to matched.
func (o Options) alignGap(source, suspect *Doc, si, se, ti, te int, matched func(*Doc, int, bool)) ([]sub, int) {
	n, m := se-si, te-ti
	if n <= 0 || m <= 0 {
		return nil, 0
	}
	// LCS table, (n+1)×(m+1); gaps are at most MaxGap words.
	w := m + 1
	l := make([]int16, (n+1)*w)
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			if source.stems[si+x] == suspect.stems[ti+y] {
				l[x*w+y] = l[(x+1)*w+y+1] + 1
			} else {
				l[x*w+y] = max(l[(x+1)*w+y], l[x*w+y+1])
			}
		}
	}
	substituted := 0
	var subs []sub
	x, y := 0, 0
	runX, runY := 0, 0
	flush := func() {
		if runX > 0 && runY > 0 && runX <= o.MaxSubstitution && runY <= o.MaxSubstitution {
			subs = append(subs, sub{
				source:  phrase(source, si+x-runX, si+x),
				suspect: phrase(suspect, ti+y-runY, ti+y),
			})
			substituted += runY
		}
		runX, runY = 0, 0
	}
	// Words matched inside a lopsided gap are what two independent
	// sentences share by chance (the, of, in); only a balanced gap, where
	// words face words as in a rewording, counts them.
	balanced := !o.BalancedGaps || abs(n-m) <= max(2, min(n, m)/3)
	for x < n || y < m {
		switch {
		case x < n && y < m && source.stems[si+x] == suspect.stems[ti+y]:
			flush()
			matched(suspect, ti+y, balanced)
			x++
			y++
		case y >= m || x < n && l[(x+1)*w+y] >= l[x*w+y+1]:
			runX++
			x++
		default:
			runY++
			y++
		}
	}
	flush()
	return subs, substituted
}

func phrase(d *Doc, lo, hi int) string {
	words := make([]string, 0, hi-lo)
	for _, t := range d.Toks[lo:hi] {
		words = append(words, t.Norm)
	}
	return strings.Join(words, " ")
}

// judge turns passages into the comparison a user reads.
func (o Options) judge(source, suspect *Doc, passages []*passage, report []passage, subject float64) wiretrace.Comparison {
	cmpn := wiretrace.Comparison{
		Passages:      []wiretrace.Passage{},
		Substitutions: []wiretrace.Substitution{},
	}
	if len(suspect.Toks) == 0 || len(source.Toks) == 0 {
		cmpn.Relation = wiretrace.Unrelated
		return cmpn
	}
	suspCovered := make([]bool, len(suspect.Toks))
	srcCovered := make([]bool, len(source.Toks))
	subCount := map[sub]int{}
	for _, p := range report {
		sim := p.similarity()
		kind := wiretrace.Reworded
		if p.substituted == 0 && sim >= 0.9 {
			kind = wiretrace.Exact
		}
		cmpn.Passages = append(cmpn.Passages, wiretrace.Passage{
			SourceStart:  source.Toks[p.srcLo].Start,
			SourceEnd:    source.Toks[p.srcHi-1].End,
			SuspectStart: suspect.Toks[p.suspLo].Start,
			SuspectEnd:   suspect.Toks[p.suspHi-1].End,
			Kind:         kind,
			Similarity:   round(sim),
			Quoted:       p.quoted,
		})
	}
	var evidence, substituted, evidenceWords int
	var weighted float64
	for _, p := range passages {
		sim := p.similarity()
		for k := p.srcLo; k < p.srcHi; k++ {
			srcCovered[k] = true
		}
		for k := p.suspLo; k < p.suspHi; k++ {
			suspCovered[k] = true
			if !p.quoted && !o.quoted(suspect, k) {
				evidenceWords++
				weighted += sim
			}
		}
		for _, s := range p.subs {
			subCount[s]++
		}
		if !p.quoted {
			evidence += p.unquoted
			substituted += p.substituted
		}
	}
	cmpn.SuspectCoverage = round(share(suspCovered))
	cmpn.SourceCoverage = round(share(srcCovered))
	for s, n := range subCount {
		cmpn.Substitutions = append(cmpn.Substitutions, wiretrace.Substitution{Source: s.source, Suspect: s.suspect, Count: n})
	}
	slices.SortFunc(cmpn.Substitutions, func(a, b wiretrace.Substitution) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		return cmp.Compare(a.Suspect, b.Suspect)
	})

	// Evidence is measured on the suspect's own words, quotes left out:
	// a quote shared by independent reports proves nothing.
	unquoted := 0
	for k := range suspect.Toks {
		if !o.quoted(suspect, k) {
			unquoted++
		}
	}
	if unquoted == 0 {
		unquoted = len(suspect.Toks)
	}
	coverage := float64(evidenceWords) / float64(unquoted)
	cmpn.Score = round(math.Min(1, weighted/float64(unquoted)))
	exactness := 1.0
	if evidence+substituted > 0 {
		exactness = float64(evidence) / float64(evidence+substituted)
	}
	switch {
	case coverage >= o.DerivedCoverage && exactness >= o.CopyExactness:
		cmpn.Relation = wiretrace.Copy
	case coverage >= o.DerivedCoverage:
		cmpn.Relation = wiretrace.Spun
	case coverage >= o.PartialCoverage && evidence >= o.PartialWords:
		cmpn.Relation = wiretrace.Partial
	case subject >= o.RelatedSimilarity:
		cmpn.Relation = wiretrace.Related
	default:
		cmpn.Relation = wiretrace.Unrelated
	}
	return cmpn
}

// similarity is the share of kept words in the passage's longer side.
func (p *passage) similarity() float64 {
	return float64(p.matched) / float64(max(p.srcHi-p.srcLo, p.suspHi-p.suspLo))
}

func share(covered []bool) float64 {
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(covered))
}

// cosine is the cosine similarity of the two texts' content-word stems,
// counted once per text: a measure of shared subject, not of copying.
func cosine(a, b *Doc) float64 {
	set := func(d *Doc) map[uint64]bool {
		m := make(map[uint64]bool, len(d.Toks))
		for k, h := range d.hashes {
			if d.content[k] {
				m[h] = true
			}
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	common := 0
	for h := range sa {
		if sb[h] {
			common++
		}
	}
	return float64(common) / math.Sqrt(float64(len(sa))*float64(len(sb)))
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
