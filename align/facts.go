package align

import "slices"

// Immutable reports whether token k of d is a name or a number: a word
// that states a fact, which a spinner keeps and a template changes.
func (d *Doc) Immutable(k int) bool { return d.immutable[k] }

// Stems returns the stem hashes of the content words (not stopwords)
// among words [lo, hi) of d, each once, sorted.
func (d *Doc) Stems(lo, hi int) []uint64 {
	var stems []uint64
	for k := max(lo, 0); k < min(hi, len(d.words)); k++ {
		if d.content(k) {
			stems = append(stems, d.words[k].Hash)
		}
	}
	slices.Sort(stems)
	return slices.Compact(stems)
}
