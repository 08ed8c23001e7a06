package engine_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
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
	// A live trace of the brief as another site ran it, a text the store
	// does not hold, finds the brief and the report the same way.
	tr, err := eng.Trace(ctx, wiretrace.Article{Text: ferryBrief + "\n\nSent in by a reader."}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(tr.Members); tr.Origin != "ferry-report" || len(ids) != 3 || !slices.Contains(ids, "ferry-brief") {
		t.Errorf("live trace of the brief: origin %q, members %v; want the text, the brief and the report, the report its origin", tr.Origin, ids)
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
