package provenance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

var t0 = time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)

func member(id, site string, seq uint64) Member {
	return Member{Appearance: wiretrace.Appearance{ID: id, Site: site}, Seq: seq}
}

func claims(m Member, t time.Time) Member {
	m.Published, m.PublishedFrom = t, wiretrace.FromPage
	return m
}

func captured(m Member, t time.Time) Member {
	m.FirstSeen, m.FirstSeenFrom = t, wiretrace.FromCrawl
	return m
}

// same is a link between two texts that share everything.
var same = Link{Relation: wiretrace.Copy, Score: 0.95, CoverA: 1, CoverB: 1}

func TestBuild(t *testing.T) {
	ms, links := wireFamily()
	f := Build(ms, links)
	if got := ms[f.Origin].ID; got != "wire" {
		t.Fatalf("origin %s, want wire (reasons %q)", got, f.Reasons)
	}
	parent := map[string]string{}
	for i, p := range f.Parent {
		if p >= 0 {
			parent[ms[i].ID] = ms[p].ID
		}
	}
	want := map[string]string{"ledger": "wire", "gazette": "wire", "digest": "ledger", "farm": "digest"}
	for k, v := range want {
		if parent[k] != v {
			t.Errorf("parent of %s = %s, want %s (all %v)", k, parent[k], v, parent)
		}
	}
	if f.Sure != "high" || f.Confidence < 0.6 {
		t.Errorf("confidence %v %s, want high", f.Confidence, f.Sure)
	}
	var order []string
	for _, i := range f.Timeline {
		order = append(order, ms[i].ID)
	}
	if strings.Join(order, " ") != "wire ledger gazette digest farm" {
		t.Errorf("timeline %v", order)
	}
	if !f.Syndicated(1) || f.Syndicated(3) {
		t.Errorf("ledger should come from the origin, digest from a copy")
	}
	if d, ok := f.Lag(3); !ok || d != 8*time.Hour {
		t.Errorf("lag of digest after ledger = %v %v, want 8h", d, ok)
	}
	// A member known only by when it was stored has no lag: storing says
	// nothing of when it appeared.
	stored := f.Members[3]
	f.Members[3].Published, f.Members[3].PublishedFrom = time.Time{}, ""
	f.Members[3].FirstSeen, f.Members[3].FirstSeenFrom = stored.Published.Add(400*24*time.Hour), wiretrace.FromAdd
	if d, ok := f.Lag(3); ok {
		t.Errorf("lag of a member known only by its storing = %v, want none", d)
	}
	f.Members[3].FirstSeenFrom = wiretrace.FromCrawl
	if d, ok := f.Lag(3); !ok || d != 400*24*time.Hour+8*time.Hour {
		t.Errorf("lag of a captured member = %v %v, want its capture's", d, ok)
	}
}

// A member the origin has no link with, reached through a copy, that
// claims to have appeared before the origin speaks against it: the
// confidence falls, and a reason says why. One that appeared after it
// changes nothing.
func TestConfidenceUnlinkedEarlier(t *testing.T) {
	ms, links := wireFamily()
	base := Build(ms, links)
	with := func(at time.Time) Family {
		ms, links := wireFamily()
		ms = append(ms, claims(member("brief", "brief.example", 6), at))
		links = append(links, Link{A: 4, B: 5, Relation: wiretrace.Partial, Score: 0.3, CoverA: 0.2, CoverB: 0.6})
		return Build(ms, links)
	}
	early := with(t0.Add(-2 * time.Hour))
	if got := early.Members[early.Origin].ID; got != "wire" {
		t.Fatalf("origin %s, want wire", got)
	}
	if early.Confidence >= base.Confidence {
		t.Errorf("confidence %v with an earlier unlinked member, want below %v", early.Confidence, base.Confidence)
	}
	if !slices.ContainsFunc(early.Reasons, func(r string) bool { return strings.Contains(r, "a member it has no link with appeared before it") }) {
		t.Errorf("reasons %q say nothing of the earlier member", early.Reasons)
	}
	if late := with(t0.Add(40 * time.Hour)); late.Confidence != base.Confidence {
		t.Errorf("confidence %v with a later unlinked member, want %v", late.Confidence, base.Confidence)
	}
}

