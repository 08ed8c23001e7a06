package text

// The tokeniser and stemmer as they were before they were made faster,
// kept as the reference that the differential tests, FuzzTokenizeSame and
// FuzzStemSame compare Tokenize, Normalize and Stem with. Change them only
// together with the behaviour they pin: the segmentation of scripts
// written without spaces and the combining marks of all kinds were added
// to both at once, written here the plain way (unicode.In on the scripts
// rather than ranges).

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// refTokenize splits s into words. A word is a run of letters, digits and
// combining marks; an apostrophe between letters stays inside it ("Russia's",
// "don't") and so do a comma or point between digits ("1,200", "3.5").
// Hyphens and dashes separate words, so "five-story" and "five story" give
// the same tokens. Quotation marks are tracked so that each token knows
// whether it is inside a quote.
func refTokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/6)
	quoted := false
	i := 0
	for i < len(s) {
		r, size := refDecodeRune(s, i)
		if r == '\n' && (refParagraphEnd(s[:i]) || refReopensQuote(s[i+1:])) {
			// A quote running on into the next paragraph opens again
			// there, by newspaper convention.
			quoted = false
		}
		if q, ok := refQuoteMark(r, s, i, size); ok {
			quoted = refToggleQuote(quoted, q)
			i += size
			continue
		}
		if refSegmented(r) {
			end := i + size
			for end < len(s) {
				m, msize := refDecodeRune(s, end)
				if !unicode.Is(unicode.M, m) {
					break
				}
				end += msize
			}
			toks = append(toks, Token{Start: i, End: end, Norm: refNormalize(s[i:end]), Quoted: quoted})
			i = end
			continue
		}
		if !refIsWordRune(r) {
			i += size
			continue
		}
		start := i
		end := i
		number := true
		for i < len(s) {
			r, size = refDecodeRune(s, i)
			switch {
			case refSegmented(r):
			case refIsWordRune(r):
				if !unicode.IsDigit(r) {
					number = false
				}
				i += size
				end = i
				continue
			case refIsInvisible(r):
				i += size
				continue
			case refIsApostrophe(r) || r == '.' || r == ',':
				// Kept only between two word runes of the right kind.
				nr, _ := refDecodeRune(s, i+size)
				pr, _ := utf8.DecodeLastRuneInString(s[:end])
				if refIsApostrophe(r) && unicode.IsLetter(pr) && unicode.IsLetter(nr) ||
					(r == '.' || r == ',') && unicode.IsDigit(pr) && unicode.IsDigit(nr) {
					i += size
					continue
				}
			}
			break
		}
		first, _ := utf8.DecodeRuneInString(s[start:])
		toks = append(toks, Token{
			Start:  start,
			End:    end,
			Norm:   refNormalize(s[start:end]),
			Number: number,
			Upper:  unicode.IsUpper(first),
			Quoted: quoted,
		})
	}
	return toks
}

// refParagraphEnd reports whether a line break after before ends a paragraph
// rather than wrapping a line: hard-wrapped text breaks lines after a word
// or a comma, paragraphs end with other punctuation.
func refParagraphEnd(before string) bool {
	before = strings.TrimRight(before, " \t\r")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return !(refIsWordRune(r) || r == ',' || r == ';' || r == '-')
}

// refReopensQuote reports whether the line after a break starts with a
// quotation mark, as a quote continued into a new paragraph does.
func refReopensQuote(after string) bool {
	after = strings.TrimLeft(after, " \t\r")
	r, size := refDecodeRune(after, 0)
	_, ok := refQuoteMark(r, after, 0, size)
	return size > 0 && ok
}

func refDecodeRune(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func refIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '\u3007'
}

// refSegmented reports the letters of scripts written without spaces,
// each a token of its own.
func refSegmented(r rune) bool {
	if !unicode.IsLetter(r) && r != '\u3007' {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) || r == '\u30fc' || r == '\uff70'
}

// refIsInvisible reports characters that may sit inside a word without
// breaking it: soft hyphen, zero-width space and joiners, word joiner.
func refIsInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

func refIsApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\u2032', '`',
		'\x19': // U+2019 that lost its high byte on the way
		return true
	}
	return false
}

// refQuoteMark reports whether r at s[i:] is a quotation mark and returns it as
// an opening (\u201c), closing (\u201d) or undirected (") mark. Single quotes,
// the British style, count when they stand at a word's edge: apostrophes
// inside words never reach here because the tokeniser keeps them in the word.
func refQuoteMark(r rune, s string, i, size int) (rune, bool) {
	switch r {
	case '"', '\u201f':
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if next, _ := refDecodeRune(s, i+size); unicode.IsLetter(prev) && unicode.IsLetter(next) {
				return 0, false
			}
		}
		return '"', true
	case '\u201c', '\u201e', '\u00ab', '\u300c', '\u300e', '\ufe41', '\ufe43', '\uff62':
		return '\u201c', true
	case '\u201d', '\u00bb', '\u300d', '\u300f', '\ufe42', '\ufe44', '\uff63':
		return '\u201d', true
	case '\'', '\u2018', '\u2019', '`':
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := refDecodeRune(s, i+size)
		switch {
		case (i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{\u2014-", prev)) && refIsWordRune(next):
			return '\u201c', true
		case (unicode.IsLetter(prev) || unicode.IsPunct(prev)) && (i+size >= len(s) || unicode.IsSpace(next) || unicode.IsPunct(next)):
			return '\u201d', true
		}
	}
	return 0, false
}

// refToggleQuote follows the quote state: opening and closing marks set it, the
// straight double quote flips it.
func refToggleQuote(quoted bool, r rune) bool {
	switch r {
	case '\u201c':
		return true
	case '\u201d':
		return false
	}
	return !quoted
}

var refFolder = cases.Fold()

// refNormalize returns the matching form of a word: NFKC, case-folded,
// apostrophe variants as ', invisible characters removed. ASCII words take
// a fast path.
func refNormalize(w string) string {
	ascii := true
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' || c == '`' || c == 0x19 {
			lower = false
		}
	}
	if ascii {
		if lower {
			return w
		}
		b := []byte(w)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			} else if c == '`' || c == 0x19 {
				b[i] = '\''
			}
		}
		return string(b)
	}
	// Invisible characters go first: removed after NFKC, they could leave
	// a base letter and a combining mark uncomposed, and a second pass
	// would then compose them.
	w = strings.Map(func(r rune) rune {
		if refIsInvisible(r) {
			return -1
		}
		return r
	}, w)
	w = norm.NFKC.String(w)
	w = refFolder.String(w)
	// Apostrophes go last: NFKC turns some characters into apostrophe
	// variants (U+0149 into U+02BC and n).
	return strings.Map(func(r rune) rune {
		if refIsApostrophe(r) {
			return '\''
		}
		return refFoldCherokee(r)
	}, w)
}

// refFoldCherokee maps Cherokee small letters to capitals, as Unicode case
// folding does. x/text/cases folds the small letters to capitals but the
// capitals to small letters (golang.org/issue/46101), so without this a
// second refNormalize would change the word again.
func refFoldCherokee(r rune) rune {
	switch {
	case 0xab70 <= r && r <= 0xabbf:
		return r - 0xab70 + 0x13a0
	case 0x13f8 <= r && r <= 0x13fd:
		return r - 0x13f8 + 0x13f0
	}
	return r
}

// refStem is Stem as it was written first: suffix tests in order.
func refStem(w string) string {
	if len(w) <= 3 {
		return w
	}
	if strings.HasSuffix(w, "'s") {
		w = w[:len(w)-2]
	} else if strings.HasSuffix(w, "'") {
		w = w[:len(w)-1]
	}
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case len(w) > 4 && strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case len(w) > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes")):
		w = w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = refUndouble(w[:len(w)-3])
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		w = refUndouble(w[:len(w)-2])
	}
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// refUndouble turns "stopp" into "stop" after an ending is removed.
func refUndouble(w string) string {
	n := len(w)
	if n > 3 && w[n-1] == w[n-2] && strings.IndexByte("bdfgmnprt", w[n-1]) >= 0 {
		return w[:n-1]
	}
	return w
}
