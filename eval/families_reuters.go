package eval

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/corpus"
	"github.com/zeebo/xxh3"
)

// Reuters-21578 re-files some stories: the same body, or the same with a
// figure corrected or a line added, under a new ID. Those groups are its
// families. They are found here without the engine: two bodies are one
// story when their words are the same, or when their longest common
// subsequence of words is at least reutersSame of their mean length (the
// ratio of Python's difflib, on words). Candidate pairs for that test
// share word 8-grams; the test itself reads every word.
const reutersSame = 0.9

// reutersFamilies reads the collection and its families; a family's
// origin is any member filed at its earliest time.
func reutersFamilies(dir string) (familyCorpus, error) {
	c := familyCorpus{name: "reuters", origins: map[string][]string{}}
	var docs []corpus.Doc
	for d, err := range corpus.Reuters(dir) {
		if err != nil {
			return c, err
		}
		docs = append(docs, d)
	}
	words := make([][]string, len(docs))
	for i, d := range docs {
		words[i] = strings.FieldsFunc(strings.ToLower(d.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	up := make([]int, len(docs))
	for i := range up {
		up[i] = i
	}
	find := func(i int) int {
		for up[i] != i {
			up[i] = up[up[i]]
			i = up[i]
		}
		return i
	}
	for _, p := range reutersPairs(words) {
		if sameStory(words[p[0]], words[p[1]]) {
			a, b := find(p[0]), find(p[1])
			if a != b {
				up[max(a, b)] = min(a, b)
			}
		}
	}
	groups := map[int][]int{}
	for i := range docs {
		groups[find(i)] = append(groups[find(i)], i)
	}
	for i, d := range docs {
		r := find(i)
		fam := docs[r].ID
		c.cases = append(c.cases, familyCase{article: wiretrace.Article{
			ID: d.ID, Site: "reuters.com", Title: d.Title, Text: d.Text, Published: d.Published, PublishedFrom: wiretrace.FromInput,
		}, family: fam})
		if len(groups[r]) > 1 && r == i {
			var first time.Time
			for _, k := range groups[r] {
				if t := docs[k].Published; !t.IsZero() && (first.IsZero() || t.Before(first)) {
					first = t
				}
			}
			for _, k := range groups[r] {
				if t := docs[k].Published; first.IsZero() || !t.IsZero() && t.Sub(first) < time.Minute {
					c.origins[fam] = append(c.origins[fam], docs[k].ID)
				}
			}
		}
	}
	return c, nil
}

// reutersPairs returns the pairs of bodies worth the test: of similar
// length, sharing at least a third of the shorter's word 8-grams. 8-grams
// found in more than 100 bodies are the collection's formulas and are
// left out.
func reutersPairs(words [][]string) [][2]int {
	const n = 8
	grams := make([][]uint64, len(words))
	post := map[uint64][]int32{}
	for i, ws := range words {
		seen := map[uint64]bool{}
		for k := 0; k+n <= len(ws); k++ {
			h := xxh3.HashString(strings.Join(ws[k:k+n], " "))
			if !seen[h] {
				seen[h] = true
				grams[i] = append(grams[i], h)
				post[h] = append(post[h], int32(i))
			}
		}
	}
	var pairs [][2]int
	for i := range words {
		shared := map[int32]int{}
		for _, h := range grams[i] {
			if p := post[h]; len(p) <= 100 {
				for _, j := range p {
					if int(j) > i {
						shared[j]++
					}
				}
			}
		}
		keys := make([]int32, 0, len(shared))
		for j := range shared {
			keys = append(keys, j)
		}
		slices.Sort(keys)
		for _, j := range keys {
			a, b := len(words[i]), len(words[j])
			short := min(len(grams[i]), len(grams[j]))
			if 3*shared[j] >= short && float64(min(a, b)) >= 0.8*float64(max(a, b)) {
				pairs = append(pairs, [2]int{i, int(j)})
			}
		}
	}
	// Bodies too short for an 8-gram are the same story only when equal.
	byText := map[string]int{}
	for i, ws := range words {
		if len(ws) >= n || len(ws) == 0 {
			continue
		}
		k := strings.Join(ws, " ")
		if j, ok := byText[k]; ok {
			pairs = append(pairs, [2]int{j, i})
		} else {
			byText[k] = i
		}
	}
	return pairs
}

// sameStory reports whether two bodies' words are the same story by the
// longest-common-subsequence ratio.
func sameStory(a, b []string) bool {
	if slices.Equal(a, b) {
		return true
	}
	need := reutersSame * float64(len(a)+len(b)) / 2
	if float64(min(len(a), len(b))) < need {
		return false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) >= need
}
