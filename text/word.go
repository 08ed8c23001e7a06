package text

import (
	"github.com/wiretrace/wiretrace/text/internal/synonyms"
	"github.com/zeebo/xxh3"
)

// Word is what matching needs to know of a word besides its token. It
// holds no pointer and takes 16 bytes: a prepared text keeps one a word,
// and a check prepares tens of thousands, so the collector neither scans
// them nor has writes to them recorded.
type Word struct {
	// Hash is xxh3.HashString of the word's stem: Stem(norm), or, for a
	// character of a script written without spaces that the next
	// character of the text continues, the two characters' Norms
	// together (see segment.go). Fingerprints stored in an index are made
	// of it: it must never change. Matching tells words apart by it alone:
	// two texts of a thousand different stems each have two different
	// stems with one hash with a probability of about 2^-44.
	Hash uint64
	// synsets is the synonym table's entry for the stem (see Synsets), or
	// 0 for none.
	synsets uint16
	// Stop is IsStopword(norm).
	Stop bool
}

// Synsets returns Synsets of the word's stem, shared by all callers: do
// not modify it.
func (w Word) Synsets() []uint32 { return synonyms.Sets(w.synsets) }

// WithoutSynsets returns w with no synonym sets, for a word whose
// synonyms must not match (a name, a number).
func (w Word) WithoutSynsets() Word {
	w.synsets = 0
	return w
}

// WordOf returns what matching needs to know of a normalised word
// (Token.Norm): what Stem, xxh3.HashString, IsStopword and Synsets give,
// with the stem hashed once and the stopword and synonym tables looked up
// by that hash rather than by hashing the word again. For the words of a
// whole text, Words is faster.
//
// It keeps no state and is safe for concurrent use. A cache of words was
// measured and left out: on a 630-word story, a sync.Map keyed by the
// word took 30 to 50 ns a word and a map under 64 read-write locks 35 to
// 60 ns, where WordOf takes about 17; a map lookup hashes the word, which
// is most of what it would save.
func WordOf(norm string) Word {
	var w Word
	w.set(norm)
	return w
}

// Words returns WordOf of each token's Norm, in order, except that a
// character of a script written without spaces is matched by the pair it
// makes with the next character: its Hash is of both Norms, and it is no
// stopword and has no synonyms. It writes each Word in place, which
// measured a quarter faster than storing what WordOf returns (13 against
// 17 to 19 ns a word): the copy of the returned struct stalls on the
// stores that made it.
func Words(toks []Token) []Word {
	ws := make([]Word, len(toks))
	for i := range toks {
		if toks[i].Norm[0] >= 0x80 && pairsWithNext(toks, i) {
			ws[i] = Word{Hash: xxh3.HashString(toks[i].Norm + toks[i+1].Norm)}
			continue
		}
		ws[i].set(toks[i].Norm)
	}
	return ws
}

// Hashes returns the Hash of each of Words(toks): the word hashes that
// fingerprints are made of, without the rest of Words.
func Hashes(toks []Token) []uint64 {
	h := make([]uint64, len(toks))
	for i := range toks {
		if toks[i].Norm[0] >= 0x80 && pairsWithNext(toks, i) {
			h[i] = xxh3.HashString(toks[i].Norm + toks[i+1].Norm)
			continue
		}
		h[i] = xxh3.HashString(Stem(toks[i].Norm))
	}
	return h
}

func (w *Word) set(norm string) {
	h := xxh3.HashString(Stem(norm))
	w.Hash = h
	w.Stop = isStop(norm, h)
	w.synsets = synonyms.Entry(h)
}

// CommonHashes returns how many word hashes two ascending lists share,
// a hash repeated in both counted as often as the fewer repeats: the size
// of the two lists' intersection as multisets.
func CommonHashes(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
