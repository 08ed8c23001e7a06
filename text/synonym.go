package text

import (
	"github.com/wiretrace/wiretrace/text/internal/synonyms"
	"github.com/zeebo/xxh3"
)

// The synonym table is generated from WordNet 3.0 by internal/wordnetgen
// (see synonyms.LICENSE for its licence): synonyms.txt is the table for
// people to read and review, one synonym set a line, numbered from 1;
// internal/synonyms holds the same table as static arrays, read in place.
// Parsing the text on first use cost every process about 12 ms and some
// megabytes of heap; the arrays cost nothing until read.
//
//go:generate go run ./internal/wordnetgen -wordnet /usr/share/wordnet -o synonyms.txt -go internal/synonyms/table.go -freq frequency.txt -freqgo internal/frequency/table.go

// Synsets returns the synonym sets a stem (see Stem) belongs to, as numbers:
// two stems are synonyms when their sets share a number. Only a word's most
// frequent sense counts, so "said" and "stated" are synonyms but "bank" and
// "depository" are not. Most stems belong to none. The numbers are those of
// the lines of synonyms.txt, in ascending order. The slice is shared by all
// callers: do not modify it.
func Synsets(stem string) []uint32 { return synonyms.Lookup(xxh3.HashString(stem)) }
