// Package frequency holds package text's table of how common words are,
// generated from WordNet 3.0's sense-tagged counts by
// text/internal/wordnetgen (see text/synonyms.LICENSE), as static arrays
// read in place. Only package text imports it; it knows words by their
// hashes only.
package frequency

import "slices"

// Of returns the count of the stem whose xxh3.HashString is h, 0 for a
// stem the table does not hold. Entries are sorted by hash.
func Of(h uint64) int {
	if i, ok := slices.BinarySearch(hashes[:], h); ok {
		return int(counts[i])
	}
	return 0
}

// Place reports whether the stem whose xxh3.HashString is h is one the
// table holds and WordNet knows only as a place's name.
func Place(h uint64) bool {
	_, ok := slices.BinarySearch(places[:], h)
	return ok
}
