package text

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"lower ascii unchanged", "harbour", "harbour"},
		{"upper ascii", "HarBour", "harbour"},
		{"digits", "1,200", "1,200"},
		{"ligature fi", "\ufb01nal", "final"},
		{"ligature ffl", "ba\ufb04e", "baffle"},
		{"full-width letters", "\uff21\uff42\uff43", "abc"},
		{"full-width digits", "\uff12\uff10\uff12\uff14", "2024"},
		{"composed e acute", "Caf\u00e9", "caf\u00e9"},
		{"combining acute composed", "Cafe\u0301", "caf\u00e9"},
		{"non-ascii capitals", "\u00c9COLE", "\u00e9cole"},
		{"german sharp s", "Stra\u00dfe", "strasse"},
		{"german capital sharp s", "STRA\u1e9eE", "strasse"},
		{"greek", "\u0391\u0398\u0397\u039d\u0391", "\u03b1\u03b8\u03b7\u03bd\u03b1"},
		{"cyrillic", "\u041c\u041e\u0421\u041a\u0412\u0410", "\u043c\u043e\u0441\u043a\u0432\u0430"},
		{"cherokee small letter", "\uaba5\u13f8", "\u13d5\u13f0"},
		{"cherokee capital letter", "\u13d5\u13f0", "\u13d5\u13f0"},
		{"right single quote", "Russia\u2019s", "russia's"},
		{"left single quote", "Russia\u2018s", "russia's"},
		{"modifier letter apostrophe", "Russia\u02bcs", "russia's"},
		{"prime", "Russia\u2032s", "russia's"},
		{"backtick", "Russia`s", "russia's"},
		{"straight apostrophe", "Don't", "don't"},
		{"soft hyphen", "co\u00adoperate", "cooperate"},
		{"zero-width space", "news\u200broom", "newsroom"},
		{"zero-width joiner and non-joiner", "a\u200db\u200cc", "abc"},
		{"invisible before combining mark", "Cafe\u200d\u0301", "caf\u00e9"},
		{"n preceded by apostrophe", "\u0149", "'n"},
		{"word joiner", "pre\u2060war", "prewar"},
		{"byte-order mark", "\ufeffword", "word"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize(%q) = %q, not idempotent", got, again)
			}
		})
	}
}

