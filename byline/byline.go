// Package byline reads bylines: the line that says who wrote an article
// ("By Jane Roe and John Doe, Meridian Wire"; "By JANE ROE, AP Business
// Writer") into the people it names, the organisation it credits and a job
// title, and splits the looser bylines that page metadata, feeds and JSON
// Lines give into people's names.
//
// It works on one line given as a string and must not look for that line
// in an article: finding the byline among an article's parts is package
// anatomy's job. It imports only package agency, so that readers of
// metadata (ingest) need none of anatomy.
package byline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/agency"
	"github.com/wiretrace/wiretrace/text"
)

// Range is a byte range [Start,End) of the line that was read; it is
// empty when End <= Start.
type Range struct{ Start, End int }

// Empty reports whether r holds no bytes.
func (r Range) Empty() bool { return r.End <= r.Start }

// Parts is a byline read into its parts, as byte ranges of the whole line.
type Parts struct {
	// Names are the people the byline names, in order; none for a byline
	// crediting only an organisation ("By Meridian Wire").
	Names []Range
	// Organisation is the publisher or agency credited, when one is.
	Organisation Range
	// Role is a job title given instead of or beside an organisation
	// ("staff writer", "AP Business Writer").
	Role Range
}

// Parse reads a byline line: "By Jane Roe and John Doe, Meridian Wire",
// "By JANE ROE, AP Business Writer", "By Meridian Wire". It rejects a
// sentence that merely starts with "By" ("By Tuesday evening, ..."). The
// byline runs to the end of the line.
func Parse(s string) (Parts, bool) {
	var b Parts
	if len(s) < 4 || !strings.EqualFold(s[:3], "by ") {
		return b, false
	}
	if words(s) > 20 {
		return b, false
	}
	lo := 3
	for lo < len(s) && s[lo] == ' ' {
		lo++
	}
	first, _ := utf8.DecodeRuneInString(s[lo:])
	if !unicode.IsUpper(first) {
		return b, false
	}
	body := strings.TrimRight(s, ". ")
	namesEnd := len(body)
	tail := Range{}
	for _, sep := range []string{", ", " | ", " - ", " \u2013 ", " \u2014 "} {
		if i := strings.Index(body[lo:], sep); i >= 0 && lo+i < namesEnd {
			namesEnd = lo + i
			tail = Range{lo + i + len(sep), len(body)}
		}
	}
	// "By Ann Lee, Bo Park and Cy Moss": a tail of names is more names.
	if !tail.Empty() && strings.Contains(body[tail.Start:tail.End], " ") && allNamesOrOne(body[tail.Start:tail.End]) {
		namesEnd, tail = len(body), Range{}
	}
	namesPart := body[lo:namesEnd]
	// "By JILL COLVIN Associated Press": the agency follows the name
	// with no comma.
	if at, ok := trailingAgency(namesPart); ok && tail.Empty() {
		person := strings.TrimRight(namesPart[:at], " ")
		names := splitNames(person, lo)
		people := len(names) > 0
		for _, p := range names {
			people = people && IsPersonName(s[p.Start:p.End]) && !strings.EqualFold(s[p.Start:p.End], "the")
		}
		if people {
			b.Names = names
			b.Organisation = Range{lo + at, namesEnd}
			return b, true
		}
	}
	// "By Reuters Staff", "By AP Staff Writers": the agency's staff.
	if ag, ok := leadingAgency(namesPart); ok && isRole(namesPart) && tail.Empty() {
		b.Organisation = Range{lo, lo + ag}
		b.Role = Range{lo, namesEnd}
		return b, true
	}
	if agency.LooksLikeOrganisation(namesPart) && !allNames(namesPart) {
		b.Organisation = Range{lo, namesEnd}
		if tail.Empty() {
			return b, true
		}
		// "By Meridian Wire, Harwick" is not a byline we understand.
		return b, isRole(body[tail.Start:tail.End]) || agency.LooksLikeOrganisation(body[tail.Start:tail.End])
	}
	parts := splitNames(namesPart, lo)
	if len(parts) == 0 {
		return b, false
	}
	for _, p := range parts {
		if !IsPersonName(s[p.Start:p.End]) {
			return b, false
		}
	}
	b.Names = parts
	if !tail.Empty() {
		t := body[tail.Start:tail.End]
		switch {
		case isRole(t):
			b.Role = tail
			// "AP Business Writer", "PA Political Correspondent": the
			// agency leads the title.
			if ag, ok := leadingAgency(t); ok {
				b.Organisation = Range{tail.Start, tail.Start + ag}
			}
		case agency.LooksLikeOrganisation(t):
			b.Organisation = tail
		default:
			return b, false
		}
	}
	return b, true
}

// Names returns the people a byline names, as page metadata or a feed
// gives it: "By Jane Roe and John Doe", "Jane Roe, Meridian Wire", "Jane
// Roe | Sam Okafor". A leading "By", organisations and job titles are left
// out, and each name comes once.
func Names(byline string) []string {
	line := strings.Join(strings.Fields(byline), " ")
	if len(line) > 3 && strings.EqualFold(line[:3], "by ") {
		line = line[3:]
	}
	var names []string
	add := func(n string) {
		n = strings.TrimSpace(n)
		if n == "" || agency.LooksLikeOrganisation(n) || isRole(n) {
			return
		}
		for _, m := range names {
			if strings.EqualFold(m, n) {
				return
			}
		}
		names = append(names, n)
	}
	by := "By " + line
	if b, ok := Parse(by); ok {
		for _, r := range b.Names {
			add(by[r.Start:r.End])
		}
		return names
	}
	// Metadata is looser than a byline in print: split at any list mark.
	for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		for _, n := range splitWords(part, " and ", " & ") {
			add(n)
		}
	}
	return names
}

