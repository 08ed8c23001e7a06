package provenance

import (
	"cmp"
	"container/heap"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
)

// Family is a story's members put in order: the origin, each copy's parent
// and the timeline.
type Family struct {
	Members []Member
	Links   []Link
	// Origin is the member the others derive from.
	Origin int
	// Confidence runs from 0 to 1: the share of the origin's links whose
	// evidence puts it first, weighed by how strong the evidence is, a
	// member it has no link with that appeared before it counting as a
	// link against it. Sure names it: "high", "medium" or "low".
	Confidence float64
	Sure       string
	// Reasons say, in words, why the origin is the origin, and what speaks
	// against it.
	Reasons []string
	// Parent is each member's parent, -1 for the origin and for a member
	// no link reaches; Via the index in Links of the link to the parent.
	Parent []int
	Via    []int
	// Before is, for each member with a parent, the evidence that the
	// parent came first.
	Before []float64
	// Timeline lists the members in the order they appeared: by the time
	// each claims or was seen, members without a time last in tree order.
	Timeline []int
}

// Build orders a family from its members and the links between them. The
// origin is the member that the weighed evidence of its links puts before
// the others the most; each other member is attached, in turn, to the
// member already placed that it shares most with, preferring the origin
// among near equals (syndication from the wire is the common case, a copy
// of a copy the one that needs showing). Build is deterministic: ties go
// to the member stored first, then to the lower index.
func Build(members []Member, links []Link) Family {
	n := len(members)
	f := Family{Members: members, Links: links, Origin: -1}
	f.Parent = make([]int, n)
	f.Via = make([]int, n)
	f.Before = make([]float64, n)
	for i := range f.Parent {
		f.Parent[i], f.Via[i] = -1, -1
	}
	if n == 0 {
		return f
	}
	// evidence[k] is the weighed evidence that links[k].A came before
	// links[k].B (Order's Before; explain and Story write the reasons of
	// the few links they tell).
	evidence := make([]float64, len(links))
	score := make([]float64, n)
	for k, l := range links {
		evidence[k] = weigh(members[l.A], members[l.B], l)
		score[l.A] += evidence[k]
		score[l.B] -= evidence[k]
	}
	// Completeness: the origin is the text the others share most with;
	// each copy changed it its own way. It weighs less than any one piece
	// of evidence, and decides when nothing else does.
	for _, l := range links {
		score[l.A] += weightCentral * l.Score
		score[l.B] += weightCentral * l.Score
	}
	rank := make([]int, n)
	for i := range rank {
		rank[i] = i
	}
	slices.SortStableFunc(rank, func(i, j int) int {
		return cmp.Or(cmp.Compare(score[j], score[i]), compareSeq(members[i], members[j]))
	})
	f.Origin = rank[0]

	// Attach members one at a time, in the order they appeared as far as
	// their times tell, those without a time last in rank order: each goes
	// under the placed member that best explains it, so that a copy's
	// parent is one that was there before it.
	queue := slices.Clone(rank[1:])
	slices.SortStableFunc(queue, func(i, j int) int {
		ti, _ := When(members[i])
		tj, _ := When(members[j])
		if ti.IsZero() || tj.IsZero() {
			return cmp.Compare(btoi(ti.IsZero()), btoi(tj.IsZero()))
		}
		return ti.Compare(tj)
	})
	placed := make([]bool, n)
	placed[f.Origin] = true
	byMember := make([][]int, n)
	for k, l := range links {
		byMember[l.A] = append(byMember[l.A], k)
		byMember[l.B] = append(byMember[l.B], k)
	}
	// The next member placed is the first in the queue linked to a placed
	// one: a heap of queue positions, fed as members are placed, keeps
	// this linear in the links rather than quadratic in the members.
	position := make([]int, n)
	for p, i := range queue {
		position[i] = p
	}
	var ready posHeap
	queued := make([]bool, n)
	// waitFor is the member each member waits for (see waits), -1 for
	// none: it is offered again only once that one is placed.
	waitFor := make([]int, n)
	for i := range waitFor {
		waitFor[i] = -1
	}
	offer := func(m int) {
		for _, k := range byMember[m] {
			o := links[k].A
			if o == m {
				o = links[k].B
			}
			if !placed[o] && !queued[o] && (waitFor[o] < 0 || placed[waitFor[o]]) {
				queued[o] = true
				heap.Push(&ready, position[o])
			}
		}
	}
	// story marks the origin and its takes (the members its take links
	// reach): the agency's story, which a copy is more often taken from
	// than from another copy.
	story := make([]bool, n)
	story[f.Origin] = true
	for grown := true; grown; {
		grown = false
		for _, l := range links {
			if l.Relation == Take && story[l.A] != story[l.B] {
				story[l.A], story[l.B], grown = true, true, true
			}
		}
	}
	offer(f.Origin)
	order := []int{f.Origin}
	// waits says member c credits the site of a member that is ready to
	// be placed, credits not c's, and that the evidence of their link
	// (the credit among it) puts first: a copy names where it came from,
	// so c waits for it, however the times came (crawlers find pages
	// late). A member waits once (waitFor); the one it waits for, once
	// placed, offers it again through their link.
	waits := func(c int) bool {
		site := SiteKey(members[c].Site)
		for _, k := range byMember[c] {
			o, before := links[k].A, evidence[k]
			if o == c {
				o, before = links[k].B, -before
			}
			if other := SiteKey(members[o].Site); before > 0 && !placed[o] && queued[o] && other != "" && other != site && hasCredit(members[c].Credits, other) && !hasCredit(members[o].Credits, site) {
				waitFor[c] = o
				return true
			}
		}
		return false
	}
	for ready.Len() > 0 {
		next := queue[heap.Pop(&ready).(int)]
		if waitFor[next] < 0 && waits(next) {
			queued[next] = false
			continue
		}
		via := bestParent(next, byMember[next], members, links, placed, f.Origin, evidence, story)
		placed[next] = true
		order = append(order, next)
		f.Via[next] = via
		l := links[via]
		if l.A == next {
			f.Parent[next] = l.B
			f.Before[next] = -evidence[via]
		} else {
			f.Parent[next] = l.A
			f.Before[next] = evidence[via]
		}
		offer(next)
	}
	f.Confidence, f.Sure, f.Reasons = explain(f.Origin, members, links, byMember[f.Origin])
	f.Timeline = timeline(members, order, rank, placed)
	return f
}