// tok is an expected token: its text, offsets, Norm, and flags made of
// the letters N (Number), U (Upper) and Q (Quoted).
type tok struct {
	text       string
	start, end int
	norm       string
	flags      string
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"empty", "", nil},
		{"punctuation only", " -- ... !? ", nil},
		{"plain words", "Ferry fares rise", []tok{
			{"Ferry", 0, 5, "ferry", "U"},
			{"fares", 6, 11, "fares", ""},
			{"rise", 12, 16, "rise", ""},
		}},
		{"hyphenated word split", "a five-story block", []tok{
			{"a", 0, 1, "a", ""},
			{"five", 2, 6, "five", ""},
			{"story", 7, 12, "story", ""},
			{"block", 13, 18, "block", ""},
		}},
		{"en dash splits", "north\u2013south", []tok{
			{"north", 0, 5, "north", ""},
			{"south", 8, 13, "south", ""},
		}},
		{"curly apostrophe kept", "Russia\u2019s navy", []tok{
			{"Russia\u2019s", 0, 10, "russia's", "U"},
			{"navy", 11, 15, "navy", ""},
		}},
		{"straight apostrophe kept", "they don't", []tok{
			{"they", 0, 4, "they", ""},
			{"don't", 5, 10, "don't", ""},
		}},
		{"thousands separator", "1,200 boats", []tok{
			{"1,200", 0, 5, "1,200", "N"},
			{"boats", 6, 11, "boats", ""},
		}},
		{"decimal point", "up 3.5 percent", []tok{
			{"up", 0, 2, "up", ""},
			{"3.5", 3, 6, "3.5", "N"},
			{"percent", 7, 14, "percent", ""},
		}},
		{"list comma after number", "12, 13", []tok{
			{"12", 0, 2, "12", "N"},
			{"13", 4, 6, "13", "N"},
		}},
		{"trailing full stop after word", "It sank.", []tok{
			{"It", 0, 2, "it", "U"},
			{"sank", 3, 7, "sank", ""},
		}},
		{"trailing full stop after number", "It cost 1,200.", []tok{
			{"It", 0, 2, "it", "U"},
			{"cost", 3, 7, "cost", ""},
			{"1,200", 8, 13, "1,200", "N"},
		}},
		{"point between letters splits", "U.S. ports", []tok{
			{"U", 0, 1, "u", "U"},
			{"S", 2, 3, "s", "U"},
			{"ports", 5, 10, "ports", ""},
		}},
		{"letters and digits", "4G iPhone", []tok{
			{"4G", 0, 2, "4g", ""},
			{"iPhone", 3, 9, "iphone", ""},
		}},
		{"soft hyphen inside word", "co\u00adoperate", []tok{
			{"co\u00adoperate", 0, 11, "cooperate", ""},
		}},
		{"soft hyphen at word end not in token", "end\u00ad of", []tok{
			{"end", 0, 3, "end", ""},
			{"of", 6, 8, "of", ""},
		}},
		{"zero-width space inside word", "news\u200broom", []tok{
			{"news\u200broom", 0, 11, "newsroom", ""},
		}},
		{"multibyte letters", "Zo\u00eb \u00d8rsted in \u0141\u00f3d\u017a", []tok{
			{"Zo\u00eb", 0, 4, "zo\u00eb", "U"},
			{"\u00d8rsted", 5, 12, "\u00f8rsted", "U"},
			{"in", 13, 15, "in", ""},
			{"\u0141\u00f3d\u017a", 16, 23, "\u0142\u00f3d\u017a", "U"},
		}},
		{"greek and han", "\u0391\u03b8\u03ae\u03bd\u03b1 \u6771\u4eac", []tok{
			{"\u0391\u03b8\u03ae\u03bd\u03b1", 0, 10, "\u03b1\u03b8\u03ae\u03bd\u03b1", "U"},
			{"\u6771", 11, 14, "\u6771", ""},
			{"\u4eac", 14, 17, "\u4eac", ""},
		}},
		{"combining mark inside word", "Cafe\u0301 open", []tok{
			{"Cafe\u0301", 0, 6, "caf\u00e9", "U"},
			{"open", 7, 11, "open", ""},
		}},
		{"full-width and ligature", "\uff21\uff22\uff23 \ufb01nal", []tok{
			{"\uff21\uff22\uff23", 0, 9, "abc", "U"},
			{"\ufb01nal", 10, 16, "final", ""},
		}},
		{"byte-order mark skipped", "\ufeffHello", []tok{
			{"Hello", 3, 8, "hello", "U"},
		}},
		{"straight double quotes", `He said "not now" then`, []tok{
			{"He", 0, 2, "he", "U"},
			{"said", 3, 7, "said", ""},
			{"not", 9, 12, "not", "Q"},
			{"now", 13, 16, "now", "Q"},
			{"then", 18, 22, "then", ""},
		}},
		{"curly double quotes", "He said \u201cnot now\u201d then", []tok{
			{"He", 0, 2, "he", "U"},
			{"said", 3, 7, "said", ""},
			{"not", 11, 14, "not", "Q"},
			{"now", 15, 18, "now", "Q"},
			{"then", 22, 26, "then", ""},
		}},
		{"british curly single quotes", "He said \u2018not now\u2019 then", []tok{
			{"He", 0, 2, "he", "U"},
			{"said", 3, 7, "said", ""},
			{"not", 11, 14, "not", "Q"},
			{"now", 15, 18, "now", "Q"},
			{"then", 22, 26, "then", ""},
		}},
		{"british straight single quotes", "He said 'not now' then", []tok{
			{"He", 0, 2, "he", "U"},
			{"said", 3, 7, "said", ""},
			{"not", 9, 12, "not", "Q"},
			{"now", 13, 16, "now", "Q"},
			{"then", 18, 22, "then", ""},
		}},
		{"apostrophe inside quote", "\u2018Russia\u2019s fleet\u2019 sailed", []tok{
			{"Russia\u2019s", 3, 13, "russia's", "UQ"},
			{"fleet", 14, 19, "fleet", "Q"},
			{"sailed", 23, 29, "sailed", ""},
		}},
		{"quote closing after full stop", "\u201cWe wait.\u201d She left", []tok{
			{"We", 3, 5, "we", "UQ"},
			{"wait", 6, 10, "wait", "Q"},
			{"She", 15, 18, "she", "U"},
			{"left", 19, 23, "left", ""},
		}},
		{"guillemets", "\u00abNon\u00bb dit-il", []tok{
			{"Non", 2, 5, "non", "UQ"},
			{"dit", 8, 11, "dit", ""},
			{"il", 12, 14, "il", ""},
		}},
		{"unclosed quote reset at paragraph end", "\u201cOpen quote.\nplain line", []tok{
			{"Open", 3, 7, "open", "UQ"},
			{"quote", 8, 13, "quote", "Q"},
			{"plain", 15, 20, "plain", ""},
			{"line", 21, 25, "line", ""},
		}},
		{"quote reopened in next paragraph", "\"First part\n\"second part\" after", []tok{
			{"First", 1, 6, "first", "UQ"},
			{"part", 7, 11, "part", "Q"},
			{"second", 13, 19, "second", "Q"},
			{"part", 20, 24, "part", "Q"},
			{"after", 26, 31, "after", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokenize(tt.in)
			checkTokens(t, tt.in, got)
			if len(got) != len(tt.want) {
				t.Fatalf("Tokenize(%q) gave %d tokens, want %d:\n%s", tt.in, len(got), len(tt.want), describe(tt.in, got))
			}
			for i, w := range tt.want {
				g := got[i]
				want := Token{Start: w.start, End: w.end, Norm: w.norm,
					Number: strings.Contains(w.flags, "N"),
					Upper:  strings.Contains(w.flags, "U"),
					Quoted: strings.Contains(w.flags, "Q"),
				}
				if g != want {
					t.Errorf("token %d of %q = %+v, want %+v", i, tt.in, g, want)
				}
				if text := tt.in[g.Start:g.End]; text != w.text {
					t.Errorf("token %d of %q has text %q, want %q", i, tt.in, text, w.text)
				}
			}
		})
	}
}

