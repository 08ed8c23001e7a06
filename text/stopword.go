package text

import "github.com/zeebo/xxh3"

// IsStopword reports whether a normalised word is an English function word:
// articles, pronouns, auxiliaries, prepositions, conjunctions and the like.
// Spinners replace content words and leave these alone, so the sequence of
// stopwords of a text (its skeleton) survives synonym spinning.
func IsStopword(norm string) bool { return stopwords[norm] }

var stopwords = setOf(stopwordList...)

var stopwordList = []string{
	"a", "an", "the", "this", "that", "these", "those", "some", "any", "all",
	"each", "every", "no", "not", "nor", "both", "either", "neither", "such",
	"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his",
	"she", "her", "it", "its", "they", "them", "their", "who", "whom", "whose",
	"which", "what", "where", "when", "why", "how", "there", "here",
	"is", "am", "are", "was", "were", "be", "been", "being", "have", "has",
	"had", "having", "do", "does", "did", "will", "would", "shall", "should",
	"can", "could", "may", "might", "must",
	"of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto",
	"about", "above", "below", "over", "under", "after", "before", "between",
	"through", "during", "against", "among", "within", "without", "upon",
	"across", "behind", "beyond", "since", "until", "than", "as", "like",
	"and", "or", "but", "if", "so", "because", "while", "although", "though",
	"whether", "then", "also", "only", "just", "very", "too", "more", "most",
	"other", "same", "own", "again", "once", "out", "up", "down", "off",
	"it's", "he's", "she's", "that's", "there's", "don't", "didn't", "won't",
	"can't", "isn't", "wasn't", "weren't", "aren't", "hasn't", "haven't",
}

// stopTable is the stopwords again, keyed by the hash of their stem, for
// WordOf: it has that hash already, and a probe of this table and one
// string comparison cost a fifth of what a map lookup, which hashes the
// word again, does. Slots hold one stopword each; a stem may have several
// ("it" and "it's").
var stopTable = func() (t [stopSlots]stopSlot) {
	for _, w := range stopwordList {
		h := xxh3.HashString(Stem(w))
		i := h % stopSlots
		for t[i].norm != "" {
			i = (i + 1) % stopSlots
		}
		t[i] = stopSlot{h, w}
	}
	return t
}()

// stopSlots, a power of two, is over three times the number of stopwords,
// so that most words that are not one meet an empty slot first.
const stopSlots = 512

type stopSlot struct {
	stemHash uint64
	norm     string
}

// isStop reports whether norm, whose stem's hash is stemHash, is a
// stopword.
func isStop(norm string, stemHash uint64) bool {
	for i := stemHash % stopSlots; stopTable[i].norm != ""; i = (i + 1) % stopSlots {
		if stopTable[i].stemHash == stemHash && stopTable[i].norm == norm {
			return true
		}
	}
	return false
}
