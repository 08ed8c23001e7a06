package text

import (
	"errors"
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"
)

// Scripts written without spaces between words (Chinese, Japanese, Thai,
// Lao, Khmer, Myanmar) cannot be split into words at spaces and
// punctuation: a whole clause would be one "word", and two texts would
// share words only where they share whole clauses. Splitting them into
// words needs a dictionary per language; search engines index them by
// overlapping character pairs instead (Lucene's CJK bigrams), which finds
// copied text as well without one. wiretrace does the same in two steps:
// Tokenize makes each character (with the combining marks that belong to
// it) a token of its own, so offsets stay exact and tokens never overlap,
// and Words and Hashes match each such token by the pair it makes with the
// next character of the same run. Fingerprints of three tokens then hash
// four characters, and alignment follows copied text character by
// character.

// pairGroup tells which scripts pair with each other: a character pairs
// with the next when both are of the same group. Japanese mixes Han and
// kana inside one word, so they are one group.
type pairGroup uint8

const (
	noGroup pairGroup = iota
	groupCJK
	groupThai
	groupLao
	groupKhmer
	groupMyanmar
)

// segmentedGroup returns the group of a rune that Tokenize makes a token
// of its own, or noGroup for a rune of a script written with spaces (and
// for digits and punctuation of any script).
func segmentedGroup(r rune) pairGroup {
	if r < 0x0e00 || !(unicode.IsLetter(r) || r == 0x3007) {
		return noGroup
	}
	return scriptGroup(r)
}

// scriptGroup returns the group of the script of r, letter or not.
func scriptGroup(r rune) pairGroup {
	switch {
	case r < 0x0e00:
	case r <= 0x0e7f:
		return groupThai
	case r <= 0x0eff:
		return groupLao
	case 0x1000 <= r && r <= 0x109f, 0xa9e0 <= r && r <= 0xa9ff, 0xaa60 <= r && r <= 0xaa7f:
		return groupMyanmar
	case 0x1780 <= r && r <= 0x17ff, 0x19e0 <= r && r <= 0x19ff:
		return groupKhmer
	case r == 0x30fc || r == 0xff70 || r == 0x3007:
		// The prolonged sound mark (full and half width) belongs to
		// the kana before it; the ideographic zero is a Han numeral.
		return groupCJK
	case r >= 0x2e80:
		if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Bopomofo, r) {
			return groupCJK
		}
	}
	return noGroup
}

// isMark reports combining marks, which belong to the character before
// them: accents, Indic vowel signs, Thai tone marks.
func isMark(r rune) bool {
	return r >= 0x300 && unicode.Is(unicode.M, r)
}

// stableRune reports characters that Normalize leaves as they are, so that
// a token of one of them is its own Norm: the common Han, kana and Thai
// consonants, most of the text of those languages.
func stableRune(r rune) bool {
	return 0x4e00 <= r && r <= 0x9fff || 0x3041 <= r && r <= 0x3096 ||
		0x30a1 <= r && r <= 0x30fa || r == 0x30fc || 0x0e01 <= r && r <= 0x0e30
}

// clusterEnd returns where the character starting at s[i] ends, with the
// combining marks that follow it.
func clusterEnd(s string, i int) int {
	_, size := decodeRune(s, i)
	i += size
	for i < len(s) {
		r, size := decodeRune(s, i)
		if !isMark(r) {
			break
		}
		i += size
	}
	return i
}

// clusterNorm returns the Norm of a character token.
func clusterNorm(c string) string {
	if r, size := utf8.DecodeRuneInString(c); size == len(c) && stableRune(r) {
		return c
	}
	return Normalize(c)
}

// normGroup returns the pair group of a Norm: that of its first rune.
func normGroup(norm string) pairGroup {
	if norm == "" || norm[0] < utf8.RuneSelf {
		return noGroup
	}
	r, _ := utf8.DecodeRuneInString(norm)
	return scriptGroup(r)
}

