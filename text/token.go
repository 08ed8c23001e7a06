package text

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text.
type Token struct {
	// Start and End are byte offsets into the text, end exclusive.
	Start, End int
	// Norm is the word normalised for matching: NFKC, case-folded, with
	// apostrophe variants as ' and soft hyphens and zero-width marks
	// removed.
	Norm string
	// Number is true when the word is made of digits (with inner , or .).
	Number bool
	// Upper is true when the word begins with an upper-case letter in the
	// text as given.
	Upper bool
	// Quoted is true when the word lies between quotation marks.
	Quoted bool
}

// Tokenize splits s into words. A word is a run of letters, digits and
// combining marks; an apostrophe between letters stays inside it ("Russia's",
// "don't") and so do a comma or point between digits ("1,200", "3.5").
// Hyphens and dashes separate words, so "five-story" and "five story" give
// the same tokens. In scripts written without spaces (Chinese, Japanese,
// Thai, Lao, Khmer, Myanmar) each character, with its combining marks, is
// a token of its own: see segment.go. Quotation marks, the CJK corner
// brackets among them, are tracked so that each token knows whether it is
// inside a quote.
//
// Every text to check or index passes through here, so ASCII, most of news
// text, takes a path of its own: a byte table instead of rune decoding, and
// the Norm of a word decided while it is read. Norms that differ from the
// text (capitals, curly apostrophes) share one allocation; a Norm equal to
// the text is the text itself. Its output is that of the plain rune-by-rune
// tokeniser kept in reference_test.go, which FuzzTokenizeSame compares it
// with.
func Tokenize(s string) []Token { return AppendTokens(nil, s) }

