package pebble

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/wiretrace/wiretrace"
)

// Synthetic articles for the crash test and the benchmarks. Everything is
// derived from the article number, so a run can be repeated and a parent
// process can rebuild what its child wrote.

const (
	genFingerprints = 150
	genStorySize    = 10 // articles per story, sharing fingerprints
	genStoryShared  = 60 // fingerprints each story's articles draw from a common pool
	genBoilerplate  = 20 // fingerprints common to a large share of all articles

	genBoilerplatePerArticle = 3
)

var genWords = func() []string {
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 2000)
	for i := range words {
		var b strings.Builder
		for range 3 + r.IntN(7) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		words[i] = b.String()
	}
	return words
}()

// genArticle returns article n: about 2 KB of text opening with "#n" and
// naming id, and 150 distinct fingerprints of which some are shared with the other articles
// of its story and a few are boilerplate shared with many articles.
func genArticle(n int, id string) (wiretrace.Article, []wiretrace.Fingerprint) {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s: ", n, id)
	for b.Len() < 2048 {
		b.WriteString(genWords[r.IntN(len(genWords))])
		if r.IntN(12) == 0 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return wiretrace.Article{
		ID:    id,
		URL:   "https://news.example/" + id,
		Site:  "news.example",
		Title: fmt.Sprintf("Story %d", n/genStorySize),
		Text:  b.String(),
	}, genFingerprintsFor(n)
}

// genFingerprintsFor returns article n's fingerprints. They do not depend
// on its ID or text, so a query can be built from n alone.
func genFingerprintsFor(n int) []wiretrace.Fingerprint {
	r := rand.New(rand.NewPCG(uint64(n), 13))
	story := rand.New(rand.NewPCG(uint64(n/genStorySize), 11))
	fps := make([]wiretrace.Fingerprint, 0, genFingerprints)
	seen := map[wiretrace.Fingerprint]bool{}
	add := func(fp wiretrace.Fingerprint) {
		if !seen[fp] {
			seen[fp] = true
			fps = append(fps, fp)
		}
	}
	// Half of the story pool, as a rewrite keeps part of its source.
	pool := make([]wiretrace.Fingerprint, genStoryShared*2)
	for i := range pool {
		pool[i] = wiretrace.Fingerprint(story.Uint64())
	}
	for _, i := range r.Perm(len(pool))[:genStoryShared] {
		add(pool[i])
	}
	for range genBoilerplatePerArticle {
		add(wiretrace.Fingerprint(r.IntN(genBoilerplate) + 1))
	}
	for len(fps) < genFingerprints {
		add(wiretrace.Fingerprint(r.Uint64()))
	}
	return fps
}

// testScheme is the fingerprint scheme of the package's tests: a text
// opening with "#n " has generated article n's fingerprints; any other
// text has the fingerprints registered for it with entry, so that tests
// choose what articles share. Stores remake postings from it.
type testScheme struct {
	mu    sync.Mutex
	byTxt map[string][]wiretrace.Fingerprint
}

func newTestScheme() *testScheme {
	return &testScheme{byTxt: map[string][]wiretrace.Fingerprint{}}
}

const testSchemeName = "pebbletest/1"

func (ts *testScheme) scheme() wiretrace.Scheme {
	return wiretrace.Scheme{Name: testSchemeName, Fingerprints: ts.fingerprints}
}

func (ts *testScheme) fingerprints(text string) []wiretrace.Fingerprint {
	var fps []wiretrace.Fingerprint
	if n, ok := genNumber(text); ok {
		fps = genFingerprintsFor(n)
	} else {
		ts.mu.Lock()
		fps = slices.Clone(ts.byTxt[text])
		ts.mu.Unlock()
	}
	slices.Sort(fps)
	return slices.Compact(fps)
}

// genNumber reads the article number a generated text opens with.
func genNumber(text string) (int, bool) {
	rest, ok := strings.CutPrefix(text, "#")
	if !ok {
		return 0, false
	}
	num, _, ok := strings.Cut(rest, " ")
	n, err := strconv.Atoi(num)
	return n, ok && err == nil
}

// entry registers fps as the text's fingerprints and returns the entry.
func (ts *testScheme) entry(a wiretrace.Article, fps ...wiretrace.Fingerprint) wiretrace.Entry {
	if _, gen := genNumber(a.Text); !gen {
		ts.mu.Lock()
		if _, ok := ts.byTxt[a.Text]; !ok {
			ts.byTxt[a.Text] = fps
		}
		ts.mu.Unlock()
	}
	return wiretrace.Entry{Article: a, Fingerprints: fps}
}

// add adds one article through the store's test scheme and returns its
// result, its entry error as the error.
func add(s *Store, a wiretrace.Article, fps ...wiretrace.Fingerprint) (wiretrace.AddResult, error) {
	res, err := s.Add(context.Background(), []wiretrace.Entry{schemeOf(s).entry(a, fps...)})
	if err != nil {
		return wiretrace.AddResult{}, err
	}
	return res[0], res[0].Err
}

// schemeOf returns the test scheme a store was opened with.
func schemeOf(s *Store) *testScheme {
	if ts, ok := testSchemes.Load(s.dir); ok {
		return ts.(*testScheme)
	}
	return sharedTestScheme
}

var (
	// testSchemes holds the test scheme of each store directory, so that
	// a store reopened on it finds the same fingerprints.
	testSchemes      sync.Map
	sharedTestScheme = newTestScheme()
)

// openScheme opens the store in dir with the directory's test scheme.
func openScheme(dir string, opts ...Option) (*Store, error) {
	ts, _ := testSchemes.LoadOrStore(dir, newTestScheme())
	return Open(dir, ts.(*testScheme).scheme(), opts...)
}
