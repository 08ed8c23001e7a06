package server

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mark is a span of a text the page shows marked: a passage, a substituted
// word, a part of an article, a flag's evidence. Offsets are bytes, end
// exclusive.
type mark struct {
	start, end int
	// class holds CSS classes, space separated; title a tooltip.
	class, title string
	// anchor is the id the page gives the place where the mark starts.
	anchor string
	// ref names the mark for the script ("m0-src-3"): every element of
	// it carries data-ref. href and partner are where clicking it leads.
	ref, href, partner string
	// link is the mark's claim to a segment's link when marks overlap:
	// the highest wins.
	link int
}

// segment is a run of text under the same marks, merged: what the
// template writes as one element. Text is escaped by the template.
type segment struct {
	Text    string
	Class   string
	Title   string
	Anchors []string
	Ref     string
	Href    string
	Partner string
	// At is where the run starts inside the mark it links from, as a
	// fraction of the mark's length: the script brings the same point of
	// the partner into view.
	At string
}

// segments cuts text at every mark's edges and says which marks cover each
// run. Offsets outside the text, or inside a UTF-8 sequence, are moved to
// the nearest rune start before them, so that no run splits a character.
func segments(text string, marks []mark) []segment {
	cuts := []int{0, len(text)}
	ms := make([]mark, 0, len(marks))
	for _, m := range marks {
		m.start, m.end = runeStart(text, m.start), runeStart(text, m.end)
		if m.start >= m.end {
			continue
		}
		ms = append(ms, m)
		cuts = append(cuts, m.start, m.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	// A sweep: marks sorted by start join the active set at their start
	// and leave it at their end.
	slices.SortStableFunc(ms, func(a, b mark) int { return cmp.Compare(a.start, b.start) })
	var out []segment
	var active []mark
	next := 0
	anchored := map[string]bool{}
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		active = slices.DeleteFunc(active, func(m mark) bool { return m.end <= lo })
		for next < len(ms) && ms[next].start <= lo {
			active = append(active, ms[next])
			next++
		}
		seg := segment{Text: text[lo:hi]}
		var classes, titles []string
		link := -1
		for _, m := range active {
			for _, c := range strings.Fields(m.class) {
				if !slices.Contains(classes, c) {
					classes = append(classes, c)
				}
			}
			if m.title != "" && !slices.Contains(titles, m.title) {
				titles = append(titles, m.title)
			}
			if m.anchor != "" && m.start == lo && !anchored[m.anchor] {
				anchored[m.anchor] = true
				seg.Anchors = append(seg.Anchors, m.anchor)
			}
			if m.href != "" && m.link > link {
				link = m.link
				seg.Ref, seg.Href, seg.Partner = m.ref, m.href, m.partner
				seg.At = strconv.FormatFloat(float64(lo-m.start)/float64(m.end-m.start), 'f', 3, 64)
			}
		}
		seg.Class = strings.Join(classes, " ")
		seg.Title = strings.Join(titles, "; ")
		if n := len(out); n > 0 && plain(out[n-1]) && plain(seg) {
			out[n-1].Text += seg.Text
			continue
		}
		out = append(out, seg)
	}
	return out
}

func plain(s segment) bool {
	return s.Class == "" && s.Href == "" && len(s.Anchors) == 0 && s.Title == ""
}

// runeStart clamps off to the text and moves it back to a rune start.
func runeStart(s string, off int) int {
	off = min(max(off, 0), len(s))
	for off > 0 && off < len(s) && !utf8.RuneStart(s[off]) {
		off--
	}
	return off
}

// wordsIn returns where word occurs in s[lo:hi] as a whole word, ignoring
// case: the spans of a substituted word inside a passage, or of a
// credited name.
func wordsIn(s, word string, lo, hi int) [][2]int {
	lo, hi = runeStart(s, lo), runeStart(s, hi)
	if word == "" || lo >= hi {
		return nil
	}
	var out [][2]int
	for i := lo; i+len(word) <= hi; {
		j := indexFold(s[i:hi], word)
		if j < 0 {
			break
		}
		start, end := i+j, i+j+len(word)
		if boundary(s, start, true) && boundary(s, end, false) {
			out = append(out, [2]int{start, end})
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		i = start + size
	}
	return out
}

// indexFold is strings.Index ignoring case, for a needle whose case
// folding keeps its length in bytes (news words; others match as given).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return -1
}

// boundary reports whether off is the edge of a word: no letter or digit
// on the other side.
func boundary(s string, off int, before bool) bool {
	var r rune
	if before {
		if off == 0 {
			return true
		}
		r, _ = utf8.DecodeLastRuneInString(s[:off])
	} else {
		if off >= len(s) {
			return true
		}
		r, _ = utf8.DecodeRuneInString(s[off:])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
