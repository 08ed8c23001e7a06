package anatomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
)

type datelineParts struct {
	hi                  int
	place, date, agency rng
}

func (a *Anatomy) dateline(base int, d datelineParts) *Dateline {
	out := &Dateline{Span: a.span(base, base+d.hi)}
	if !d.place.empty() {
		out.Place = a.spanPtr(base+d.place.lo, base+d.place.hi)
	}
	if !d.date.empty() {
		out.Date = a.spanPtr(base+d.date.lo, base+d.date.hi)
	}
	if !d.agency.empty() {
		out.Agency = a.spanPtr(base+d.agency.lo, base+d.agency.hi)
	}
	return out
}

// DatelineLen returns the length in bytes of the dateline that opens s
// (the forms are parseDateline's, below), with the dash or colon after
// it, or 0 when s does not open with one.
func DatelineLen(s string) int {
	if !mayOpenDateline(s) {
		return 0
	}
	if d, ok := parseDateline(s); ok {
		return d.hi
	}
	return 0
}

// mayOpenDateline is a quick look at whether s can open with a dateline:
// one opens with a word in capitals ("LONDON", "A,", or in a script
// without case), or has an agency's credit in brackets or slashes, or
// after a comma, near its start ("(Bloomberg) --", "Paris (AFP) -",
// "Harwick, PA -"). Most paragraphs fail it at their first word or soon
// after; letting every paragraph through to parseDateline made preparing
// a text for alignment a sixth slower. FuzzDateline checks that it turns
// away no dateline that opens with a letter.
func mayOpenDateline(s string) bool {
	r1, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsLetter(r1) && !unicode.IsLower(r1) && !unicode.IsLower(r2) {
		return true
	}
	return strings.ContainsAny(s[:min(len(s), 80)], "(/,")
}

// parseDateline reads the dateline opening a paragraph, in the forms the
// wires use:
//
//	KYIV/KHERSON, Ukraine (Reuters) –
//	PARIS, Nov 15 (AFP) -
//	WASHINGTON (AP) —
//	LONDON, PA -
//	(Bloomberg) --
//	NEW YORK, March 3, 2026 /PRNewswire/ --
//	SAN FRANCISCO--(BUSINESS WIRE)--
//	HARWICK -
//
// A place in capitals needs no agency; a place in ordinary case ("Paris
// (AFP) -") does. A dash (or a colon after a date or agency) must follow,
// and then the story.
func parseDateline(s string) (datelineParts, bool) {
	var d datelineParts
	i := 0
	if strings.HasPrefix(s, "(") {
		ag, next, ok := parenAgency(s, 0)
		if !ok {
			return d, false
		}
		// Without a place, one word in brackets must be an agency's
		// name: "(Continued) - Spain will ..." marks a take, not a
		// credit.
		if name := s[ag.lo:ag.hi]; !strings.Contains(name, " ") {
			if _, known := agency.Known(name); !known && !agency.LooksLikeWire(name) {
				return d, false
			}
		}
		d.agency = ag
		end, ok := separator(s, next, true)
		if !ok {
			return d, false
		}
		d.hi = end
		return d, true
	}
	// The place: words up to a comma, bracket, slash-credit or dash.
	placeEnd := len(s)
	for k, r := range s {
		if r == ',' || r == '(' || r == '\u2013' || r == '\u2014' || r == ':' ||
			r == '-' && (strings.HasPrefix(s[k:], "--") || k > 0 && s[k-1] == ' ') ||
			r == '/' && k > 0 && s[k-1] == ' ' {
			placeEnd = k
			break
		}
		if k > 60 {
			return d, false
		}
	}
	lo, hi := text.TrimSpace(s, 0, placeEnd)
	if lo != 0 || hi == 0 {
		return d, false
	}
	place := s[:hi]
	capsPlace := IsCapsPlace(place)
	if !capsPlace && !isCapitalisedWords(place, 5) {
		return d, false
	}
	// "Evans and Sutherland Computer Corp (ESCC) - Offering of ..." opens
	// with a company and its ticker, not a place and an agency.
	if f := strings.Fields(place); companyDesignators[strings.ToLower(strings.Trim(f[len(f)-1], "."))] {
		return d, false
	}
	d.place = rng{0, hi}
	i = placeEnd
	placeRegionEnd := hi
	for steps := 0; steps < 6; steps++ {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		switch {
		case strings.HasPrefix(s[j:], "--("), strings.HasPrefix(s[j:], "("):
			k := j
			if s[k] == '-' {
				k += 2
			}
			ag, next, ok := parenAgency(s, k)
			if !ok {
				return d, false
			}
			d.agency = ag
			i = next
		case strings.HasPrefix(s[j:], "/") && j > i:
			end := strings.IndexByte(s[j+1:], '/')
			if end <= 0 || end > 40 {
				return d, false
			}
			d.agency = rng{j + 1, j + 1 + end}
			i = j + 2 + end
		case strings.HasPrefix(s[j:], ","):
			k := j + 1
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if n, ok := dateAt(s[k:]); ok && d.date.empty() {
				d.date = rng{k, k + n}
				i = k + n
				continue
			}
			// "LONDON, PA -": a known agency's short name after the place.
			if n := capsWordLen(s[k:]); n > 0 {
				if _, ok := agency.Known(s[k : k+n]); ok && d.agency.empty() && d.date.empty() && !usState(s[:hi], s[k:k+n]) {
					if _, ok := separator(s, k+n, true); ok {
						d.agency = rng{k, k + n}
						i = k + n
						continue
					}
				}
			}
			if !d.date.empty() || !d.agency.empty() {
				return d, false
			}
			n := regionLen(s[k:])
			if n == 0 {
				return d, false
			}
			placeRegionEnd = k + n
			i = k + n
		default:
			end, ok := separator(s, i, !d.agency.empty() || !d.date.empty())
			if !ok {
				return d, false
			}
			if !capsPlace && d.agency.empty() {
				return d, false
			}
			// Without an agency, the story must go on after the dash
			// on its line: "SUGAR QUOTA IMPORTS DETAILED -- USDA" is a
			// headline in capitals with its source, not a dateline, and
			// so is "ECONOMIC SPOTLIGHT - BANKAMERICA <BAC>", a line
			// that ends in a few more words in capitals.
			if d.agency.empty() && (lineWords(s[end:], 2) < 2 || capsLine(s[end:], 6)) {
				return d, false
			}
			// Nor, without an agency or a date, a label in capitals
			// before a row of a table: "ZINC HIGH GRADE - 450 tonnes
			// ...", "SOWS - steady/up 2.00 dlrs", "GOLD - total
			// 2,763,817 off 65,437". A story after a dateline opens a
			// sentence: with a capital, or a quote's mark before it.
			if d.agency.empty() && d.date.empty() && !opensSentence(s[end:]) {
				return d, false
			}
			// "NOTE - Full name of the company is ...", "YEAR - ...": a
			// label in capitals, a common English word, alone before the
			// dash is no place.
			if d.agency.empty() && d.date.empty() && placeRegionEnd == hi && !strings.ContainsAny(place, " /") &&
				text.Frequency(text.Stem(strings.ToLower(place))) >= labelFrequency {
				return d, false
			}
			d.place.hi = placeRegionEnd
			d.hi = end
			return d, true
		}
	}
	return d, false
}

