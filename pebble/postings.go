package pebble

import (
	"cmp"
	"slices"

	"github.com/wiretrace/wiretrace"
)

// postingBuffer holds the postings of recently stored articles in memory
// until they are written as segments in one batch. An article's record
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

// forBuckets calls fn with the postings of articles not removed, a
// bucket of fingerprints at a time in bucket order (see segment.go), each
// bucket's ordered by fingerprint then doc: the segments a flush writes.
// The entries are ordered by bucket through an index of 4 bytes an entry
// (a counting sort), and each bucket's few postings sorted on their own;
// a flush of four million postings needs no copy of them all.
func (b *postingBuffer) forBuckets(fn func(bucket uint16, ps []posting) error) error {
	start := make([]int32, 1<<segmentBits+1)
	for _, e := range b.entries {
		start[int(bucketOf(e.fp))+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	order := make([]int32, len(b.entries))
	next := slices.Clone(start[:len(start)-1])
	for i, e := range b.entries {
		k := bucketOf(e.fp)
		order[next[k]] = int32(i)
		next[k]++
	}
	var ps []posting
	for k := range 1 << segmentBits {
		ps = ps[:0]
		for _, i := range order[start[k]:start[k+1]] {
			e := b.entries[i]
			if _, gone := b.removed[e.doc]; !gone {
				ps = append(ps, posting{e.fp, e.doc})
			}
		}
		if len(ps) == 0 {
			continue
		}
		// Entries are in doc order: a stable sort on the fingerprint
		// keeps each one's docs ascending.
		slices.SortStableFunc(ps, func(x, y posting) int { return cmp.Compare(x.fp, y.fp) })
		if err := fn(uint16(k), ps); err != nil {
			return err
		}
	}
	return nil
}
