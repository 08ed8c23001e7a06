package align

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/examples"
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
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) { bench(b, src, tc.suspect) })
	}
}

// BenchmarkCompareNews compares English news stories, whose words are in
// the synonym table, unlike the generated ones.
func BenchmarkCompareNews(b *testing.B) {
	read := func(name string) string {
		t, err := examples.FS.ReadFile("flood/" + name + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		return string(t)
	}
	for _, name := range []string{"spun", "independent"} {
		b.Run(name, func(b *testing.B) { bench(b, read("original"), read(name)) })
	}
}

// bench times what a check pays for each candidate: the suspect is
// prepared once, the candidate source for every comparison.
func bench(b *testing.B, source, suspect string) {
	susp := NewDoc(suspect)
	b.SetBytes(int64(len(source)))
	b.ReportAllocs()
	for b.Loop() {
		Compare(NewDoc(source), susp)
	}
}

// BenchmarkAlignPrepared times what a check pays for a candidate whose
// prepared text is in the engine's cache: both texts prepared, and their
// seed indexes made, before the timing.
func BenchmarkAlignPrepared(b *testing.B) {
	src := benchText(1, 600)
	alignPrepared(b, src, []benchCase{
		{"spun", benchSpin(src, 2)},
		{"unrelated", benchText(3, 600)},
	})
}

type benchCase struct{ name, suspect string }

// alignPrepared times aligning each case's suspect with src, both
// prepared and their seed indexes made before the timing.
func alignPrepared(b *testing.B, src string, cases []benchCase) {
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			source, suspect := NewDoc(src), NewDoc(tc.suspect)
			Defaults.Align(source, suspect)
			b.ReportAllocs()
			for b.Loop() {
				Defaults.Align(source, suspect)
			}
		})
	}
}

// BenchmarkAlignLong times what the slowest checks pay for each
// candidate: a long story (1,500 words) prepared, aligned with a spun
// copy of it and with a copy cut short, both prepared.
func BenchmarkAlignLong(b *testing.B) {
	src := benchText(1, 1500)
	alignPrepared(b, src, []benchCase{
		{"spun", benchSpin(src, 2)},
		{"cut", src[:len(src)*9/10]},
	})
}

func BenchmarkNewDoc(b *testing.B) {
	s := benchText(1, 600)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		NewDoc(s)
	}
}

// BenchmarkNewDocNews prepares an English news story, whose words are in
// the synonym table and whose sentences carry quotes and names.
func BenchmarkNewDocNews(b *testing.B) {
	t, err := examples.FS.ReadFile("flood/original.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(t)
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