// AppendTokens appends the words of s (see Tokenize) to dst and returns
// the extended slice, so that a caller that tokenises text after text can
// reuse one buffer.
func AppendTokens(dst []Token, s string) []Token {
	toks := slices.Grow(dst, tokenCap(s))
	// Folded norms are written one after another into folded; the tokens
	// that need one get it once all are written, as a slice of one string.
	var folded strings.Builder
	var pendingArray [128]pendingNorm
	pending := pendingArray[:0]
	quoted := false
	i := 0
	for i < len(s) {
		if class := byteClass[s[i]]; class&classAlnum == 0 {
			if class&(classSpecial|classMulti) == 0 {
				i++
				continue
			}
			r, size := decodeRune(s, i)
			if r == '\n' && (paragraphEnd(s[:i]) || reopensQuote(s[i+1:])) {
				// A quote running on into the next paragraph opens
				// again there, by newspaper convention.
				quoted = false
			}
			if q, ok := quoteMark(r, s, i, size); ok {
				quoted = toggleQuote(quoted, q)
				i += size
				continue
			}
			if segmentedGroup(r) != noGroup {
				end := clusterEnd(s, i)
				toks = append(toks, Token{Start: i, End: end, Norm: clusterNorm(s[i:end]), Quoted: quoted})
				i = end
				continue
			}
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		start := i
		end := i
		number := true
		// simple: every byte read is ASCII or one of the apostrophes
		// foldASCII maps; same: besides, none needs changing.
		simple, same := true, true
		for i < len(s) {
			class := byteClass[s[i]]
			if class == classAlnum {
				// A run of lower-case letters: most of most words.
				number = false
				for i++; i < len(s) && byteClass[s[i]] == classAlnum; i++ {
				}
				end = i
				continue
			}
			if class&classAlnum != 0 {
				if class&classDigit == 0 {
					number = false
				}
				if class&classUpper != 0 {
					same = false
				}
				i++
				end = i
				continue
			}
			if class&(classJoiner|classMulti) == 0 {
				break
			}
			r, size := decodeRune(s, i)
			switch {
			case segmentedGroup(r) != noGroup:
				// A character of a script written without spaces
				// ends the word before it.
			case isWordRune(r):
				if !unicode.IsDigit(r) {
					number = false
				}
				simple = false
				i += size
				end = i
				continue
			case isInvisible(r):
				simple = false
				i += size
				continue
			case isApostrophe(r) || r == '.' || r == ',':
				// Kept only between two word runes of the right kind.
				nr, _ := decodeRune(s, i+size)
				pr, _ := utf8.DecodeLastRuneInString(s[:end])
				if isApostrophe(r) && unicode.IsLetter(pr) && unicode.IsLetter(nr) ||
					(r == '.' || r == ',') && unicode.IsDigit(pr) && unicode.IsDigit(nr) {
					if r != '\'' && r != '.' && r != ',' {
						same = false
					}
					i += size
					continue
				}
			}
			break
		}
		var upper bool
		if c := s[start]; c < utf8.RuneSelf {
			upper = byteClass[c]&classUpper != 0
		} else {
			first, _ := utf8.DecodeRuneInString(s[start:])
			upper = unicode.IsUpper(first)
		}
		var norm string
		switch {
		case simple && same:
			norm = s[start:end]
		case simple:
			if folded.Cap() == 0 {
				// News text has a capital in about one word in
				// seven.
				folded.Grow(len(s) / 6)
			}
			var buf [64]byte
			folded.Write(foldASCII(buf[:0], s[start:end]))
			pending = append(pending, pendingNorm{len(toks), folded.Len()})
		default:
			norm = Normalize(s[start:end])
		}
		toks = append(toks, Token{
			Start:  start,
			End:    end,
			Norm:   norm,
			Number: number,
			Upper:  upper,
			Quoted: quoted,
		})
	}
	all := folded.String()
	from := 0
	for _, p := range pending {
		toks[p.tok].Norm = all[from:p.end]
		from = p.end
	}
	return toks
}

// pendingNorm is a token whose Norm is in Tokenize's folded norms, ending
// at end.
type pendingNorm struct{ tok, end int }

// tokenCap returns about how many tokens s holds: the runs of ASCII letters
// and digits and non-ASCII bytes, and one for each character from U+3000
// to U+9FFF (kana and the common Han, a token each). It counts a few too
// many ("3.5", "don't", CJK punctuation) and too few only where non-ASCII
// dashes or quotes alone part two words or Thai and its neighbours run on,
// so Tokenize's slice is allocated once, at about its size.
func tokenCap(s string) int {
	n := 0
	var prev uint8
	for i := 0; i < len(s); i++ {
		c := s[i]
		word := wordByte[c]
		n += int(word&^prev) + int(cjkLead[c])
		prev = word
	}
	return n
}

// cjkLead is 1 for the first bytes of the characters from U+3000 to U+9FFF.
var cjkLead = func() (t [256]uint8) {
	for c := 0xe3; c <= 0xe9; c++ {
		t[c] = 1
	}
	return t
}()

// wordByte is 1 for the bytes tokenCap counts as word bytes, 0 for others.
var wordByte = func() (t [256]uint8) {
	for c := range t {
		if byteClass[c]&(classAlnum|classMulti) != 0 {
			t[c] = 1
		}
	}
	return t
}()

// Classes of bytes for Tokenize.
const (
	classAlnum = 1 << iota
	classDigit
	classUpper
	// classJoiner: may join two parts of a word (apostrophes, decimal
	// point, thousands separator).
	classJoiner
	// classSpecial: not part of a word but not to skip either (line
	// break, quotation marks).
	classSpecial
	// classMulti: a byte of a multi-byte rune (or an invalid byte), for
	// the rune-by-rune path.
	classMulti
)

var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = classAlnum
		case 'A' <= c && c <= 'Z':
			t[c] = classAlnum | classUpper
		case '0' <= c && c <= '9':
			t[c] = classAlnum | classDigit
		case c >= utf8.RuneSelf:
			t[c] = classMulti
		}
	}
	for _, c := range "'`\x19.," {
		t[c] |= classJoiner
	}
	for _, c := range "\n\"'`" {
		t[c] |= classSpecial
	}
	return t
}()

// paragraphEnd reports whether a line break after before ends a paragraph
// rather than wrapping a line: hard-wrapped text breaks lines after a word
// or a comma, paragraphs end with other punctuation.
func paragraphEnd(before string) bool {
	before = strings.TrimRight(before, " \t\r")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return !(isWordRune(r) || r == ',' || r == ';' || r == '-')
}

// reopensQuote reports whether the line after a break starts with a
// quotation mark, as a quote continued into a new paragraph does.
func reopensQuote(after string) bool {
	after = strings.TrimLeft(after, " \t\r")
	r, size := decodeRune(after, 0)
	_, ok := quoteMark(r, after, 0, size)
	return size > 0 && ok
}

func decodeRune(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) || r == 0x3007
}

// TrimSpace returns the bounds of s[lo:hi] without the white space and
// invisible characters around it.
func TrimSpace(s string, lo, hi int) (int, int) {
	for lo < hi {
		r, size := utf8.DecodeRuneInString(s[lo:hi])
		if !unicode.IsSpace(r) && !isInvisible(r) {
			break
		}
		lo += size
	}
	for hi > lo {
		r, size := utf8.DecodeLastRuneInString(s[lo:hi])
		if !unicode.IsSpace(r) && !isInvisible(r) {
			break
		}
		hi -= size
	}
	return lo, hi
}