// labelFrequency is how common in English (text.Frequency) a word in
// capitals alone before a dash must be to be a label, not a place:
// "note" 1,987, "year" 475, "lead" 236; "washington" 33, "london" 13.
const labelFrequency = 100

// companyDesignators end a company's name, never a place's.
var companyDesignators = setOf("inc", "corp", "co", "ltd", "plc", "llc", "corporation", "company")

// usState reports whether code after place is a US state's postal code
// rather than an agency: "PITTSBURGH, PA -" is Pennsylvania, "WRENMOUTH,
// PA -" the Press Association. PA is the one code an agency shares; the
// places are Pennsylvania's cities and larger boroughs, so that a town
// missing from the list reads as a Press Association dateline, as it did.
func usState(place, code string) bool {
	return code == "PA" && pennsylvaniaPlaces[agency.Fold(place)]
}

var pennsylvaniaPlaces = setOf("philadelphia", "pittsburgh", "allentown", "erie", "reading", "scranton",
	"bethlehem", "lancaster", "harrisburg", "altoona", "york", "state college", "wilkes barre", "chester",
	"easton", "lebanon", "hazleton", "johnstown", "williamsport", "norristown", "pottstown", "west chester",
	"king of prussia", "gettysburg", "hershey", "carlisle", "chambersburg", "butler", "washington", "new castle",
	"sharon", "meadville", "indiana", "greensburg", "latrobe", "uniontown", "monroeville", "mckeesport",
	"levittown", "bristol", "doylestown", "media", "upper darby", "camp hill", "mechanicsburg", "stroudsburg",
	"pottsville", "sunbury", "bloomsburg", "lewisburg", "bellefonte", "du bois", "oil city", "warren",
	"bradford", "beaver", "aliquippa", "canonsburg", "bethel park", "wilkinsburg", "sewickley", "coatesville",
	"phoenixville", "kennett square", "lansdale", "hatfield", "quakertown", "emmaus", "nazareth", "scranton",
	"dunmore", "pittston", "nanticoke", "shamokin", "lock haven", "huntingdon", "bedford", "somerset",
	"waynesboro", "hanover", "york", "lititz", "ephrata", "elizabethtown", "middletown", "palmyra")