func describe(s string, toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "\t%q %+v\n", s[t.Start:t.End], t)
	}
	return b.String()
}

// Inputs that stress the tokeniser's edges; the invariant test and the fuzz
// target share them.
var tokenizeSeeds = []string{
	"",
	"Ferry fares rise 3.5% to \u20ac1,200 from Monday.",
	"\ufeff\u201cWe won\u2019t,\u201d said Mr. O\u2019Neill. \u2018No.\u2019",
	"co\u00adoperate\u00ad \u00ad news\u200broom \u200b",
	"1,,2 3..4 5,a b.6 ,7 .8 9.",
	"'''\"\"\u2018\u2019`` 'a' b' 'c",
	"e\u200d\u0301 \u0301a \ufb01\u00ad\ufb02",
	"\u00c9COLE Stra\u00dfe STRA\u1e9eE \u0130stanbul \u0390",
	"\xff\xfe invalid \xe9t\xe9 utf-8 \xe2\x80",
	"\"open\nclosed\" later\r\n\u201cnext\u201d",
	"\uff21\uff22\uff23 \uff12\uff10\uff12\uff14 \u2460 \u00bd \u00b2",
	"\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd \u0928\u092e\u0938\u094d\u0924\u0947",
	"\u9752\u5ddd\u6e2f\uff0c\u300c\u6e21\u8f6e\u300d\u3002iPhone\u624b\u673a2024\u5e74",
	"\u0e40\u0e23\u0e37\u0e2d\u0e02\u0e49\u0e32\u0e21 \u0e33\u0e52\u0e55 \u1797\u17b6\u179f\u17b6 \uff76\uff9e\u30fc",
}

func TestTokenizeInvariants(t *testing.T) {
	for _, s := range tokenizeSeeds {
		checkTokens(t, s, Tokenize(s))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range tokenizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		checkTokens(t, s, toks)
		checkSentences(t, s, toks)
	})
}

