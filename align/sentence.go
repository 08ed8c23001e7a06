package align

import (
	"math"
	"slices"

	"github.com/wiretrace/wiretrace/text"
)

// undecided reports whether the chained passages leave the relation open:
// when they already cover DerivedCoverage of the suspect, paraphrased
// sentences cannot make it more derived.
func (o Options) undecided(suspect *Doc, passages []*passage) bool {
	covered := 0
	for _, p := range passages {
		covered += p.suspHi - p.suspLo
	}
	return float64(covered) < o.DerivedCoverage*float64(len(suspect.toks))
}

// sentencePassages pairs each suspect sentence that no passage covers with
// the source sentence sharing most of its content words (names and numbers
// aside), when their cosine reaches SentenceSimilarity: a paraphrase keeps
// a sentence's words but not their order, which breaks bigram chains.
func (o Options) sentencePassages(source, suspect *Doc, have []*passage) []*passage {
	covered := make([]bool, len(suspect.toks))
	for _, p := range have {
		for k := p.suspLo; k < p.suspHi; k++ {
			covered[k] = true
		}
	}
	// A sentence can reach SentenceSimilarity with one of the source's
	// only if enough of its words are in the source at all (a cosine is at
	// most the square root of the share of its words shared): the source's
	// sentence index is made only when one can.
	var candidates []sentenceWords
	inSource := source.contentSet()
	for _, ss := range o.sentenceWords(suspect).sents {
		if len(ss.words) < o.MinMatchedShort || slices.Contains(covered[ss.lo:ss.hi], true) {
			continue
		}
		in := 0
		for _, h := range ss.words {
			if inSource.find(h) >= 0 {
				in++
			}
		}
		if in >= o.MinMatchedShort && float64(in) >= o.SentenceSimilarity*o.SentenceSimilarity*float64(len(ss.words)) {
			candidates = append(candidates, ss)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	src := o.sentenceWords(source)
	shared := make([]int, len(src.sents))
	var out []*passage
	for _, ss := range candidates {
		best, bestCos := src.mostLike(ss, o.MinMatchedShort, shared)
		if best < 0 || bestCos < o.SentenceSimilarity {
			continue
		}
		rs := src.sents[best]
		p := &passage{srcLo: rs.lo, srcHi: rs.hi, suspLo: ss.lo, suspHi: ss.hi}
		for k := ss.lo; k < ss.hi; k++ {
			if _, found := slices.BinarySearch(rs.words, suspect.words[k].Hash); found && suspect.content(k) {
				p.count(o, suspect, k, true)
			}
		}
		p.quoted = o.QuoteAware && mostlyQuoted(source.quoted[p.srcLo:p.srcHi]) && mostlyQuoted(suspect.quoted[p.suspLo:p.suspHi])
		if o.Contradictions {
			p.figuresApart, p.figuresShared = figuresApart(source, suspect, p)
		}
		out = append(out, p)
	}
	return out
}

// retold pairs each suspect sentence that no span touches with the source
// sentence whose content words (names and numbers aside) have the highest
// cosine with its own, when it reaches CondenseSimilarity.
func (o Options) retold(source, suspect *Doc, spans []span4) []span4 {
	covered := make([]bool, len(suspect.toks))
	for _, s := range spans {
		for k := s.suspLo; k < s.suspHi; k++ {
			covered[k] = true
		}
	}
	// The sentences that could join a passage's condensation: a chain of
	// them starts within CondenseGap words of a span. When none can, the
	// source's sentence index is not made.
	near := func(ss sentenceWords) bool {
		for _, s := range spans {
			if ss.lo-s.suspHi <= o.CondenseGap && s.suspLo-ss.hi <= o.CondenseGap {
				return true
			}
		}
		return false
	}
	var candidates []sentenceWords
	start := false
	for _, ss := range o.sentenceWords(suspect).sents {
		if len(ss.words) < o.MinMatchedShort || slices.Contains(covered[ss.lo:ss.hi], true) {
			continue
		}
		candidates = append(candidates, ss)
		start = start || near(ss)
	}
	if !start {
		return nil
	}
	src := o.sentenceWords(source)
	shared := make([]int, len(src.sents))
	var out []span4
	for _, ss := range candidates {
		if best, bestCos := src.mostLike(ss, 2, shared); best >= 0 && bestCos >= o.CondenseSimilarity {
			out = append(out, span4{src.sents[best].lo, src.sents[best].hi, ss.lo, ss.hi})
		}
	}
	return out
}

// sentenceIndex holds a text's sentences with their content words (names
// and numbers aside when the options set them aside), and an inverted
// index from each word to the sentences holding it, which keeps pairing
// sentences linear in the shared words rather than quadratic in the
// sentences.
type sentenceIndex struct {
	sents []sentenceWords
	// words numbers the distinct words; the sentences holding word w are
	// in[at[w]:at[w+1]], in order.
	words *slots
	at    []int32
	in    []int32
}

type sentenceWords struct {
	lo, hi int
	// words are the hashes of the sentence's content words, sorted, each
	// once.
	words []uint64
}

// mostLike returns the sentence of x whose content words have the highest
// cosine with those of ss, among the sentences sharing at least least of
// them, and the cosine; -1 when none does. shared is scratch, one count a
// sentence of x.
func (x *sentenceIndex) mostLike(ss sentenceWords, least int, shared []int) (int, float64) {
	clear(shared)
	for _, h := range ss.words {
		if w := x.words.find(h); w >= 0 {
			for _, i := range x.in[x.at[w]:x.at[w+1]] {
				shared[i]++
			}
		}
	}
	best, bestCos := -1, 0.0
	for i, c := range shared {
		if c < least {
			continue
		}
		if cos := float64(c) / math.Sqrt(float64(len(ss.words)*len(x.sents[i].words))); cos > bestCos {
			best, bestCos = i, cos
		}
	}
	return best, bestCos
}

// sentenceWords returns d's sentence index, made once per Doc for each
// setting of Immutables.
func (o Options) sentenceWords(d *Doc) *sentenceIndex {
	v := 0
	if o.Immutables {
		v = 1
	}
	x := &d.sentWords[v]
	d.sentWordsOnce[v].Do(func() {
		sents := d.sents
		x.sents = make([]sentenceWords, 0, len(sents))
		// One array holds every sentence's words, each sentence's sorted
		// and each word once; a second pass lays out the inverted index.
		// It never holds more than the text's words, so it is never
		// moved and the sentences' slices stay in it.
		all := make([]uint64, 0, len(d.words))
		for _, sp := range sents {
			lo := len(all)
			for k := sp.Start; k < sp.End; k++ {
				if d.content(k) && !o.immutable(d, k) {
					all = append(all, d.words[k].Hash)
				}
			}
			slices.Sort(all[lo:])
			all = all[:lo+len(slices.Compact(all[lo:]))]
			x.sents = append(x.sents, sentenceWords{sp.Start, sp.End, all[lo:len(all):len(all)]})
		}
		x.words = newSlots(len(all))
		// word numbers each entry of all; count counts each word's
		// sentences.
		word := make([]int32, len(all))
		var count []int32
		for e, h := range all {
			w := x.words.add(h)
			if w == len(count) {
				count = append(count, 0)
			}
			count[w]++
			word[e] = int32(w)
		}
		x.at = make([]int32, len(count)+1)
		for w, c := range count {
			x.at[w+1] = x.at[w] + c
		}
		next := slices.Clone(x.at[:len(count)])
		x.in = make([]int32, len(all))
		e := 0
		for i, ss := range x.sents {
			for range ss.words {
				w := word[e]
				x.in[next[w]] = int32(i)
				next[w]++
				e++
			}
		}
	})
	return x
}

// toSentences extends tokens [lo,hi) of d to the start of the sentence lo
// is in and the end of the one hi-1 is in, each when at most MaxGap words
// away and within [floor,ceil). A rewrite changes a sentence's first and
// last words (a new opening, another attribution) more than its middle,
// where the chains hold; a reader reads the whole sentence.
func (o Options) toSentences(d *Doc, lo, hi, floor, ceil int) (int, int) {
	newLo, newHi := lo, hi
	// The words added are fewer than those the passage holds of the
	// sentence: a passage that only grazes a sentence stays as it is.
	if sp := sentenceOf(d, lo); sp.Start >= floor {
		if add := lo - sp.Start; add <= o.MaxGap && add < min(hi, sp.End)-lo {
			newLo = sp.Start
		}
	}
	if sp := sentenceOf(d, hi-1); sp.End <= ceil {
		if add := sp.End - hi; add <= o.MaxGap && add < hi-max(lo, sp.Start) {
			newHi = sp.End
		}
	}
	return newLo, newHi
}

// sentenceCosine is the cosine of two sentences' content words.
func sentenceCosine(a, b sentenceWords) float64 {
	if len(a.words) == 0 || len(b.words) == 0 {
		return 0
	}
	n := text.CommonHashes(a.words, b.words)
	return float64(n) / math.Sqrt(float64(len(a.words)*len(b.words)))
}

// toNeighbours extends a passage [srcLo,srcHi) x [suspLo,suspHi) whose
// ends are sentence boundaries on both sides by the sentences just before
// it on both sides, and by those just after it, while each such pair's
// content words (names and numbers aside) reach a cosine of
// NeighbourSimilarity, within [floor,ceil) of the suspect: a sentence
// rewritten out of its words' order, which no chain of word pairs holds,
// stands where its source sentence stood, next to the passage.
func (o Options) toNeighbours(source, suspect *Doc, srcLo, srcHi, suspLo, suspHi, floor, ceil int) (int, int, int, int) {
	if o.NeighbourSimilarity <= 0 {
		return srcLo, srcHi, suspLo, suspHi
	}
	src, sus := o.sentenceWords(source), o.sentenceWords(suspect)
	for srcLo > 0 && suspLo > floor {
		i, j := sentenceAt(source, srcLo-1), sentenceAt(suspect, suspLo-1)
		if i < 0 || j < 0 || src.sents[i].hi != srcLo || sus.sents[j].hi != suspLo || sus.sents[j].lo < floor {
			break
		}
		if sentenceCosine(src.sents[i], sus.sents[j]) < o.NeighbourSimilarity {
			break
		}
		srcLo, suspLo = src.sents[i].lo, sus.sents[j].lo
	}
	for srcHi < len(source.toks) && suspHi < ceil {
		i, j := sentenceAt(source, srcHi), sentenceAt(suspect, suspHi)
		if i < 0 || j < 0 || src.sents[i].lo != srcHi || sus.sents[j].lo != suspHi || sus.sents[j].hi > ceil {
			break
		}
		if sentenceCosine(src.sents[i], sus.sents[j]) < o.NeighbourSimilarity {
			break
		}
		srcHi, suspHi = src.sents[i].hi, sus.sents[j].hi
	}
	return srcLo, srcHi, suspLo, suspHi
}

// toMoved widens the source stretch [srcLo,srcHi) of a reworded passage
// by the source sentence just before it, and the one just after it, while
// a sentence of the passage's suspect stretch [suspLo,suspHi) retells it
// (their content words, names and numbers aside, reach a cosine of
// MovedSimilarity): a rewrite that moves sentences about keeps them
// inside the passage in the suspect, while the chain of word pairs, which
// keeps both texts' order, ends in the source at the first and last
// sentences it holds in order.
func (o Options) toMoved(source, suspect *Doc, srcLo, srcHi, suspLo, suspHi int) (int, int) {
	if o.MovedSimilarity <= 0 {
		return srcLo, srcHi
	}
	j0, j1 := sentenceAt(suspect, suspLo), sentenceAt(suspect, suspHi-1)
	if j0 < 0 || j1 < 0 {
		return srcLo, srcHi
	}
	src, sus := o.sentenceWords(source), o.sentenceWords(suspect)
	retold := func(i int) bool {
		for j := j0; j <= j1; j++ {
			if sentenceCosine(src.sents[i], sus.sents[j]) >= o.MovedSimilarity {
				return true
			}
		}
		return false
	}
	for srcLo > 0 {
		i := sentenceAt(source, srcLo-1)
		if i < 0 || !retold(i) {
			break
		}
		srcLo = src.sents[i].lo
	}
	for srcHi < len(source.toks) {
		i := sentenceAt(source, srcHi)
		if i < 0 || !retold(i) {
			break
		}
		srcHi = src.sents[i].hi
	}
	return srcLo, srcHi
}
