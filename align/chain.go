package align

import (
	"math"
	"slices"
)

// chain links matched words into chains that advance in both texts, by
// dynamic programming over predecessors within MaxGap, then takes chains
// greedily from the best-scoring ends, each word used once.
func (o Options) chain(pairs []pair, sc *scratch) [][]pair {
	const lookback = 64
	sc.score = grow(sc.score, len(pairs))
	sc.pred = grow(sc.pred, len(pairs))
	score, pred := sc.score, sc.pred
	gap := int32(o.MaxGap + 1)
	// window holds the pairs of the last lookback, their scores falling:
	// its first is the best score a predecessor can have. A pair scores
	// at most its predecessor's score + 1, so once a pair's score reaches
	// that bound no earlier pair can raise it (ties keep the nearest), and
	// along a run of pairs one word apart, as a copy is, the nearest
	// predecessor reaches it at once.
	window := sc.window[:0]
	head := 0
	for p := range pairs {
		for head < len(window) && int(window[head]) < p-lookback {
			head++
		}
		bound := math.Inf(-1)
		if head < len(window) {
			bound = score[window[head]] + 1
		}
		score[p], pred[p] = 1, -1
		for q := p - 1; q >= 0 && q >= p-lookback && score[p] < bound; q-- {
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
		for len(window) > head && score[window[len(window)-1]] <= score[p] {
			window = window[:len(window)-1]
		}
		window = append(window, int32(p))
		// Keep the buffer from growing with the pairs: move the live
		// part to the front now and then.
		if head > lookback {
			window = append(window[:0], window[head:]...)
			head = 0
		}
	}
	sc.window = window
	// Best score first; among equal scores, the earlier pair first. A pair
	// that a better-scoring pair chains from is taken with that pair's
	// chain before its own turn comes, so only the others are sorted.
	// The scores sort beside their pairs' numbers, not looked up through
	// them: on a long source the lookups' cache misses were most of
	// the sort.
	sc.used = grow(sc.used, len(pairs))
	taken := sc.used
	clear(taken)
	for p := range pairs {
		if q := pred[p]; q >= 0 && score[p] > score[q] {
			taken[q] = true
		}
	}
	order := sc.order[:0]
	for p := range pairs {
		if !taken[p] {
			order = append(order, scored{score[p], int32(p)})
		}
	}
	sc.order = order
	// Scores are finite: plain comparisons, not cmp.Compare's NaN cases.
	slices.SortFunc(order, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.p - b.p)
	})
	used := sc.used
	clear(used)
	var chains [][]pair
	// Every pair joins one chain at most: the chains share one array,
	// each capped at its own end.
	all := make([]pair, 0, len(pairs))
	for _, e := range order {
		end := e.p
		if used[end] {
			continue
		}
		start := len(all)
		for p := end; p >= 0 && !used[p]; p = pred[p] {
			used[p] = true
			all = append(all, pairs[p])
		}
		c := all[start:len(all):len(all)]
		if len(c) < o.MinMatchedShort/2 {
			all = all[:start]
			continue
		}
		slices.Reverse(c)
		chains = append(chains, c)
	}
	return o.dropOverlaps(chains)
}

// extend returns the score of a chain of score s extended by a pair di
// source words and dj suspect words past its end: one more for the pair,
// less for a gap, and more so for a skewed one. It is at most s + 1.
func extend(s float64, di, dj int32) float64 {
	skew := float64(di - dj)
	if skew < 0 {
		skew = -skew
	}
	return s + 1 - 0.1*skew - 0.02*float64(max(di, dj)-1)
}

// dropOverlaps keeps chains in the order given (best first) and removes from
// later chains the words of the suspect already covered by earlier ones.
func (o Options) dropOverlaps(chains [][]pair) [][]pair {
	type span struct{ lo, hi int32 }
	var taken []span
	var out [][]pair
	for _, c := range chains {
		c = slices.DeleteFunc(c, func(p pair) bool {
			for _, s := range taken {
				if p.j >= s.lo && p.j <= s.hi {
					return true
				}
			}
			return false
		})
		if len(c) < o.MinMatchedShort/2 {
			continue
		}
		taken = append(taken, span{c[0].j, c[len(c)-1].j})
		out = append(out, c)
	}
	return out
}
