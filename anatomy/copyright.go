package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type copyrightParts struct{ lo, hi, holderLo, holderHi int }

// parseCopyright finds the first copyright notice in s: "©Site Name.",
// "© 2026 Site Name. All rights reserved.", "Copyright 2026 The Site",
// "Copyright Thomson Reuters 2026".
func parseCopyright(s string) (copyrightParts, bool) {
	var c copyrightParts
	for from := 0; from < len(s); {
		i, n := copyrightMark(s[from:])
		if i < 0 {
			return c, false
		}
		i += from
		j := i + n
		// Skip marks, years and punctuation before the holder.
		for j < len(s) {
			switch {
			case s[j] == ' ' || s[j] == ':' || s[j] == ',' || s[j] == '-':
				j++
			case strings.HasPrefix(s[j:], "\u00a9"):
				j += 2
			case strings.HasPrefix(s[j:], "(c)"), strings.HasPrefix(s[j:], "(C)"):
				j += 3
			case s[j] >= '0' && s[j] <= '9':
				j++
			case strings.HasPrefix(s[j:], "\u2013"):
				j += 3
			default:
				goto holder
			}
		}
	holder:
		lo, hi, ok := holderAt(s, j)
		if !ok {
			from = i + n
			continue
		}
		c.lo, c.holderLo, c.holderHi = i, lo, hi
		end := hi
		rest := s[end:]
		// Take in a trailing year, full stop and "All rights reserved".
		k := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' && (r < '0' || r > '9') })
		if k < 0 {
			k = len(rest)
		}
		if k > 0 && strings.TrimSpace(rest[:k]) != "" {
			end += len(strings.TrimRight(rest[:k], " "))
			rest = s[end:]
		}
		if strings.HasPrefix(rest, ".") {
			end++
			rest = s[end:]
		}
		if t := strings.TrimLeft(rest, " "); strings.HasPrefix(strings.ToLower(t), "all rights reserved") {
			end += len(rest) - len(t) + len("all rights reserved")
			if strings.HasPrefix(s[end:], ".") {
				end++
			}
		}
		c.hi = end
		return c, true
	}
	return c, false
}

// copyrightMark finds ©, (c) or the word Copyright in s.
func copyrightMark(s string) (int, int) {
	best, n := -1, 0
	try := func(i, size int) {
		if i >= 0 && (best < 0 || i < best) {
			best, n = i, size
		}
	}
	try(strings.Index(s, "\u00a9"), 2)
	// "(C) - Sales made on exporters' own account" is the third item of
	// a list, not a copyright: a dash does not follow the mark.
	for _, m := range []string{"(c) ", "(C) "} {
		for from := 0; ; {
			i := strings.Index(s[from:], m)
			if i < 0 {
				break
			}
			i += from
			if rest := strings.TrimLeft(s[i+len(m):], " "); !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "\u2013") && !strings.HasPrefix(rest, "\u2014") {
				try(i, 3)
				break
			}
			from = i + len(m)
		}
	}
	for _, m := range []string{"Copyright", "COPYRIGHT"} {
		from := 0
		for {
			i := strings.Index(s[from:], m)
			if i < 0 {
				break
			}
			i += from
			after := i + len(m)
			if (i == 0 || !isLetterByte(s[i-1])) && (after == len(s) || !isLetterByte(s[after])) {
				try(i, len(m))
				break
			}
			from = after
		}
	}
	return best, n
}

func isLetterByte(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// holderAt reads a copyright holder's name at s[i:]: capitalised words and
// connectors, up to a full stop, bar, comma or lower-case word.
func holderAt(s string, i int) (int, int, bool) {
	lo := i
	hi := i
	k := i
	n := 0
	for k < len(s) && n < 8 {
		for k < len(s) && s[k] == ' ' {
			k++
		}
		w := k
		for w < len(s) && s[w] != ' ' {
			w++
		}
		word := s[k:w]
		if word == "" {
			break
		}
		stop := false
		if i := strings.IndexAny(word, "|,;"); i >= 0 {
			word = word[:i]
			w = k + i
			stop = true
		}
		bare := strings.TrimRight(word, ".")
		if bare == "" {
			break
		}
		r, _ := utf8.DecodeRuneInString(bare)
		lower := strings.ToLower(bare)
		switch {
		case lower == "all" && strings.HasPrefix(strings.ToLower(s[k:]), "all rights"):
			stop = true
			bare = ""
		case unicode.IsUpper(r) || unicode.IsDigit(r) && n > 0:
		case n > 0 && (bare == "&" || connectors[lower]):
		default:
			stop = true
			bare = ""
		}
		if bare != "" {
			n++
			if !(unicode.IsDigit(r) || bare == "&" || connectors[lower]) {
				hi = k + len(bare)
			}
			// A full stop ends the name unless it closes an initial or
			// an abbreviation such as "Inc." or "L.P.".
			if strings.HasSuffix(word, ".") && !isAbbreviation(bare) {
				stop = true
			}
		}
		if stop {
			break
		}
		k = w
	}
	if hi == lo {
		return 0, 0, false
	}
	return lo, hi, true
}

func isAbbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") {
		return true
	}
	switch strings.ToLower(w) {
	case "inc", "ltd", "co", "corp", "llc", "plc", "st":
		return true
	}
	return false
}
