package provenance

import (
	"cmp"
	"slices"
)

// Grouper puts articles, named by their store Seq, into families: the
// articles joined by derivation links, directly or through others. What
// makes a link is the engine's to decide (an alignment that finds copy,
// spun or partial, and is not two stories written to one formula); the
// families do not depend on the order in which links are given.
//
// It holds two words per linked article, never a text.
type Grouper struct {
	up map[uint64]uint64
}

// NewGrouper returns an empty grouper.
func NewGrouper() *Grouper { return &Grouper{up: map[uint64]uint64{}} }

// Join puts a and b in one family.
func (g *Grouper) Join(a, b uint64) {
	g.touch(a)
	g.touch(b)
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return
	}
	// The smaller root stays: the family is named by its first article.
	if rb < ra {
		ra, rb = rb, ra
	}
	g.up[rb] = ra
}

// Families returns the families of two or more articles, each sorted, in
// the order of their first article.
func (g *Grouper) Families() [][]uint64 {
	groups := map[uint64][]uint64{}
	for s := range g.up {
		r := g.find(s)
		groups[r] = append(groups[r], s)
	}
	var out [][]uint64
	for _, m := range groups {
		if len(m) < 2 {
			continue
		}
		slices.Sort(m)
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b []uint64) int { return cmp.Compare(a[0], b[0]) })
	return out
}

func (g *Grouper) touch(s uint64) {
	if _, ok := g.up[s]; !ok {
		g.up[s] = s
	}
}

func (g *Grouper) find(s uint64) uint64 {
	r := s
	for g.up[r] != r {
		r = g.up[r]
	}
	for g.up[s] != r {
		s, g.up[s] = g.up[s], r
	}
	return r
}

// A link is a bridge, and Split cuts it, when each of its two members has
// at least bridgeDegree other links and they share at most bridgeShared
// neighbours. A story's copies are linked to its origin and to each other
// (they share its text), so a link inside a story closes triangles; a link
// between two stories (two filings written to one formula, a court case's
// reports of two days) joins members whose other links go elsewhere.
// Chosen on the tuning corpora of eval families (see docs/provenance.md).
const (
	bridgeDegree = 4
	bridgeShared = 2
)

// Split cuts a family at its bridges (see bridgeDegree) and returns the
// groups left: members are 0 to n-1, links pairs of members. A link k with
// held[k] set is never cut (held may be nil): two takes of one story are
// joined by what their agency says, not by text that might be a
// formula's. Each group is sorted, and the groups are in the order of
// their first member; a member whose every link was cut is a group of its
// own. Split is deterministic and does not depend on the order of the
// links.
func Split(n int, links [][2]int, held []bool) [][]int {
	near := make([][]int, n)
	for _, l := range links {
		if l[0] != l[1] {
			near[l[0]] = append(near[l[0]], l[1])
			near[l[1]] = append(near[l[1]], l[0])
		}
	}
	for i := range near {
		slices.Sort(near[i])
		near[i] = slices.Compact(near[i])
	}
	up := make([]int, n)
	for i := range up {
		up[i] = i
	}
	find := func(x int) int {
		for up[x] != x {
			up[x] = up[up[x]]
			x = up[x]
		}
		return x
	}
	join := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra != rb {
			up[max(ra, rb)] = min(ra, rb)
		}
	}
	for a := range near {
		for _, b := range near[a] {
			if b > a && !bridge(near[a], near[b]) {
				join(a, b)
			}
		}
	}
	for k, h := range held {
		if h {
			join(links[k][0], links[k][1])
		}
	}
	var out [][]int
	at := map[int]int{}
	for i := range n {
		r := find(i)
		k, ok := at[r]
		if !ok {
			k = len(out)
			at[r] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// bridge reports whether the link between two members with the sorted
// neighbours na and nb is a bridge.
func bridge(na, nb []int) bool {
	if len(na)-1 < bridgeDegree || len(nb)-1 < bridgeDegree {
		return false
	}
	shared := 0
	for i, j := 0, 0; i < len(na) && j < len(nb); {
		switch {
		case na[i] < nb[j]:
			i++
		case na[i] > nb[j]:
			j++
		default:
			shared++
			if shared > bridgeShared {
				return false
			}
			i++
			j++
		}
	}
	return true
}