// splitWords splits s at each of seps, compared without case.
func splitWords(s string, seps ...string) []string {
	var out []string
	for {
		cut, width := -1, 0
		lower := strings.ToLower(s)
		for _, sep := range seps {
			if i := strings.Index(lower, sep); i >= 0 && (cut < 0 || i < cut) {
				cut, width = i, len(sep)
			}
		}
		if cut < 0 {
			return append(out, s)
		}
		out = append(out, s[:cut])
		s = s[cut+width:]
	}
}

// SplitNames splits a list of names, "Jane Roe, John Doe and Ann Lee",
// at its commas, semicolons, "and" and "&", trimmed of space. It does not
// check that the parts are names.
func SplitNames(s string) []Range { return splitNames(s, 0) }

// splitNames is SplitNames with offsets shifted by base.
func splitNames(s string, base int) []Range {
	var out []Range
	start := 0
	add := func(lo, hi int) {
		l, h := text.TrimSpace(s, lo, hi)
		if l < h {
			out = append(out, Range{base + l, base + h})
		}
	}
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], ", "), strings.HasPrefix(s[i:], "; "):
			add(start, i)
			i += 2
			start = i
			if strings.HasPrefix(s[i:], "and ") {
				i += 4
				start = i
			}
		case strings.HasPrefix(s[i:], " and "), strings.HasPrefix(s[i:], " AND "), strings.HasPrefix(s[i:], " & "):
			add(start, i)
			if s[i+1] == '&' {
				i += 3
			} else {
				i += 5
			}
			start = i
		default:
			i++
		}
	}
	add(start, len(s))
	return out
}

// nameParticles may sit lower-case inside a person's name.
var nameParticles = setOf("de", "da", "di", "del", "della", "der", "den", "van", "von", "du", "la", "le", "bin", "ibn", "al", "el", "ten", "ter", "y", "dos", "das")

// IsNameParticle reports a word that may sit lower-case inside a person's
// name: the "van" of "Jana van der Berg", the "bin" of an Arabic name.
func IsNameParticle(w string) bool { return nameParticles[strings.ToLower(w)] }

// IsPersonName reports whether s reads as one person's name: one to five
// capitalised words (all capitals too), initials and particles allowed,
// and neither an organisation's name nor a job title.
func IsPersonName(s string) bool {
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 5 {
		return false
	}
	capital := 0
	for i, f := range fields {
		r, _ := utf8.DecodeRuneInString(f)
		switch {
		case unicode.IsUpper(r):
			capital++
		case i > 0 && nameParticles[strings.ToLower(f)]:
		default:
			return false
		}
		for _, c := range f {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".-'\u2019", c) {
				return false
			}
		}
	}
	if capital == 0 {
		return false
	}
	return !agency.LooksLikeOrganisation(s) && !isRole(s)
}

// allNames reports whether s splits into person names only: "Jane Roe and
// John Doe" is two people even if "Doe" were an organisation word.
func allNames(s string) bool {
	parts := splitNames(s, 0)
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !IsPersonName(s[p.Start:p.End]) {
			return false
		}
	}
	return true
}

// allNamesOrOne reports whether s is one person's name or a list of them.
func allNamesOrOne(s string) bool {
	return IsPersonName(s) || allNames(s)
}

var roleWords = setOf("writer", "correspondent", "reporter", "editor", "staff", "contributor",
	"columnist", "producer", "analyst", "bureau", "chief", "journalist", "reporters", "writers",
	"correspondents", "editors", "intern", "photographer")

// isRole reports a job title: "staff writer", "AP Business Writer".
func isRole(s string) bool {
	for _, f := range strings.Fields(s) {
		if roleWords[strings.ToLower(strings.Trim(f, ".,"))] {
			return true
		}
	}
	return false
}

// leadingAgency returns the length of a known agency name opening s.
func leadingAgency(s string) (int, bool) {
	f := strings.Fields(s)
	for n := min(len(f), 3); n >= 1; n-- {
		cand := strings.Join(f[:n], " ")
		if _, ok := agency.Known(cand); ok {
			return strings.Index(s, f[n-1]) + len(f[n-1]), true
		}
	}
	return 0, false
}

// trailingAgency returns where a known agency's name (with its "The")
// closing s starts, when one does and something comes before it.
func trailingAgency(s string) (int, bool) {
	f := strings.Fields(s)
	for n := min(len(f)-1, 3); n >= 1; n-- {
		cand := strings.Join(f[len(f)-n:], " ")
		if _, ok := agency.Known(cand); ok {
			at := strings.LastIndex(s, cand)
			// "The Associated Press": the article belongs to the name.
			if k := len(f) - n - 1; k >= 0 && strings.EqualFold(f[k], "the") {
				at = strings.LastIndex(s[:at], f[k])
			}
			return at, at > 0
		}
	}
	return 0, false
}

// words counts the words of s: runs of letters and digits, as package
// anatomy counts them.
func words(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' && in
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
