package align

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchFunctionWords are mixed into generated text at about the rate of
// English news, so that seeds and chains see a realistic skeleton.
var benchFunctionWords = strings.Fields("the of to in and a for on that with said by at from as was is its has were will it")

// benchWord is the i-th word of a synthetic vocabulary.
func benchWord(i uint64) string {
	syl := []string{"ka", "ren", "to", "mi", "sal", "ve", "dor", "pu", "lin", "gra", "os", "tem"}
	var sb strings.Builder
	for {
		sb.WriteString(syl[i%uint64(len(syl))])
		i /= uint64(len(syl))
		if i == 0 {
			return sb.String()
		}
	}
}

// benchText generates words words of news-like text: sentences of content
// words drawn from a Zipf distribution, function words, a few numbers and
// names, paragraphs of three sentences. The same seed gives the same text.
func benchText(seed uint64, words int) string {
	r := rand.New(rand.NewPCG(seed, 0x616c69676e))
	zipf := rand.NewZipf(r, 1.1, 1, 20000)
	var sb strings.Builder
	for n, sentence := 0, 0; n < words; sentence++ {
		if sentence > 0 {
			sb.WriteString(". ")
			if sentence%3 == 0 {
				sb.WriteString("\n\n")
			}
		}
		for k := range 12 + r.IntN(14) {
			if k > 0 {
				sb.WriteByte(' ')
			}
			switch p := r.IntN(100); {
			case p < 42:
				sb.WriteString(benchFunctionWords[r.IntN(len(benchFunctionWords))])
			case p < 46:
				name := benchWord(uint64(r.IntN(300)))
				sb.WriteString(strings.ToUpper(name[:1]) + name[1:])
			case p < 49:
				sb.WriteString(string(rune('1' + r.IntN(9))))
				sb.WriteString("00")
			default:
				sb.WriteString(benchWord(zipf.Uint64()))
			}
			n++
		}
	}
	sb.WriteByte('.')
	return sb.String()
}

// benchSpin replaces about one in four lower-case content words of s.
func benchSpin(s string, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 0x7370696e))
	fw := map[string]bool{}
	for _, w := range benchFunctionWords {
		fw[w] = true
	}
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		ws := strings.Split(para, " ")
		for i, w := range ws {
			core := strings.TrimRight(w, ".")
			if core == "" || fw[core] || core[0] < 'a' || core[0] > 'z' || r.IntN(4) != 0 {
				continue
			}
			ws[i] = benchWord(uint64(20000+r.IntN(5000))) + w[len(core):]
		}
		out = append(out, strings.Join(ws, " "))
	}
	return strings.Join(out, "\n\n")
}

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