// bestParent returns the link joining c to the placed member that best
// explains it (see fit), among those not judged to come after it, a member
// whose site c credits first; the origin wins within nearOrigin of the
// best, a take of its story (story) within nearTake, either within
// nearTaker of a best on a site that takes most of what it runs. -1 when
// no link reaches a placed member.
func bestParent(c int, ks []int, members []Member, links []Link, placed []bool, origin int, evidence []float64, story []bool) int {
	// Any link to a placed member beats none: a take link fits 0, and
	// less than that when the evidence puts its other member after c.
	credited := creditedBy(c, ks, members, links, placed)
	best, bestScore, fromStory := -1, math.Inf(-1), -1
	fromScore := math.Inf(-1)
	for _, k := range ks {
		l := links[k]
		p, before := l.A, evidence[k]
		if p == c {
			p, before = l.B, -before
		}
		if !placed[p] {
			continue
		}
		// A copy that credits a member's site came from there, unless
		// another it could have come from carries the same credit (a
		// copy that kept the wire's): that outranks any fit (fits run
		// from 0 to 1). A paper's rebranded copy's name in copies taken
		// from that copy.
		s := fit(l, p)
		if credited(p) {
			s++
		}
		// A parent the evidence puts clearly after c is only taken when
		// nothing else reaches it.
		if before <= -0.3 {
			s -= 1
		}
		if s > bestScore || s == bestScore && best >= 0 && k < best {
			best, bestScore = k, s
		}
		if story[p] && (s > fromScore || fromStory < 0) {
			fromStory, fromScore = k, s
		}
	}
	margin := nearOrigin
	if fromStory >= 0 && links[fromStory].A != origin && links[fromStory].B != origin {
		margin = nearTake
	}
	// A copy on a site that takes most of what it runs is a parent only
	// when it explains the member clearly better than the story does.
	if best >= 0 {
		p := links[best].A
		if p == c {
			p = links[best].B
		}
		if r := members[p].Record; r != nil {
			if sh, n := r.share(); n >= minRecord && sh <= takerShare {
				margin = max(margin, nearTaker)
			}
		}
	}
	if fromStory >= 0 && best != fromStory && fromScore >= bestScore-margin {
		return fromStory
	}
	return best
}

// creditedBy returns whether member c credits a placed member p's site
// (not its own) that no other placed member linked to c (through links
// ks) carries the credit of too.
func creditedBy(c int, ks []int, members []Member, links []Link, placed []bool) func(p int) bool {
	own := SiteKey(members[c].Site)
	carriers := map[string]int{} // a credited site: the placed members crediting it
	return func(p int) bool {
		site := SiteKey(members[p].Site)
		if site == "" || site == own || !hasCredit(members[c].Credits, site) {
			return false
		}
		n, ok := carriers[site]
		if !ok {
			for _, k := range ks {
				q := links[k].A
				if q == c {
					q = links[k].B
				}
				if placed[q] && hasCredit(members[q].Credits, site) {
					n++
				}
			}
			carriers[site] = n
		}
		if hasCredit(members[p].Credits, site) {
			n--
		}
		return n == 0
	}
}

