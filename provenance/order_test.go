package provenance

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

func TestOrder(t *testing.T) {
	a, b := member("a", "wire.example", 2), member("b", "farm.example", 1)
	cases := []struct {
		name   string
		a, b   Member
		l      Link
		kind   string
		before float64 // sign of the evidence: 1 for a first, -1 for b
	}{
		{"a captured before b claims", captured(a, t0), claims(b, t0.Add(time.Hour)), same, KindSeenBeforeClaim, 1},
		{"b captured before a claims", claims(a, t0.Add(2*time.Hour)), captured(b, t0), same, KindSeenBeforeClaim, -1},
		{"claims", claims(a, t0), claims(b, t0.Add(3*time.Hour)), same, KindClaimed, 1},
		{"claims reversed", claims(a, t0.Add(3*time.Hour)), claims(b, t0), same, KindClaimed, -1},
		{"a claims before b was captured", claims(a, t0), captured(b, t0.Add(time.Hour)), same, KindClaimedSeen, 1},
		{"captures", captured(a, t0), captured(b, t0.Add(time.Hour)), same, KindSeen, 1},
		{"b trimmed from the bottom", a, b, Link{Score: 0.9, CoverA: 0.6, CoverB: 1, TailA: 0.4}, KindContainment, 1},
		{"b's dateline after text of its own", withDateline(a, DatelineOpening), withDateline(b, DatelineInside), same, KindDateline, 1},
		{"a's dateline after text of its own", withDateline(a, DatelineInside), withDateline(b, DatelineOpening), same, KindDateline, -1},
		{"b credits a's site", a, withCredits(b, "wire"), same, KindCredit, 1},
		{"b says it ran first on a's site", a, withFirstRan(b, "wire"), same, KindRepublished, 1},
		{"b's canonical URL is on a's site", a, withCanonicalSite(b, "wire"), same, KindRepublished, 1},
		// A page that says it ran first elsewhere outweighs its own
		// earlier claimed time.
		{"b ran first on a's site and claims an earlier time", claims(a, t0.Add(3*time.Hour)), withFirstRan(claims(b, t0), "wire"), same, KindRepublished, 1},
		{"a credited to an agency, b to none", withAgency(a, "PA"), b, same, KindAgency, 1},
		{"b credited to an agency, a to none", a, withAgency(b, "Reuters"), same, KindAgency, -1},
		{"b has the rarer words", a, b, Link{Relation: wiretrace.Spun, Score: 0.8, CoverA: 1, CoverB: 1, CommonerA: 5, CommonerB: 1}, KindWording, 1},
		{"b opens with less of its headline", withLede(a, 0.8), withLede(b, 0.2), same, KindLede, 1},
		{"a's site originates, b's takes", withRecord(a, 9, 1), withRecord(b, 1, 12), same, KindRecord, 1},
		{"b's site originates, a's takes", withRecord(a, 0, 6), withRecord(b, 5, 0), same, KindRecord, -1},
		{"b says yesterday where a says today", a, b, Link{Relation: wiretrace.Spun, Score: 0.8, CoverA: 0.9, CoverB: 0.9, DayAfterB: 1}, KindDayAfter, 1},
		// The lede outweighs the order in which a crawler came upon them.
		{"b's lede moved, b captured first", withLede(captured(a, t0.Add(time.Hour)), 1), withLede(captured(b, t0), 0.25), same, KindLede, 1},
		{"nothing but the order of storing", a, b, same, KindStored, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := Order(c.a, c.b, c.l)
			if ev.Before*c.before <= 0 {
				t.Fatalf("before = %v, want sign %v (%+v)", ev.Before, c.before, ev.Reasons)
			}
			if !slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == c.kind }) {
				t.Errorf("reasons %+v lack %s", ev.Reasons, c.kind)
			}
			// The origin's reasons say it.
			l := c.l
			l.A, l.B = 0, 1
			f := Build([]Member{c.a, c.b}, []Link{l})
			if !slices.ContainsFunc(f.Reasons, func(r string) bool { return strings.HasPrefix(r, kindSays[c.kind]+":") }) {
				t.Errorf("origin's reasons %q do not say %q", f.Reasons, kindSays[c.kind])
			}
			// Seen from the other side, the evidence is the same, reversed.
			back := Order(c.b, c.a, c.l.Flip())
			if back.Before != -ev.Before {
				t.Errorf("reversed: before = %v, want %v", back.Before, -ev.Before)
			}
		})
	}
}

func withAgency(m Member, name string) Member {
	m.Agency = name
	return m
}

