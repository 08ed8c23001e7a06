package engine_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/internal/synth"
	"github.com/wiretrace/wiretrace/pebble"
)

// article generates a news-like article of 150 to 750 words; the same seed
// gives the same text.
func article(seed uint64) string {
	return synth.Text(seed, 150+int(seed*2654435761%600), 50000)
}

// spin spins an article and drops its last paragraph.
func spin(s string, seed uint64) string { return synth.Spin(s, seed, 50000, true) }

const benchArticles = 3000

// benchEngine returns an engine over a fresh pebble store holding
// benchArticles generated articles.
func benchEngine(b *testing.B) *engine.Engine {
	b.Helper()
	st, err := pebble.Open(b.TempDir(), fingerprint.Scheme)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	e := engine.New(st, engine.Defaults)
	ctx := context.Background()
	l := e.Loader()
	for i := range benchArticles {
		a := wiretrace.Article{ID: fmt.Sprintf("a%05d", i), Text: article(uint64(i))}
		if err := l.Add(ctx, a, nil); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkCheck checks spun and trimmed copies of stored articles, and
// articles that are not stored, against a store of a few thousand.
func BenchmarkCheck(b *testing.B) {
	e := benchEngine(b)
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
				if _, err := e.Check(ctx, wiretrace.Article{Text: suspects[i%len(suspects)]}, engine.CheckOptions{Top: 10}); err != nil {
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
	e := benchEngine(b)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		a := wiretrace.Article{ID: fmt.Sprintf("b%07d", i), Text: article(uint64(1_000_000 + i))}
		i++
		b.StartTimer()
		if _, err := e.AddOne(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}