// fit is how well member p of link l explains the other member as its
// parent: how much they share, and how much of p the other kept. A copy
// trimmed from a trimmed copy keeps all of that copy and only part of the
// origin; a copy spun from a spun copy shares its substitutions.
func fit(l Link, p int) float64 {
	cover := l.CoverA
	if p == l.B {
		cover = l.CoverB
	}
	return (l.Score + cover) / 2
}

// weightCentral weighs a link's score toward both its members' standing as
// the origin: a member that shares much with many others gains most.
const weightCentral = 0.1

// nearOrigin is how much closer a copy must be to another copy than to the
// origin to be called a copy of that copy: a spun or trimmed copy of a copy
// shares the copy's changes and scores well above this over the origin.
const nearOrigin = 0.03

// nearTaker is how much closer a copy must be to another copy than to the
// origin or a take of its story to be called a copy of that copy when the
// other copy's site takes most of what it runs (it originated takerShare
// or less of the stories it ran with other sites, minRecord at least, in
// the store's other families: SiteRecord): papers and farms print the
// wire's story, and are rarely where another site took it from. Chosen on
// the tuning corpora of eval families (mean parent accuracy of the
// generated and METER parts, 0.706 without: 0.2 0.722, 0.4 0.723, 0.6
// 0.724, 1 0.720); takerShare, a fifth, is reasoned.
const (
	nearTaker  = 0.6
	takerShare = 0.2
)

// nearTake is how much closer a copy must be to another copy than to a
// take of the origin's story (a later part or version the agency filed
// under its slug) to be called a copy of that copy: papers' reports of one
// take share its wording with one another, and are written from the
// take. Chosen on METER's tuning half (parent accuracy 0.609 at 0.03, the
// origin's margin; 0.616, 0.620, 0.623 and 0.623 at 0.05, 0.1, 0.2 and
// 0.4: the least of the best); the generated corpora have no takes.
const nearTake = 0.2

// explain says how sure the origin is and why, from the evidence of its
// own links.
func explain(origin int, members []Member, links []Link, ks []int) (float64, string, []string) {
	if len(ks) == 0 {
		return 0, "low", []string{"it is the only member"}
	}
	type tally struct {
		for_, against int
		example       string
	}
	kinds := map[string]*tally{}
	var sum float64
	for _, k := range ks {
		e := Order(members[links[k].A], members[links[k].B], links[k])
		sign := 1.0
		if links[k].B == origin {
			sign = -1
		}
		sum += max(-1, min(1, sign*e.Before))
		for _, r := range e.Reasons {
			t := kinds[r.Kind]
			if t == nil {
				t = &tally{}
				kinds[r.Kind] = t
			}
			if sign*r.Weight > 0 {
				t.for_++
				if t.example == "" {
					t.example = r.Text
				}
			} else {
				t.against++
			}
		}
	}
	// A member the origin has no link with says nothing in those links'
	// evidence; one that claims a time before the origin's, or was
	// captured before it, speaks against it all the same, as a link
	// whose evidence put that member first would.
	linked := make([]bool, len(members))
	for _, k := range ks {
		linked[links[k].A], linked[links[k].B] = true, true
	}
	earlier := 0
	if to, ok := appeared(members[origin]); ok {
		for i, m := range members {
			if i == origin || linked[i] {
				continue
			}
			if t, ok := appeared(m); ok && to.Sub(t) >= minGap {
				earlier++
			}
		}
	}
	conf := max(0, (sum-float64(earlier))/float64(len(ks)+earlier))
	conf = float64(int(conf*100+0.5)) / 100
	sure := "low"
	switch {
	case conf >= 0.6:
		sure = "high"
	case conf >= 0.3:
		sure = "medium"
	}
	others := len(ks)
	var reasons []string
	for _, kind := range kindOrder {
		t := kinds[kind]
		if t == nil {
			continue
		}
		if t.for_ > 0 {
			reasons = append(reasons, fmt.Sprintf("%s: %d of %d linked members (%s)", kindSays[kind], t.for_, others, t.example))
		}
		if t.against > 0 {
			reasons = append(reasons, fmt.Sprintf("against: %s for %d of %d linked members", kindSaysAgainst[kind], t.against, others))
		}
	}
	if len(reasons) == 0 {
		reasons = []string{"nothing orders it before the others: no times, no credits, no difference in what the texts hold"}
	}
	switch {
	case earlier == 1:
		reasons = append(reasons, "against: a member it has no link with appeared before it")
	case earlier > 1:
		reasons = append(reasons, fmt.Sprintf("against: %d members it has no link with appeared before it", earlier))
	}
	return conf, sure, reasons
}

