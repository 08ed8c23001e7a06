package index_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/pebble"
)

// functionWords are mixed into generated articles at about the rate of
// English news.
var functionWords = strings.Fields("the of to in and a for on that with said by at from as was is its has were will it")

// word is the i-th word of a synthetic vocabulary.
func word(i uint64) string {
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

// article generates a news-like article of 150 to 750 words: content words
// from a Zipf distribution over a large vocabulary, function words, names
// and numbers, paragraphs of two or three sentences. The same seed gives
// the same text.
func article(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 0x696e646578))
	zipf := rand.NewZipf(r, 1.1, 1, 50000)
	words := 150 + r.IntN(600)
	var sb strings.Builder
	for n, sentence := 0, 0; n < words; sentence++ {
		if sentence > 0 {
			sb.WriteString(". ")
			if sentence%(2+r.IntN(2)) == 0 {
				sb.WriteString("\n\n")
			}
		}
		for k := range 12 + r.IntN(14) {
			if k > 0 {
				sb.WriteByte(' ')
			}
			switch p := r.IntN(100); {
			case p < 42:
				sb.WriteString(functionWords[r.IntN(len(functionWords))])
			case p < 46:
				name := word(uint64(r.IntN(2000)))
				sb.WriteString(strings.ToUpper(name[:1]) + name[1:])
			case p < 49:
				fmt.Fprintf(&sb, "%d", 1+r.IntN(999))
			default:
				sb.WriteString(word(zipf.Uint64()))
			}
			n++
		}
	}
	sb.WriteByte('.')
	return sb.String()
}

// spin replaces about one in four lower-case content words and drops the
// last paragraph, as a rewriter that trims would.
func spin(s string, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 0x7370696e))
	fw := map[string]bool{}
	for _, w := range functionWords {
		fw[w] = true
	}
	paras := strings.Split(s, "\n\n")
	if len(paras) > 2 {
		paras = paras[:len(paras)-1]
	}
	for p, para := range paras {
		ws := strings.Split(para, " ")
		for i, w := range ws {
			core := strings.TrimRight(w, ".")
			if core == "" || fw[core] || core[0] < 'a' || core[0] > 'z' || r.IntN(4) != 0 {
				continue
			}
			ws[i] = word(uint64(50000+r.IntN(10000))) + w[len(core):]
		}
		paras[p] = strings.Join(ws, " ")
	}
	return strings.Join(paras, "\n\n")
}

const benchArticles = 3000

// benchIndex returns an index over a fresh pebble store holding
// benchArticles generated articles.
func benchIndex(b *testing.B) *index.Index {
	b.Helper()
	st, err := pebble.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ix := index.New(st, index.Defaults)
	ctx := context.Background()
	for i := range benchArticles {
		a := wiretrace.Article{ID: fmt.Sprintf("a%05d", i), Text: article(uint64(i))}
		if _, err := ix.Add(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	return ix
}

// BenchmarkCheck checks spun and trimmed copies of stored articles, and
// articles that are not stored, against a store of a few thousand.
func BenchmarkCheck(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		suspect func(i int) string
	}{
		{"spun", func(i int) string { return spin(article(uint64(i*7%benchArticles)), uint64(i)) }},
		{"unstored", func(i int) string { return article(uint64(benchArticles + i)) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			suspects := make([]string, 64)
			for i := range suspects {
				suspects[i] = tc.suspect(i)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Check(ctx, suspects[i%len(suspects)], 10); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkAdd adds generated articles to a store that already holds a few
// thousand.
func BenchmarkAdd(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		a := wiretrace.Article{ID: fmt.Sprintf("b%07d", i), Text: article(uint64(1_000_000 + i))}
		i++
		b.StartTimer()
		if _, err := ix.Add(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}