// parenAgency reads "(Agency)" at s[i:], returning the agency's range and
// the offset after the bracket.
func parenAgency(s string, i int) (rng, int, bool) {
	if i >= len(s) || s[i] != '(' {
		return rng{}, 0, false
	}
	end := strings.IndexByte(s[i:], ')')
	if end < 2 || end > 60 {
		return rng{}, 0, false
	}
	lo, hi := text.TrimSpace(s, i+1, i+end)
	name := s[lo:hi]
	if !isCapitalisedWords(name, 6) && !IsCapsPlace(name) {
		return rng{}, 0, false
	}
	return rng{lo, hi}, i + end + 1, true
}

// separator reads the dash that ends a dateline at s[i:] and returns the
// offset after it. A colon counts when colonOK. Text must follow.
func separator(s string, i int, colonOK bool) (int, bool) {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	var n int
	switch {
	case strings.HasPrefix(s[j:], "--"):
		n = 2
	case strings.HasPrefix(s[j:], "-"):
		n = 1
	case strings.HasPrefix(s[j:], "\u2013"), strings.HasPrefix(s[j:], "\u2014"):
		n = 3
	case colonOK && strings.HasPrefix(s[j:], ":"):
		n = 1
	default:
		return 0, false
	}
	end := j + n
	k := end
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if k >= len(s) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"'\u201c\u2018(<[", r) {
		return 0, false
	}
	// "- 5" or a hyphenated word straight after is not a dateline dash
	// unless the dash stood apart from the place.
	if n == 1 && s[j] == '-' && k == end && j == i {
		return 0, false
	}
	return end, true
}

// lineWords counts the words (runs of letters and digits) of s before its
// first line break, up to max.
func lineWords(s string, max int) int {
	n, in := 0, false
	for _, r := range s {
		if r == '\n' || n == max {
			break
		}
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' || r == '-' && in
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// opensSentence reports whether s, past spaces and quotation marks,
// opens with a letter in upper case (or one of a script without case).
func opensSentence(s string) bool {
	for _, r := range s {
		switch {
		case r == ' ' || r == '"' || r == '\'' || r == '\u201c' || r == '\u2018':
			continue
		case unicode.IsLetter(r):
			return !unicode.IsLower(r)
		}
		return false
	}
	return false
}

// capsLine reports whether the line s opens ends within max words and has
// no letter in lower case.
func capsLine(s string, max int) bool {
	line, _, _ := strings.Cut(s, "\n")
	return lineWords(line, max) < max && !strings.ContainsFunc(line, unicode.IsLower)
}

// capsWordLen returns the length of a word in capitals at the start of s.
func capsWordLen(s string) int {
	n := 0
	for n < len(s) && 'A' <= s[n] && s[n] <= 'Z' {
		n++
	}
	if n < 2 {
		return 0
	}
	return n
}

// regionLen returns the length of a region after a dateline's place:
// "Ukraine", "Calif.", "N.Y.", "England".
func regionLen(s string) int {
	end := len(s)
	for k, r := range s {
		if r == ',' || r == '(' || r == '/' || r == '\u2013' || r == '\u2014' || r == ':' || r == '-' && (k == 0 || s[k-1] == ' ' || strings.HasPrefix(s[k:], "--")) {
			end = k
			break
		}
	}
	lo, hi := text.TrimSpace(s, 0, end)
	if lo != 0 || hi == 0 || !isCapitalisedWords(s[:hi], 3) {
		return 0
	}
	return hi
}

// dateAt returns the length of a date at the start of s: "Nov 15", "Nov.
// 15", "March 3, 2026", "15 November 2022".
func dateAt(s string) (int, bool) {
	word := func(i int) (string, int) {
		j := i
		for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
			j++
		}
		return s[i:j], j
	}
	digits := func(i int) int {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	year := func(i int) int {
		j := i
		if strings.HasPrefix(s[j:], ", ") {
			j += 2
		} else if strings.HasPrefix(s[j:], " ") {
			j++
		} else {
			return i
		}
		if k := digits(j); k-j == 4 {
			return k
		}
		return i
	}
	if w, j := word(0); text.Month(strings.ToLower(w)) {
		if j < len(s) && s[j] == '.' {
			j++
		}
		if j < len(s) && s[j] == ' ' {
			if k := digits(j + 1); k > j+1 && k-j-1 <= 2 {
				return year(k), true
			}
		}
		return 0, false
	}
	if k := digits(0); k > 0 && k <= 2 && k < len(s) && s[k] == ' ' {
		if w, j := word(k + 1); text.Month(strings.ToLower(w)) {
			return year(j), true
		}
	}
	return 0, false
}
