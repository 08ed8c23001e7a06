package text

import (
	_ "embed"
	"strings"
	"sync"
)

// synonymTable is generated from WordNet 3.0 by internal/wordnetgen; see
// synonyms.LICENSE for its licence.
//
//go:generate go run ./internal/wordnetgen -wordnet /usr/share/wordnet -o synonyms.txt
//go:embed synonyms.txt
var synonymTable string

var synonyms = sync.OnceValue(func() map[string][]uint32 {
	m := map[string][]uint32{}
	line := uint32(0)
	for g := range strings.Lines(synonymTable) {
		line++
		for _, stem := range strings.Fields(g) {
			m[stem] = append(m[stem], line)
		}
	}
	return m
})

// Synsets returns the synonym sets a stem (see Stem) belongs to, as numbers:
// two stems are synonyms when their sets share a number. Only a word's most
// frequent sense counts, so "said" and "stated" are synonyms but "bank" and
// "depository" are not. Most stems belong to none.
func Synsets(stem string) []uint32 { return synonyms()[stem] }
