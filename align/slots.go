package align

// slots numbers distinct word hashes 0, 1, 2, ... in the order they are
// first added, with an open-addressing table instead of a map: a text's
// distinct content words and its sentences' inverted index are made once
// per prepared text, and a map (with a slice a key for the index) took a
// fifth of aligning a long source.
type slots struct {
	// keys are the hashes by number.
	keys []uint64
	// table holds 1 + a number, or 0 for an empty slot. Keys are hashes
	// already, so their low bits index.
	table []int32
	mask  uint64
}

// newSlots returns slots sized for about n distinct hashes.
func newSlots(n int) *slots {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &slots{keys: make([]uint64, 0, n), table: make([]int32, size), mask: uint64(size - 1)}
}

// slot returns the table slot of k: the one holding k, or the empty one
// where k would go.
func (x *slots) slot(k uint64) uint64 {
	s := k & x.mask
	for x.table[s] != 0 && x.keys[x.table[s]-1] != k {
		s = (s + 1) & x.mask
	}
	return s
}

// add returns the number of k, numbering it if it is new.
func (x *slots) add(k uint64) int {
	s := x.slot(k)
	if x.table[s] == 0 {
		if 2*(len(x.keys)+1) > len(x.table) {
			x.grow()
			s = x.slot(k)
		}
		x.keys = append(x.keys, k)
		x.table[s] = int32(len(x.keys))
	}
	return int(x.table[s]) - 1
}

// find returns the number of k, or -1 when it was never added.
func (x *slots) find(k uint64) int {
	return int(x.table[x.slot(k)]) - 1
}

func (x *slots) grow() {
	x.table = make([]int32, 2*len(x.table))
	x.mask = uint64(len(x.table) - 1)
	for i, k := range x.keys {
		x.table[x.slot(k)] = int32(i) + 1
	}
}
