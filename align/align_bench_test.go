package align

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/internal/synth"
)

func benchText(seed uint64, words int) string { return synth.Text(seed, words, 20000) }

func benchSpin(s string, seed uint64) string { return synth.Spin(s, seed, 20000, false) }

func BenchmarkCompare(b *testing.B) {
	src := benchText(1, 600)
	cases := []struct{ name, suspect string }{
		{"spun", benchSpin(src, 2)},
		{"unrelated", benchText(3, 600)},
	}
	source := NewDoc(src)
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			suspect := NewDoc(tc.suspect)
			b.SetBytes(int64(len(tc.suspect)))
			b.ReportAllocs()
			for b.Loop() {
				Compare(source, suspect)
			}
		})
	}
}

func BenchmarkNewDoc(b *testing.B) {
	s := benchText(1, 600)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		NewDoc(s)
	}
}

// TestBenchText keeps the generator honest: the sizes the benchmarks claim,
// and a spun text that still aligns as derived.
func TestBenchText(t *testing.T) {
	src := benchText(1, 600)
	if n := len(strings.Fields(src)); n < 600 || n > 640 {
		t.Errorf("generated %d words, want about 600", n)
	}
	spun := benchSpin(src, 2)
	if spun == src || len(strings.Fields(spun)) != len(strings.Fields(src)) {
		t.Fatal("spinning changed nothing, or changed the word count")
	}
	if c := Compare(NewDoc(src), NewDoc(spun)); !c.Relation.Derived() {
		t.Errorf("spun text judged %s (coverage %.2f)", c.Relation, c.SuspectCoverage)
	}
}
