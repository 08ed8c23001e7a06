package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/text"
)

// Quotation mark roles.
const (
	notMark = iota
	openMark
	closeMark
)

// quoteStyle says which marks delimit quotes in a text: double marks when
// it has any, else single marks (British style). Inside double marks,
// single ones are quotes within the quote and are not tracked.
func quoteStyle(s string) (double bool) {
	return strings.ContainsAny(s, "\"\u201c\u201d\u201e\u00ab\u00bb")
}

// markAt classifies the rune r at s[i:] as an opening or closing quotation
// mark, given whether a quote is open.
func markAt(s string, i int, r rune, size int, double, open bool) int {
	switch r {
	case '"', '\'', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2018', '\u2019':
	default:
		return notMark
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	atStart := i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{\u2014\u2013-/", prev)
	beforeWord := i+size < len(s) && !unicode.IsSpace(next)
	if double {
		switch r {
		case '\u201c', '\u201e', '\u00ab', '\u201f':
			return openMark
		case '\u201d', '\u00bb':
			return closeMark
		case '"':
			// Between two letters it stands for an apostrophe ("Brazil"s
			// output"), as the tokeniser reads it too.
			if i > 0 && unicode.IsLetter(prev) && unicode.IsLetter(next) {
				return notMark
			}
			// A straight mark after a space and before a word opens a
			// quote even while one is open: the open one was never
			// closed.
			if open && !(unicode.IsSpace(prev) && beforeWord && (unicode.IsLetter(next) || unicode.IsDigit(next))) {
				return closeMark
			}
			if beforeWord {
				return openMark
			}
		}
		return notMark
	}
	switch r {
	case '\u2018', '\'', '\u2019':
		if !open && atStart && (unicode.IsLetter(next) || unicode.IsDigit(next)) && r != '\u2019' && !andContraction(s[i+size:]) {
			return openMark
		}
		if open && !unicode.IsSpace(prev) && i > 0 {
			afterEnd := i+size >= len(s) || unicode.IsSpace(next) || unicode.IsPunct(next)
			switch {
			case unicode.IsPunct(prev) && afterEnd:
				return closeMark
			case afterEnd && unicode.IsPunct(next):
				return closeMark
			case afterEnd && unicode.IsLetter(prev) && prev != 's':
				return closeMark
			}
		}
	}
	return notMark
}

// pluralMark reports whether the single mark r at s[i:] follows an "s"
// and ends a word: a plural's apostrophe or a quote's close.
func pluralMark(s string, i int, r rune, size int) bool {
	if r != '\'' && r != '\u2019' || i == 0 || s[i-1] != 's' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	return i+size >= len(s) || unicode.IsSpace(next) || unicode.IsPunct(next)
}

// andContraction reports "n" or "N" standing for "and" after an apostrophe:
// "Fast 'N Fresh", "rock 'n' roll".
func andContraction(after string) bool {
	if len(after) < 2 || after[0] != 'n' && after[0] != 'N' {
		return false
	}
	return after[1] == ' ' || after[1] == '\'' || strings.HasPrefix(after[1:], "\u2019")
}

// nextMarkByte returns the offset of the next byte that may start a
// quotation mark of the style (", ', or the lead byte of a curly mark or
// guillemet), or -1.
func nextMarkByte(s string, double bool) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == 0xc2 || c == 0xe2:
			return i
		case c == '\'' && !double:
			return i
		}
	}
	return -1
}