// pairsWithNext reports whether toks[i] is a character of a script written
// without spaces that the next token continues: matching then uses the
// two characters together.
func pairsWithNext(toks []Token, i int) bool {
	if i+1 >= len(toks) || toks[i+1].Start != toks[i].End || toks[i].Number || toks[i+1].Number {
		return false
	}
	g := normGroup(toks[i].Norm)
	return g != noGroup && normGroup(toks[i+1].Norm) == g
}

// Segmented reports whether r is of a script written without spaces that
// Tokenize splits into characters.
func Segmented(r rune) bool { return segmentedGroup(r) != noGroup }

// MaxWordRunes is the longest a word of a language written with spaces
// gets, in letters, give or take a German compound.
const MaxWordRunes = 24

// ErrUnsegmented: most of a text's letters are in runs longer than any word
// (MaxWordRunes): a script written without spaces that Tokenize does not
// split into characters, so words would be whole clauses.
var ErrUnsegmented = errors.New("text not split into words")

// UnsegmentedError says which script a text is mostly in when that is
// ErrUnsegmented.
type UnsegmentedError struct {
	// Script is the Unicode name of the script of most of the letters in
	// over-long runs ("Balinese", "Javanese").
	Script string
}

func (e *UnsegmentedError) Error() string {
	return fmt.Sprintf("%s: most of its letters are %s script written without spaces, which wiretrace cannot split into words "+
		"(it splits Chinese, Japanese, Thai, Lao, Khmer and Myanmar into characters); only copies of whole runs of it could be found",
		ErrUnsegmented, e.Script)
}

func (e *UnsegmentedError) Unwrap() error { return ErrUnsegmented }

// Unsegmented returns an *UnsegmentedError when most of the letters of s
// are in runs of word characters longer than MaxWordRunes, and nil
// otherwise. Such a text tokenises into a few clause-long "words": it
// would match another only where whole clauses are the same, and a check
// of it would answer "no sources" whatever the store holds.
//
// Every text added passes through here, so a first pass looks only for a
// long run of non-ASCII word characters, which every such script makes,
// and most texts end there (1 ns a byte on English news).
func Unsegmented(s string) error {
	if !hasLongRun(s) {
		return nil
	}
	letters, long := 0, 0
	run := 0
	var runScripts map[string]int
	var first rune
	endRun := func() {
		letters += run
		if run > MaxWordRunes {
			long += run
			if runScripts == nil {
				runScripts = map[string]int{}
			}
			runScripts[scriptName(first)] += run
		}
		run = 0
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if byteClass[c]&classAlnum != 0 {
				if run == 0 {
					first = rune(c)
				}
				run++
			} else if run > 0 {
				endRun()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case segmentedGroup(r) != noGroup:
			if run > 0 {
				endRun()
			}
			letters++
		case isWordRune(r):
			if run == 0 {
				first = r
			}
			if !isMark(r) {
				run++
			}
		case isInvisible(r):
		default:
			if run > 0 {
				endRun()
			}
		}
	}
	if run > 0 {
		endRun()
	}
	if long == 0 || long*2 < letters {
		return nil
	}
	script, most := "", 0
	for name, n := range runScripts {
		if n > most || n == most && name < script {
			script, most = name, n
		}
	}
	return &UnsegmentedError{Script: script}
}

// hasLongRun reports whether s has a run of more than MaxWordRunes
// non-ASCII word characters outside the scripts Tokenize segments.
func hasLongRun(s string) bool {
	run := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			run = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isMark(r) || isInvisible(r):
		case isWordRune(r) && segmentedGroup(r) == noGroup:
			if run++; run > MaxWordRunes {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

// scriptName returns the Unicode name of r's script, "unknown" for none.
func scriptName(r rune) string {
	for _, name := range scriptNames {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return "unknown"
}

// scriptNames are the names of unicode.Scripts in order, so that the
// search is the same on every run.
var scriptNames = func() []string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}()
