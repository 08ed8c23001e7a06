package anatomy

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// inRange checks that parts lie in order inside s[0:hi].
func inRange(t *testing.T, s string, hi int, parts ...rng) {
	t.Helper()
	if hi < 0 || hi > len(s) {
		t.Fatalf("end %d outside %q", hi, s)
	}
	for _, p := range parts {
		if p.empty() {
			continue
		}
		if p.lo < 0 || p.hi > hi {
			t.Fatalf("part [%d:%d] outside [0:%d] of %q", p.lo, p.hi, hi, s)
		}
		if !utf8.ValidString(s[p.lo:p.hi]) && utf8.ValidString(s) {
			t.Fatalf("part [%d:%d] of %q splits a character", p.lo, p.hi, s)
		}
	}
}

func FuzzDateline(f *testing.F) {
	for _, s := range []string{
		"KIEV/KHERSON, Ukraine (Reuters) \u2013 Russia rained missiles",
		"PARIS, Nov 15 (AFP) - Strikers",
		"WASHINGTON (AP) \u2014 The Senate",
		"LONDON, PA - Ministers",
		"(Bloomberg) -- Shares",
		"NEW YORK, March 3, 2026 /PRNewswire/ -- Acme",
		"SAN FRANCISCO--(BUSINESS WIRE)--Acme",
		"GENEVA, 15 November 2022 (Reuters) - Talks",
		"A, B, C, D, E, F, G (H) - x",
		"(", "((((", "X (", "X /", "X, Nov", "X, Nov 1", "X --", "X, 1 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDateline(s)
		// DatelineLen finds what the parser finds, and its quick look
		// turns away no dateline that opens with a letter.
		r, _ := utf8.DecodeRuneInString(s)
		if n := DatelineLen(s); n > 0 && (!ok || n != d.hi) || n == 0 && ok && unicode.IsLetter(r) {
			t.Fatalf("DatelineLen(%q) = %d, the parser says %d (%v)", s, n, d.hi, ok)
		}
		if !ok {
			return
		}
		inRange(t, s, d.hi, d.place, d.date, d.agency)
		if d.hi == 0 {
			t.Fatalf("empty dateline in %q", s)
		}
	})
}

func FuzzQuotes(f *testing.F) {
	for _, s := range []string{
		`"We will rebuild the wall," she said.`,
		"\u201cThere is some activity,\u201d she said.\n\u201cI am convinced.\u201d",
		"\u201cNever closed.\nEMPTY ROAD",
		`Diplomats circulated a draft that said: "Most members condemned the war."`,
		"\u2018We will fight on,\u2019 he said. The workers\u2019 union agreed.",
		`"a" "b" "c`, "\u201c\u201c\u201d\u201d", `""`, `" "`, "'", "\u00ab\u00bb",
		`"Quote," said Jane Roe, a spokeswoman for the council.`,
		`Jane Roe, 71, a teacher, said: "I heard it." "Then it came," she said.`,
		"The bridge reopened.\n\nThis article was originally published on The",
		"Republished with permission from the\n\nX",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Parse(s)
		checkSpans(t, a)
		for i, q := range a.Quotes {
			if q.Inner.Start < q.Start || q.Inner.End > q.End || q.Inner.Start >= q.Inner.End {
				t.Fatalf("quote %d: inner [%d:%d] not inside [%d:%d] in %q", i, q.Inner.Start, q.Inner.End, q.Start, q.End, s)
			}
			if i > 0 && q.Start < a.Quotes[i-1].End {
				t.Fatalf("quotes %d and %d overlap in %q", i-1, i, s)
			}
		}
	})
}
