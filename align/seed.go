package align

import (
	"slices"
)

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
	return d.content(i) && !o.immutable(d, i) || d.content(i+1) && !o.immutable(d, i+1)
}

// seedKey is the key of the bigram at a token: its hash and the position.
type seedKey struct {
	key uint64
	at  int32
}

// seedIndex holds a suspect's seed keys in text order and a hash table
// that finds the positions of a key without a map of slices: comparing
// allocates a few arrays, not one slice per key. A source's keys are made
// in a scratch buffer and looked up in the suspect's table, so that a
// long source read once (a check's candidate) costs no table of its own.
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
	if source.words[i].Hash == suspect.words[j].Hash {
		return true, false
	}
	if !o.Synonyms {
		return false, false
	}
	b := suspect.words[j].Synsets()
	if b == nil {
		return false, false
	}
	for _, a := range source.words[i].Synsets() {
		if slices.Contains(b, a) {
			return true, true
		}
	}
	return false, false
}

// seed appends the words of the bigrams at source token i and suspect
// token j when they match: bigram keys can collide, the words decide.
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

// appendSeedKeys appends to dst the keys of the bigrams of d with a
// content word, in text order: each bigram's two stems and, with
// Synonyms, each word in turn stood for by one of its synonym sets, so
// that a bigram with one word swapped for a synonym still seeds.
func (o Options) appendSeedKeys(dst []seedKey, d *Doc) []seedKey {
	for k := 0; k+1 < len(d.toks); k++ {
		if !d.content(k) && !d.content(k+1) {
			continue
		}
		at := int32(k)
		dst = append(dst, seedKey{bigramKey(d.words[k].Hash, d.words[k+1].Hash), at})
		if !o.Synonyms {
			continue
		}
		for _, s := range d.words[k].Synsets() {
			dst = append(dst, seedKey{bigramKey(synsetHash(s), d.words[k+1].Hash), at})
		}
		for _, s := range d.words[k+1].Synsets() {
			dst = append(dst, seedKey{bigramKey(d.words[k].Hash, synsetHash(s)), at})
		}
	}
	return dst
}

// seedTable returns d's seed keys and their table, made the first time
// d is aligned as a suspect.
func (o Options) seedTable(d *Doc) *seedIndex {
	syn := 0
	if o.Synonyms {
		syn = 1
	}
	x := &d.seeds[syn]
	d.seedOnce[syn].Do(func() {
		x.inOrder = o.appendSeedKeys(make([]seedKey, 0, len(d.toks)), d)
		x.build()
	})
	return x
}

// seeds returns the matched words of all bigrams shared by both texts,
// sorted by suspect then source position. Bigrams that occur more than
// MaxSeedRepeats times in either text are the text's own boilerplate and
// seed nothing.
func (o Options) seeds(source, suspect *Doc, sc *scratch) []pair {
	if len(source.toks) < 2 || len(suspect.toks) < 2 {
		return nil
	}
	susp := o.seedTable(suspect)
	// The source's keys that the suspect has, and how often the source
	// has each (counted in the suspect's slots, cleared after).
	keys := o.appendSeedKeys(sc.keys[:0], source)
	hits := sc.hits[:0]
	counts := grow(sc.counts, len(susp.slots))
	for _, t := range keys {
		s := susp.slot(t.key)
		if susp.slots[s] == 0 {
			continue
		}
		counts[s]++
		hits = append(hits, seedKey{s, t.at})
	}
	pairs := sc.seeds[:0]
	repeats := int32(o.MaxSeedRepeats)
	for _, h := range hits {
		if counts[h.key] > repeats || susp.count[h.key] > repeats {
			continue
		}
		for e := susp.slots[h.key]; e != 0; e = susp.next[e-1] {
			pairs = o.seed(pairs, source, suspect, int(h.at), int(susp.inOrder[e-1].at))
		}
	}
	for _, h := range hits {
		counts[h.key] = 0
	}
	sc.keys, sc.hits, sc.counts, sc.seeds = keys, hits, counts, pairs
	return sortPairs(pairs, len(suspect.toks), sc)
}

// sortPairs sorts pairs by suspect then source position and keeps one of
// each word pair: the same words matched from two bigrams are one pair,
// strong if either is. Pairs come nearly in suspect order, so a counting
// sort on the suspect position and an insertion sort within each position
// take linear time. The result is in sc's buffer.
func sortPairs(pairs []pair, n int, sc *scratch) []pair {
	sc.start = grow(sc.start, 2*n+1)
	start, next := sc.start[:n+1], sc.start[n+1:]
	clear(start)
	for _, p := range pairs {
		start[p.j+1]++
	}
	for j := 1; j <= n; j++ {
		start[j] += start[j-1]
	}
	copy(next, start[:n])
	sc.sorted = grow(sc.sorted, len(pairs))
	out := sc.sorted
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
