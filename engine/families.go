package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/provenance"
)

// The grouping of a whole store into story families. It runs in two parts.
// Linking aligns each article stored since the last run with the stored
// articles before it that share the most with it, and keeps the derivation
// links found, with the members' times, sites and credits, in the store's
// notes: that is the costly part, done once per article. Grouping then
// reads the links back, puts the articles into families by the rules of
// provenance.Grouper, orders each family by provenance.Build and keeps one
// story per family in the notes, rewriting only the stories that changed.
//
// Notes (see docs/format.md):
//
//	fam/state          famState as JSON
//	fam/m/<seq>        a linked article as a famMember, JSON
//	fam/l/<seq>/<seq>  a link between two articles, earlier first, JSON
//	fam/e/<seq>/<seq>  the same link under the later article first, its
//	                   value "1": a member's links to earlier articles
//	                   are found from it as its links to later ones are
//	fam/f/<seq>        a family's provenance.Story, under its first member
//	fam/of/<seq>       the family of an article: its first member's seq and
//	                   its number of members
//	fam/t/...          the index of takes by slug (takes.go)
//	fam/s/<site>       a site's record (provenance.SiteRecord), by its
//	                   SiteKey, that the stories were ordered with
//	fam/b/<seq>        a brief, by its fingerprints, and whether linking
//	                   joined it to an earlier article (briefs.go)
//
// where <seq> is 16 hexadecimal digits, so that keys sort by Seq.

const (
	notesState  = "fam/state"
	notesMember = "fam/m/"
	notesLink   = "fam/l/"
	notesEarly  = "fam/e/"
	notesStory  = "fam/f/"
	notesOf     = "fam/of/"
	notesSite   = "fam/s/"
)

// famVersion changes whenever what linking keeps changes: links kept by
// another version are not mixed with new ones. Version 5 weighs a link's
// names and numbers inside its passages only (templated); version 6 keeps
// the news agency a member's byline or dateline credits (Member.Agency);
// version 7 keeps each text's share before the link's first passage
// (Link.HeadA, HeadB); version 8 links the takes of one story by their
// slug (takes.go); version 9 marks a text that holds another story
// besides what it shares with the other (Link.OtherA, OtherB); version 10
// sets aside formula notices that open with two companies' names
// (align.Doc.openingName) and keeps one site's articles under headlines
// naming different things apart (otherNames); version 11 keeps the
// outlets a member's republication notes say it ran on first and the
// site of its canonical URL (Member.FirstRan, CanonicalSite); version 12
// sets aside passages whose figures mostly differ wherever they stand
// (align's contradicts) and keeps each page's canonical URL, an
// appearance's too (wiretrace.Appearance.Canonical); version 13 keeps the
// share of a member's headline its opening paragraph holds (Member.Lede);
// version 14 keeps the names of a member's headline (Member.Names), of
// which its text's words in small letters are not; version 15 keeps a
// link's words of a day moved on (Link.DayAfterA, DayAfterB); version 16
// reads a wire no list knows by its name (Member.Agency); version 17
// reads a member's lede from the anatomy's paragraphs (one a line in a
// page's text), its furniture left out, and a headline's tickers as its
// names, "St" and the like not; version 18 links a story retold from
// another by the phrases it keeps (align.Options.DerivedContained,
// PartialContained), tells a copy from a rewording by the words written
// in, and asks a brief's passages for five words (MinMatchedBrief);
// version 19 keeps which of the source's credits a link's copy kept
// (wiretrace.Credit.Kept, Fate) and links a brief found by its runs of
// three words (Text.Probes); version 21 rebuilds the links a build of
// version 20 stored with a relation "rewritten", now spun; version 22
// keeps a spun link's rewording (Link.Rewording); version 23 finds a
// brief stored before the story it retells (briefs.go) and links a brief
// by its phrases only at a score of briefScore or more; version 24 keeps
// a headline's tickers in their brackets, with the places the
// dictionary knows among its names and months not (headlineNames).
const famVersion = 24