// appeared is when m claims to have been published, else when it was
// captured: not when it was stored.
func appeared(m Member) (time.Time, bool) {
	if t, ok := claimed(m); ok {
		return t, true
	}
	return seen(m)
}

// kindOrder is the kinds of evidence in the order the reasons say them,
// strongest first.
var kindOrder = []string{KindRepublished, KindSeenBeforeClaim, KindCredit, KindClaimed, KindClaimedSeen, KindAgency, KindDateline, KindDayAfter, KindContainment, KindLede, KindWording, KindTrimmed, KindAssembled, KindRecord, KindSeen, KindStored}

var kindSays = map[string]string{
	KindRepublished:     "the others say they ran on its site first",
	KindSeenBeforeClaim: "captured before the others say they were published",
	KindCredit:          "credited by the others",
	KindClaimed:         "says it was published first",
	KindClaimedSeen:     "published before the others were captured",
	KindAgency:          "credited to a news agency, where the others credit none",
	KindContainment:     "the others hold little it lacks",
	KindTrimmed:         "the others stop where it goes on",
	KindAssembled:       "the others hold it beside another story",
	KindDateline:        "it opens with its dateline, the others hold theirs after text of their own",
	KindDayAfter:        "the others say of its day what it says of the day before: they were written a day later",
	KindLede:            "it opens with its headline's story, the others with another paragraph",
	KindWording:         "where the others differ from it word for word, it has the commoner words",
	KindRecord:          "its site originated most of what it ran with others; the others' sites took most",
	KindSeen:            "captured first",
	KindStored:          "stored first, and nothing else tells",
}

var kindSaysAgainst = map[string]string{
	KindRepublished:     "it says it ran first on another's site",
	KindSeenBeforeClaim: "another was captured before it says it was published",
	KindCredit:          "it credits another's site",
	KindClaimed:         "another says it was published earlier",
	KindClaimedSeen:     "another's time comes first",
	KindAgency:          "another is credited to a news agency, where it credits none",
	KindContainment:     "it holds little the other lacks",
	KindTrimmed:         "it stops where another goes on",
	KindAssembled:       "it holds another's story beside one of its own",
	KindDateline:        "its dateline comes after text of its own, another opens with one",
	KindDayAfter:        "another says of its day what it says of the day before: it was written a day later",
	KindLede:            "another opens with its headline's story, it with another paragraph",
	KindWording:         "where another differs from it word for word, the other has the commoner words",
	KindRecord:          "its site took most of what it ran with others; another's originated most",
	KindSeen:            "another was captured earlier",
	KindStored:          "another was stored earlier",
}

// timeline orders the placed members by their time, those without one
// after, in tree order.
func timeline(members []Member, order, rank []int, placed []bool) []int {
	out := slices.Clone(order)
	for _, i := range rank {
		if !placed[i] {
			out = append(out, i)
		}
	}
	pos := make(map[int]int, len(out))
	for p, i := range out {
		pos[i] = p
	}
	slices.SortStableFunc(out, func(i, j int) int {
		ti, _ := When(members[i])
		tj, _ := When(members[j])
		switch {
		case ti.IsZero() && tj.IsZero():
			return cmp.Compare(pos[i], pos[j])
		case ti.IsZero():
			return 1
		case tj.IsZero():
			return -1
		}
		return cmp.Or(ti.Compare(tj), cmp.Compare(pos[i], pos[j]))
	})
	return out
}

// Lag returns how long after its parent member i appeared, and whether
// both times are known.
func (f Family) Lag(i int) (time.Duration, bool) {
	p := f.Parent[i]
	if p < 0 {
		return 0, false
	}
	// Only times of publication, claimed or bounded by a capture: when a
	// text was stored says nothing of when it appeared.
	ti, okI := appeared(f.Members[i])
	tp, okP := appeared(f.Members[p])
	if !okI || !okP {
		return 0, false
	}
	return ti.Sub(tp), true
}

// Syndicated reports whether member i's parent is the origin: taken from
// the source itself, not from another copy.
func (f Family) Syndicated(i int) bool { return f.Parent[i] == f.Origin }

// Relation returns the relation of member i to its parent: how i's text
// derives from its parent's.
func (f Family) Relation(i int) wiretrace.Relation {
	if f.Via[i] < 0 {
		return ""
	}
	return f.Links[f.Via[i]].Relation
}

// compareSeq orders members as they were stored, a text not stored last,
// then by ID.
func compareSeq(a, b Member) int {
	return cmp.Or(cmp.Compare(btoi(a.Unstored), btoi(b.Unstored)), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// posHeap is a min-heap of queue positions.
type posHeap []int

func (h posHeap) Len() int           { return len(h) }
func (h posHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h posHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *posHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *posHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
