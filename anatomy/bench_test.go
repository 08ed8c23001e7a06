package anatomy

import (
	"testing"

	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/text"
)

// BenchmarkParse reads the parts of an English news story of 600 words,
// its tokens made before the timing: what a check pays for each match it
// returns.
func BenchmarkParse(b *testing.B) {
	t, err := examples.FS.ReadFile("flood/original.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(t)
	toks := text.Tokenize(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		ParseTokens(s, toks)
	}
}
