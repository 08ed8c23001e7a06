package align

// containRun is the fewest words, one after the other in both texts, that
// make a run of words the source holds: three, the span of a fingerprint.
// Two common words ("mln dlrs", "said it") are shared by chance by any two
// reports of a kind.
const containRun = 3

// containedWords counts the suspect's words that lie in a run of at least
// containRun words found one after the other in the source too, wherever
// the run lies in either text. pairs are sorted by suspect then source
// position, as seeds returns them.
func containedWords(pairs []pair, n int, sc *scratch) int {
	sc.pred = grow(sc.pred, len(pairs))
	sc.used = grow(sc.used, n)
	run, in := sc.pred, sc.used
	clear(in)
	// prev is the range of pairs of the previous suspect word, when that
	// word is the one just before.
	prevLo, prevHi, lo := 0, 0, 0
	for k, p := range pairs {
		if k > 0 && p.j != pairs[k-1].j {
			prevLo, prevHi = k, k
			if p.j == pairs[k-1].j+1 {
				prevLo = lo
			}
			lo = k
		}
		run[k] = 1
		for q := prevLo; q < prevHi; q++ {
			if pairs[q].i == p.i-1 {
				run[k] = run[q] + 1
				break
			}
		}
		if run[k] >= containRun {
			for j := p.j - run[k] + 1; j <= p.j; j++ {
				in[j] = true
			}
		}
	}
	c := 0
	for _, b := range in {
		if b {
			c++
		}
	}
	return c
}
