package align

import (
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
			skew := float64(di - dj)
			if skew < 0 {
				skew = -skew
			}
			s := score[q] + 1 - 0.1*skew - 0.02*float64(max(di, dj)-1)
			if s > score[p] {
				score[p], pred[p] = s, int32(q)
			}
		}
	}
	// Best score first; among equal scores, the earlier pair first.
	// The scores sort beside their pairs' numbers, not looked up through
	// them: on a long source the lookups' cache misses were most of
	// the sort.
	sc.order = grow(sc.order, len(pairs))
	order := sc.order
	for p := range order {
		order[p] = scored{score[p], int32(p)}
	}
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
	sc.used = grow(sc.used, len(pairs))
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