// The order of members and links given changes nothing.
func TestBuildDeterministic(t *testing.T) {
	ms, links := wireFamily()
	want := Build(ms, links).Story(noAgainst)
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		perm := r.Perm(len(ms))
		pms := make([]Member, len(ms))
		for i, p := range perm {
			pms[p] = ms[i]
		}
		pls := slices.Clone(links)
		for k := range pls {
			pls[k].A, pls[k].B = perm[pls[k].A], perm[pls[k].B]
		}
		r.Shuffle(len(pls), func(i, j int) { pls[i], pls[j] = pls[j], pls[i] })
		got := Build(pms, pls).Story(noAgainst)
		if got.Origin != want.Origin || !slices.EqualFunc(got.Members, want.Members, func(a, b StoryMember) bool {
			return a.ID == b.ID && a.Parent == b.Parent
		}) {
			t.Fatalf("permuted members give another story: %+v, want %+v", got, want)
		}
	}
}

func noAgainst(int, int, Link) (Against, bool) { return Against{}, false }

func TestGrouperOrderFree(t *testing.T) {
	pairs := [][2]uint64{{1, 2}, {2, 3}, {7, 9}, {4, 4}, {10, 3}, {12, 11}}
	want := [][]uint64{{1, 2, 3, 10}, {7, 9}, {11, 12}}
	r := rand.New(rand.NewPCG(3, 4))
	for range 10 {
		g := NewGrouper()
		for _, k := range r.Perm(len(pairs)) {
			p := pairs[k]
			if r.IntN(2) == 0 {
				p[0], p[1] = p[1], p[0]
			}
			g.Join(p[0], p[1])
		}
		got := g.Families()
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("families %v, want %v", got, want)
		}
	}
}

func TestProfiles(t *testing.T) {
	ms, links := wireFamily()
	ms[3].Credits = []string{"digest"} // rebrands: the wire's credit is gone
	story := Build(ms, links).Story(func(p, k int, l Link) (Against, bool) {
		a := Against{Relation: l.Relation, Score: l.Score}
		if ms[k].ID == "digest" {
			a.Credit = &wiretrace.Credit{Source: []string{"North Wire"}, Suspect: []string{"Digest"}, Rebranded: true, Fate: wiretrace.CreditRebranded}
			a.Quotes = []wiretrace.QuoteChange{{Change: "reworded"}}
		}
		return a, true
	})
	p := NewProfiles([]wiretrace.SiteStats{{Site: "digest.example", Articles: 10}})
	p.Add(story)
	profiles := p.Profiles()
	by := map[string]SiteProfile{}
	for _, sp := range profiles {
		by[sp.Site] = sp
	}
	d := by["digest.example"]
	if d.Articles != 10 || d.Taken != 1 || d.Uncredited != 1 || d.Rebranded != 1 || d.QuotesAltered != 1 {
		t.Errorf("digest profile %+v", d)
	}
	if len(d.Sources) != 1 || d.Sources[0].Site != "ledger.example" {
		t.Errorf("digest sources %+v, want ledger.example", d.Sources)
	}
	if d.MedianLag == nil || *d.MedianLag != (8*time.Hour).Seconds() {
		t.Errorf("digest median lag %v, want 8h", d.MedianLag)
	}
	if l := by["ledger.example"]; l.Taken != 1 || l.Uncredited != 0 {
		t.Errorf("ledger credits the wire: %+v", l)
	}
	if w := by["northwire.example"]; w.Originated != 1 || w.Taken != 0 {
		t.Errorf("wire profile %+v", w)
	}
	// A copy whose page names the parent's page as its canonical one
	// credits it.
	ms[3].CanonicalSite = SiteKey(ms[1].Site)
	p = NewProfiles(nil)
	p.Add(Build(ms, links).Story(func(_, _ int, l Link) (Against, bool) { return Against{Relation: l.Relation, Score: l.Score}, true }))
	for _, sp := range p.Profiles() {
		if sp.Site == "digest.example" && (sp.Taken != 1 || sp.Uncredited != 0) {
			t.Errorf("digest with a canonical URL on its parent's site: %+v, want taken and credited", sp)
		}
	}
	// The uncredited takers come first.
	if profiles[0].Uncredited < profiles[len(profiles)-1].Uncredited {
		t.Errorf("ranking %+v", profiles)
	}
	if !slices.ContainsFunc(d.Examples, func(e SiteExample) bool { return e.Kind == "rebranded" && e.Member == "digest" && e.Parent == "ledger" }) {
		t.Errorf("digest examples %+v lack the rebranded pair", d.Examples)
	}
}

