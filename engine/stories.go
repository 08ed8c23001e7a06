package engine

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
)

// The stories of the families: grouping the linked articles into families
// and ordering each (see UpdateFamilies), reading them back, and the
// chunks a story of thousands is kept in.

// storedLink is a link read back, with its articles' Seqs.
type storedLink struct {
	a, b uint64
	famLink
}

// group regroups the store's families from the links and rewrites the
// stories that changed. It holds the families' shape (two words per linked
// article) and one family's notes at a time, never the whole store's links:
// the families come from the links' keys alone, then each family's member
// notes and links are read through their prefixes, its story made and
// compared with the one kept.
func (e *Engine) group(ctx context.Context, res *FamiliesResult) error {
	g := provenance.NewGrouper()
	err := e.store.ScanNotes(ctx, notesLink, func(key string, _ []byte) error {
		a, b, ok := parseLinkKey(key)
		if !ok {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		g.Join(a, b)
		return nil
	})
	if err != nil {
		return err
	}
	families := g.Families()
	grouped := make(map[uint64]bool, len(families)*4)
	for _, f := range families {
		for _, s := range f {
			grouped[s] = true
		}
	}
	// An article in no link whose text appeared under other IDs is a
	// family of its appearances.
	err = e.store.ScanNotes(ctx, notesMember, func(key string, v []byte) error {
		seq, err := strconv.ParseUint(key[len(notesMember):], 16, 64)
		if err != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		if grouped[seq] {
			return nil
		}
		var m famMember
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		if len(m.Appearances) > 0 {
			families = append(families, []uint64{seq})
			grouped[seq] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(families, func(a, b []uint64) int { return cmp.Compare(a[0], b[0]) })

	var notes []wiretrace.Note
	pending := 0 // the bytes of the notes' values
	flush := func() error {
		if len(notes) == 0 {
			return nil
		}
		slices.SortFunc(notes, func(a, b wiretrace.Note) int { return cmp.Compare(a.Key, b.Key) })
		if err := e.store.PutNotes(ctx, notes); err != nil {
			return fmt.Errorf("families: %w", err)
		}
		clear(notes)
		notes, pending = notes[:0], 0
		return nil
	}
	// put keeps a note unless the store holds it already.
	put := func(key string, v []byte) error {
		prev, ok, err := e.store.GetNote(ctx, key)
		if err != nil {
			return err
		}
		if ok && bytes.Equal(prev, v) {
			return nil
		}
		notes = append(notes, wiretrace.Note{Key: key, Value: v})
		pending += len(v)
		if isStoryKey(key) {
			res.Changed++
		}
		if len(notes) >= 4096 || pending >= 32<<20 {
			return flush()
		}
		return nil
	}
	// The sites' records: what each site's articles were in the families
	// ordered without them, which then order each family again, less
	// what that family added. Both passes meet the families in one order,
	// so each family's own tally is kept in a list read back in turn, by
	// its first member: a few words a family with members on several
	// sites.
	records := provenance.SiteRecords{}
	type tally struct {
		root uint64 // the family's first member
		site string
		provenance.SiteRecord
	}
	var owns []tally
	// The families of groups too large to read whole, cut once for both
	// passes (see eachFamily).
	cuts := map[uint64][][]uint64{}
	for _, linked := range families {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := e.eachFamily(ctx, linked, len(grouped), cuts, func(fam []uint64, members map[uint64]*famMember, links []storedLink) error {
			f := orderOf(fam, members, links, nil, nil).family
			t := provenance.SiteRecords{}
			t.Tally(f)
			for _, site := range slices.Sorted(maps.Keys(t)) {
				owns = append(owns, tally{fam[0], site, t[site]})
			}
			records.Add(t)
			return nil
		})
		if err != nil {
			return err
		}
	}
	kept := map[string]bool{} // the story and site notes written or kept
	for _, site := range slices.Sorted(maps.Keys(records)) {
		v, err := json.Marshal(records[site])
		if err != nil {
			return err
		}
		kept[notesSite+site] = true
		if err := put(notesSite+site, v); err != nil {
			return err
		}
	}
	placed := map[uint64]bool{} // the articles in a story
	stories := 0
	for _, linked := range families {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := e.eachFamily(ctx, linked, len(grouped), cuts, func(f []uint64, members map[uint64]*famMember, links []storedLink) error {
			own := provenance.SiteRecords{}
			for len(owns) > 0 && owns[0].root == f[0] {
				own[owns[0].site] = owns[0].SiteRecord
				owns = owns[1:]
			}
			o := orderOf(f, members, links, records, own)
			stories++
			err := putStory(seqKey(notesStory, f[0]), o.encodeStory, func(key string, v []byte) error {
				kept[key] = true
				return put(key, v)
			})
			if err != nil {
				return err
			}
			// The family's first member and its size: a trace of a member
			// of a family too large to tell whole tells the part nearest
			// it.
			root := []byte(fmt.Sprintf("%016x %d", f[0], len(o.family.Timeline)))
			for _, seq := range f {
				placed[seq] = true
				if err := put(seqKey(notesOf, seq), root); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := flush(); err != nil {
		return err
	}
	// Stories, family notes and sites' records no longer made: removed.
	for _, prefix := range []string{notesStory, notesOf, notesSite} {
		err := e.store.ScanNotes(ctx, prefix, func(key string, _ []byte) error {
			gone := !kept[key]
			if prefix == notesOf {
				seq, err := strconv.ParseUint(key[len(notesOf):], 16, 64)
				gone = err != nil || !placed[seq]
			}
			if gone {
				notes = append(notes, wiretrace.Note{Key: key})
				if isStoryKey(key) {
					res.Changed++
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	res.Families = stories
	for len(notes) > 0 {
		n := min(len(notes), 4096)
		if err := e.store.PutNotes(ctx, notes[:n]); err != nil {
			return fmt.Errorf("families: %w", err)
		}
		notes = notes[n:]
	}
	return nil
}

// eachFamily reads the member notes of a group of linked articles and
// the links between them, cuts the group at its bridges (provenance.Split)
// and calls each with each family left: its members' Seqs, sorted, with
// the member notes and its links. A member whose every link was cut is a
// family only when its text appeared under other IDs too.
//
// A group of more than wholeGroup articles is cut from what cutting
// reads of its members and links alone (readShape, cutGroup), and each
// family left is read again whole: formula stories chain into groups of
// a large part of a store (at a million bench articles, one of most of
// them), which held
// whole took gigabytes, while the families their bridges leave are small.
// Such a group's families are kept in cuts, by its first member, for the
// next call to read them without cutting it again. total is the number of
// articles in all groups: a group or family of an eighth of them or more
// is read in one pass over the notes.
func (e *Engine) eachFamily(ctx context.Context, linked []uint64, total int, cuts map[uint64][][]uint64, each func(fam []uint64, members map[uint64]*famMember, links []storedLink) error) error {
	scan := func(fam []uint64) bool { return len(fam) > wholeGroup && 8*len(fam) >= total }
	if len(linked) <= wholeGroup {
		members, links, err := e.readFamily(ctx, linked, readGroup, false)
		if err != nil {
			return err
		}
		for _, c := range cutGroup(linked, members, links) {
			fam, famLinks := c.members, c.links
			if len(fam) == 1 && len(members[fam[0]].Appearances) == 0 {
				continue
			}
			if err := each(fam, members, famLinks); err != nil {
				return err
			}
		}
		return nil
	}
	fams, ok := cuts[linked[0]]
	if !ok {
		members, links, err := e.readFamily(ctx, linked, readShape, scan(linked))
		if err != nil {
			return err
		}
		for _, c := range cutGroup(linked, members, links) {
			fams = append(fams, c.members)
		}
		cuts[linked[0]] = fams
	}
	for _, fam := range fams {
		members, links, err := e.readFamily(ctx, fam, readCut, scan(fam))
		if err != nil {
			return err
		}
		if len(fam) == 1 && len(members[fam[0]].Appearances) == 0 {
			continue
		}
		if err := each(fam, members, links); err != nil {
			return err
		}
	}
	return nil
}

// cut is one family left of a group cut at its bridges: its members'
// Seqs, sorted, and the links between them.
type cut struct {
	members []uint64
	links   []storedLink
}

// cutGroup cuts a group of linked articles (sorted Seqs) at its bridges.
// A link between one site's stories of two days does not join them
// (apart); a take link is never cut as a bridge.
func cutGroup(linked []uint64, members map[uint64]*famMember, links []storedLink) []cut {
	in := make(map[uint64]int, len(linked))
	for i, s := range linked {
		in[s] = i
	}
	var joined [][2]int
	var held []bool
	pick := dayPicks(links, members)
	for _, l := range links {
		if !apart(members[l.a].Member, members[l.b].Member, l.Relation) && pick(l) {
			joined = append(joined, [2]int{in[l.a], in[l.b]})
			held = append(held, l.Relation == provenance.Take)
		}
	}
	groups := provenance.Split(len(linked), joined, held)
	part := make([]int, len(linked)) // member -> its group
	cuts := make([]cut, len(groups))
	for p, g := range groups {
		cuts[p].members = make([]uint64, len(g))
		for k, i := range g {
			part[i] = p
			cuts[p].members[k] = linked[i]
		}
	}
	// Each group's links, those of a cut bridge left out.
	for _, l := range links {
		if p := part[in[l.a]]; p == part[in[l.b]] {
			cuts[p].links = append(cuts[p].links, l)
		}
	}
	return cuts
}

// wholeGroup is the most linked articles in a group that eachFamily holds
// whole while it cuts the group. Groups of up to a few thousand are most
// of a store's and are read once; the cost of reading a larger one twice
// is small beside aligning it.
var wholeGroup = 4096

// reading says what readFamily reads of the articles it is given.
type reading int

const (
	// readGroup: a group of linked articles whole, a link to an article
	// outside it being damage (every link joins its two articles' group).
	readGroup reading = iota
	// readCut: a family left of a group cut at its bridges, whose cut
	// links to other families are passed over.
	readCut
	// readShape: what cutting a group at its bridges needs of its members
	// (apart, dayPicks: site, times, slug and headline's names) and of its
	// links (relation and score), and no more: no appearances, credits or
	// quotes.
	readShape
)

// readFamily reads the member notes of the articles fam (sorted Seqs) and
// the links between them, as r says. A family of a large part of the
// linked articles (scan) is read in one pass over every member's and every
// link's notes, which costs less than a seek for each of its members.
func (e *Engine) readFamily(ctx context.Context, fam []uint64, r reading, scan bool) (map[uint64]*famMember, []storedLink, error) {
	members := make(map[uint64]*famMember, len(fam))
	var links []storedLink
	member := func(seq uint64, v []byte, found bool) error {
		m := new(famMember)
		if err := decodeMember(seq, v, found, m); err != nil {
			return err
		}
		if r == readShape {
			ap := wiretrace.Appearance{Site: m.Site, Published: m.Published, PublishedFrom: m.PublishedFrom, FirstSeen: m.FirstSeen, FirstSeenFrom: m.FirstSeenFrom}
			m = &famMember{Member: provenance.Member{Appearance: ap, Slug: m.Slug, Names: m.Names}}
		} else if err := e.appearancesNow(ctx, seq, m); err != nil {
			return err
		}
		members[seq] = m
		return nil
	}
	link := func(a, b uint64, v []byte) error {
		if _, ok := slices.BinarySearch(fam, b); !ok {
			if r == readCut {
				return nil
			}
			return fmt.Errorf("families: note %s: an article it links is in another family: %w", linkKey(a, b), wiretrace.ErrCorrupt)
		}
		l := storedLink{a: a, b: b}
		var err error
		if r == readShape {
			var pl provenance.Link
			err = json.Unmarshal(v, &pl)
			l.Relation, l.Score = pl.Relation, pl.Score
		} else {
			err = json.Unmarshal(v, &l.famLink)
		}
		if err != nil {
			return fmt.Errorf("families: note %s: %w", linkKey(a, b), wiretrace.ErrCorrupt)
		}
		links = append(links, l)
		return nil
	}
	in := func(seq uint64) bool {
		_, ok := slices.BinarySearch(fam, seq)
		return ok
	}
	if !scan {
		for _, seq := range fam {
			v, found, err := e.store.GetNote(ctx, seqKey(notesMember, seq))
			if err != nil {
				return nil, nil, err
			}
			if err := member(seq, v, found); err != nil {
				return nil, nil, err
			}
			if err := e.scanLinks(ctx, seqKey(notesLink, seq)+"/", link); err != nil {
				return nil, nil, err
			}
		}
		return members, links, nil
	}
	err := e.store.ScanNotes(ctx, notesMember, func(key string, v []byte) error {
		seq, err := strconv.ParseUint(key[len(notesMember):], 16, 64)
		if err != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		if !in(seq) {
			return nil
		}
		return member(seq, v, true)
	})
	if err != nil {
		return nil, nil, err
	}
	for _, seq := range fam {
		if members[seq] == nil {
			return nil, nil, member(seq, nil, false)
		}
	}
	// Links come in the order of their keys, as a member's do.
	err = e.scanLinks(ctx, notesLink, func(a, b uint64, v []byte) error {
		if !in(a) {
			return nil
		}
		return link(a, b, v)
	})
	return members, links, err
}

// appearancesNow gives m the appearances the store holds now: linking
// writes a member's note again from the article as it read it, which an
// add in another process may have given an appearance since
// (noteAppearances).
func (e *Engine) appearancesNow(ctx context.Context, seq uint64, m *famMember) error {
	now, aps, err := e.store.Appearances(ctx, m.ID)
	switch {
	case err == nil && now == seq:
		m.Appearances = aps
	case err != nil && !errors.Is(err, wiretrace.ErrNotFound):
		return fmt.Errorf("families: %w", err)
	}
	return nil
}

// scanLinks calls fn with the two articles and the note of each link
// whose key starts with prefix: every link (notesLink), or those whose
// first stored article is seq (seqKey(notesLink, seq)+"/").
func (e *Engine) scanLinks(ctx context.Context, prefix string, fn func(a, b uint64, v []byte) error) error {
	return e.store.ScanNotes(ctx, prefix, func(key string, v []byte) error {
		a, b, ok := parseLinkKey(key)
		if !ok {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		return fn(a, b, v)
	})
}

// readMember reads the member note of a linked article into v; one
// missing is damage, since every link names two members.
func (e *Engine) readMember(ctx context.Context, seq uint64, v any) error {
	b, ok, err := e.store.GetNote(ctx, seqKey(notesMember, seq))
	if err != nil {
		return err
	}
	return decodeMember(seq, b, ok, v)
}

// decodeMember reads the member note b of a linked article into v, found
// saying the store holds it.
func decodeMember(seq uint64, b []byte, found bool, v any) error {
	if !found || json.Unmarshal(b, v) != nil {
		return fmt.Errorf("families: note %s: %w", seqKey(notesMember, seq), wiretrace.ErrCorrupt)
	}
	return nil
}

// ordered is one family ordered from its stored links: the family, and
// what its story needs to tell each link's credits.
type ordered struct {
	family provenance.Family
	// index is each member's place among the family's own members (its
	// stored articles, before appearances); stored[k] the link Links[k]
	// came from; text and link as provenance.WithAppearances returns them.
	index      map[uint64]int
	stored     []*storedLink
	text, link []int
}

// orderOf orders one family from its stored links, taken in the order of
// their keys (it sorts links), with the sites' records less the family's
// own part in them (own; nil when unknown: provenance.BuildWith finds it).
func orderOf(fam []uint64, members map[uint64]*famMember, links []storedLink, records, own provenance.SiteRecords) ordered {
	index := map[uint64]int{}
	var ms []provenance.Member
	for _, s := range fam {
		index[s] = len(ms)
		ms = append(ms, members[s].Member)
	}
	ls := make([]provenance.Link, 0, len(links))
	stored := make([]*storedLink, 0, len(links)) // stored[k] is the link ls[k] came from
	slices.SortFunc(links, func(x, y storedLink) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	for k := range links {
		l := &links[k]
		ia, okA := index[l.a]
		ib, okB := index[l.b]
		if okA && okB {
			pl := l.Link
			pl.A, pl.B = ia, ib
			ls = append(ls, pl)
			stored = append(stored, l)
		}
	}
	aps := make([][]wiretrace.Appearance, len(ms))
	for _, s := range fam {
		aps[index[s]] = members[s].Appearances
	}
	ms, ls, text, link := provenance.WithAppearances(ms, ls, aps)
	return ordered{family: provenance.BuildWith(ms, ls, records, own), index: index, stored: stored, text: text, link: link}
}

// story tells the ordered family, each member with what it did with its
// parent's credits and quotes as its stored link says.
func (o ordered) story() provenance.Story { return o.family.Story(o.against) }

// encodeStory writes the story's JSON to w (see provenance.EncodeStory).
func (o ordered) encodeStory(w io.Writer) error { return o.family.EncodeStory(w, o.against) }

// against is what member k did with its parent p's text, credits and
// quotes, as its stored link says.
func (o ordered) against(p, k int, via provenance.Link) (provenance.Against, bool) {
	f := o.family
	if o.link[f.Via[k]] < 0 {
		// An appearance: the same text as its article.
		return provenance.Against{}, false
	}
	l := o.stored[o.link[f.Via[k]]]
	a := provenance.Against{Relation: l.Relation, Rewording: l.Rewording, Score: l.Score}
	// The credits were compared in the direction the link was found in;
	// they tell of this parent and child only if it is theirs.
	pa := o.index[l.a] == o.text[p]
	if pa == (l.From == "a") {
		a.Credit, a.Quotes = l.Credit, l.Quotes
	}
	a.SourceCoverage, a.SuspectCoverage = via.CoverA, via.CoverB
	return a, true
}

func parseLinkKey(key string) (a, b uint64, ok bool) {
	rest := key[len(notesLink):]
	if len(rest) != 33 || rest[16] != '/' {
		return 0, 0, false
	}
	a, errA := strconv.ParseUint(rest[:16], 16, 64)
	b, errB := strconv.ParseUint(rest[17:], 16, 64)
	return a, b, errA == nil && errB == nil
}

// FamilyFilter chooses stories.
type FamilyFilter struct {
	// Since keeps families with a member that appeared at or after it.
	Since time.Time
	// Site keeps families with a member on the site.
	Site string
	// MinSize keeps families of at least so many members.
	MinSize int
}

// Stories calls fn with each stored family's story, in the order of their
// first member, that passes the filter.
func (e *Engine) Stories(ctx context.Context, f FamilyFilter, fn func(provenance.Story) error) error {
	if e.store == nil {
		return errNoStore
	}
	// A story in chunks is its header's key, then the chunks' keys, among
	// which those of another version (a regrouping rewriting it now) are
	// passed over.
	var (
		head, gen    string
		chunks, next int
		buf          []byte
	)
	emit := func(key string, v []byte) error {
		var s provenance.Story
		if err := json.Unmarshal(v, &s); err != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		if !f.keeps(s) {
			return nil
		}
		return fn(s)
	}
	err := e.store.ScanNotes(ctx, notesStory, func(key string, v []byte) error {
		if !isStoryKey(key) {
			if next < chunks && key == chunkKey(head, gen, next) {
				buf = append(buf, v...)
				if next++; next == chunks {
					return emit(head, buf)
				}
			}
			return nil
		}
		if next < chunks {
			return fmt.Errorf("families: note %s: chunk %d missing: %w", head, next, wiretrace.ErrCorrupt)
		}
		if n, g, ok := chunkCount(v); ok {
			head, gen, chunks, next, buf = key, g, n, 0, buf[:0]
			return nil
		}
		return emit(key, v)
	})
	if err == nil && next < chunks {
		err = fmt.Errorf("families: note %s: %d of its %d chunks missing: %w", head, chunks-next, chunks, wiretrace.ErrCorrupt)
	}
	return err
}

func (f FamilyFilter) keeps(s provenance.Story) bool {
	if len(s.Members) < f.MinSize {
		return false
	}
	site, since := f.Site == "", f.Since.IsZero()
	for _, m := range s.Members {
		site = site || strings.EqualFold(m.Site, f.Site)
		since = since || !m.When.Before(f.Since)
	}
	return site && since
}

// dayPicks returns whether a link counts toward the families where an
// article that is no take links to one site's takes of several days:
// only its links to the day it shares most with (its best link's score;
// the earlier day on a tie) do. A story is in one family, and the agency
// says its days are two stories (apart). Two articles with no slug
// given to different days of one site's story that way are not joined by
// their link either: a paper's report of the first day and another's of
// the second.
func dayPicks(links []storedLink, members map[uint64]*famMember) func(storedLink) bool {
	type story struct{ site, day string }
	storyOf := func(seq uint64) (story, bool) {
		m := members[seq].Member
		if m.Slug == "" {
			return story{}, false
		}
		d, ok := dayOf(m.Appearance)
		return story{strings.ToLower(m.Site), d}, ok
	}
	type chooser struct {
		seq  uint64
		site string
	}
	type choice struct {
		story
		score   float64
		several bool
	}
	chosen := map[chooser]*choice{}
	// each calls fn with the links' ends that are a take and an article
	// with no slug.
	each := func(l storedLink, fn func(article uint64, take story)) {
		for _, e := range [][2]uint64{{l.a, l.b}, {l.b, l.a}} {
			if members[e[0]].Slug != "" {
				continue
			}
			if st, ok := storyOf(e[1]); ok {
				fn(e[0], st)
			}
		}
	}
	for _, l := range links {
		each(l, func(a uint64, st story) {
			c := chosen[chooser{a, st.site}]
			switch {
			case c == nil:
				chosen[chooser{a, st.site}] = &choice{st, l.Score, false}
			case c.story == st:
				c.score = max(c.score, l.Score)
			default:
				c.several = true
				if l.Score > c.score || l.Score == c.score && st.day < c.day {
					c.story, c.score = st, l.Score
				}
			}
		})
	}
	// days[a] lists the stories an article with no slug was given, by site.
	days := map[uint64]map[string]story{}
	for k, c := range chosen {
		if days[k.seq] == nil {
			days[k.seq] = map[string]story{}
		}
		days[k.seq][k.site] = c.story
	}
	return func(l storedLink) bool {
		counts := true
		each(l, func(a uint64, st story) {
			if c := chosen[chooser{a, st.site}]; c.several && c.story != st {
				counts = false
			}
		})
		if members[l.a].Slug == "" && members[l.b].Slug == "" {
			for site, sa := range days[l.a] {
				if sb, ok := days[l.b][site]; ok && sb != sa {
					counts = false
				}
			}
		}
		return counts
	}
}
