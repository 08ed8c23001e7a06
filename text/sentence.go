package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open range of token indexes.
type Span struct{ Start, End int }

// Sentences splits tokens of s into sentences. A sentence ends where the gap
// after a token holds a line break, or holds ., ! or ? and the next word
// starts with a capital, a digit or a quotation mark. A point after a single
// letter or a common abbreviation ("Mr.", "Gen.", "Jan.") does not end one.
// In scripts without capitals the full stops of their own end a sentence
// whatever follows (。！？ and the Khmer and Myanmar marks), and in Thai,
// which writes no full stop, so does a space between two Thai words.
func Sentences(s string, toks []Token) []Span {
	var out []Span
	start := 0
	for i := 0; i < len(toks)-1; i++ {
		prev, next := &toks[i], &toks[i+1]
		gap := s[prev.End:next.Start]
		// Most gaps are one space after a word in a script with
		// spaces: no break.
		if len(gap) == 1 && gap[0] == ' ' && (prev.Norm == "" || prev.Norm[0] < utf8.RuneSelf) {
			continue
		}
		if !sentenceBreak(gap, prev, next) {
			continue
		}
		out = append(out, Span{start, i + 1})
		start = i + 1
	}
	if start < len(toks) {
		out = append(out, Span{start, len(toks)})
	}
	return out
}

func sentenceBreak(gap string, prev, next *Token) bool {
	// Most gaps are a space or two, or a comma and a space: one look at
	// their bytes settles them.
	plain := true
	for i := 0; i < len(gap); i++ {
		switch c := gap[i]; {
		case c == '\n' || c == '\r':
			return true
		case c >= utf8.RuneSelf || c == '.' || c == '!' || c == '?':
			plain = false
		}
	}
	thai := func() bool {
		return normGroup(prev.Norm) == groupThai && normGroup(next.Norm) == groupThai && gap != "" && strings.TrimSpace(gap) == ""
	}
	if plain {
		return thai()
	}
	if strings.ContainsAny(gap, fullStops) || thai() {
		return true
	}
	end := strings.IndexAny(gap, ".!?")
	if end < 0 {
		return false
	}
	if gap[end] == '.' && (utf8.RuneCountInString(prev.Norm) == 1 && !prev.Number || abbreviations[prev.Norm]) {
		return false
	}
	// The next word starts with a quotation mark when the gap ends with
	// one after a space; a mark straight after the point closes a quote.
	last, size := utf8.DecodeLastRuneInString(gap)
	before, _ := utf8.DecodeLastRuneInString(gap[:len(gap)-size])
	opens := strings.ContainsRune("\"'\u201c\u2018(", last) && unicode.IsSpace(before)
	return next.Upper || next.Number || opens
}

// fullStops end a sentence in scripts without capitals: the ideographic
// and full-width stops, marks and half-width stop, and the Khmer and
// Myanmar stops.
const fullStops = "\u3002\uff01\uff1f\uff0e\uff61\u17d4\u104b"

var abbreviations = setOf(
	"mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "sgt", "capt",
	"cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "jr", "sr", "no", "vs",
	"inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "est", "dept",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
