package benchmark

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/pebble"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// words are the vocabulary of the invented stories the tests use instead of
// the real collections.
var words = strings.Fields(`council harbour bridge rainfall growers market
shipment contract tender workers strike ferry timber quarry festival museum
orchard factory tunnel railway budget deficit surplus harvest drought flood
grain cattle copper nickel freight airline tariff subsidy pension inquiry
report committee mayor engineers residents farmers traders bankers dockers
approved rejected delayed expanded reduced opened closed announced
warned expected estimated recorded`)

// inventedDocs makes n stories of several paragraphs from a fixed seed.
func inventedDocs(n int) []corpus.Doc {
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([]corpus.Doc, n)
	for i := range docs {
		var paras []string
		for range 2 + r.IntN(5) {
			var sents []string
			for range 1 + r.IntN(3) {
				var ws []string
				for range 8 + r.IntN(12) {
					ws = append(ws, words[r.IntN(len(words))])
				}
				ws = append(ws, "the", fmt.Sprint(r.IntN(900)+100))
				sents = append(sents, "Northtown "+strings.Join(ws, " ")+".")
			}
			paras = append(paras, strings.Join(sents, " "))
		}
		docs[i] = corpus.Doc{
			ID:        fmt.Sprintf("story-%03d", i),
			Title:     fmt.Sprintf("Story %d", i),
			Published: time.Date(2001, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
			Text:      strings.Join(paras, "\n\n"),
		}
	}
	return docs
}

func TestCorpusDeterministic(t *testing.T) {
	docs := inventedDocs(40)
	a, b := NewCorpus(docs, 120), NewCorpus(docs, 120)
	if a.Len() != 120 || a.Originals() != 40 {
		t.Fatalf("Len, Originals = %d, %d, want 120, 40", a.Len(), a.Originals())
	}
	ids := map[string]bool{}
	kinds := map[Kind]int{}
	for k := range a.Len() {
		x, y := a.Item(k), b.Item(k)
		if !slices.Equal(x.Sources, y.Sources) || !reflect.DeepEqual(x.Article, y.Article) || x.Kind != y.Kind {
			t.Fatalf("item %d differs between two corpora of the same seeds", k)
		}
		if ids[x.Article.ID] {
			t.Fatalf("ID %s repeated", x.Article.ID)
		}
		ids[x.Article.ID] = true
		kinds[x.Kind]++
	}
	for _, k := range append([]Kind{Original}, derivedKinds...) {
		if kinds[k] == 0 {
			t.Errorf("no %s item in %v", k, kinds)
		}
	}
	// An item does not depend on which others were generated first.
	if x := a.Item(97); !reflect.DeepEqual(x.Article, NewCorpus(docs, 120).Item(97).Article) {
		t.Error("item 97 depends on generation order")
	}
	qa, qb := a.Queries(30), b.Queries(30)
	for i := range qa {
		if !reflect.DeepEqual(qa[i].Article, qb[i].Article) {
			t.Fatalf("query %d differs", i)
		}
	}
}

func TestCorpusHalfOriginals(t *testing.T) {
	docs := inventedDocs(40)
	for _, tc := range []struct{ size, originals int }{{10, 5}, {80, 40}, {1000, 40}, {3, 2}} {
		c := NewCorpus(docs, tc.size)
		if c.Originals() != tc.originals {
			t.Errorf("size %d: %d originals, want %d", tc.size, c.Originals(), tc.originals)
		}
	}
}

func TestQueriesHalfStored(t *testing.T) {
	c := NewCorpus(inventedDocs(40), 200)
	stored := map[string]bool{}
	for k := range c.Len() {
		stored[c.Item(k).Article.ID] = true
	}
	in := 0
	qs := c.Queries(100)
	for _, q := range qs {
		if q.Kind == Original || len(q.Sources) == 0 {
			t.Fatalf("query %s is not a derived copy", q.Article.ID)
		}
		if stored[q.Article.ID] {
			in++
		}
	}
	if in != 50 {
		t.Errorf("%d of 100 queries are stored, want 50", in)
	}
}

func unitSet(s string) map[string]int {
	m := map[string]int{}
	for _, u := range units(s) {
		m[u]++
	}
	return m
}

func TestDerivedKinds(t *testing.T) {
	docs := inventedDocs(40)
	byID := map[string]corpus.Doc{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	c := NewCorpus(docs, 400)
	for k := c.Originals(); k < c.Len(); k++ {
		it := c.Item(k)
		src := byID[it.Sources[0]]
		got := it.Article.Text
		if got == src.Text {
			t.Errorf("%s: same text as its source", it.Article.ID)
		}
		if !it.Article.Published.After(src.Published) {
			t.Errorf("%s: published %v, not after its source's %v", it.Article.ID, it.Article.Published, src.Published)
		}
		switch it.Kind {
		case Verbatim:
			head, rest, _ := strings.Cut(got, "\n\n")
			if rest != src.Text || !slices.Contains(headers, head) {
				t.Errorf("%s: not the source under a header", it.Article.ID)
			}
		case Trimmed:
			for u := range strings.SplitSeq(got, "\n\n") {
				if !strings.Contains(src.Text, u) {
					t.Errorf("%s: unit not in source: %q", it.Article.ID, u)
				}
			}
			if len(got) >= len(src.Text) {
				t.Errorf("%s: not shorter than its source", it.Article.ID)
			}
		case Reordered:
			if fmt.Sprint(unitSet(got)) != fmt.Sprint(unitSet(src.Text)) {
				t.Errorf("%s: units differ from the source's", it.Article.ID)
			}
		case Spun:
			checkSpun(t, it.Article.ID, src.Text, got)
		case Partial:
			if len(it.Sources) != 2 || it.Sources[0] == it.Sources[1] {
				t.Fatalf("%s: sources %v, want the original and a host", it.Article.ID, it.Sources)
			}
			gu, hu := unitSet(got), unitSet(byID[it.Sources[1]].Text)
			extra := 0
			for u, n := range gu {
				extra += n - hu[u]
			}
			if extra < 1 || extra > 2 {
				t.Errorf("%s: %d units beyond the host's, want 1 or 2", it.Article.ID, extra)
			}
		}
	}
}

// checkSpun checks that spinning kept names, numbers and function words
// and replaced about a quarter of the other words.
func checkSpun(t *testing.T, id, src, got string) {
	t.Helper()
	a, b := strings.Fields(src), strings.Fields(got)
	if len(a) != len(b) {
		t.Fatalf("%s: %d words, source has %d", id, len(b), len(a))
	}
	changed, spinnable := 0, 0
	for i := range a {
		w := strings.Trim(a[i], ".")
		if w == "Northtown" || w == "the" || strings.ContainsAny(w, "0123456789") {
			if a[i] != b[i] {
				t.Errorf("%s: immutable %q became %q", id, a[i], b[i])
			}
			continue
		}
		spinnable++
		if a[i] != b[i] {
			changed++
		}
	}
	if share := float64(changed) / float64(spinnable); share < 0.05 || share > 0.5 {
		t.Errorf("%s: %.2f of spinnable words changed, want about 0.25", id, share)
	}
}

func TestSubstitute(t *testing.T) {
	if got := substitute("said"); got != "stated" {
		t.Errorf(`substitute("said") = %q, want the thesaurus entry`, got)
	}
	a, b := substitute("harbour"), substitute("harbour")
	if a != b || a == "harbour" || len(a) < 4 {
		t.Errorf(`substitute("harbour") = %q then %q, want one synthetic word`, a, b)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0.001, time.Millisecond}} {
		if got := percentile(ds, tc.p); got != tc.want {
			t.Errorf("percentile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if percentile(nil, 0.5) != 0 {
		t.Error("percentile of nothing is not 0")
	}
}

func TestRunSize(t *testing.T) {
	c := NewCorpus(inventedDocs(60), 300)
	var progress bytes.Buffer
	opens := 0
	cfg := Config{
		Queries:  40,
		Top:      5,
		TempDir:  t.TempDir(),
		Progress: &progress,
		Open:     func(dir string) (wiretrace.Store, error) { opens++; return pebble.Open(dir, fingerprint.Scheme) },
	}
	res, err := runSize(context.Background(), cfg, engine.Defaults, c, &progress)
	if err != nil {
		t.Fatal(err)
	}
	if opens != 3 {
		t.Errorf("store opened %d times, want 3 (create and two reopens)", opens)
	}
	if res.Articles != 300 || res.Originals != 60 || res.Stored+int64(res.Duplicates) != 300 {
		t.Errorf("articles %d, originals %d, stored %d + duplicates %d", res.Articles, res.Originals, res.Stored, res.Duplicates)
	}
	if res.AddPerSecond <= 0 || res.Check.P99Ms < res.Check.P50Ms || res.CheckWarm.MaxMs < res.CheckWarm.P99Ms || res.Queries != 40 {
		t.Errorf("figures out of shape: %+v", res)
	}
	if res.SourceFirst < 0.5 {
		t.Errorf("source first %.2f: the index finds few sources of plain copies", res.SourceFirst)
	}
	if res.BytesPerArticle <= 0 {
		t.Errorf("bytes per article %v", res.BytesPerArticle)
	}

	var table, js bytes.Buffer
	if err := WriteTable(&table, []Result{res}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"add (articles/s)", "check p99 (ms)", "bytes per article", "peak RSS"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
	if err := WriteJSON(&js, []Result{res}); err != nil {
		t.Fatal(err)
	}
	var back struct{ Results []Result }
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Results) != 1 || back.Results[0].Articles != 300 {
		t.Errorf("JSON does not read back: %v\n%s", err, js.String())
	}
}