// familyNeighbours is how many earlier articles linking aligns with each
// article: a copy's sources and the other copies of its source share the
// most with it, and a family larger than this is still found whole
// through its members' links. Chosen on the tuning corpora of eval
// families (mean ARI of the generated and METER tuning parts: 10
// neighbours 0.740, 6 0.748, 5 0.762, 4 0.760, 3 0.749, 2 0.732): fewer
// neighbours link fewer articles of other stories that share a formula.
const familyNeighbours = 5

// linkBatchSize is how many articles are linked between two writes of
// notes (a variable for the tests).
var linkBatchSize = 256

type famState struct {
	Version int `json:"version"`
	// Next is the Seq from which articles are not linked yet.
	Next uint64 `json:"next"`
	// Settings names what the links depend on beyond the version.
	Settings string `json:"settings"`
	// Grouped is the Next at which the stories were last made from the
	// links: while it is behind Next (an update linking, or one stopped
	// before it grouped), the stories are not those of the links.
	Grouped uint64 `json:"grouped"`
}

// famMember is a linked article as its notes keep it.
type famMember struct {
	provenance.Member
	Appearances []wiretrace.Appearance `json:"appearances,omitempty"`
}

// famLink is a link as its notes keep it: A is the article stored first.
type famLink struct {
	provenance.Link
	// From says which of the two the credits were compared as the source
	// of: "a" or "b", the one Order put first when the link was found.
	From   string                  `json:"from"`
	Credit *wiretrace.Credit       `json:"credit,omitempty"`
	Quotes []wiretrace.QuoteChange `json:"quotes,omitempty"`
}

// FamiliesOptions tune UpdateFamilies.
type FamiliesOptions struct {
	// Workers align articles in parallel; <= 0 means one per CPU.
	Workers int
	// Rebuild forgets the links and families found before and starts
	// again from the first article.
	Rebuild bool
	// Progress, when set, is called after each batch with the articles
	// linked so far in this run and those left.
	Progress func(done, left int64)
}

// FamiliesResult says what UpdateFamilies did.
type FamiliesResult struct {
	// Linked is how many articles were linked in this run, Links how many
	// links they gave.
	Linked int64 `json:"linked"`
	Links  int64 `json:"links"`
	// Families is how many families the store holds; Changed how many of
	// their stories were written or removed in this run.
	Families int `json:"families"`
	Changed  int `json:"changed"`
}

// ErrFamilySettings: the store's families were found under other settings
// or by another version; they must be rebuilt to be updated.
var ErrFamilySettings = errors.New("families were found with other settings")

func (e *Engine) famSettings() string {
	return fmt.Sprintf("neighbours=%d minshare=%d maxpostings=%d minshared=%d",
		familyNeighbours, familyMinShare, e.opts.MaxPostings, familyMinShared)
}

// UpdateFamilies links the articles stored since the last update and
// regroups the store's families. An interrupted update keeps the links of
// the batches it finished and goes on from there next time.
func (e *Engine) UpdateFamilies(ctx context.Context, o FamiliesOptions) (FamiliesResult, error) {
	var res FamiliesResult
	if e.store == nil {
		return res, errNoStore
	}
	st, err := e.famState(ctx)
	if err != nil {
		return res, err
	}
	if o.Rebuild {
		if err := e.forgetFamilies(ctx); err != nil {
			return res, err
		}
		st = famState{}
	}
	if st.Version != 0 && (st.Version != famVersion || st.Settings != e.famSettings()) {
		return res, fmt.Errorf("%w (version %d, %s); rebuild them", ErrFamilySettings, st.Version, st.Settings)
	}
	st.Version, st.Settings = famVersion, e.famSettings()
	if err := e.link(ctx, &st, o, &res); err != nil {
		return res, err
	}
	if err := e.group(ctx, &res); err != nil {
		return res, err
	}
	st.Grouped = st.Next
	v, _ := json.Marshal(st)
	return res, e.store.PutNotes(ctx, []wiretrace.Note{{Key: notesState, Value: v}})
}