// clique returns the links of members from to to-1, each linked to each.
func clique(from, to int) [][2]int {
	var out [][2]int
	for a := from; a < to; a++ {
		for b := a + 1; b < to; b++ {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

func TestSplit(t *testing.T) {
	star := [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}}
	// Two stories of six, each copy linked to the others, and one link
	// between them: two filings written to one formula.
	bridged := append(append(clique(0, 6), clique(6, 12)...), [2]int{2, 9})
	// The same, but the two members of the link share three neighbours:
	// it is not a bridge.
	held := append(slices.Clone(bridged), [2]int{2, 6}, [2]int{2, 7}, [2]int{2, 8})
	cases := []struct {
		name  string
		n     int
		links [][2]int
		want  string
	}{
		{"a star: the origin and its copies", 7, star, "[[0 1 2 3 4 5 6]]"},
		{"two stories joined by one link", 12, bridged, "[[0 1 2 3 4 5] [6 7 8 9 10 11]]"},
		{"two stories whose link shares three neighbours", 12, held, "[[0 1 2 3 4 5 6 7 8 9 10 11]]"},
		{"a member linked to no one", 3, [][2]int{{0, 2}}, "[[0 2] [1]]"},
	}
	for _, c := range cases {
		if got := fmt.Sprint(Split(c.n, c.links, nil)); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
		// The order of the links, and their direction, do not matter.
		rev := make([][2]int, len(c.links))
		for k, l := range c.links {
			rev[len(rev)-1-k] = [2]int{l[1], l[0]}
		}
		if got := fmt.Sprint(Split(c.n, rev, nil)); got != c.want {
			t.Errorf("%s, links reversed: got %s, want %s", c.name, got, c.want)
		}
	}
	// A held link (two takes of one story) is never cut, bridge or not.
	keep := make([]bool, len(bridged))
	keep[len(keep)-1] = true
	if got := fmt.Sprint(Split(12, bridged, keep)); got != "[[0 1 2 3 4 5 6 7 8 9 10 11]]" {
		t.Errorf("two stories joined by a held link: got %s, want one group", got)
	}
}

// A spinner's substitutions are rarer words than those it replaced; where
// the words differ in both directions alike, the wording says nothing.
func TestLinkOfWording(t *testing.T) {
	spun := wiretrace.Comparison{Relation: wiretrace.Spun, Score: 0.8, Substitutions: []wiretrace.Substitution{
		{Source: "said", Suspect: "stated", Count: 3},
		{Source: "company", Suspect: "firm", Count: 1},
		{Source: "year", Suspect: "twelvemonth", Count: 1},
		{Source: "rose sharply", Suspect: "climbed", Count: 1}, // not word for word
	}}
	l := LinkOf(0, 1, spun, 100, 100)
	if l.CommonerA != 5 || l.CommonerB != 0 {
		t.Fatalf("commoner %d / %d, want 5 / 0", l.CommonerA, l.CommonerB)
	}
	ev := Order(member("a", "", 2), member("b", "", 1), l)
	if ev.Before <= 0 || !slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == KindWording }) {
		t.Errorf("a has the commoner words: %+v", ev)
	}
	mixed := l
	mixed.CommonerA, mixed.CommonerB = 3, 2
	for _, r := range Order(member("a", "", 2), member("b", "", 1), mixed).Reasons {
		if r.Kind == KindWording {
			t.Errorf("words differing both ways alike: %+v", r)
		}
	}
}

func TestLagFromParent(t *testing.T) {
	for _, c := range []struct {
		seconds float64
		want    string
	}{
		{0, "the same minute"},
		{20, "the same minute"},
		{-29, "the same minute"},
		{40, "1 min later"},
		{3 * 3600, "3 h later"},
		{-40 * 60, "40 min earlier"},
		{-3 * 86400, "3.0 days earlier"},
	} {
		if got := LagFromParent(c.seconds); got != c.want {
			t.Errorf("LagFromParent(%v) = %q, want %q", c.seconds, got, c.want)
		}
	}
}