// An agency's credit says nothing when both texts carry one, or when one
// credits the other's site: that says more, and the other way.
func TestOrderAgencyCredit(t *testing.T) {
	a, b := member("a", "wire.example", 2), member("b", "farm.example", 1)
	for name, c := range map[string][2]Member{
		"both credited": {withAgency(a, "AP"), withAgency(b, "Reuters")},
		"the agency's copy credits the other's site": {withCredits(withAgency(a, "AP"), "farm"), b},
	} {
		ev := Order(c[0], c[1], same)
		if slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == KindAgency }) {
			t.Errorf("%s: reasons %+v, want no %s", name, ev.Reasons, KindAgency)
		}
	}
}

func withLede(m Member, share float64) Member {
	m.Lede = &share
	return m
}

// The lede speaks only of two texts made of the same paragraphs, each
// with a headline that tells, and by one word in five at least.
func TestOrderLedeSilent(t *testing.T) {
	a, b := withLede(member("a", "", 0), 0.8), withLede(member("b", "", 0), 0.2)
	for name, c := range map[string]struct {
		a, b Member
		l    Link
	}{
		"b only partly inside a": {a, b, Link{Relation: wiretrace.Partial, Score: 0.5, CoverA: 0.4, CoverB: 1}},
		"b holds another story":  {a, b, Link{Relation: wiretrace.Copy, Score: 0.9, CoverA: 1, CoverB: 0.9, OtherB: true}},
		"a's headline tells not": {member("a", "", 0), b, same},
		"one word in ten":        {withLede(member("a", "", 0), 0.3), b, same},
	} {
		ev := Order(c.a, c.b, c.l)
		if slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == KindLede }) {
			t.Errorf("%s: reasons %+v, want no %s", name, ev.Reasons, KindLede)
		}
	}
}

func withRecord(m Member, origins, taken int) Member {
	m.Record = &SiteRecord{Origins: origins, Taken: taken}
	return m
}

// The sites' records speak only of two sites that each ran five stories
// with others at least, one originating clearly more of them.
func TestOrderRecordSilent(t *testing.T) {
	a, b := member("a", "wire.example", 2), member("b", "farm.example", 1)
	for name, c := range map[string][2]Member{
		"b's site has no record":      {withRecord(a, 9, 1), b},
		"b's site ran four":           {withRecord(a, 9, 1), withRecord(b, 0, 4)},
		"four in ten against one":     {withRecord(a, 4, 6), withRecord(b, 0, 10)},
		"one site":                    {withRecord(a, 9, 1), withRecord(member("b", "news.wire.example", 1), 0, 10)},
		"a's site has no name to key": {withRecord(member("a", "", 2), 9, 1), withRecord(b, 0, 10)},
	} {
		ev := Order(c[0], c[1], same)
		if slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == KindRecord }) {
			t.Errorf("%s: reasons %+v, want no %s", name, ev.Reasons, KindRecord)
		}
	}
}

// A family's own order is not evidence of itself: BuildWith takes out of
// the records what the family added to them, so records made of this
// family alone say nothing, and records of other families do.
func TestBuildWithRecords(t *testing.T) {
	t0 := time.Date(2026, 4, 6, 9, 0, 0, 0, time.UTC)
	ms := []Member{captured(member("wire", "wire.example", 2), t0.Add(5*time.Hour)), captured(member("farm", "farm.example", 1), t0)}
	links := []Link{{A: 0, B: 1, Relation: wiretrace.Copy, Score: 0.95, CoverA: 1, CoverB: 1}}
	f := Build(ms, links)
	if ms[f.Origin].ID != "farm" {
		t.Fatalf("without records: origin %s, want farm (captured first)", ms[f.Origin].ID)
	}
	own := SiteRecords{}
	for range 6 {
		own.Tally(f)
	}
	if r := own["farm"]; r.Origins != 6 || r.Taken != 0 || own["wire"].Taken != 6 {
		t.Fatalf("tally of six such families: %+v", own)
	}
	if g := BuildWith(ms, links, SiteRecords{"farm": {Origins: 1}, "wire": {Taken: 1}}, nil); ms[g.Origin].ID != "farm" {
		t.Errorf("records of this family alone: origin %s, want farm", ms[g.Origin].ID)
	}
	others := SiteRecords{"wire": {Origins: 7, Taken: 1}, "farm": {Origins: 1, Taken: 8}}
	g := BuildWith(ms, links, others, nil)
	if ms[g.Origin].ID != "wire" {
		t.Fatalf("records of other families: origin %s (%q), want wire", ms[g.Origin].ID, g.Reasons)
	}
	if ms[0].Record != nil {
		t.Errorf("BuildWith changed its members: %+v", ms[0].Record)
	}
	// Ordered without records, the family had the farm originate and the
	// wire take: that part is taken out.
	if r := *g.Members[0].Record; r.Origins != 7 || r.Taken != 0 {
		t.Errorf("wire's record less its own family: %+v, want 7 origins, none taken", r)
	}
	if r := *g.Members[1].Record; r.Origins != 0 || r.Taken != 8 {
		t.Errorf("farm's record less its own family: %+v, want no origins, 8 taken", r)
	}
	// The family's own part, when the caller kept it, is the same.
	if h := BuildWith(ms, links, others, own1(f)); ms[h.Origin].ID != "wire" || *h.Members[0].Record != *g.Members[0].Record {
		t.Errorf("with its own part given: origin %s, wire's record %+v", ms[h.Origin].ID, *h.Members[0].Record)
	}
	sum := SiteRecords{"wire": {Origins: 1}}
	sum.Add(others)
	if sum["wire"] != (SiteRecord{Origins: 8, Taken: 1}) || sum["farm"] != others["farm"] {
		t.Errorf("Add: %+v", sum)
	}
}

