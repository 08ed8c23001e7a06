package engine_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/provenance"
)

// A brief that retells a court report in its own words shares no
// fingerprint with it: linking looks it up by every run of three words,
// as a check does, and joins it to the report it was written from. Two
// notices written to one formula, with a handful of words of their own
// and one fingerprint in common, stay apart though they read as copies.
func TestBriefFoundByItsPhrases(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
	art := func(id, site, text string, hours int) wiretrace.Article {
		return wiretrace.Article{ID: id, Site: site, Text: text, Published: t0.Add(time.Duration(hours) * time.Hour), PublishedFrom: wiretrace.FromPage}
	}
	eng := open(t)
	addAll(t, eng, []wiretrace.Article{
		art("ferry-report", "northwire.example", ferryReport, 0),
		art("notice-april", "harbourledger.example", "Qtly div 12 cts vs 12 cts prior\n\nPay April 1\n\nRecord March 15", 1),
		art("ferry-brief", "dailydigesthub.example", ferryBrief, 9),
		art("notice-june", "valleycourier.example", "Qtly div 12 cts vs 12 cts prior qtr\n\nPay June 30\n\nRecord June 2", 10),
	})
	if c := engine.Compare(ferryReport, ferryBrief); c.Relation != wiretrace.Spun {
		t.Fatalf("the brief is %s of the report, want spun", c.Relation)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	st := stories(t, eng)
	// Stories are keyed by their origin.
	if s, ok := st["ferry-report"]; !ok || !slices.Equal(memberIDs(s.Members), []string{"ferry-brief", "ferry-report"}) {
		t.Errorf("stories %v: want the report and the brief in one, the report its origin", st)
	}
	for _, s := range st {
		if slices.Contains(memberIDs(s.Members), "notice-june") {
			t.Errorf("the formula notices joined: %v", memberIDs(s.Members))
		}
	}
	// A live trace of the report finds the brief stored after it, which
	// its fingerprints do not: through the index of briefs.
	tr, err := eng.Trace(ctx, wiretrace.Article{ID: "ferry-report"}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(tr.Members); !slices.Contains(ids, "ferry-brief") {
		t.Errorf("live trace of the report: members %v, want the brief stored after it", ids)
	}
	// A live trace of the brief as another site ran it, a text the store
	// does not hold, finds the brief and the report the same way.
	tr, err = eng.Trace(ctx, wiretrace.Article{Text: ferryBrief + "\n\nSent in by a reader."}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(tr.Members); tr.Origin != "ferry-report" || len(ids) != 3 || !slices.Contains(ids, "ferry-brief") {
		t.Errorf("live trace of the brief: origin %q, members %v; want the text, the brief and the report, the report its origin", tr.Origin, ids)
	}
}

// A brief stored before the report it retells (a paper's brief filed
// ahead of the wire's full story) is found from the report: linking
// keeps the briefs it joined to nothing by their fingerprints, and the
// report looks its runs of three words up among them. Found in one update
// or across two, and forgotten with the brief when it is removed.
func TestBriefStoredBeforeItsStory(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
	art := func(id, site, text string, hours int) wiretrace.Article {
		return wiretrace.Article{ID: id, Site: site, Text: text, Published: t0.Add(time.Duration(hours) * time.Hour), PublishedFrom: wiretrace.FromPage}
	}
	brief := art("ferry-brief", "dailydigesthub.example", ferryBrief, 9)
	report := art("ferry-report", "northwire.example", ferryReport, 0)
	joined := func(eng *engine.Engine) bool {
		t.Helper()
		if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
			t.Fatal(err)
		}
		s, ok := stories(t, eng)["ferry-report"]
		return ok && slices.Equal(memberIDs(s.Members), []string{"ferry-brief", "ferry-report"})
	}
	briefNotes := func(eng *engine.Engine) int {
		t.Helper()
		n := 0
		if err := eng.Store().ScanNotes(ctx, "fam/b/", func(string, []byte) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}

	eng := open(t)
	addAll(t, eng, []wiretrace.Article{brief, report})
	if !joined(eng) {
		t.Errorf("one update: stories %v; want the report and the brief stored before it in one, the report its origin", stories(t, eng))
	}

	eng = open(t)
	addAll(t, eng, []wiretrace.Article{brief})
	if joined(eng) || briefNotes(eng) != 1 {
		t.Fatalf("the brief alone: %d briefs kept, want 1", briefNotes(eng))
	}
	addAll(t, eng, []wiretrace.Article{report})
	// Before the families are updated, a trace of the report, stored or
	// given as a text the store does not hold, gathers the brief from the
	// index the first update left.
	for _, a := range []wiretrace.Article{{ID: "ferry-report"}, {Text: ferryReport + "\n\nReported by our court staff."}} {
		tr, err := eng.Trace(ctx, a, engine.TraceOptions{Live: true})
		if err != nil {
			t.Fatal(err)
		}
		if ids := memberIDs(tr.Members); !slices.Contains(ids, "ferry-brief") {
			t.Errorf("live trace of %q: members %v, want the brief stored before it", a.ID, ids)
		}
	}
	if !joined(eng) {
		t.Errorf("two updates: stories %v; want the report and the brief stored before it in one", stories(t, eng))
	}
	if err := eng.Remove(ctx, "ferry-brief"); err != nil {
		t.Fatal(err)
	}
	if n := briefNotes(eng); n != 0 {
		t.Errorf("%d briefs kept after the brief was removed, want 0", n)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}

	// A formula notice stored before a long story that shares its
	// formula's phrases is no brief of it.
	eng = open(t)
	addAll(t, eng, []wiretrace.Article{
		art("filing", "harbourledger.example", filingNotice, 0),
		art("takeover", "northwire.example", takeoverStory, 2),
	})
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range stories(t, eng) {
		if len(s.Members) > 1 {
			t.Errorf("the notice joined the story: %v", memberIDs(s.Members))
		}
	}
}

// What linking finds does not depend on where its batches fall: the
// briefs of a batch are looked up by its later articles as those of
// earlier batches are.
func TestBriefsWhateverTheBatches(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
	var as []wiretrace.Article
	for i, name := range []string{"flood/spun", "strike/unrelated", "flood/original", "strike/verbatim", "flood/unrelated", "strike/original", "flood/partial"} {
		as = append(as, wiretrace.Article{ID: name, Text: read(t, name), Published: t0.Add(time.Duration(i) * time.Hour), PublishedFrom: wiretrace.FromPage})
	}
	brief := wiretrace.Article{ID: "ferry-brief", Site: "dailydigesthub.example", Text: ferryBrief, Published: t0.Add(9 * time.Hour), PublishedFrom: wiretrace.FromPage}
	report := wiretrace.Article{ID: "ferry-report", Site: "northwire.example", Text: ferryReport, Published: t0, PublishedFrom: wiretrace.FromPage}
	all := append([]wiretrace.Article{brief}, as[:3]...)
	all = append(all, report)
	all = append(all, as[3:]...)

	want := func() map[string]provenance.Story {
		eng := open(t)
		addAll(t, eng, all)
		if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
			t.Fatal(err)
		}
		return stories(t, eng)
	}()
	if s, ok := want["ferry-report"]; !ok || !slices.Contains(memberIDs(s.Members), "ferry-brief") {
		t.Fatalf("one batch: stories %v, want the brief with its report", want)
	}
	for _, size := range []int{1, 2, 3, 5} {
		for _, split := range []int{0, 3} {
			restore := engine.SetLinkBatch(size)
			eng := open(t)
			for _, part := range [][]wiretrace.Article{all[:split], all[split:]} {
				addAll(t, eng, part)
				if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{Workers: 2}); err != nil {
					t.Fatal(err)
				}
			}
			restore()
			assertSameStories(t, fmt.Sprintf("batches of %d, updated after %d", size, split), stories(t, eng), want)
		}
	}
}

const ferryReport = `Ferry captain cleared of putting passengers at risk

A ferry captain accused of putting more than two hundred passengers in danger when his vessel struck a harbour wall in fog was today cleared by a jury at Kestrel Bay Crown Court.

Martin Holloway, 47, of Quayside Terrace, Port Ellery, had denied a charge of endangering life after the Morwenna Star hit the eastern breakwater at Port Ellery on the morning of March 12 last year.

The court heard that visibility had fallen to less than fifty metres as the ferry made its approach, and that the ship's radar had failed twenty minutes before the collision.

Prosecutors said Holloway should have held the vessel outside the harbour until the fog lifted, as the company's own rules required, rather than attempting to berth with only a handheld compass and the lights of the quay to guide him.

Holloway told the jury he had slowed the ferry to a crawl and had radioed the harbour master twice for permission to wait offshore, but had been told both times that the berth was clear and that he should come in.

Three passengers were treated in hospital for minor injuries after being thrown against railings, and the ferry was out of service for six weeks while its bow was repaired.

After the verdict, Holloway's solicitor said his client was relieved that the jury had accepted his account, and that the harbour authority should now explain why its instructions had been given.

The harbour authority said it would study the judgment before commenting.`

const ferryBrief = `Skipper acquitted

A skipper charged with placing over two hundred travellers in peril when his ship hit a breakwater wall in mist has been acquitted by jurors at Kestrel Bay Crown Court.

Martin Holloway, aged 47, from Port Ellery, had refused a count of risking lives after his vessel, the Morwenna Star, struck the east breakwater one morning in March last year. He said the port's harbourmaster told him twice that his berth lay clear.`

const filingNotice = `Tarnwell Income Trust Inc said it filed with the Securities and Exchange Commission a registration statement covering a 40 mln dlr issue of convertible notes due 1994.

The proceeds will be used for investment purposes, the company said.

Tarnwell named Ashby Pryce and Co as sole underwriter for the offering.`

const takeoverStory = `Corvane Freight Corp, which is bidding 35 dlrs a share for 80 pct of Mellick Haulage Inc, said it would put some of Mellick's businesses up for sale to meet part of the 310 mln dlr cost of buying the shares.

Corvane told the Securities and Exchange Commission it would sell or lease Mellick's half-built depot in Fallowfield and would dispose of its Brantley Parts unit.

Nobody has yet shown an interest in buying the businesses, Corvane said.

If the bid succeeds, Mellick would be run as a Corvane subsidiary, though the two companies' depots would be merged.

The share purchases are to be paid for with loans from Orrin Trust Co and Calloway National Bank, and from Pemberton Hale Inc, the bidder's financial adviser.

Corvane said it now holds a written commitment from its lenders for as much as 142.5 mln dlrs toward the share purchases. Part of its own cash will also be used for the share purchases, the company said.`
