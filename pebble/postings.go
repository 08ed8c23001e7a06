package pebble

import "github.com/wiretrace/wiretrace"

// postingBuffer holds the postings of recently stored articles in memory
// until they are written as keys in one sorted batch. An article's record
// is written and synced when it is added; its postings follow later, many
// articles at a time, so that adding an article is a handful of key
// writes instead of one per fingerprint. After a crash the postings of
// the articles past keyPosted are remade from their stored texts.
//
// Lookups go through an open-addressing table from fingerprint to a
// chain of entries, so neither adding nor looking up allocates per
// posting. A buffer is not safe for concurrent use; the store guards it.
type postingBuffer struct {
	// entries in the order added; within one fingerprint's chain, doc
	// numbers ascend.
	entries []bufEntry
	// slots is a power-of-two table of fingerprints with the first and
	// last entry of each one's chain, as 1 + index; head 0 is empty.
	slots []bufSlot
	used  int
	// removed are the docs removed since they were buffered; their
	// entries stay, and are skipped.
	removed map[doc]struct{}
	// lo is the first doc number the buffer may hold: postings of every
	// doc below it are written as keys.
	lo doc
}

type bufEntry struct {
	fp   wiretrace.Fingerprint
	doc  doc
	next int32 // 1 + index of the next entry of the same fingerprint, 0 ends
}

type bufSlot struct {
	fp         wiretrace.Fingerprint
	head, tail int32
}

func newPostingBuffer(lo doc) *postingBuffer {
	return &postingBuffer{lo: lo, slots: make([]bufSlot, 1024), removed: map[doc]struct{}{}}
}

// len is the number of postings held, removed articles' included.
func (b *postingBuffer) len() int { return len(b.entries) }

// slot returns the index of fp's slot, or of the empty one where it goes.
func (b *postingBuffer) slot(fp wiretrace.Fingerprint) int {
	mask := uint64(len(b.slots) - 1)
	// Fingerprints are hashes already: their bits spread well.
	s := uint64(fp) & mask
	for b.slots[s].head != 0 && b.slots[s].fp != fp {
		s = (s + 1) & mask
	}
	return int(s)
}

// add buffers the postings of doc d, whose number is higher than every
// doc's already buffered.
func (b *postingBuffer) add(d doc, fps []wiretrace.Fingerprint) {
	if 2*(b.used+len(fps)) > len(b.slots) {
		b.grow(b.used + len(fps))
	}
	for _, fp := range fps {
		b.entries = append(b.entries, bufEntry{fp: fp, doc: d})
		e := int32(len(b.entries))
		s := &b.slots[b.slot(fp)]
		if s.head == 0 {
			*s = bufSlot{fp: fp, head: e, tail: e}
			b.used++
			continue
		}
		b.entries[s.tail-1].next = e
		s.tail = e
	}
}

func (b *postingBuffer) grow(need int) {
	size := len(b.slots)
	for 2*need > size {
		size *= 2
	}
	old := b.slots
	b.slots = make([]bufSlot, size)
	for _, s := range old {
		if s.head != 0 {
			b.slots[b.slot(s.fp)] = s
		}
	}
}

// remove marks doc d's postings as gone.
func (b *postingBuffer) remove(d doc) { b.removed[d] = struct{}{} }

// holds reports whether doc d's postings are in the buffer.
func (b *postingBuffer) holds(d doc) bool {
	if d < b.lo {
		return false
	}
	_, gone := b.removed[d]
	return !gone
}

// lookup appends to docs the docs posted under fp, ascending.
func (b *postingBuffer) lookup(fp wiretrace.Fingerprint, docs []doc) []doc {
	s := b.slots[b.slot(fp)]
	for e := s.head; e != 0; e = b.entries[e-1].next {
		d := b.entries[e-1].doc
		if _, gone := b.removed[d]; !gone {
			docs = append(docs, d)
		}
	}
	return docs
}

// posting is a fingerprint and a doc posted under it.
type posting struct {
	fp  wiretrace.Fingerprint
	doc doc
}

// sorted returns the buffer's postings of articles not removed, ordered by
// fingerprint then doc: the order of their keys. Entries are in doc order
// already, so a stable radix sort on the fingerprint finishes the job in
// linear time: at a million postings a comparison sort took five times as
// long.
func (b *postingBuffer) sorted() []posting {
	out := make([]posting, 0, len(b.entries))
	for _, e := range b.entries {
		if _, gone := b.removed[e.doc]; !gone {
			out = append(out, posting{e.fp, e.doc})
		}
	}
	if len(out) == 0 {
		return out
	}
	tmp := make([]posting, len(out))
	for shift := 0; shift < 64; shift += 8 {
		var count [257]int
		for _, p := range out {
			count[uint64(p.fp)>>shift&0xff+1]++
		}
		if count[uint64(out[0].fp)>>shift&0xff+1] == len(out) {
			continue // every posting has the same byte here
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, p := range out {
			k := uint64(p.fp) >> shift & 0xff
			tmp[count[k]] = p
			count[k]++
		}
		out, tmp = tmp, out
	}
	return out
}