func own1(f Family) SiteRecords {
	r := SiteRecords{}
	r.Tally(f)
	return r
}

func withDateline(m Member, where string) Member {
	m.Dateline = where
	return m
}

// Containment and trimming tell only of a text mostly inside the other.
func TestOrderNotWholeHasNoContainment(t *testing.T) {
	l := Link{Relation: wiretrace.Partial, Score: 0.3, CoverA: 0.45, CoverB: 0.2, TailA: 0.2}
	ev := Order(member("a", "", 0), member("b", "", 0), l)
	for _, r := range ev.Reasons {
		if r.Kind == KindContainment || r.Kind == KindTrimmed {
			t.Errorf("got %+v, want no %s", r, r.Kind)
		}
	}
}

// A text that opens with text of its own before what it shares with
// the other may have set the other inside it, as a round-up sets a brief:
// which holds more, and which stops first, no longer tell the order.
func TestOrderOwnOpeningHasNoContainment(t *testing.T) {
	// b holds all of a after an opening of its own, and goes on after it.
	l := Link{Relation: wiretrace.Partial, Score: 0.6, CoverA: 1, CoverB: 0.4, HeadB: 0.3, TailB: 0.3}
	if ev := Order(member("a", "", 0), member("b", "", 0), l); len(ev.Reasons) != 0 || ev.Before != 0 {
		t.Errorf("got %+v, want no evidence", ev)
	}
	// The same texts with b's own paragraphs only after a's: b reads as
	// a's source, cut by a from the bottom.
	l.HeadB = 0
	ev := Order(member("a", "", 0), member("b", "", 0), l)
	if ev.Before >= 0 || !slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == KindContainment }) ||
		!slices.ContainsFunc(ev.Reasons, func(r Reason) bool { return r.Kind == KindTrimmed }) {
		t.Errorf("got %+v, want containment and trimming for b", ev)
	}
}

// A text that holds all of another and goes on with a story of its own
// was put together from it: the page that runs a wire story above
// another story is not the wire story's source.
func TestOrderAnotherStory(t *testing.T) {
	// b holds all of a from its start and goes on: read as a's source.
	l := Link{Relation: wiretrace.Partial, Score: 0.6, CoverA: 1, CoverB: 0.45, TailB: 0.55}
	if ev := Order(member("a", "", 0), member("b", "", 0), l); ev.Before >= 0 {
		t.Fatalf("got %+v, want b first", ev)
	}
	// b goes on with another story: a came first, and nothing reads b as
	// a's source.
	l.OtherB = true
	ev := Order(member("a", "", 0), member("b", "", 0), l)
	if ev.Before <= 0 || len(ev.Reasons) != 1 || ev.Reasons[0].Kind != KindAssembled {
		t.Errorf("got %+v, want only %s, for a", ev, KindAssembled)
	}
	// Seen from b's side, the same.
	if ev := Order(member("b", "", 0), member("a", "", 0), l.Flip()); ev.Before >= 0 {
		t.Errorf("flipped: got %+v, want a first", ev)
	}
	// Both holding other stories beside what they share: neither speaks.
	l.OtherA = true
	if ev := Order(member("a", "", 0), member("b", "", 0), l); len(ev.Reasons) != 0 {
		t.Errorf("both: got %+v, want no evidence", ev)
	}
}

