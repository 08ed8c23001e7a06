package align

import "sync"

// scratch holds the buffers one alignment works in and drops: the seeds
// before and after sorting, the chaining's tables and the gap filling's
// table. A check aligns
// fifteen candidates and a bulk comparison thousands of pairs; reusing
// the buffers spares allocating and zeroing them each time.
type scratch struct {
	// keys are the source's seed keys; hits those found in the suspect's
	// table (key holding the slot) and counts the source's count of each
	// slot's key, all zero between uses.
	keys   []seedKey
	hits   []seedKey
	counts []int32
	seeds  []pair
	sorted []pair
	start  []int32
	score  []float64
	pred   []int32
	order  []scored
	window []int32
	used   []bool
	lcs    []int16
	// groups, back, next and run find the runs of pairs (diagonals);
	// bySusp and bySrc hold the anchors' pairings.
	groups, back, next, run []int32
	bySusp, bySrc           []int32
	// matched holds a passage's matched pairs in order (see namesInRuns).
	matched []pair
	// contained holds the suspect's words in runs the source holds.
	contained []int32
}

// scored is a chained pair's number and its chain's score.
type scored struct {
	score float64
	p     int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns s resized to n elements, reusing its array when it is large
// enough; the elements are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}
