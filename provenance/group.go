package provenance

import (
	"cmp"
	"fmt"
	"os"
	"slices"
)

// StrongCover is the share of one text that must lie in passages aligned
// with the other for their link to make them one story: one is mostly
// the other. Below it a link is partial reuse: a story that quotes a few
// paragraphs of another, or a roundup of several, which belongs to its own
// story and borrows from the other's.
var StrongCover = func() float64 {
	f := 0.5
	if v := os.Getenv("WT_STRONG"); v != "" {
		fmt.Sscan(v, &f)
	}
	return f
}()

// Strong reports whether a link makes its two members one story.
func Strong(l Link) bool { return max(l.CoverA, l.CoverB) >= StrongCover }

// Grouper puts articles, named by their store Seq, into families from the
// links between them, in two passes. Strong links join their articles.
// Then an article that no strong link joined to another is joined to the
// article it borrows from most, when it is the borrower: a story that took
// a few paragraphs from one source and has no story of its own in the
// store. A story of its own that also borrows (a roundup built on another
// wire story) stays in its own family, and the one it borrowed from in
// its. The families do not depend on the order in which links are given.
//
// It holds a few words per linked article, never a text.
type Grouper struct {
	up   map[uint64]uint64
	size map[uint64]int
	// weak holds, per borrower, the partial link it borrows most by.
	weak map[uint64]weakLink
}

type weakLink struct {
	from  uint64
	score float64
}

// NewGrouper returns an empty grouper.
func NewGrouper() *Grouper {
	return &Grouper{up: map[uint64]uint64{}, size: map[uint64]int{}, weak: map[uint64]weakLink{}}
}

// Add records a link between articles a and b: strong or not (see Strong);
// for a partial link, borrower is the one judged to have taken from the
// other (see Order) and score the link's.
func (g *Grouper) Add(a, b uint64, strong bool, borrower uint64, score float64) {
	if a == b {
		return
	}
	g.touch(a)
	g.touch(b)
	if strong {
		g.union(a, b)
		return
	}
	from := a
	if borrower == a {
		from = b
	}
	w, ok := g.weak[borrower]
	if !ok || score > w.score || score == w.score && from < w.from {
		g.weak[borrower] = weakLink{from, score}
	}
}

// Join puts a and b in one family whatever links say: the appearances of
// one text.
func (g *Grouper) Join(a, b uint64) {
	g.touch(a)
	g.touch(b)
	g.union(a, b)
}

// Families returns the families of two or more articles, each sorted, in
// the order of their first article; the root of each is its first
// article. It may be called once.
func (g *Grouper) Families() [][]uint64 {
	// Borrowers that strong links left alone join their sources, in Seq
	// order so that the result does not depend on the map's.
	borrowers := make([]uint64, 0, len(g.weak))
	for s := range g.weak {
		if g.size[g.find(s)] == 1 {
			borrowers = append(borrowers, s)
		}
	}
	slices.Sort(borrowers)
	for _, s := range borrowers {
		g.union(s, g.weak[s].from)
	}
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
		g.size[s] = 1
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

// union joins the families of a and b under the smaller root.
func (g *Grouper) union(a, b uint64) {
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	g.up[rb] = ra
	g.size[ra] += g.size[rb]
	delete(g.size, rb)
}