func TestLinkOfHeadAndTail(t *testing.T) {
	c := wiretrace.Comparison{Relation: wiretrace.Partial, Score: 0.5, Passages: []wiretrace.Passage{
		{SourceStart: 0, SourceEnd: 40, SuspectStart: 30, SuspectEnd: 70},
		{SourceStart: 50, SourceEnd: 80, SuspectStart: 75, SuspectEnd: 100},
	}}
	l := LinkOf(0, 1, c, 100, 200)
	if l.HeadA != 0 || l.HeadB != 0.15 || l.TailA != 0.2 || l.TailB != 0.5 {
		t.Errorf("heads %v / %v, tails %v / %v, want 0 / 0.15, 0.2 / 0.5", l.HeadA, l.HeadB, l.TailA, l.TailB)
	}
	f := l.Flip()
	if f.HeadA != l.HeadB || f.HeadB != l.HeadA {
		t.Errorf("flipped heads %v / %v", f.HeadA, f.HeadB)
	}
	if l := LinkOf(0, 1, wiretrace.Comparison{Relation: wiretrace.Related}, 100, 200); l.HeadA != 0 || l.HeadB != 0 {
		t.Errorf("no passages: heads %v / %v, want 0", l.HeadA, l.HeadB)
	}
}

func withCredits(m Member, credits ...string) Member {
	m.Credits = credits
	return m
}

func withCanonicalSite(m Member, key string) Member {
	m.CanonicalSite = key
	return m
}

func withFirstRan(m Member, keys ...string) Member {
	m.FirstRan = keys
	return m
}

// Partial reuse says nothing of which text came first: either may have
// borrowed from the other.
func TestOrderPartialHasNoContainment(t *testing.T) {
	l := Link{Relation: wiretrace.Partial, Score: 0.2, CoverA: 0.3, CoverB: 0.1, TailA: 0.5}
	ev := Order(member("a", "", 0), member("b", "", 0), l)
	if len(ev.Reasons) != 0 || ev.Before != 0 {
		t.Errorf("got %+v, want no evidence", ev)
	}
}

func TestSiteKey(t *testing.T) {
	for site, want := range map[string]string{
		"www.reuters.com":          "reuters",
		"uk.reuters.com":           "reuters",
		"news.bbc.co.uk":           "bbc",
		"https://apnews.com/x/y":   "apnews",
		"northwire.example":        "northwire",
		"Harbour Ledger":           "harbour ledger",
		"":                         "",
		"meridianpress.example/ab": "meridianpress",
	} {
		if got := SiteKey(site); got != want {
			t.Errorf("SiteKey(%q) = %q, want %q", site, got, want)
		}
	}
	for _, c := range []struct {
		credit, key string
		want        bool
	}{
		{"north wire", "northwire", true},
		{"meridian press agency", "meridianpress", true},
		{"reuters", "reuters", true},
		{"ap", "apnews", false},
		{"harbour ledger", "harbour", true},
		{"eastfield gazette", "ledger", false},
	} {
		if got := hasCredit([]string{c.credit}, c.key); got != c.want {
			t.Errorf("hasCredit(%q, %q) = %v, want %v", c.credit, c.key, got, c.want)
		}
	}
}

// A wire story, two syndicated copies, a copy trimmed from one of them and
// a spun copy of the trimmed one.
func wireFamily() ([]Member, []Link) {
	ms := []Member{
		claims(withCredits(member("wire", "northwire.example", 5), "north wire"), t0),
		claims(withCredits(member("ledger", "ledger.example", 2), "north wire"), t0.Add(time.Hour)),
		captured(withCredits(member("gazette", "gazette.example", 1), "north wire"), t0.Add(3*time.Hour)),
		claims(member("digest", "digest.example", 4), t0.Add(9*time.Hour)),
		captured(member("farm", "farm.example", 3), t0.Add(30*time.Hour)),
	}
	links := []Link{
		{A: 0, B: 1, Relation: wiretrace.Copy, Score: 0.97, CoverA: 1, CoverB: 0.98},
		{A: 0, B: 2, Relation: wiretrace.Copy, Score: 0.96, CoverA: 1, CoverB: 1},
		{A: 1, B: 2, Relation: wiretrace.Copy, Score: 0.95, CoverA: 0.98, CoverB: 1},
		{A: 1, B: 3, Relation: wiretrace.Copy, Score: 0.9, CoverA: 0.55, CoverB: 1, TailA: 0.45},
		{A: 0, B: 3, Relation: wiretrace.Copy, Score: 0.8, CoverA: 0.52, CoverB: 0.96, TailA: 0.48},
		{A: 3, B: 4, Relation: wiretrace.Spun, Score: 0.7, CoverA: 1, CoverB: 1},
		{A: 0, B: 4, Relation: wiretrace.Spun, Score: 0.55, CoverA: 0.5, CoverB: 0.95, TailA: 0.5},
	}
	return ms, links
}
