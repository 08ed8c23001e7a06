package text

import (
	"strconv"
	"strings"
)

// Figure returns the value of a figure (a Token.Norm): a number in digits
// ("1,225,000", "3.5") or one of the number words ("two", "twelve",
// "forty", "million") that news style spells out. It reports false for
// any other word, "one" included (it is as often a pronoun).
func Figure(norm string) (float64, bool) {
	if norm == "" {
		return 0, false
	}
	if c := norm[0]; c >= '0' && c <= '9' {
		v, err := strconv.ParseFloat(strings.ReplaceAll(norm, ",", ""), 64)
		return v, err == nil
	}
	if len(norm) < 3 || len(norm) > 9 {
		return 0, false
	}
	return numberWord(norm)
}

// numberWord is the value of a number word. A switch on the word costs a
// few comparisons where a map would hash it, and Figure is asked of every
// word an alignment matches.
func numberWord(w string) (float64, bool) {
	switch w {
	case "two":
		return 2, true
	case "three":
		return 3, true
	case "four":
		return 4, true
	case "five":
		return 5, true
	case "six":
		return 6, true
	case "seven":
		return 7, true
	case "eight":
		return 8, true
	case "nine":
		return 9, true
	case "ten":
		return 10, true
	case "eleven":
		return 11, true
	case "twelve":
		return 12, true
	case "thirteen":
		return 13, true
	case "fourteen":
		return 14, true
	case "fifteen":
		return 15, true
	case "sixteen":
		return 16, true
	case "seventeen":
		return 17, true
	case "eighteen":
		return 18, true
	case "nineteen":
		return 19, true
	case "twenty":
		return 20, true
	case "thirty":
		return 30, true
	case "forty":
		return 40, true
	case "fifty":
		return 50, true
	case "sixty":
		return 60, true
	case "seventy":
		return 70, true
	case "eighty":
		return 80, true
	case "ninety":
		return 90, true
	case "hundred":
		return 100, true
	case "thousand":
		return 1e3, true
	case "million":
		return 1e6, true
	case "billion":
		return 1e9, true
	case "trillion":
		return 1e12, true
	}
	return 0, false
}

// IsFigure reports whether t is a figure (see Figure), without its value.
func IsFigure(t Token) bool {
	if t.Number {
		return true
	}
	if len(t.Norm) < 3 || len(t.Norm) > 9 {
		return false
	}
	_, ok := numberWord(t.Norm)
	return ok
}
