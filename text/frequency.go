package text

import (
	"github.com/wiretrace/wiretrace/text/internal/frequency"
	"github.com/zeebo/xxh3"
)

// Frequency says how common a stem (see Stem) is in English: how many
// times WordNet 3.0's sense-tagged texts use a word of that stem, all its
// senses together (frequency.txt is the table for people to read, made by
// internal/wordnetgen with the synonym table; see synonyms.LICENSE). A
// stem the table does not hold, a rare word, a name or a word made up,
// gives 0. A synonym spinner puts rarer words in place of common ones, so
// of two texts that differ word for word, the one with the commoner words
// is more likely the one written first.
func Frequency(stem string) int { return frequency.Of(xxh3.HashString(stem)) }

// FrequencyOf is Frequency of the stem whose hash is h (Word.Hash).
func FrequencyOf(h uint64) int { return frequency.Of(h) }

// Place reports whether a stem Frequency counts is one that WordNet knows
// only as the name of a place ("chicago", "paris"): a name however
// common, and not a word that is also a common noun ("brazil", the nut).
// Frequency tells most names already, by 0; this tells the places the
// sense-tagged texts use. Peoples, people and months are not places.
func Place(stem string) bool { return frequency.Place(xxh3.HashString(stem)) }
