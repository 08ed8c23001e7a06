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
