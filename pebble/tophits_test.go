package pebble

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// topHits keeps what ranking every article would: those sharing at least
// the least count, most shared first, then the one stored first, the
// first limit of them; the least count may exceed the fingerprints asked.
func TestTopHits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for n := range 5000 {
		fingerprints := 1 + r.IntN(30)
		var all []doc
		for range fingerprints {
			for range r.IntN(12) {
				all = append(all, doc(r.IntN(50)))
			}
		}
		slices.Sort(all)
		// No article more than once a fingerprint: a run is at most the
		// fingerprints asked.
		var capped []doc
		for lo := 0; lo < len(all); {
			hi := lo + 1
			for hi < len(all) && all[hi] == all[lo] {
				hi++
			}
			for range min(hi-lo, fingerprints) {
				capped = append(capped, all[lo])
			}
			lo = hi
		}
		limit, least := 1+r.IntN(12), r.IntN(fingerprints+3)
		var want []hit
		for lo := 0; lo < len(capped); {
			hi := lo + 1
			for hi < len(capped) && capped[hi] == capped[lo] {
				hi++
			}
			if hi-lo >= least {
				want = append(want, hit{capped[lo], hi - lo})
			}
			lo = hi
		}
		slices.SortFunc(want, func(a, b hit) int { return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.doc, b.doc)) })
		want = want[:min(limit, len(want))]
		got := topHits(capped, limit, least, fingerprints)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d (limit %d, least %d, %d fingerprints): got %v, want %v", n, limit, least, fingerprints, got, want)
		}
	}
}
