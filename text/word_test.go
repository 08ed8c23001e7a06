package text

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zeebo/xxh3"
)

// wordTestNorms returns words of every kind WordOf meets: the news
// story's, the stopwords, the synonym table's stems and words near them.
func wordTestNorms(t *testing.T) []string {
	norms := append(newsNorms(t), stopwordList...)
	for _, w := range stopwordList {
		norms = append(norms, w+"s", w+"'s", strings.TrimSuffix(w, "s"))
	}
	raw, err := os.ReadFile("synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, stem := range strings.Fields(string(raw)) {
		norms = append(norms, stem, stem+"s", stem+"ed", stem+"ing", stem+"e", stem+"ies")
	}
	return append(norms, "", "1,200", "3.5", "caf\u00e9", "\u6771\u4eac", "doe", "does")
}

func TestWordOf(t *testing.T) {
	for _, n := range wordTestNorms(t) {
		stem := Stem(n)
		got := WordOf(n)
		if got.Hash != xxh3.HashString(stem) || got.Stop != IsStopword(n) || !slices.Equal(got.Synsets(), Synsets(stem)) {
			t.Fatalf("WordOf(%q) = %+v (synsets %v), want the hash of %q, stopword %v, synsets %v", n, got, got.Synsets(), stem, IsStopword(n), Synsets(stem))
		}
		if len(Synsets(stem)) > 0 && got.WithoutSynsets().Synsets() != nil {
			t.Fatalf("WordOf(%q).WithoutSynsets() kept synsets %v", n, got.WithoutSynsets().Synsets())
		}
	}
}

// Stored fingerprints are made of these hashes: they must not change with
// a library upgrade or a rewrite. The values are XXH3-64 of the stems as
// the reference implementation gives them (printf said | xxhsum -H3).
func TestWordHashStable(t *testing.T) {
	for _, c := range []struct {
		norm string
		hash uint64
	}{
		{"said", 0x14c3dd57acec1933},
		{"retreating", 0x829b223d94761cc1},
		{"the", 0xcb1283631cf33d7d},
		{"1,200", 0x38f3f13b017a20e5},
	} {
		if got := WordOf(c.norm).Hash; got != c.hash {
			t.Errorf("WordOf(%q).Hash = %#x, want %#x", c.norm, got, c.hash)
		}
	}
}

func TestWords(t *testing.T) {
	toks := Tokenize(newsText(t))
	ws := Words(toks)
	if len(ws) != len(toks) {
		t.Fatalf("Words gave %d words for %d tokens", len(ws), len(toks))
	}
	for i, tk := range toks {
		want := WordOf(tk.Norm)
		if ws[i] != want {
			t.Fatalf("Words: word %d (%q) = %+v, WordOf gives %+v", i, tk.Norm, ws[i], want)
		}
	}
	if Words(nil) == nil || len(Words(nil)) != 0 {
		t.Errorf("Words(nil) = %v, want an empty slice", Words(nil))
	}
}

// Many goroutines may prepare texts at once (the HTTP server does): run
// with -race.
func TestWordOfConcurrent(t *testing.T) {
	norms := newsNorms(t)
	want := make([]Word, len(norms))
	for i, n := range norms {
		want[i] = WordOf(n)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, n := range norms {
				if w := WordOf(n); w != want[i] {
					t.Errorf("WordOf(%q) = %+v in a goroutine, %+v alone", n, w, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func TestCommonHashes(t *testing.T) {
	for _, c := range []struct {
		a, b []uint64
		want int
	}{
		{nil, []uint64{1}, 0},
		{[]uint64{1, 2, 3}, []uint64{2, 3, 4}, 2},
		{[]uint64{1, 1, 1, 5}, []uint64{1, 1, 5, 5}, 3},
		{[]uint64{7}, []uint64{1, 2, 3}, 0},
	} {
		if got := CommonHashes(c.a, c.b); got != c.want {
			t.Errorf("CommonHashes(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := CommonHashes(c.b, c.a); got != c.want {
			t.Errorf("CommonHashes(%v, %v) = %d, want %d", c.b, c.a, got, c.want)
		}
	}
}
