package engine

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
)

// TraceOptions tune a trace.
type TraceOptions struct {
	// MaxMembers bounds the family: past it, the trace stops looking for
	// more members and says so. <= 0 means DefaultMaxMembers.
	MaxMembers int
	// Live gathers the family by aligning even when the store's families
	// (see UpdateFamilies) are up to date and hold the article's.
	Live bool
}

// DefaultMaxMembers is how many members a trace gathers at most.
const DefaultMaxMembers = 200

// traceNeighbours is how many stored articles a trace aligns with each
// member: enough for a wire story syndicated to many sites, whose copies
// then find the rest.
const traceNeighbours = 25

// Trace gathers the family of an article: every stored article joined to
// it by derivation, confirmed by alignment. The article is a stored one
// when a.Text is empty and a.ID names it; otherwise its text is traced as
// given, stored or not. The family's members are ordered by
// provenance.Build, and each member is compared with its parent for the
// credits and quotes it kept.
func (e *Engine) Trace(ctx context.Context, a wiretrace.Article, o TraceOptions) (*provenance.Trace, error) {
	if e.store == nil {
		return nil, errNoStore
	}
	maxMembers := o.MaxMembers
	if maxMembers <= 0 {
		maxMembers = DefaultMaxMembers
	}
	stored := false
	if a.Text == "" {
		if a.ID == "" {
			return nil, wiretrace.ErrEmptyText
		}
		got, err := e.store.Get(ctx, a.ID)
		if err != nil {
			return nil, fmt.Errorf("trace %s: %w", a.ID, err)
		}
		a, stored = got, true
	} else {
		// A stored article given with its text is the stored one; a text
		// given without an ID is the stored article with that text, if
		// any (a file added, or a page ingested, then traced).
		var got wiretrace.Article
		var err error
		if a.ID != "" {
			got, err = e.store.Get(ctx, a.ID)
		} else {
			got, err = e.store.FindText(ctx, a.Text)
		}
		if err == nil && got.Text == a.Text {
			a, stored = got, true
		} else if err != nil && !errors.Is(err, wiretrace.ErrNotFound) {
			return nil, fmt.Errorf("trace %s: %w", cmp.Or(a.ID, "text"), err)
		}
	}
	given := a.ID
	if !stored && a.ID == "" {
		// Named in the story by the ID it would be stored under, so that
		// the reasons and the tree can say which text they mean.
		a.ID = ID(a.Text)
	}
	seed := Prepare(a.Text)
	if seed.Empty() {
		return nil, wiretrace.ErrEmptyText
	}
	if stored && !o.Live {
		t, ok, err := e.storedTrace(ctx, a, seed, maxMembers)
		if err != nil || ok {
			return t, err
		}
	}
	g := &gathering{e: e, bySeq: map[uint64]int{}, linked: map[[2]int]bool{}}
	g.member(a, seed, stored)
	truncated, err := g.gather(ctx, maxMembers)
	if err != nil {
		return nil, err
	}
	t, err := g.trace(ctx)
	if err != nil {
		return nil, err
	}
	t.ID, t.Stored, t.Truncated = given, stored, truncated
	return t, nil
}

