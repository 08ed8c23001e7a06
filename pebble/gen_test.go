package pebble

import (
	"fmt"
	"math/rand/v2"
	"strings"

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

// genArticle returns article n: about 2 KB of text naming id, and 150
// distinct fingerprints of which some are shared with the other articles
// of its story and a few are boilerplate shared with many articles.
func genArticle(n int, id string) (wiretrace.Article, []wiretrace.Fingerprint) {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	var b strings.Builder
	b.WriteString(id)
	b.WriteString(": ")
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