// An appearance (b's text published again under another ID) is weighed
// against the other members as its article is: here its claimed time
// comes after a's capture, so a is the origin, though b itself was only
// captured later than a says it was published (which weighs little).
func TestWithAppearancesTimes(t *testing.T) {
	a := captured(claims(member("a", "wire.example", 2), t0), t0.Add(5*time.Minute))
	b := captured(member("b", "farm.example", 1), t0.Add(38*time.Hour))
	again := wiretrace.Appearance{ID: "b2", Site: "farm.example", Published: t0.Add(4 * time.Hour), PublishedFrom: wiretrace.FromPage,
		FirstSeen: t0.Add(4*time.Hour + 13*time.Minute), FirstSeenFrom: wiretrace.FromCrawl}
	links := []Link{{A: 0, B: 1, Relation: wiretrace.Copy, Score: 1, CoverA: 1, CoverB: 1}}
	ms, ls, text, link := WithAppearances([]Member{a, b}, links, [][]wiretrace.Appearance{nil, {again}})
	if len(ms) != 3 || ms[2].ID != "b2" || ms[2].Of != "b" || !slices.Equal(text, []int{0, 1, 1}) {
		t.Fatalf("members %+v, text %v", ms, text)
	}
	// The same-text link, then b's link to a copied to b2.
	if !slices.Equal(link, []int{0, -1, 0}) || ls[2].A != 0 || ls[2].B != 2 {
		t.Fatalf("links %+v, link %v", ls, link)
	}
	f := Build(ms, ls)
	if f.Origin != 0 || f.Parent[2] != 0 {
		t.Errorf("origin %d, b2's parent %d; want a (0) for both", f.Origin, f.Parent[2])
	}
}

// A take reached only through a later take of its story is placed under
// it all the same: a take link fits 0, and the evidence puts the parent
// after it, which once left it with no parent at all (Build panicked).
func TestBuildTakeReachedThroughLaterTake(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 2, 9, h, 0, 0, 0, time.UTC) }
	member := func(id string, h int, slug string) Member {
		return Member{Appearance: wiretrace.Appearance{ID: id, Site: "northgate.example", Published: at(h), PublishedFrom: wiretrace.FromFeed}, Slug: slug, Seq: uint64(h)}
	}
	ms := []Member{member("paper", 8, ""), member("take-1", 9, "COURTS Pier"), member("take-2", 10, "COURTS Pier")}
	ms[0].Site = "coastalherald.example"
	links := []Link{
		{A: 0, B: 2, Relation: wiretrace.Copy, Score: 0.8, CoverA: 0.9, CoverB: 0.9},
		{A: 1, B: 2, Relation: Take},
	}
	f := Build(ms, links)
	if ms[f.Origin].ID != "paper" {
		t.Fatalf("origin %s, want paper", ms[f.Origin].ID)
	}
	if f.Parent[1] != 2 || f.Parent[2] != 0 {
		t.Errorf("parents %v, want take-1 under take-2, take-2 under paper", f.Parent)
	}
	if f.Relation(1) != Take {
		t.Errorf("take-1's relation %q, want take", f.Relation(1))
	}
}

// A paper's story shares a little more with another paper's than with the
// agency's second take it was written from, both papers having taken the
// same take: it is placed under the take, as it would be under the
// origin, since copies are taken from the wire more often than from one
// another.
func TestParentAmongTheOriginsTakes(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 2, 9, h, 0, 0, 0, time.UTC) }
	take := func(id string, h int) Member {
		return Member{Appearance: wiretrace.Appearance{ID: id, Site: "northgate.example", Published: at(h), PublishedFrom: wiretrace.FromFeed}, Slug: "COURTS Pier", Seq: uint64(h)}
	}
	ms := []Member{take("take-1", 9), take("take-2", 11), member("herald", "coastalherald.example", 20), member("gazette", "tidewaygazette.example", 21)}
	links := []Link{
		{A: 0, B: 1, Relation: Take},
		{A: 1, B: 2, Relation: wiretrace.Partial, Score: 0.60, CoverA: 0.70, CoverB: 0.80},
		{A: 1, B: 3, Relation: wiretrace.Partial, Score: 0.60, CoverA: 0.70, CoverB: 0.80},
		{A: 2, B: 3, Relation: wiretrace.Partial, Score: 0.62, CoverA: 0.70, CoverB: 0.80},
	}
	f := Build(ms, links)
	if ms[f.Origin].ID != "take-1" {
		t.Fatalf("origin %s, want take-1", ms[f.Origin].ID)
	}
	for _, i := range []int{2, 3} {
		if f.Parent[i] != 1 {
			t.Errorf("%s's parent %d, want take-2 (1)", ms[i].ID, f.Parent[i])
		}
	}
}