// checkTokens asserts what every caller of Tokenize relies on: tokens in
// order, not overlapping, inside s, cut at rune boundaries, each with text,
// and a Norm that normalising again leaves alone.
func checkTokens(t *testing.T, s string, toks []Token) {
	t.Helper()
	// Rune boundaries as a range loop sees them: an invalid byte is a rune
	// of its own.
	boundary := make(map[int]bool, len(s)+1)
	for i := range s {
		boundary[i] = true
	}
	boundary[len(s)] = true
	prevEnd := 0
	for i, tk := range toks {
		if tk.Start < prevEnd {
			t.Fatalf("%q: token %d %+v starts before the previous one ends at %d", s, i, tk, prevEnd)
		}
		if tk.Start >= tk.End {
			t.Fatalf("%q: token %d %+v has no text", s, i, tk)
		}
		if tk.End > len(s) {
			t.Fatalf("%q: token %d %+v ends past the text (%d bytes)", s, i, tk, len(s))
		}
		if !boundary[tk.Start] || !boundary[tk.End] {
			t.Fatalf("%q: token %d %+v is not cut at rune boundaries", s, i, tk)
		}
		if text := s[tk.Start:tk.End]; !utf8.ValidString(text) {
			t.Fatalf("%q: token %d %+v has invalid UTF-8 text %q", s, i, tk, text)
		}
		if tk.Norm == "" {
			t.Fatalf("%q: token %d %+v has an empty Norm", s, i, tk)
		}
		if again := Normalize(tk.Norm); again != tk.Norm {
			t.Fatalf("%q: token %d: Normalize(%q) = %q, not idempotent", s, i, tk.Norm, again)
		}
		prevEnd = tk.End
	}
}

func TestStrayApostropheByte(t *testing.T) {
	toks := Tokenize("the Bachelor\x19s degree")
	if len(toks) != 3 || toks[1].Norm != "bachelor's" {
		t.Fatalf("got %+v, want the 0x19 byte read as an apostrophe inside one word", toks)
	}
	if _, _, err := Decode([]byte("Wire copy\x19s paragraph marks\x19 and more text here to read.")); err != nil {
		t.Fatalf("a few stray control bytes made text binary: %v", err)
	}
}

func TestQuoteAcrossWrappedLine(t *testing.T) {
	s := "He said \"we will\nappeal the ruling\" and left.\n\"Next"
	toks := Tokenize(s)
	quoted := map[string]bool{}
	for _, tk := range toks {
		quoted[tk.Norm] = tk.Quoted
	}
	if !quoted["appeal"] || quoted["left"] || !quoted["next"] {
		t.Fatalf("quote state across a wrapped line: %v", quoted)
	}
}

// A straight double quote between two letters stands for an apostrophe,
// as some wire copy has it ("Brazil"s output"): it opens no quote, and the
// words after it are not quoted.
func TestDoubleQuoteAsApostrophe(t *testing.T) {
	toks := Tokenize("Frost cut the country\"s output by a third, traders said. \"It is over,\" one said.")
	quoted := map[string]bool{}
	for _, tk := range toks {
		quoted[tk.Norm] = tk.Quoted
	}
	if quoted["output"] || quoted["traders"] || !quoted["over"] || quoted["one"] {
		t.Fatalf("quote state: %v", quoted)
	}
}

// TrimSpace leaves out white space and invisible characters at both ends,
// not inside.
func TestTrimSpace(t *testing.T) {
	for _, c := range []struct {
		s      string
		lo, hi int
		want   string
	}{
		{"  Harwick Ledger \n", 0, 18, "Harwick Ledger"},
		{"\u200b\u00adByline\ufeff ", 0, len("\u200b\u00adByline\ufeff "), "Byline"},
		{"a  soft\u00adword  b", 1, len("a  soft\u00adword  "), "soft\u00adword"},
		{" \u2060 ", 0, len(" \u2060 "), ""},
	} {
		lo, hi := TrimSpace(c.s, c.lo, c.hi)
		if got := c.s[lo:hi]; got != c.want {
			t.Errorf("TrimSpace(%q, %d, %d) = %q, want %q", c.s, c.lo, c.hi, got, c.want)
		}
	}
}
