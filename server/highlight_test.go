package server

import (
	"fmt"
	"strings"
	"testing"
)

// show writes segments compactly: plain text as is, a marked run as
// [classes|text], with #anchor and >href when it has them.
func show(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		if plain(s) {
			b.WriteString(s.Text)
			continue
		}
		b.WriteString("[" + s.Class)
		for _, a := range s.Anchors {
			b.WriteString(" #" + a)
		}
		if s.Href != "" {
			b.WriteString(" >" + s.Href + "@" + s.At)
		}
		b.WriteString("|" + s.Text + "]")
	}
	return b.String()
}

func TestSegments(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		marks []mark
		want  string
	}{
		{"no marks", "plain text", nil, "plain text"},
		{"one mark", "abcdef", []mark{{start: 2, end: 4, class: "x"}}, "ab[x|cd]ef"},
		{"overlap merges classes", "abcdef", []mark{{start: 0, end: 4, class: "a"}, {start: 2, end: 6, class: "b"}},
			"[a|ab][a b|cd][b|ef]"},
		{"nested", "abcdef", []mark{{start: 0, end: 6, class: "p"}, {start: 2, end: 3, class: "s"}},
			"[p|ab][p s|c][p|def]"},
		{"anchor once, link on every run", "abcdef",
			[]mark{{start: 1, end: 5, class: "p", anchor: "p1", ref: "p1", href: "#q1", partner: "q1", link: 1}, {start: 3, end: 4, class: "s"}},
			"a[p #p1 >#q1@0.000|bc][p s >#q1@0.500|d][p >#q1@0.750|e]f"},
		{"higher link wins", "abcd",
			[]mark{{start: 0, end: 4, href: "#a", link: 1, class: "a"}, {start: 1, end: 3, href: "#b", link: 2, class: "b"}},
			"[a >#a@0.000|a][a b >#b@0.000|bc][a >#a@0.750|d]"},
		{"out of range clamped", "abc", []mark{{start: -5, end: 99, class: "x"}}, "[x|abc]"},
		{"empty and reversed dropped", "abc", []mark{{start: 2, end: 2, class: "x"}, {start: 2, end: 1, class: "y"}}, "abc"},
		// "é" is two bytes: an edge inside it moves to its start.
		{"never splits a rune", "aéb", []mark{{start: 2, end: 4, class: "x"}}, "a[x|éb]"},
		{"titles join", "ab", []mark{{start: 0, end: 2, title: "one"}, {start: 0, end: 1, title: "two"}}, "[|a][|b]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			segs := segments(tc.text, tc.marks)
			if got := show(segs); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
			var all strings.Builder
			for _, s := range segs {
				all.WriteString(s.Text)
			}
			if all.String() != tc.text {
				t.Fatalf("runs do not add up to the text: %q", all.String())
			}
		})
	}
	segs := segments("ab", []mark{{start: 0, end: 2, title: "one"}, {start: 0, end: 1, title: "two"}})
	if segs[0].Title != "one; two" || segs[1].Title != "one" {
		t.Errorf("titles %q %q", segs[0].Title, segs[1].Title)
	}
}

func TestWordsIn(t *testing.T) {
	for _, tc := range []struct {
		s, word string
		lo, hi  int
		want    string
	}{
		{"Meridian Wire said; MERIDIAN WIRE/Ines", "Meridian Wire", 0, 99, "[0 13] [20 33]"},
		{"said, saidsaid, unsaid said", "said", 0, 99, "[0 4] [23 27]"},
		{"said said", "said", 1, 99, "[5 9]"},
		{"said said", "said", 0, 7, "[0 4]"},
		{"Zoë and ZOË", "zoë", 0, 99, "[0 4] [9 13]"},
		{"nothing", "", 0, 99, ""},
	} {
		var parts []string
		for _, w := range wordsIn(tc.s, tc.word, tc.lo, tc.hi) {
			parts = append(parts, fmt.Sprint(w[0], " ", w[1]))
		}
		got := ""
		if len(parts) > 0 {
			got = "[" + strings.Join(parts, "] [") + "]"
		}
		if got != tc.want {
			t.Errorf("wordsIn(%q, %q, %d, %d) = %s, want %s", tc.s, tc.word, tc.lo, tc.hi, got, tc.want)
		}
	}
}

// unsafeParts, which the page tests rely on, finds on what it must catch.
func TestSafeCatches(t *testing.T) {
	for _, page := range []string{
		`<p>x<script>alert(1)</script></p>`,
		`<p onclick="x">x</p>`,
		`<img src=x>`,
		`<a href=" javascript:alert(1)">x</a>`,
		`<script src="/static/app.js?v=1">inline too</script>`,
	} {
		if len(unsafeParts([]byte(page))) == 0 {
			t.Errorf("safe passed %s", page)
		}
	}
}
