package align

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// fullChain is chain without its shortcuts: every predecessor within the
// look-back tried, every pair sorted. chain must give the same chains.
func (o Options) fullChain(pairs []pair) [][]pair {
	const lookback = 64
	score := make([]float64, len(pairs))
	pred := make([]int32, len(pairs))
	gap := int32(o.MaxGap + 1)
	for p := range pairs {
		score[p], pred[p] = 1, -1
		for q := p - 1; q >= 0 && q >= p-lookback; q-- {
			dj := pairs[p].j - pairs[q].j
			if dj > gap {
				break
			}
			di := pairs[p].i - pairs[q].i
			if dj <= 0 || di <= 0 || di > gap {
				continue
			}
			if s := extend(score[q], di, dj); s > score[p] {
				score[p], pred[p] = s, int32(q)
			}
		}
	}
	order := make([]int, len(pairs))
	for p := range order {
		order[p] = p
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case score[a] > score[b]:
			return -1
		case score[a] < score[b]:
			return 1
		}
		return a - b
	})
	used := make([]bool, len(pairs))
	var chains [][]pair
	for _, end := range order {
		if used[end] {
			continue
		}
		var c []pair
		for p := end; p >= 0 && !used[p]; p = int(pred[p]) {
			used[p] = true
			c = append(c, pairs[p])
		}
		if len(c) < o.MinMatchedShort/2 {
			continue
		}
		slices.Reverse(c)
		chains = append(chains, c)
	}
	return o.dropOverlaps(chains)
}

// TestChainShortcuts checks chain against fullChain on pairs as seeding
// gives them (by suspect then source position): runs of copied words one
// apart, the same words a few words off the run, runs that shift, and
// scattered pairs between; and, every other round, pairs thick about one
// diagonal, as a text of repeated words gives, where predecessors compete.
func TestChainShortcuts(t *testing.T) {
	sc := new(scratch)
	same := func(what string, pairs []pair) {
		t.Helper()
		got, want := Defaults.chain(pairs, sc), Defaults.fullChain(pairs)
		if len(got) != len(want) {
			t.Fatalf("%s: %d chains, want %d", what, len(got), len(want))
		}
		for k := range got {
			if !slices.Equal(got[k], want[k]) {
				t.Fatalf("%s: chain %d differs:\n got %v\nwant %v", what, k, got[k], want[k])
			}
		}
	}
	// A pair far off a run's diagonal chains from the run's end with a
	// lower score than the end's own: the run is a chain of its own, taken
	// before the pair is.
	var run []pair
	for k := range int32(8) {
		run = append(run, pair{i: 10 + k, j: k})
	}
	same("a pair off a run's end", append(run, pair{i: 17 + 13, j: 7 + 2}))
	r := rand.New(rand.NewPCG(7, 11))
	for round := range 300 {
		var pairs []pair
		n := 50 + r.IntN(1500)
		offset := int32(r.IntN(200))
		for j := int32(0); j < int32(n); j++ {
			if round%2 == 1 { // a text of repeated words: pairs all about
				for range r.IntN(5) {
					pairs = append(pairs, pair{i: max(0, j+offset+int32(r.IntN(25))-12), j: j})
				}
				continue
			}
			if r.IntN(10) < 7 { // a copied word, on the run's diagonal
				pairs = append(pairs, pair{i: j + offset, j: j, strong: r.IntN(2) == 0})
			}
			if r.IntN(4) == 0 { // the same word a few words off it
				pairs = append(pairs, pair{i: max(0, j+offset+int32(r.IntN(9))-4), j: j})
			}
			if r.IntN(10) == 0 { // the run moves on
				offset = max(0, offset+int32(r.IntN(7))-3)
			}
			if r.IntN(5) == 0 { // a word repeated elsewhere in the source
				pairs = append(pairs, pair{i: int32(r.IntN(n + 200)), j: j})
			}
		}
		slices.SortFunc(pairs, func(a, b pair) int {
			if a.j != b.j {
				return int(a.j - b.j)
			}
			return int(a.i - b.i)
		})
		pairs = slices.CompactFunc(pairs, func(a, b pair) bool { return a.i == b.i && a.j == b.j })
		same(fmt.Sprintf("round %d", round), pairs)
	}
}
