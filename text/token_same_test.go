package text

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Tokenize and Normalize must give what the reference (reference_test.go)
// gives for every input: stored fingerprints and alignments depend on every
// token's offsets and Norm.

// sameTokens fails the test when Tokenize and the reference differ on s.
func sameTokens(t *testing.T, s string) {
	t.Helper()
	got, want := Tokenize(s), refTokenize(s)
	if slices.Equal(got, want) {
		return
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("Tokenize(%q): token %d = %+v, reference %+v", s, i, got[i], want[i])
		}
	}
	t.Fatalf("Tokenize(%q) gave %d tokens, reference %d", s, len(got), len(want))
}

func sameNormal(t *testing.T, w string) {
	t.Helper()
	if got, want := Normalize(w), refNormalize(w); got != want {
		t.Fatalf("Normalize(%q) = %q, reference %q", w, got, want)
	}
}

// runePool holds what the tokeniser treats specially: letters of both
// cases, digits, apostrophe and quote variants, invisible characters,
// combining marks, line breaks, ligatures, full-width forms, letters whose
// folding changes length, the 0x19 byte and invalid UTF-8, and Han, kana,
// Thai, Khmer and Myanmar characters and marks.
var runePool = []string{
	"a", "e", "s", "z", "A", "E", "S", "Z", "0", "7", " ", " ", " ", ".", ",", ";", "-", "!", "?",
	"'", "`", "\x19", "\"", "\u2018", "\u2019", "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb",
	"\u02bc", "\u2032", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u0301", "\u0308",
	"\n", "\r\n", "\n\n", "\t", "(", "[", "{", "\u2014", "\u2013",
	"\ufb01", "\uff21", "\uff12", "\u00df", "\u1e9e", "\u0130", "\u0149", "\u00e9", "\u00c9", "\u0391",
	"\u6771", "\uaba5", "\u13f8", "\u2460", "\u00bd", "\u00b2", "\u0645", "\u0928\u094d",
	"\u4eac", "\u306e", "\u30d5", "\u30fc", "\uff76", "\uff9e", "\u3007", "\u3002", "\u300c", "\u300d",
	"\u0e40", "\u0e23", "\u0e37", "\u0e49", "\u0e33", "\u0e52", "\u1797", "\u17b6", "\u17d2", "\u1019",
	"\u093e", "\u0915", "\u3099", "\ufe00",
	"\xff", "\xe2\x80", "\xc3",
}

// randomText strings n pieces of the pool and of plain words together.
func randomText(r *rand.Rand, n int) string {
	words := []string{"the", "Harbour", "FERRY", "don't", "Russia's", "1,200", "3.5", "U.S.", "iPhone", "McAllister"}
	var b strings.Builder
	for range n {
		if r.IntN(3) == 0 {
			b.WriteString(words[r.IntN(len(words))])
		} else {
			b.WriteString(runePool[r.IntN(len(runePool))])
		}
	}
	return b.String()
}

func TestTokenizeSameAsReference(t *testing.T) {
	inputs := slices.Clone(tokenizeSeeds)
	news, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, string(news), strings.ToUpper(string(news)))
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		inputs = append(inputs, randomText(r, 1+r.IntN(40)))
	}
	for _, s := range inputs {
		sameTokens(t, s)
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' }) {
			sameNormal(t, w)
		}
	}
}

// TestTokenizeSameOnCorpora compares with the reference on real news and
// web text, when the evaluation corpora are beside the project.
func TestTokenizeSameOnCorpora(t *testing.T) {
	dirs := []string{"bbc-news-summary/articles", "meter/newspapers/rawtexts", "clough-stevenson", "pan13-text-alignment/train/src"}
	if testing.Short() {
		dirs = dirs[:1]
	}
	for _, d := range dirs {
		files := corpusFiles(t, filepath.Join(corpusRoot, d), 4000)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sameTokens(t, string(raw))
			if s, _, err := Decode(raw); err == nil {
				sameTokens(t, s)
			}
		}
	}
}

// FuzzTokenizeSame compares Tokenize and Normalize with the reference.
func FuzzTokenizeSame(f *testing.F) {
	for _, s := range tokenizeSeeds {
		f.Add(s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		f.Add(randomText(r, 30))
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameTokens(t, s)
		sameNormal(t, s)
	})
}

// tokenCap sizes Tokenize's slice: at least the tokens of ordinary text,
// and not many more.
func TestTokenCap(t *testing.T) {
	for _, s := range []string{newsText(t), "", "a", "U.S. 3.5 don't", "\u201cWe\u201d \u6771\u4eac"} {
		n, c := len(Tokenize(s)), tokenCap(s)
		if c < n || c > n+n/10+2 {
			t.Errorf("tokenCap(%.40q) = %d for %d tokens", s, c, n)
		}
	}
}
