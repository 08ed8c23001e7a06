package text

import (
	"github.com/wiretrace/wiretrace/text/internal/synonyms"
	"github.com/zeebo/xxh3"
)

// Word is what matching needs to know of a word besides its token.
type Word struct {
	// Stem is Stem(norm); for a character of a script written without
	// spaces that the next character of the text continues, it is the
	// two characters' Norms together (see segment.go).
	Stem string
	// Hash is xxh3.HashString(Stem). Fingerprints stored in an index are
	// made of it: it must never change.
	Hash uint64
	// Stop is IsStopword(norm).
	Stop bool
	// Synsets is Synsets(Stem), shared by all callers: do not modify it.
	Synsets []uint32
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
// makes with the next character: its Stem is both Norms, and it is no
// stopword and has no synonyms. It writes each Word in place, which
// measured a quarter faster than storing what WordOf returns (13 against
// 17 to 19 ns a word): the copy of the returned struct stalls on the
// stores that made it.
func Words(toks []Token) []Word {
	ws := make([]Word, len(toks))
	for i := range toks {
		if toks[i].Norm[0] >= 0x80 && pairsWithNext(toks, i) {
			pair := toks[i].Norm + toks[i+1].Norm
			ws[i] = Word{Stem: pair, Hash: xxh3.HashString(pair)}
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
	stem := Stem(norm)
	h := xxh3.HashString(stem)
	w.Stem = stem
	w.Hash = h
	w.Stop = isStop(norm, h)
	w.Synsets = synonyms.Lookup(h)
}
