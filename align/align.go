package align

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"

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
	// synsets are the synonym sets of the ordinary content words (see
	// text.Synsets), nil for others.
	synsets [][]uint32
	// ordinary counts the words that are not immutables.
	ordinary int
	// seeds (without and with synonyms), contents and sents are made on
	// first use, once.
	seedOnce    [2]sync.Once
	seeds       [2]seedIndex
	contentOnce sync.Once
	contents    []uint64
	sentOnce    sync.Once
	sents       []text.Span
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
		synsets:   make([][]uint32, len(toks)),
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
			if d.content[i] {
				d.synsets[i] = text.Synsets(d.stems[i])
			}
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
	// Synonyms matches words that share a synonym set (text.Synsets) as
	// substitutions that keep a passage together.
	Synonyms bool
	// WholeSentences extends a reworded passage to the start and end of
	// the sentences it begins and ends in, when they are at most MaxGap
	// words away.
	WholeSentences bool
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
	Synonyms:           true,
	WholeSentences:     true,
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
		for _, sp := range d.sentences() {
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
		// A hole smaller than the stretches on both sides of it is a hole
		// inside one reused stretch, however long.
		hole := max(o.MergeGap, min(a.suspHi-a.suspLo, b.suspHi-b.suspLo))
		gap, di := b.suspLo-a.suspHi, b.srcLo-a.srcHi
		// Rewording moves phrases, so the next passage's source may start
		// a little before the previous one's ends.
		inOrder := di >= -hole && di <= hole
		// A rewritten stretch may also draw on the source out of order or
		// far apart: a summary condenses, so neighbouring sentences of the
		// suspect come from source paragraphs far apart, and a rewrite
		// swaps sentences. Verbatim excerpts are reported as they are, each
		// with its own source stretch.
		rewritten := !a.exact() && !b.exact() && (di > hole || a.srcLo-b.srcHi <= hole)
		if gap > hole || !inOrder && !rewritten {
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

// seedKey is the key of the bigram at a token: its hash and the position.
type seedKey struct {
	key uint64
	at  int32
}

// seedIndex holds a text's seed keys in text order, and a hash table
// that finds the positions of a key without a map of slices: comparing
// allocates a few arrays, not one slice per key.
type seedIndex struct {
	inOrder []seedKey
	mask    uint64
	// slots hold 1 + the first entry of inOrder with their key; 0 is empty.
	slots []int32
	// next links each entry to 1 + the next entry with its key; 0 ends.
	next []int32
	// count is, per slot, how many entries have its key.
	count []int32
}

func (x *seedIndex) build() {
	size := 16
	for size < 2*len(x.inOrder) {
		size *= 2
	}
	x.mask = uint64(size - 1)
	x.slots = make([]int32, size)
	x.count = make([]int32, size)
	x.next = make([]int32, len(x.inOrder))
	last := make([]int32, size)
	for e, k := range x.inOrder {
		s := x.slot(k.key)
		if x.slots[s] == 0 {
			x.slots[s] = int32(e) + 1
		} else {
			x.next[last[s]-1] = int32(e) + 1
		}
		last[s] = int32(e) + 1
		x.count[s]++
	}
}

// slot returns the slot of key k: the one holding k, or the empty one
// where k would go. Keys are hashes already, so their low bits index.
func (x *seedIndex) slot(k uint64) uint64 {
	s := k & x.mask
	for x.slots[s] != 0 && x.inOrder[x.slots[s]-1].key != k {
		s = (s + 1) & x.mask
	}
	return s
}

// synsetHash stands for a synonym set in a seed key. Should it equal a
// stem's hash, the check of the words themselves rejects the seed.
func synsetHash(s uint32) uint64 { return (uint64(s) + 1) * 0xd6e8feb86659fd93 }

// same reports whether source token i and suspect token j are the same
// word, or with Synonyms synonyms; synonym says which.
func (o Options) same(source *Doc, i int, suspect *Doc, j int) (same, synonym bool) {
	if source.hashes[i] == suspect.hashes[j] && source.stems[i] == suspect.stems[j] {
		return true, false
	}
	if !o.Synonyms || source.synsets[i] == nil || suspect.synsets[j] == nil {
		return false, false
	}
	for _, a := range source.synsets[i] {
		if slices.Contains(suspect.synsets[j], a) {
			return true, true
		}
	}
	return false, false
}

// seed appends the words of the bigrams at source token i and suspect
// token j when they match: hash collisions are possible, the words decide.
func (o Options) seed(pairs []pair, source, suspect *Doc, i, j int) []pair {
	if a, _ := o.same(source, i, suspect, j); !a {
		return pairs
	}
	if b, _ := o.same(source, i+1, suspect, j+1); !b {
		return pairs
	}
	strong := o.strong(suspect, j)
	return append(pairs, pair{int32(i), int32(j), strong}, pair{int32(i + 1), int32(j + 1), strong})
}

// seedIndex returns the keys of the bigrams of d with a content word: each
// bigram's two stems and, with Synonyms, each word in turn stood for by one
// of its synonym sets, so that a bigram with one word swapped for a synonym
// still seeds. It is made once per Doc.
func (o Options) seedIndex(d *Doc) *seedIndex {
	syn := 0
	if o.Synonyms {
		syn = 1
	}
	x := &d.seeds[syn]
	d.seedOnce[syn].Do(func() {
		for k := 0; k+1 < len(d.Toks); k++ {
			if !d.content[k] && !d.content[k+1] {
				continue
			}
			at := int32(k)
			x.inOrder = append(x.inOrder, seedKey{bigramKey(d.hashes[k], d.hashes[k+1]), at})
			if syn == 0 {
				continue
			}
			for _, s := range d.synsets[k] {
				x.inOrder = append(x.inOrder, seedKey{bigramKey(synsetHash(s), d.hashes[k+1]), at})
			}
			for _, s := range d.synsets[k+1] {
				x.inOrder = append(x.inOrder, seedKey{bigramKey(d.hashes[k], synsetHash(s)), at})
			}
		}
		x.build()
	})
	return x
}

// seeds returns the matched words of all bigrams shared by both texts,
// sorted by suspect then source position. Bigrams that occur more than
// MaxSeedRepeats times in either text are the text's own boilerplate and
// seed nothing.
func (o Options) seeds(source, suspect *Doc) []pair {
	if len(source.Toks) < 2 || len(suspect.Toks) < 2 {
		return nil
	}
	src, susp := o.seedIndex(source), o.seedIndex(suspect)
	var pairs []pair
	repeats := int32(o.MaxSeedRepeats)
	for _, t := range susp.inOrder {
		s := src.slot(t.key)
		if src.slots[s] == 0 || src.count[s] > repeats || susp.count[susp.slot(t.key)] > repeats {
			continue
		}
		for e := src.slots[s]; e != 0; e = src.next[e-1] {
			pairs = o.seed(pairs, source, suspect, int(src.inOrder[e-1].at), int(t.at))
		}
	}
	return sortPairs(pairs, len(suspect.Toks))
}

// sortPairs sorts pairs by suspect then source position and keeps one of
// each word pair: the same words matched from two bigrams are one pair,
// strong if either is. Pairs come nearly in suspect order, so a counting
// sort on the suspect position and an insertion sort within each position
// take linear time.
func sortPairs(pairs []pair, n int) []pair {
	start := make([]int32, n+1)
	for _, p := range pairs {
		start[p.j+1]++
	}
	for j := 1; j <= n; j++ {
		start[j] += start[j-1]
	}
	next := slices.Clone(start[:n])
	out := make([]pair, len(pairs))
	for _, p := range pairs {
		out[next[p.j]] = p
		next[p.j]++
	}
	before := func(a, b pair) bool { return a.i < b.i || a.i == b.i && a.strong && !b.strong }
	for j := range n {
		g := out[start[j]:start[j+1]]
		for a := 1; a < len(g); a++ {
			for b := a; b > 0 && before(g[b], g[b-1]); b-- {
				g[b], g[b-1] = g[b-1], g[b]
			}
		}
	}
	return slices.CompactFunc(out, func(a, b pair) bool { return a.i == b.i && a.j == b.j })
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
		if _, syn := o.same(source, int(b.i), suspect, int(b.j)); syn {
			p.synonym(source, suspect, int(b.i), int(b.j))
		}
		if k == 0 {
			continue
		}
		a := c[k-1]
		o.alignGap(source, suspect, int(a.i)+1, int(b.i), int(a.j)+1, int(b.j), p)
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

// synonym records source token i and suspect token j, matched as synonyms,
// as a one-word substitution.
func (p *passage) synonym(source, suspect *Doc, i, j int) {
	p.subs = append(p.subs, sub{source: phrase(source, i, i+1), suspect: phrase(suspect, j, j+1)})
	p.substituted++
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
// longest common subsequence of words (see same) and counts the matched
// words in p. Unmatched runs facing each other become p's substitutions
// when both are short, and so do synonyms.
func (o Options) alignGap(source, suspect *Doc, si, se, ti, te int, p *passage) {
	n, m := se-si, te-ti
	if n <= 0 || m <= 0 {
		return
	}
	// LCS table, (n+1)×(m+1); gaps are at most MaxGap words.
	w := m + 1
	l := make([]int16, (n+1)*w)
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			if same, _ := o.same(source, si+x, suspect, ti+y); same {
				l[x*w+y] = l[(x+1)*w+y+1] + 1
			} else {
				l[x*w+y] = max(l[(x+1)*w+y], l[x*w+y+1])
			}
		}
	}
	x, y := 0, 0
	runX, runY := 0, 0
	flush := func() {
		if runX > 0 && runY > 0 && runX <= o.MaxSubstitution && runY <= o.MaxSubstitution {
			p.subs = append(p.subs, sub{
				source:  phrase(source, si+x-runX, si+x),
				suspect: phrase(suspect, ti+y-runY, ti+y),
			})
			p.substituted += runY
		}
		runX, runY = 0, 0
	}
	// Words matched inside a lopsided gap are what two independent
	// sentences share by chance (the, of, in); only a balanced gap, where
	// words face words as in a rewording, counts them.
	balanced := !o.BalancedGaps || abs(n-m) <= max(2, min(n, m)/3)
	for x < n || y < m {
		same, syn := false, false
		if x < n && y < m {
			same, syn = o.same(source, si+x, suspect, ti+y)
		}
		switch {
		case same:
			flush()
			p.count(o, suspect, ti+y, balanced)
			if syn {
				p.synonym(source, suspect, si+x, ti+y)
			}
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
	floor := 0
	for k, p := range report {
		sim := p.similarity()
		kind := wiretrace.Reworded
		if p.exact() {
			kind = wiretrace.Exact
		}
		srcLo, srcHi, suspLo, suspHi := p.srcLo, p.srcHi, p.suspLo, p.suspHi
		if o.WholeSentences && kind == wiretrace.Reworded {
			ceil := len(suspect.Toks)
			if k+1 < len(report) {
				ceil = report[k+1].suspLo
			}
			srcLo, srcHi = o.toSentences(source, srcLo, srcHi, 0, len(source.Toks))
			suspLo, suspHi = o.toSentences(suspect, suspLo, suspHi, floor, ceil)
		}
		floor = suspHi
		cmpn.Passages = append(cmpn.Passages, wiretrace.Passage{
			SourceStart:  source.Toks[srcLo].Start,
			SourceEnd:    source.Toks[srcHi-1].End,
			SuspectStart: suspect.Toks[suspLo].Start,
			SuspectEnd:   suspect.Toks[suspHi-1].End,
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

// toSentences extends tokens [lo,hi) of d to the start of the sentence lo
// is in and the end of the one hi-1 is in, each when at most MaxGap words
// away and within [floor,ceil). A rewrite changes a sentence's first and
// last words (a new opening, another attribution) more than its middle,
// where the chains hold; a reader reads the whole sentence.
func (o Options) toSentences(d *Doc, lo, hi, floor, ceil int) (int, int) {
	newLo, newHi := lo, hi
	for _, sp := range d.sentences() {
		// The words added are fewer than those the passage holds of the
		// sentence: a passage that only grazes a sentence stays as it is.
		if sp.Start <= lo && lo < sp.End && sp.Start >= floor {
			if add := lo - sp.Start; add <= o.MaxGap && add < min(hi, sp.End)-lo {
				newLo = sp.Start
			}
		}
		if sp.Start < hi && hi <= sp.End && sp.End <= ceil {
			if add := sp.End - hi; add <= o.MaxGap && add < hi-max(lo, sp.Start) {
				newHi = sp.End
			}
		}
	}
	return newLo, newHi
}

// exact reports whether the passage is verbatim: no substitutions and
// nine words in ten kept.
func (p *passage) exact() bool { return p.substituted == 0 && p.similarity() >= 0.9 }

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
	sa, sb := a.contentSet(), b.contentSet()
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	common := 0
	for x, y := 0, 0; x < len(sa) && y < len(sb); {
		switch {
		case sa[x] < sb[y]:
			x++
		case sa[x] > sb[y]:
			y++
		default:
			common++
			x++
			y++
		}
	}
	return float64(common) / math.Sqrt(float64(len(sa))*float64(len(sb)))
}

// sentences returns d's sentences as token ranges, made once per Doc.
func (d *Doc) sentences() []text.Span {
	d.sentOnce.Do(func() { d.sents = text.Sentences(d.Text, d.Toks) })
	return d.sents
}

// contentSet returns the hashes of d's content-word stems, sorted, each
// once. It is made once per Doc.
func (d *Doc) contentSet() []uint64 {
	d.contentOnce.Do(func() {
		for k, h := range d.hashes {
			if d.content[k] {
				d.contents = append(d.contents, h)
			}
		}
		slices.Sort(d.contents)
		d.contents = slices.Compact(d.contents)
	})
	return d.contents
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round(f float64) float64 { return math.Round(f*1000) / 1000 }