// An appearance is the same text on another page: it keeps what the text
// says (its title, credits, dateline and lede) and takes the page's own
// ID, site, times and canonical URL.
func TestAppearingAs(t *testing.T) {
	m := withLede(withDateline(withAgency(member("a", "wire.example", 2), "PA"), DatelineInside), 0.5)
	m.Title, m.Credits, m.FirstRan, m.CanonicalSite = "Floods", []string{"pa"}, []string{"ledger"}, "ledger.example"
	ap := wiretrace.Appearance{ID: "a2", Site: "farm.example", Canonical: "https://www.wire.example/floods"}
	got := m.AppearingAs(ap)
	if got.ID != "a2" || got.Site != "farm.example" || got.Of != "a" || got.Title != "Floods" || got.Agency != "PA" ||
		got.Dateline != DatelineInside || got.Lede == nil || *got.Lede != 0.5 || !slices.Equal(got.Credits, m.Credits) ||
		!slices.Equal(got.FirstRan, m.FirstRan) || got.CanonicalSite != "wire" {
		t.Errorf("AppearingAs = %+v", got)
	}
}

// A link counts the words of a day moved on from the alignment's
// substitutions, each way: "today" as "yesterday" in the suspect says it
// was written a day after its source.
func TestLinkOfDayAfter(t *testing.T) {
	c := wiretrace.Comparison{Relation: wiretrace.Spun, Substitutions: []wiretrace.Substitution{
		{Source: "today", Suspect: "yesterday", Count: 2},
		{Source: "tonight", Suspect: "last night", Count: 1},
		{Source: "yesterday", Suspect: "on monday", Count: 1},
		{Source: "today", Suspect: "tomorrow", Count: 1},
	}}
	// "today" as "tomorrow" is the suspect a day earlier.
	l := LinkOf(0, 1, c, 100, 100)
	if l.DayAfterB != 3 || l.DayAfterA != 1 {
		t.Errorf("day after: A %d, B %d; want 1 and 3", l.DayAfterA, l.DayAfterB)
	}
	if f := l.Flip(); f.DayAfterA != 3 || f.DayAfterB != 1 {
		t.Errorf("flipped: A %d, B %d", f.DayAfterA, f.DayAfterB)
	}
	back := LinkOf(0, 1, wiretrace.Comparison{Substitutions: []wiretrace.Substitution{{Source: "yesterday", Suspect: "today", Count: 1}}}, 100, 100)
	if back.DayAfterA != 1 || back.DayAfterB != 0 {
		t.Errorf("the suspect a day earlier: A %d, B %d", back.DayAfterA, back.DayAfterB)
	}
}

