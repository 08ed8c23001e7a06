package align

// Runs of words matched one after the other in both texts (the same
// diagonal of the alignment) say two things without any chaining: how
// much of the suspect the source holds in any order (containment), and
// which pairings are beyond doubt (anchors).

// containRun is the fewest words of a run that the containment counts:
// three, the span of a fingerprint. Two common words ("mln dlrs", "said
// it") are shared by chance by any two reports of a kind.
const containRun = 3

// anchorRun is the fewest words of a run that anchors its pairings: eight,
// the length of a shared run that winnowing always fingerprints.
const anchorRun = 8

// diagonals fills sc.run with the length of the run each pair lies in.
// pairs are sorted by suspect then source position, as seeds returns them.
func diagonals(pairs []pair, nSuspect int, sc *scratch) []int32 {
	// groups[j] is the first pair of suspect word j.
	sc.groups = grow(sc.groups, nSuspect+1)
	groups := sc.groups
	clear(groups)
	for _, p := range pairs {
		groups[p.j+1]++
	}
	for j := 1; j <= nSuspect; j++ {
		groups[j] += groups[j-1]
	}
	// back is the run's length up to each pair, next the pair after it on
	// its diagonal (-1 at the run's end); run, filled from the end, its
	// length through it. Each pair's predecessor is looked for once.
	sc.back = grow(sc.back, len(pairs))
	sc.next = grow(sc.next, len(pairs))
	sc.run = grow(sc.run, len(pairs))
	back, next, run := sc.back, sc.next, sc.run
	for k, p := range pairs {
		back[k], next[k] = 1, -1
		if p.j == 0 {
			continue
		}
		for q := groups[p.j-1]; q < groups[p.j]; q++ {
			if pairs[q].i == p.i-1 {
				back[k] = back[q] + 1
				next[q] = int32(k)
				break
			}
		}
	}
	for k := len(pairs) - 1; k >= 0; k-- {
		run[k] = back[k]
		if next[k] >= 0 {
			run[k] = run[next[k]]
		}
	}
	return run
}

// containedWords appends to out the suspect's words in a run of at least
// containRun words, wherever the run lies in either text, and returns it.
func containedWords(pairs []pair, run []int32, out []int32) []int32 {
	for k := 0; k < len(pairs); {
		j, in := pairs[k].j, false
		for ; k < len(pairs) && pairs[k].j == j; k++ {
			in = in || run[k] >= containRun
		}
		if in {
			out = append(out, j)
		}
	}
	return out
}

// anchored drops the pairs that an anchor contradicts: a pair outside every
// run of at least anchorRun words whose suspect word such a run pairs with
// another source word, or whose source word such a run pairs with another
// suspect word. A copy with its paragraphs in another order shares a
// formula phrase of the report ("mln dlrs, or 37 cts a share") between
// paragraphs; without anchors that phrase chains one paragraph of the copy
// to another of the source and reports a substitution the copy never made.
// Where two runs pair a word differently (a sentence ending as two others
// do), neither anchors it. pairs is filtered in place.
func anchored(pairs []pair, run []int32, nSource, nSuspect int, sc *scratch) []pair {
	sc.bySusp = grow(sc.bySusp, nSuspect)
	sc.bySrc = grow(sc.bySrc, nSource)
	bySusp, bySrc := sc.bySusp, sc.bySrc
	// The word each word's anchors pair it with: -1 none, -2 several.
	for k := range bySusp {
		bySusp[k] = -1
	}
	for k := range bySrc {
		bySrc[k] = -1
	}
	claim := func(c []int32, at, to int32) {
		switch c[at] {
		case -1:
			c[at] = to
		case to, -2:
		default:
			c[at] = -2
		}
	}
	anchors := false
	for k, p := range pairs {
		if run[k] >= anchorRun {
			claim(bySusp, p.j, p.i)
			claim(bySrc, p.i, p.j)
			anchors = true
		}
	}
	if !anchors {
		return pairs
	}
	out := pairs[:0]
	for k, p := range pairs {
		if run[k] < anchorRun && (bySusp[p.j] >= 0 && bySusp[p.j] != p.i || bySrc[p.i] >= 0 && bySrc[p.i] != p.j) {
			continue
		}
		out = append(out, p)
	}
	return out
}
