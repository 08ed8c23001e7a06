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
	if v, ok := numberWords[norm]; ok {
		return v, true
	}
	if norm == "" || norm[0] < '0' || norm[0] > '9' {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(norm, ",", ""), 64)
	return v, err == nil
}

var numberWords = map[string]float64{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3,
	"million": 1e6, "billion": 1e9, "trillion": 1e12,
}
