package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsCapsPlace reports a place name in capitals: "KIEV/KHERSON", "COBB'S
// FERRY", "ST. PETERSBURG". Datelines set places so; integrity reads names
// set in capitals by the same test.
func IsCapsPlace(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsLower(r) {
				return false
			}
			letters++
		case r == ' ' || r == '/' || r == '-' || r == '.' || r == '\'' || r == '\u2019' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && len(strings.Fields(s)) <= 5
}

// isCapitalisedWords reports one to max words each starting with a capital
// (connectors such as "of" and "&" allowed between them).
func isCapitalisedWords(s string, maxWords int) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > maxWords {
		return false
	}
	for i, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) && i > 0 {
			continue
		}
		if i > 0 && i < len(f)-1 && (w == "&" || connectors[strings.ToLower(w)]) {
			continue
		}
		return false
	}
	return true
}

var connectors = setOf("of", "and", "the", "for", "de", "du", "la", "le", "del", "on", "in", "&")

// titleCase turns "MERIDIAN WIRE" into "Meridian Wire".
func titleCase(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = !unicode.IsLetter(r) && r != '\'' && r != '\u2019'
	}
	return b.String()
}