// parseQuotes finds the quotes of each paragraph, then their speakers.
func (a *Anatomy) parseQuotes() {
	double := quoteStyle(a.text)
	for k, p := range a.paras {
		open, openSize := -1, 0
		// plural is where the first mark after an "s" inside the open
		// quote stands ("the workers' union", "'cash for questions'
		// libel trial"): a plural's apostrophe while a closing mark follows,
		// else the quote's close.
		plural, pluralSize := -1, 0
		closeAtPlural := func() int {
			a.addQuote(k, open, openSize, plural, plural+pluralSize, true)
			end := plural + pluralSize
			open, plural = -1, -1
			return end
		}
		for i := p.start; ; {
			next := -1
			if i < p.end {
				next = nextMarkByte(a.text[i:p.end], double)
			}
			if next < 0 {
				// A quote still open at the paragraph's end closes at its
				// plural mark; what follows is read again, outside it.
				if open >= 0 && plural >= 0 {
					i = closeAtPlural()
					continue
				}
				break
			}
			i += next
			r, size := utf8.DecodeRuneInString(a.text[i:])
			switch markAt(a.text, i, r, size, double, open >= 0) {
			case openMark:
				if open >= 0 && plural >= 0 {
					closeAtPlural()
				}
				if open >= 0 {
					// A quote opens inside one never closed. After a
					// sentence's end it is the next paragraph of the same
					// quote, run into this one by a lost line break.
					_, hi := text.TrimSpace(a.text, open, i)
					if a.addQuote(k, open, openSize, hi, hi, false) {
						a.Quotes[len(a.Quotes)-1].Continued = endsProse(a.text[open:hi])
					}
				}
				open, openSize = i, size
			case closeMark:
				if open >= 0 {
					a.addQuote(k, open, openSize, i, i+size, true)
					open, plural = -1, -1
				}
			default:
				if !double && open >= 0 && plural < 0 && pluralMark(a.text, i, r, size) {
					plural, pluralSize = i, size
				}
			}
			i += size
		}
		if open >= 0 {
			a.addQuote(k, open, openSize, p.end, p.end, false)
		}
	}
	for q := range a.Quotes {
		if a.Quotes[q].Closed {
			continue
		}
		k := a.quotePara[q]
		if a.Quotes[q].End == a.paras[k].end && k+1 < len(a.paras) {
			next := a.paras[k+1]
			r, size := utf8.DecodeRuneInString(a.text[next.start:])
			a.Quotes[q].Continued = markAt(a.text, next.start, r, size, double, false) == openMark
		}
	}
	a.sentence = sentenceIndex(a.text, a.toks)
	for q := range a.Quotes {
		a.Quotes[q].Speaker = a.attribution(q)
	}
	a.inheritSpeakers()
}

// addQuote records the quote opening at open and ending at end; innerEnd is
// where its words end (before the closing mark).
func (a *Anatomy) addQuote(k, open, openSize, innerEnd, end int, closed bool) bool {
	lo, hi := text.TrimSpace(a.text, open+openSize, innerEnd)
	if lo >= hi {
		return false
	}
	// A quote of a clause or more is direct speech; so is a shorter one
	// unless it is a fragment woven into the writer's sentence (it starts
	// in lower case after an ordinary word: the plan would hurt the
	// "competitiveness of the airlines").
	kind := Phrase
	if n := words(a.text[lo:hi], 4); n >= 4 && !isTitle(a.text[lo:hi]) {
		first, _ := utf8.DecodeRuneInString(a.text[lo:hi])
		before := strings.TrimRight(a.text[a.paras[k].start:open], " ")
		last, _ := utf8.DecodeLastRuneInString(before)
		if !unicode.IsLower(first) || before == "" || strings.ContainsRune(".:!?", last) {
			kind = Direct
		}
	}
	a.Quotes = append(a.Quotes, Quote{
		Span:   a.span(open, end),
		Inner:  a.span(lo, hi),
		Kind:   kind,
		Closed: closed,
	})
	a.quotePara = append(a.quotePara, k)
	return true
}

// isTitle reports whether a quote's words are a title in title case (a
// report, a plan, a law: "Action Plan for the Regions 2030"): every word a
// capitalised word, a number or a function word, and no clause
// punctuation.
func isTitle(s string) bool {
	if strings.ContainsAny(s, ".,;:!?") {
		return false
	}
	toks := text.Tokenize(s)
	for _, t := range toks {
		if !t.Upper && !t.Number && !text.IsStopword(t.Norm) {
			return false
		}
	}
	return len(toks) > 0 && toks[0].Upper
}

// sentenceIndex gives each token the index of its sentence.
func sentenceIndex(s string, toks []text.Token) []int {
	idx := make([]int, len(toks))
	for n, sp := range text.Sentences(s, toks) {
		for k := sp.Start; k < sp.End; k++ {
			idx[k] = n
		}
	}
	return idx
}

// inQuote reports whether the byte at off lies inside a quote's words.
func (a *Anatomy) inQuote(off int) bool {
	for _, q := range a.Quotes {
		if q.Inner.Start <= off && off < q.Inner.End {
			return true
		}
	}
	return false
}
