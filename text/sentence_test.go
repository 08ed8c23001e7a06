package text

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"no full stop", "Ferry fares rise", []string{"Ferry fares rise"}},
		{"two sentences", "The tide rose. Boats were moved.", []string{
			"The tide rose", "Boats were moved",
		}},
		{"title abbreviation", "Mr. Hart spoke. He left.", []string{
			"Mr. Hart spoke", "He left",
		}},
		{"several abbreviations", "Dr. Ames met Gen. Rook and Sen. Tull. All agreed.", []string{
			"Dr. Ames met Gen. Rook and Sen. Tull", "All agreed",
		}},
		{"abbreviation before number", "Ships left on Jan. 5 and returned.", []string{
			"Ships left on Jan. 5 and returned",
		}},
		{"initials", "J. R. Hart arrived. Crowds cheered.", []string{
			"J. R. Hart arrived", "Crowds cheered",
		}},
		{"initial with accent", "\u00c9. Zola wrote. Critics agreed.", []string{
			"\u00c9. Zola wrote", "Critics agreed",
		}},
		{"U.S. mid-sentence", "The U.S. Navy said so. Others agreed.", []string{
			"The U.S. Navy said so", "Others agreed",
		}},
		{"decimal number", "Fares rose 3.5 percent. Riders complained.", []string{
			"Fares rose 3.5 percent", "Riders complained",
		}},
		{"number after full stop", "Fares rose. 2024 was worse.", []string{
			"Fares rose", "2024 was worse",
		}},
		{"lower case after full stop", "Fares rose. then fell.", []string{
			"Fares rose. then fell",
		}},
		{"question and exclamation", "Was it safe? Nobody knew! Then rain fell.", []string{
			"Was it safe", "Nobody knew", "Then rain fell",
		}},
		{"line break", "Harbour news\nthe tide rose", []string{
			"Harbour news", "the tide rose",
		}},
		{"windows line break without point", "Harbour news\r\nthe tide rose", []string{
			"Harbour news", "the tide rose",
		}},
		{"blank line", "First paragraph ends\n\nsecond begins", []string{
			"First paragraph ends", "second begins",
		}},
		{"curly quote after full stop", "\u201cWe are ready.\u201d The crew cheered.", []string{
			"We are ready", "The crew cheered",
		}},
		{"straight quote after full stop", `He said "never." Then he left.`, []string{
			`He said "never`, "Then he left",
		}},
		{"question inside quote, lower case after", "\u201cWhy?\u201d she asked.", []string{
			"Why?\u201d she asked",
		}},
		{"closing quote, lower case after", `"It is over." she said.`, []string{
			`It is over." she said`,
		}},
		{"straight opening quote after full stop", `He nodded. "we wait," he said.`, []string{
			"He nodded", `we wait," he said`,
		}},
		{"curly opening quote after full stop", "He nodded. \u201cwe wait,\u201d he said.", []string{
			"He nodded", "we wait,\u201d he said",
		}},
		{"single opening quote after full stop", "He nodded. \u2018we wait,\u2019 he said.", []string{
			"He nodded", "we wait,\u2019 he said",
		}},
		{"parenthesis after full stop", "He nodded. (nobody saw.) Then rain.", []string{
			"He nodded", "nobody saw", "Then rain",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			spans := Sentences(tt.in, toks)
			checkSentences(t, tt.in, toks)
			var got []string
			for _, sp := range spans {
				got = append(got, tt.in[toks[sp.Start].Start:toks[sp.End-1].End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkSentences asserts that the spans cover the tokens from first to last,
// in order, without gaps and without empty sentences.
func checkSentences(t *testing.T, s string, toks []Token) {
	t.Helper()
	spans := Sentences(s, toks)
	next := 0
	for i, sp := range spans {
		if sp.Start != next || sp.End <= sp.Start || sp.End > len(toks) {
			t.Fatalf("%q: sentence %d is %+v after token %d of %d", s, i, sp, next, len(toks))
		}
		next = sp.End
	}
	if next != len(toks) {
		t.Fatalf("%q: sentences end at token %d of %d", s, next, len(toks))
	}
}

// Sentences skips the gaps of one space between words of scripts with
// spaces without asking sentenceBreak; asking it of every gap must give
// the same sentences.
func FuzzSentencesSkipSame(f *testing.F) {
	for _, s := range []string{
		"The tide rose. Boats were moved.", "Mr. Hart spoke. He left.",
		"เรือออก ฝนหยุด", "港口开放。渡轮恢复", "a\u00ad b. C", "Port 3.5 km. \"Go\" said",
		"Zone A B. C d\n\nNext line", "ı İ. ß x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		var want []Span
		start := 0
		for i := 0; i+1 < len(toks); i++ {
			if sentenceBreak(s[toks[i].End:toks[i+1].Start], &toks[i], &toks[i+1]) {
				want = append(want, Span{start, i + 1})
				start = i + 1
			}
		}
		if start < len(toks) {
			want = append(want, Span{start, len(toks)})
		}
		if got := Sentences(s, toks); !reflect.DeepEqual(got, want) {
			t.Fatalf("Sentences(%q) = %v, asking every gap gives %v", s, got, want)
		}
	})
}
