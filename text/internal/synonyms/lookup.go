// Package synonyms holds package text's synonym table, generated from
// WordNet 3.0 by text/internal/wordnetgen (see text/synonyms.LICENSE), as
// static arrays that a process reads in place: there is nothing to load or
// parse. It is a package of its own so that the table, a megabyte of Go
// source, is compiled when it is regenerated and not at every change to
// package text. Only package text imports it; it knows nothing of words
// beyond their hashes.
package synonyms

// Lookup returns the synonym sets, in ascending order, of the stem whose
// xxh3.HashString is h, or nil. The slice is the table's own: callers must
// not modify it. Its capacity ends with it, so an append copies.
//
// The table is keyed by hash rather than by stem, as the rest of the
// matching is: a word outside the table is mistaken for one of its 35,000
// stems only if their 64-bit hashes collide, with probability about 2^-49
// per distinct word, and the generator checks that the stems within the
// table differ in hash. Keeping hashes (8 bytes a stem) instead of the
// stems themselves (290 KB) also keeps the table smaller.
//
// Entries are sorted by hash; buckets[b] is the first entry whose hash's
// top bucketBits bits are b or more, so a lookup reads the bucket table
// and then scans about nine hashes, a cache line or two.
func Lookup(h uint64) []uint32 { return Sets(Entry(h)) }

// Entry returns the table's entry for the stem whose xxh3.HashString is h,
// plus one, or 0 when the stem has no synonyms: a number that fits in 16
// bits and holds no pointer, for callers that keep one a word.
func Entry(h uint64) uint16 {
	b := h >> (64 - bucketBits)
	for i := int(buckets[b]); i < int(buckets[b+1]); i++ {
		if x := hashes[i]; x >= h {
			if x > h {
				return 0
			}
			return uint16(i + 1)
		}
	}
	return 0
}

// Sets returns the synonym sets of an entry that Entry gave, in ascending
// order; nil for 0. The slice is the table's own, as Lookup's.
func Sets(e uint16) []uint32 {
	if e == 0 {
		return nil
	}
	start, end := setStart[e-1], setStart[e]
	return sets[start:end:end]
}