// storedTrace returns the stored story of a's family when the store's
// families are up to date: every stored article was linked. ok is false
// when they are not, and the trace must be gathered.
func (e *Engine) storedTrace(ctx context.Context, a wiretrace.Article, t *Text, maxMembers int) (*provenance.Trace, bool, error) {
	st, err := e.famState(ctx)
	if err != nil || !e.current(st) || a.Seq >= st.Next {
		return nil, false, err
	}
	behind := false
	err = e.store.Scan(ctx, st.Next, func(wiretrace.Article) error {
		behind = true
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, false, err
	}
	if behind {
		return nil, false, nil
	}
	tr := &provenance.Trace{ID: a.ID, Stored: true}
	root, ok, err := e.store.GetNote(ctx, seqKey(notesOf, a.Seq))
	if err != nil {
		return nil, false, err
	}
	if !ok {
		// In no family: a story of one.
		m := provenance.StoryMember{Member: memberOf(a, t), Traced: true}
		m.When, m.WhenFrom = provenance.When(m.Member)
		tr.Story = provenance.Story{Family: a.ID, Origin: a.ID, Sure: "low", Reasons: []string{"it is the only member"}, Members: []provenance.StoryMember{m}}
		return tr, true, nil
	}
	first, size, _ := strings.Cut(string(root), " ")
	n, err := strconv.Atoi(size)
	if err != nil {
		return nil, false, fmt.Errorf("trace: note %s: %w", seqKey(notesOf, a.Seq), wiretrace.ErrCorrupt)
	}
	if n > maxMembers {
		// A family too large to tell whole: its members nearest the
		// article by the stored links.
		tr.Story, tr.Truncated, err = e.nearStory(ctx, a.Seq, first, maxMembers)
		if err != nil {
			return nil, false, err
		}
		tr.FamilySize = n
		for i := range tr.Members {
			m := &tr.Members[i]
			m.Traced = m.ID == a.ID && m.Of == ""
		}
		return tr, true, nil
	}
	story, ok, err := e.readStory(ctx, notesStory+first)
	if err != nil || !ok {
		return nil, false, err
	}
	tr.Story = story
	for i := range tr.Members {
		m := &tr.Members[i]
		m.Traced = m.ID == a.ID && m.Of == ""
	}
	return tr, true, nil
}

// nearStory tells the part of a large family nearest the article from: at
// most maxMembers members of the family whose first member is root (the
// hexadecimal Seq of its fam/of note), taken breadth first along the
// stored links (the article, then those linked to it, then those linked to
// them), ordered from the links between them. truncated says members were
// left out.
func (e *Engine) nearStory(ctx context.Context, from uint64, root string, maxMembers int) (s provenance.Story, truncated bool, err error) {
	in := map[uint64]bool{from: true}
	out := map[uint64]bool{} // linked, but in another family: a bridge was cut
	order := []uint64{from}
	var pairs [][2]uint64 // links from a member to a later article, by key only
	take := func(seq uint64) error {
		if in[seq] || out[seq] {
			return nil
		}
		if len(order) >= maxMembers {
			truncated = true
			return nil
		}
		v, _, err := e.store.GetNote(ctx, seqKey(notesOf, seq))
		if err != nil {
			return err
		}
		if first, _, _ := strings.Cut(string(v), " "); first != root {
			out[seq] = true
			return nil
		}
		in[seq] = true
		order = append(order, seq)
		return nil
	}
	// Every member taken is read for its partners, by the notes' keys
	// alone (a hub of a large family has thousands of links); members are
	// taken only while there is room.
	for i := 0; i < len(order); i++ {
		seq := order[i]
		later := seqKey(notesLink, seq) + "/"
		err := e.store.ScanNotes(ctx, later, func(key string, _ []byte) error {
			b, err := strconv.ParseUint(key[len(later):], 16, 64)
			if err != nil {
				return fmt.Errorf("trace: note %s: %w", key, wiretrace.ErrCorrupt)
			}
			pairs = append(pairs, [2]uint64{seq, b})
			return take(b)
		})
		if err != nil {
			return s, false, err
		}
		earlier := seqKey(notesEarly, seq) + "/"
		err = e.store.ScanNotes(ctx, earlier, func(key string, _ []byte) error {
			a, err := strconv.ParseUint(key[len(earlier):], 16, 64)
			if err != nil {
				return fmt.Errorf("trace: note %s: %w", key, wiretrace.ErrCorrupt)
			}
			return take(a)
		})
		if err != nil {
			return s, false, err
		}
	}
	// The links between members, read whole.
	var links []storedLink
	for _, p := range pairs {
		if !in[p[1]] {
			continue
		}
		key := linkKey(p[0], p[1])
		v, ok, err := e.store.GetNote(ctx, key)
		if err != nil {
			return s, false, err
		}
		l := storedLink{a: p[0], b: p[1]}
		if !ok || json.Unmarshal(v, &l.famLink) != nil {
			return s, false, fmt.Errorf("trace: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		links = append(links, l)
	}
	members := make(map[uint64]*famMember, len(order))
	for _, seq := range order {
		m := new(famMember)
		if err := e.readMember(ctx, seq, m); err != nil {
			return s, false, err
		}
		members[seq] = m
	}
	slices.Sort(order)
	var ms []provenance.Member
	for _, m := range members {
		ms = append(ms, m.Member)
	}
	records, err := e.siteRecords(ctx, ms)
	if err != nil {
		return s, false, err
	}
	return orderOf(order, members, links, records, nil).story(), truncated, nil
}

// errStop ends a scan early.
var errStop = errors.New("stop")

// gathering is a trace's work: the articles found so far and the links
// between them. Member 0 is the traced article.
type gathering struct {
	e       *Engine
	arts    []wiretrace.Article
	texts   []*Text
	members []provenance.Member
	links   []provenance.Link
	// checked marks the members whose neighbours were looked for.
	checked []bool
	bySeq   map[uint64]int
	linked  map[[2]int]bool
	// briefIdx is the index of briefs, read at the first member that
	// looks it up (briefs).
	briefIdx *briefIndex
}

// member returns the index of the member article a (with text t) is,
// adding it when it is new; stored says a is a stored article.
func (g *gathering) member(a wiretrace.Article, t *Text, stored bool) int {
	if i, ok := g.bySeq[a.Seq]; ok && stored {
		return i
	}
	i := len(g.members)
	g.arts = append(g.arts, a)
	g.texts = append(g.texts, t)
	m := memberOf(a, t)
	m.Unstored = !stored
	g.members = append(g.members, m)
	g.checked = append(g.checked, false)
	if stored {
		g.bySeq[a.Seq] = i
	}
	return i
}

// gather looks for neighbours until every member of the traced article's
// group was checked, or the bound is reached; it reports the latter.
func (g *gathering) gather(ctx context.Context, maxMembers int) (bool, error) {
	truncated := false
	for {
		group := g.group(g.joins())
		todo := -1
		for _, i := range group {
			if !g.checked[i] {
				todo = i
				break
			}
		}
		if todo < 0 || truncated {
			return truncated, nil
		}
		g.checked[todo] = true
		q := linkQuery{self: g.arts[todo].Seq, stored: !g.members[todo].Unstored, limit: traceNeighbours}
		ns, err := g.e.neighbours(ctx, g.texts[todo], q)
		if err == nil {
			ns, err = g.briefs(ctx, todo, ns)
		}
		if err != nil {
			return false, err
		}
		for _, n := range ns {
			if _, ok := g.bySeq[n.article.Seq]; !ok && len(g.members) >= maxMembers {
				// No room: the trace says it stopped.
				truncated = true
				continue
			}
			j := g.member(n.article, n.text, true)
			if j == todo || g.linked[[2]int{min(j, todo), max(j, todo)}] {
				continue
			}
			g.linked[[2]int{min(j, todo), max(j, todo)}] = true
			if g.members[todo].Unstored || n.article.Seq < g.arts[todo].Seq {
				g.links = append(g.links, n.link(j, todo, g.texts[todo]))
				continue
			}
			// Linking a store aligns each pair from its later member;
			// so does a trace, so that it finds the links the families
			// hold (one site's own background reused is partial from
			// the later story's side, a copy from the earlier's).
			if later, ok := g.e.neighbourOf(n.text, g.arts[todo], g.texts[todo]); ok {
				g.links = append(g.links, later.link(todo, j, n.text))
			}
		}
		if err := g.takes(ctx, todo, maxMembers, &truncated); err != nil {
			return false, err
		}
	}
}

// briefs adds to ns, the neighbours of member todo, the briefs of the
// index that families keep (briefs.go) that derive from it, stored before
// it or after: a brief retelling a story in its own words shares too few
// fingerprints with it to be among its neighbours. A short member looks
// up none: a brief finds its story itself.
func (g *gathering) briefs(ctx context.Context, todo int, ns []neighbour) ([]neighbour, error) {
	t := g.texts[todo]
	if t.Short() {
		return ns, nil
	}
	if g.briefIdx == nil {
		idx, err := g.e.storedBriefs(ctx)
		if err != nil {
			return nil, err
		}
		g.briefIdx = idx
	}
	idx := g.briefIdx
	if len(idx.bySeq) == 0 {
		return ns, nil
	}
	l := linked{own: ns, hits: map[uint64]int{}}
	hits(t.Probes(), math.MaxUint64, l.hits, idx)
	if err := g.e.linkBriefs(ctx, t, &l, idx); err != nil {
		return nil, err
	}
	return l.all(), nil
}

// takes links member todo, when it is a take, with the stored takes of its
// story that the index of takes holds (those linked by an earlier run of
// families): the takes of one story may share no text.
func (g *gathering) takes(ctx context.Context, todo, maxMembers int, truncated *bool) error {
	prefix, words, ok := takeStory(g.arts[todo])
	if !ok {
		return nil
	}
	seqs, err := g.e.storedTakes(ctx, prefix, words, nil, func(uint64) bool { return true })
	if err != nil {
		return err
	}
	for _, seq := range seqs {
		j, known := g.bySeq[seq]
		if !known {
			if len(g.members) >= maxMembers {
				*truncated = true
				continue
			}
			a, err := g.e.articleAt(ctx, seq)
			if errors.Is(err, wiretrace.ErrNotFound) {
				continue // removed since it was indexed
			} else if err != nil {
				return err
			}
			j = g.member(a, g.e.cache.get(a.Seq, a.Text), true)
		}
		if j == todo || g.linked[[2]int{min(j, todo), max(j, todo)}] {
			continue
		}
		g.linked[[2]int{min(j, todo), max(j, todo)}] = true
		g.links = append(g.links, provenance.Link{A: j, B: todo, Relation: provenance.Take})
	}
	return nil
}

// articleAt returns the stored article of Seq seq, which the families
// hold a member note of, or ErrNotFound.
func (e *Engine) articleAt(ctx context.Context, seq uint64) (wiretrace.Article, error) {
	v, ok, err := e.store.GetNote(ctx, seqKey(notesMember, seq))
	if err != nil {
		return wiretrace.Article{}, err
	}
	var m famMember
	if !ok || json.Unmarshal(v, &m) != nil {
		return wiretrace.Article{}, wiretrace.ErrNotFound
	}
	a, err := e.store.Get(ctx, m.ID)
	if err == nil && a.Seq != seq {
		err = wiretrace.ErrNotFound
	}
	return a, err
}

// group returns the members in the traced article's family as the links
// found so far make it, member 0 first.
func (g *gathering) group(joins func(provenance.Link) bool) []int {
	gr := provenance.NewGrouper()
	// Members are numbered from 1 for the grouper, which takes Seqs.
	for _, l := range g.links {
		if joins(l) {
			gr.Join(uint64(l.A+1), uint64(l.B+1))
		}
	}
	for _, fam := range gr.Families() {
		if fam[0] == 1 {
			out := make([]int, len(fam))
			for k, s := range fam {
				out[k] = int(s - 1)
			}
			return out
		}
	}
	return []int{0}
}

// joins returns whether a link joins its members, as the grouping of a
// store decides: not between one site's stories of two days (apart), and
// for an article with no slug linked to one site's takes of several days,
// only to the day it was given (dayPicks).
func (g *gathering) joins() func(provenance.Link) bool {
	// dayPicks reads stored links and members; members are numbered by
	// their index here.
	links := make([]storedLink, len(g.links))
	members := make(map[uint64]*famMember, len(g.members))
	for k, l := range g.links {
		links[k] = storedLink{a: uint64(l.A), b: uint64(l.B), famLink: famLink{Link: l}}
	}
	for i := range g.members {
		members[uint64(i)] = &famMember{Member: g.members[i]}
	}
	pick := dayPicks(links, members)
	return func(l provenance.Link) bool {
		return !apart(g.members[l.A], g.members[l.B], l.Relation) && pick(storedLink{a: uint64(l.A), b: uint64(l.B), famLink: famLink{Link: l}})
	}
}

// split cuts the traced article's group (member 0 first) at its bridges,
// as the grouping of a store does, and returns the part that holds it,
// member 0 first.
func (g *gathering) split(group []int, joins func(provenance.Link) bool) []int {
	pos := make(map[int]int, len(group))
	for k, i := range group {
		pos[i] = k
	}
	var pairs [][2]int
	var held []bool
	for _, l := range g.links {
		a, okA := pos[l.A]
		b, okB := pos[l.B]
		if okA && okB && joins(l) {
			pairs = append(pairs, [2]int{a, b})
			held = append(held, l.Relation == provenance.Take)
		}
	}
	part := provenance.Split(len(group), pairs, held)[0]
	out := make([]int, len(part))
	for k, i := range part {
		out[k] = group[i]
	}
	return out
}

// trace orders the traced article's group and compares each member with
// its parent.
func (g *gathering) trace(ctx context.Context) (*provenance.Trace, error) {
	joins := g.joins()
	group := g.split(g.group(joins), joins)
	in := make(map[int]int, len(group)) // gathering index -> family index
	var members []provenance.Member
	var links []provenance.Link
	src := make([]int, 0, len(group)) // family index of an article -> gathering index
	for _, i := range group {
		in[i] = len(members)
		members = append(members, g.members[i])
		src = append(src, i)
	}
	for _, l := range g.links {
		a, okA := in[l.A]
		b, okB := in[l.B]
		if okA && okB && joins(l) {
			l.A, l.B = a, b
			links = append(links, l)
		}
	}
	// Appearances: the same text under other IDs and sites.
	aps := make([][]wiretrace.Appearance, len(members))
	for _, i := range group {
		aps[in[i]] = g.arts[i].Appearances
	}
	members, links, text, link := provenance.WithAppearances(members, links, aps)
	records, err := g.e.siteRecords(ctx, members)
	if err != nil {
		return nil, err
	}
	f := provenance.BuildWith(members, links, records, nil)
	t := &provenance.Trace{}
	t.Story = f.Story(func(p, k int, _ provenance.Link) (provenance.Against, bool) {
		if link[f.Via[k]] < 0 {
			// An appearance: the same text as its article.
			return provenance.Against{}, false
		}
		return provenance.AgainstOf(g.e.opts.compare(g.texts[src[text[p]]], g.texts[src[text[k]]])), true
	})
	for i := range t.Members {
		t.Members[i].Traced = t.Members[i].Seq == g.arts[0].Seq && t.Members[i].ID == g.arts[0].ID && t.Members[i].Of == "" && t.Members[i].Unstored == g.members[0].Unstored
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return t, nil
}