// isInvisible reports characters that may sit inside a word without
// breaking it: soft hyphen, zero-width space and joiners, word joiner.
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\u2032', '`',
		'\x19': // U+2019 that lost its high byte on the way
		return true
	}
	return false
}

// quoteMark reports whether r at s[i:] is a quotation mark and returns it as
// an opening (\u201c), closing (\u201d) or undirected (") mark. Single quotes,
// the British style, count when they stand at a word's edge: apostrophes
// inside words never reach here because the tokeniser keeps them in the word.
func quoteMark(r rune, s string, i, size int) (rune, bool) {
	switch r {
	case '"', '\u201f':
		// Between two letters it stands for an apostrophe ("Brazil"s
		// output"), as some wire copy has it: no quote opens there.
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if next, _ := decodeRune(s, i+size); unicode.IsLetter(prev) && unicode.IsLetter(next) {
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
		next, _ := decodeRune(s, i+size)
		switch {
		case (i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{\u2014-", prev)) && isWordRune(next):
			return '\u201c', true
		case (unicode.IsLetter(prev) || unicode.IsPunct(prev)) && (i+size >= len(s) || unicode.IsSpace(next) || unicode.IsPunct(next)):
			return '\u201d', true
		}
	}
	return 0, false
}

// toggleQuote follows the quote state: opening and closing marks set it, the
// straight double quote flips it.
func toggleQuote(quoted bool, r rune) bool {
	switch r {
	case '\u201c':
		return true
	case '\u201d':
		return false
	}
	return !quoted
}

var folder = cases.Fold()

// Normalize returns the matching form of a word: NFKC, case-folded,
// apostrophe variants as ', invisible characters removed. Words of ASCII
// and apostrophes, most words of English news, take a fast path.
func Normalize(w string) string {
	simple, same := true, true
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' || c == '`' || c == 0x19 {
				same = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if !isFoldedApostrophe(r) {
			simple = false
			break
		}
		same = false
		i += size
	}
	if simple {
		if same {
			return w
		}
		return string(foldASCII(make([]byte, 0, len(w)), w))
	}
	// Invisible characters go first: removed after NFKC, they could leave
	// a base letter and a combining mark uncomposed, and a second pass
	// would then compose them.
	w = strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, w)
	w = norm.NFKC.String(w)
	w = folder.String(w)
	// Apostrophes go last: NFKC turns some characters into apostrophe
	// variants (U+0149 into U+02BC and n).
	return strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return '\''
		}
		return foldCherokee(r)
	}, w)
}

// isFoldedApostrophe reports the non-ASCII apostrophes that NFKC and case
// folding leave alone, so that a word of ASCII and these normalises by
// foldASCII.
func isFoldedApostrophe(r rune) bool {
	switch r {
	case '\u2019', '\u2018', '\u02bc', '\u2032':
		return true
	}
	return false
}

// foldASCII appends to b the Normalize form of w, made of ASCII and
// isFoldedApostrophe runes: capitals in lower case, apostrophes as '.
func foldASCII(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '`' || c == 0x19:
			c = '\''
		case c >= utf8.RuneSelf:
			// An apostrophe of two or three bytes, of which this is
			// the first.
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size - 1
			c = '\''
		}
		b = append(b, c)
	}
	return b
}

// foldCherokee maps Cherokee small letters to capitals, as Unicode case
// folding does. x/text/cases folds the small letters to capitals but the
// capitals to small letters (golang.org/issue/46101), so without this a
// second Normalize would change the word again.
func foldCherokee(r rune) rune {
	switch {
	case 0xab70 <= r && r <= 0xabbf:
		return r - 0xab70 + 0x13a0
	case 0x13f8 <= r && r <= 0x13fd:
		return r - 0x13f8 + 0x13f0
	}
	return r
}

// TokensIn returns the range [lo, hi) of the tokens of toks (in text
// order) that lie wholly inside the bytes [start, end).
func TokensIn(toks []Token, start, end int) (lo, hi int) {
	lo = sort.Search(len(toks), func(k int) bool { return toks[k].Start >= start })
	hi = sort.Search(len(toks), func(k int) bool { return toks[k].End > end })
	return lo, max(lo, hi)
}