// A copy that credits another member's site came from there, however
// closely it fits the origin: a digest that runs a paper's rebranded copy
// of the wire's story, the paper's name in its dateline, is the paper's
// copy, not the wire's, though the three texts are the same. One that
// keeps the wire's credit stays under the wire.
func TestParentByCredit(t *testing.T) {
	ms := []Member{
		claims(withCredits(member("wire", "northwire.example", 3), "north wire"), t0),
		claims(withCredits(member("ledger", "harbourledger.example", 1), "harbour ledger"), t0.Add(time.Hour)),
		claims(withCredits(member("digest", "dailydigest.example", 2), "harbour ledger"), t0.Add(2*time.Hour)),
		claims(withCredits(member("gazette", "gazette.example", 4), "north wire"), t0.Add(3*time.Hour)),
	}
	var links []Link
	for a := range ms {
		for b := a + 1; b < len(ms); b++ {
			links = append(links, Link{A: a, B: b, Relation: wiretrace.Copy, Score: 0.97, CoverA: 1, CoverB: 1})
		}
	}
	f := Build(ms, links)
	if ms[f.Origin].ID != "wire" {
		t.Fatalf("origin %s (%q), want wire", ms[f.Origin].ID, f.Reasons)
	}
	want := map[string]string{"ledger": "wire", "digest": "ledger", "gazette": "wire"}
	for i, p := range f.Parent {
		if w, ok := want[ms[i].ID]; ok && (p < 0 || ms[p].ID != w) {
			t.Errorf("parent of %s = %d, want %s", ms[i].ID, p, w)
		}
	}
	// The paper's page claims no time and was captured after the digest's:
	// the digest, which names the paper, still waits for it.
	ms[1] = captured(withCredits(member("ledger", "harbourledger.example", 1), "harbour ledger"), t0.Add(5*time.Hour))
	ms[2] = captured(withCredits(member("digest", "dailydigest.example", 2), "harbour ledger"), t0.Add(2*time.Hour))
	f = Build(ms, links)
	for i, p := range f.Parent {
		if w, ok := want[ms[i].ID]; ok && (p < 0 || ms[p].ID != w) {
			t.Errorf("paper captured after the digest: parent of %s = %d, want %s", ms[i].ID, p, w)
		}
	}
	// The story says why the paper came first, and what speaks against it.
	s := f.Story(func(int, int, Link) (Against, bool) { return Against{}, false })
	for _, m := range s.Members {
		if m.ID != "digest" {
			continue
		}
		want := []string{
			"against: digest was captured 3 h before ledger",
			"digest credits harbourledger.example, the site of ledger",
		}
		if !slices.Equal(m.Evidence, want) {
			t.Errorf("digest's evidence %q, want %q", m.Evidence, want)
		}
	}
}

// A copy on a site that takes most of what it runs is another copy's
// parent only when it explains it clearly better than the story's origin:
// two papers' reports of the wire's story share the wire's wording, and
// each fits the other a little better than the wire. Where the papers'
// sites have no record, the closer fit wins.
func TestParentNotATaker(t *testing.T) {
	ms := []Member{
		claims(member("wire", "northwire.example", 1), t0),
		claims(member("herald", "herald.example", 2), t0.Add(time.Hour)),
		claims(member("courier", "courier.example", 3), t0.Add(2*time.Hour)),
	}
	links := []Link{
		{A: 0, B: 1, Relation: wiretrace.Partial, Score: 0.5, CoverA: 0.5, CoverB: 0.8},
		{A: 0, B: 2, Relation: wiretrace.Partial, Score: 0.5, CoverA: 0.5, CoverB: 0.8},
		{A: 1, B: 2, Relation: wiretrace.Partial, Score: 0.6, CoverA: 0.7, CoverB: 0.7},
	}
	parentOfCourier := func(ms []Member) string {
		f := Build(ms, links)
		if ms[f.Origin].ID != "wire" || f.Parent[2] < 0 {
			t.Fatalf("origin %s, courier's parent %d", ms[f.Origin].ID, f.Parent[2])
		}
		return ms[f.Parent[2]].ID
	}
	if got := parentOfCourier(ms); got != "herald" {
		t.Errorf("no records: courier's parent %s, want herald (the closer fit)", got)
	}
	ms[0] = withRecord(ms[0], 40, 0)
	ms[1] = withRecord(ms[1], 1, 30)
	ms[2] = withRecord(ms[2], 0, 25)
	if got := parentOfCourier(ms); got != "wire" {
		t.Errorf("the herald's site a taker: courier's parent %s, want wire", got)
	}
}

// EncodeStory writes, a member at a time, the bytes json.Marshal gives of
// the whole story, in pieces of any size, and of an empty family's.
func TestEncodeStory(t *testing.T) {
	ms, links := wireFamily()
	against := func(p, k int, via Link) (Against, bool) {
		if k%2 == 0 {
			return Against{}, false
		}
		return Against{Relation: wiretrace.Spun, Score: float64(k) / 10}, true
	}
	for _, f := range []Family{Build(ms, links), Build(nil, nil)} {
		want, err := json.Marshal(f.Story(against))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := f.EncodeStory(&got, against); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("encoded\n%s\nwant\n%s", got.Bytes(), want)
		}
	}
}