// current says the stories kept are those of the links, under this
// version and these settings.
func (e *Engine) current(st famState) bool {
	return st.Version == famVersion && st.Settings == e.famSettings() && st.Grouped == st.Next
}

func (e *Engine) famState(ctx context.Context) (famState, error) {
	var st famState
	v, ok, err := e.store.GetNote(ctx, notesState)
	if err != nil || !ok {
		return st, err
	}
	if err := json.Unmarshal(v, &st); err != nil {
		return st, fmt.Errorf("families: note %s: %w", notesState, wiretrace.ErrCorrupt)
	}
	return st, nil
}

// siteRecords reads the records of the members' sites that the last
// grouping ordered the stories with: none before the first.
func (e *Engine) siteRecords(ctx context.Context, members []provenance.Member) (provenance.SiteRecords, error) {
	r := provenance.SiteRecords{}
	for _, m := range members {
		site := provenance.SiteKey(m.Site)
		if _, ok := r[site]; ok || site == "" {
			continue
		}
		key := notesSite + site
		v, ok, err := e.store.GetNote(ctx, key)
		if err != nil {
			return nil, err
		}
		var rec provenance.SiteRecord
		if ok && json.Unmarshal(v, &rec) != nil {
			return nil, fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		if ok {
			r[site] = rec
		}
	}
	return r, nil
}

// forgetFamilies deletes every note of the families.
func (e *Engine) forgetFamilies(ctx context.Context) error {
	var del []wiretrace.Note
	flush := func() error {
		err := e.store.PutNotes(ctx, del)
		del = del[:0]
		return err
	}
	err := e.store.ScanNotes(ctx, "fam/", func(key string, _ []byte) error {
		del = append(del, wiretrace.Note{Key: key})
		if len(del) == 4096 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

func seqKey(prefix string, seq uint64) string { return fmt.Sprintf("%s%016x", prefix, seq) }

func linkKey(a, b uint64) string { return fmt.Sprintf("%s%016x/%016x", notesLink, a, b) }

// earlyKey is the key under which the later article b of a link finds its
// earlier partner a.
func earlyKey(b, a uint64) string { return fmt.Sprintf("%s%016x/%016x", notesEarly, b, a) }

// link links the articles from st.Next on, batch by batch.
func (e *Engine) link(ctx context.Context, st *famState, o FamiliesOptions, res *FamiliesResult) error {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	stats, err := e.store.Stats(ctx)
	if err != nil {
		return err
	}
	left := max(0, stats.Articles-int64(st.Next))
	briefs, err := e.loadBriefs(ctx, false)
	if err != nil {
		return err
	}
	var batch []wiretrace.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		notes, links, err := e.linkBatch(ctx, batch, workers, briefs)
		if err != nil {
			return err
		}
		done := map[string]bool{}
		for _, n := range notes {
			if strings.HasPrefix(n.Key, notesLink) {
				done[n.Key] = true
			}
		}
		takes, takeLinks, err := e.linkTakes(ctx, batch, done)
		if err != nil {
			return fmt.Errorf("families: %w", err)
		}
		notes, links = append(notes, takes...), links+takeLinks
		st.Next = batch[len(batch)-1].Seq + 1
		v, _ := json.Marshal(st)
		notes = append(notes, wiretrace.Note{Key: notesState, Value: v})
		if err := e.store.PutNotes(ctx, notes); err != nil {
			return fmt.Errorf("families: %w", err)
		}
		res.Linked += int64(len(batch))
		res.Links += int64(links)
		if o.Progress != nil {
			o.Progress(res.Linked, max(0, left-res.Linked))
		}
		batch = batch[:0]
		return nil
	}
	err = e.store.Scan(ctx, st.Next, func(a wiretrace.Article) error {
		batch = append(batch, a)
		if len(batch) == linkBatchSize {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	// A store that was empty, or held only articles linked before, still
	// records the settings its families follow.
	if res.Linked == 0 {
		v, _ := json.Marshal(st)
		return e.store.PutNotes(ctx, []wiretrace.Note{{Key: notesState, Value: v}})
	}
	return nil
}

// linkBatch links the articles of a batch in parallel and returns the
// notes to write and the number of links. Each article is aligned with
// the earlier articles sharing the most with it (neighbours) and, when it
// is no brief, with the indexed briefs stored before it that share the
// most runs of three words with it (briefs.go): those of earlier batches
// at once; the briefs of its own batch, known only once the batch is
// aligned, afterwards and only for the articles they change. What is
// found so depends on the order the articles were stored in, not on how
// they fell into batches.
func (e *Engine) linkBatch(ctx context.Context, batch []wiretrace.Article, workers int, briefs *briefIndex) ([]wiretrace.Note, int, error) {
	ls := make([]linked, len(batch))
	err := inParallel(workers, len(batch), func(i int) error {
		a, l := batch[i], &ls[i]
		t := e.cache.get(a.Seq, a.Text)
		if t.Empty() {
			return nil
		}
		var err error
		l.own, err = e.neighbours(ctx, t, linkQuery{self: a.Seq, stored: true, before: true, limit: familyNeighbours})
		if e.isBrief(t) {
			l.brief = &briefNote{ID: a.ID, Fingerprints: t.Fingerprints(), Linked: len(l.own) > 0}
		}
		if err == nil && !t.Short() {
			l.probes = t.Probes()
			l.hits = map[uint64]int{}
			hits(l.probes, a.Seq, l.hits, briefs)
			err = e.linkBriefs(ctx, t, l, briefs)
		}
		if err == nil {
			l.notes, err = e.linkNotes(a, l.all())
		}
		if err != nil {
			return fmt.Errorf("families: article %s: %w", a.ID, err)
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	// The batch's briefs linked to nothing join the index; the later
	// articles of the batch whose runs of three words they hold look the
	// briefs up again, those of earlier batches with them.
	fresh := newBriefIndex()
	var notes []wiretrace.Note
	for i, a := range batch {
		if bn := ls[i].brief; bn != nil {
			if !bn.Linked {
				fresh.add(a.Seq, *bn)
			}
			notes = append(notes, bn.note(a.Seq))
		}
	}
	for i, a := range batch {
		l := &ls[i]
		if l.hits == nil || !fresh.holdsBefore(l.probes, a.Seq) {
			continue
		}
		l.hits = map[uint64]int{}
		hits(l.probes, a.Seq, l.hits, briefs, fresh)
		err := e.linkBriefs(ctx, e.cache.get(a.Seq, a.Text), l, briefs, fresh)
		if err == nil {
			l.notes, err = e.linkNotes(a, l.all())
		}
		if err != nil {
			return nil, 0, fmt.Errorf("families: article %s: %w", a.ID, err)
		}
	}
	briefs.merge(fresh)
	links := 0
	for _, l := range ls {
		notes = append(notes, l.notes...)
		links += len(l.own) + len(l.briefs)
	}
	return notes, links, nil
}

// linked is what linking found of one article of a batch.
type linked struct {
	// own are the neighbours its fingerprints found.
	own []neighbour
	// brief is its note in the index of briefs when it is a brief,
	// linked when own holds a neighbour.
	brief *briefNote
	// probes are its runs of three words, sorted, and hits how many of
	// them each indexed brief stored before it holds; nil for a short
	// text, which looks up no brief.
	probes []wiretrace.Fingerprint
	hits   map[uint64]int
	// tried are the briefs it was aligned with, most hits first, and
	// briefs the neighbours among them.
	tried  []uint64
	briefs []neighbour
	notes  []wiretrace.Note
}

func (l *linked) all() []neighbour { return append(slices.Clip(l.own), l.briefs...) }

// inParallel calls fn for 0 to n-1 on workers goroutines and returns the
// error of the first i whose call failed, if any.
func inParallel(workers, n int, fn func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// linkNotes returns the notes of article a's links to its neighbours ns.
func (e *Engine) linkNotes(a wiretrace.Article, ns []neighbour) ([]wiretrace.Note, error) {
	if len(ns) == 0 && len(a.Appearances) == 0 {
		return nil, nil
	}
	t := e.cache.get(a.Seq, a.Text)
	mb := memberOf(a, t)
	notes := []wiretrace.Note{memberNote(famMember{Member: mb, Appearances: a.Appearances})}
	for _, n := range ns {
		ma := memberOf(n.article, n.text)
		l := famLink{Link: n.link(0, 1, t)}
		// What the later of the two did with the earlier one's credits
		// and quotes, from the alignment in that direction.
		from, to := n.text, t
		l.From = "a"
		if provenance.Order(ma, mb, l.Link).Before < 0 {
			from, to = t, n.text
			l.From = "b"
		}
		if n.reversed == (l.From == "b") {
			l.Credit, l.Quotes = credit.Compare(from.Anatomy(), to.Anatomy(), n.cmp, credit.WithTokenMap(n.tokens))
		} else {
			c := e.opts.compare(from, to)
			l.Credit, l.Quotes = c.Credit, c.Quotes
		}
		v, err := json.Marshal(l)
		if err != nil {
			return nil, err
		}
		notes = append(notes,
			memberNote(famMember{Member: ma, Appearances: n.article.Appearances}),
			wiretrace.Note{Key: linkKey(n.article.Seq, a.Seq), Value: v},
			wiretrace.Note{Key: earlyKey(a.Seq, n.article.Seq), Value: []byte("1")})
	}
	return notes, nil
}

func memberNote(m famMember) wiretrace.Note {
	v, _ := json.Marshal(m)
	return wiretrace.Note{Key: seqKey(notesMember, m.Seq), Value: v}
}

// SiteProfiles profiles every site from the stored families (see
// UpdateFamilies): what each took from other sites, from whom, with what
// credit. site, when not empty, keeps that site's profile only.
func (e *Engine) SiteProfiles(ctx context.Context, site string) ([]provenance.SiteProfile, error) {
	if e.store == nil {
		return nil, errNoStore
	}
	counts, err := e.store.Sites(ctx)
	if err != nil {
		return nil, err
	}
	p := provenance.NewProfiles(counts)
	err = e.Stories(ctx, FamilyFilter{}, func(s provenance.Story) error {
		p.Add(s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := p.Profiles()
	if site != "" {
		out = slices.DeleteFunc(out, func(sp provenance.SiteProfile) bool { return !strings.EqualFold(sp.Site, site) })
	}
	return out, nil
}

// Remove deletes what id names from the store (an article, or one
// appearance of one: see wiretrace.Store) and keeps the families true to
// it: a removed article's member note and links go with it, an
// appearance leaves its article's member note, and the stories are marked
// as no longer those of the links until the next UpdateFamilies makes them
// again (a trace meanwhile gathers the family by alignment). The notes
// go first, so that a failure between the two writes leaves a stored
// article without links, never a story naming a removed one.
func (e *Engine) Remove(ctx context.Context, id string) error {
	if e.store == nil {
		return errNoStore
	}
	a, err := e.store.Get(ctx, id)
	if err != nil {
		return err
	}
	st, err := e.famState(ctx)
	if err != nil {
		return err
	}
	if st.Version != 0 && a.Seq < st.Next {
		notes, err := e.unlinkNotes(ctx, a, id)
		if err != nil {
			return err
		}
		// Stale until the next update: Grouped behind Next (which is
		// past a.Seq, so not 0).
		st.Grouped = 0
		v, _ := json.Marshal(st)
		notes = append(notes, wiretrace.Note{Key: notesState, Value: v})
		if err := e.store.PutNotes(ctx, notes); err != nil {
			return fmt.Errorf("families: %w", err)
		}
	}
	return e.store.Remove(ctx, id)
}

// noteAppearances keeps the families true to the appearances just
// recorded of the stored articles ids (AddResult.ID of an entry that
// Appeared): an article linked before keeps its appearances in its
// member note, which linking will not write again, so the note takes
// them now, and the next UpdateFamilies, which groups the families
// again whatever it links, tells them as members. An article not linked
// yet takes its appearances when it is.
func (e *Engine) noteAppearances(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	st, err := e.famState(ctx)
	if err != nil || st.Version == 0 {
		return err
	}
	var notes []wiretrace.Note
	done := map[uint64]bool{}
	for _, id := range ids {
		a, err := e.store.Get(ctx, id)
		if errors.Is(err, wiretrace.ErrNotFound) {
			continue // removed meanwhile
		}
		if err != nil {
			return fmt.Errorf("families: %w", err)
		}
		if a.Seq >= st.Next || done[a.Seq] {
			continue
		}
		done[a.Seq] = true
		key := seqKey(notesMember, a.Seq)
		v, ok, err := e.store.GetNote(ctx, key)
		if err != nil {
			return fmt.Errorf("families: %w", err)
		}
		var m famMember
		if !ok {
			m.Member = memberOf(a, e.cache.get(a.Seq, a.Text))
		} else if json.Unmarshal(v, &m) != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		m.Appearances = a.Appearances
		notes = append(notes, memberNote(m))
	}
	if err := e.store.PutNotes(ctx, notes); err != nil {
		return fmt.Errorf("families: %w", err)
	}
	return nil
}

// unlinkNotes returns the notes that remove id from the families: the
// whole article a when id is its own ID, one of its appearances otherwise.
func (e *Engine) unlinkNotes(ctx context.Context, a wiretrace.Article, id string) ([]wiretrace.Note, error) {
	var notes []wiretrace.Note
	if id != a.ID {
		key := seqKey(notesMember, a.Seq)
		v, ok, err := e.store.GetNote(ctx, key)
		if err != nil || !ok {
			return nil, err
		}
		var m famMember
		if err := json.Unmarshal(v, &m); err != nil {
			return nil, fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		m.Appearances = slices.DeleteFunc(m.Appearances, func(ap wiretrace.Appearance) bool { return ap.ID == id })
		return append(notes, memberNote(m)), nil
	}
	later := seqKey(notesLink, a.Seq) + "/"
	err := e.store.ScanNotes(ctx, later, func(key string, _ []byte) error {
		b, err := strconv.ParseUint(key[len(later):], 16, 64)
		if err != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		notes = append(notes, wiretrace.Note{Key: key}, wiretrace.Note{Key: earlyKey(b, a.Seq)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	earlier := seqKey(notesEarly, a.Seq) + "/"
	err = e.store.ScanNotes(ctx, earlier, func(key string, _ []byte) error {
		b, err := strconv.ParseUint(key[len(earlier):], 16, 64)
		if err != nil {
			return fmt.Errorf("families: note %s: %w", key, wiretrace.ErrCorrupt)
		}
		notes = append(notes, wiretrace.Note{Key: key}, wiretrace.Note{Key: linkKey(b, a.Seq)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	notes = append(notes,
		wiretrace.Note{Key: seqKey(notesMember, a.Seq)},
		wiretrace.Note{Key: seqKey(notesOf, a.Seq)},
		wiretrace.Note{Key: seqKey(notesBrief, a.Seq)})
	if key := takeKey(a); key != "" {
		notes = append(notes, wiretrace.Note{Key: key})
	}
	return notes, nil
}
