package engine_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/provenance"
)

// The takes of a fictional wire story: parts and a night lead filed under
// one slug, sharing no sentence, and a paper's copy of the first take.
var (
	takeFirst = "KEEPER CLEARED OVER LAMP FAILURE\n\nBy Morag Tullis, Northgate News\n\n" +
		"A lighthouse keeper accused of letting the lamp at Skerrow Point go dark on a winter night was cleared today by a jury at Kestrel Crown Court. " +
		"Alasdair Penhallow, 58, had denied endangering shipping after the light failed for three hours while a trawler sheltered in the bay. " +
		"The jury heard that a fault in the generator room had tripped the supply and that the alarm meant to warn him had been disconnected months earlier by contractors. " +
		"Mr Penhallow told the court he had climbed the tower twice that night and lit the reserve lantern by hand as soon as he found the fault. " +
		"The prosecution had been brought by the coastal safety authority after the owners of the trawler complained that their skipper had been forced to anchor blind in rising seas."
	takeSecond = "Outside the court the keeper's daughter, Wenna Penhallow, read a statement thanking the jurors for listening to her father. " +
		"She said the family had been through a hard year and hoped the harbour board would now replace the alarm system. " +
		"A spokesman for the harbour board said it would study the verdict and had already ordered an inspection of every light on the coast."
	takeNight = "The harbour board is to inspect all eleven lights on the northern coast after a keeper was acquitted over a three-hour blackout at Skerrow Point. " +
		"Board members will meet on Monday to discuss the contractors who disconnected the alarm, and a union official called for the inspections to be published in full."
	takeNextDay = "Contractors blamed for disconnecting a lighthouse alarm have been suspended from all work for the harbour board pending an inquiry, the board announced this morning. " +
		"Its chairman said public safety at sea came before every other consideration.\n\n" +
		// The day before's background, which the paper left out, repeated.
		"Alasdair Penhallow, 58, had denied endangering shipping after the light failed for three hours while a trawler sheltered in the bay. " +
		"The jury heard that a fault in the generator room had tripped the supply and that the alarm meant to warn him had been disconnected months earlier by contractors."
	takeThird       = "The trawler's skipper, who gave evidence for the prosecution, declined to comment as he left the building with his solicitor."
	takeRival       = "A ferry operator was fined for sailing with too few lifejackets aboard after an inspector counted them on the quay at Dunmere."
	takeUndated     = "Two climbers rescued from a sea stack were treated for cold and released from hospital the same evening."
	takeInquiry     = "European transport ministers opened an inquiry into the safety of ferry ramps at three northern harbours after a lorry slid into the water."
	takeInquiryLead = "The driver of the lorry was named by police as a 44-year-old haulier from the coast, who swam clear of the cab before rescuers reached him."
	takeDesk        = "Magistrates sitting at Orrin Bridge adjourned a dispute over grazing rights on the common until the spring."
	// A paper's report of the second day, which also recalls the first
	// take's last sentence.
	paperNextDay = "Lighthouse contractors suspended\n\n" +
		"Contractors blamed for disconnecting a lighthouse alarm have been suspended from all work for the harbour board pending an inquiry, the board announced yesterday. " +
		"Its chairman said public safety at sea came before every other consideration. " +
		"The prosecution had been brought by the coastal safety authority after the owners of the trawler complained that their skipper had been forced to anchor blind in rising seas."
	// Another paper's report of the second day, which opens with the
	// first paper's sentence on the verdict.
	paperRecap = "Contractors blamed for disconnecting a lighthouse alarm have been suspended from all work for the harbour board pending an inquiry, the board announced yesterday. " +
		"Its chairman said public safety at sea came before every other consideration. " +
		"A lighthouse keeper accused of letting the lamp at Skerrow Point go dark on a winter night was cleared yesterday by a jury at Kestrel Crown Court."
	paperCopy = "Keeper walks free\n\n" +
		"A lighthouse keeper accused of letting the lamp at Skerrow Point go dark on a winter night was cleared yesterday by a jury at Kestrel Crown Court. " +
		"Mr Penhallow told the court he had climbed the tower twice that night and lit the reserve lantern by hand as soon as he found the fault."
)

func TestTakesOfOneStory(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2026, 2, 9, 0, 0, 0, 0, time.UTC)
	at := func(days, hour, minute int) time.Time {
		return day.Add(time.Duration(24*days+hour)*time.Hour + time.Duration(minute)*time.Minute)
	}
	wire := func(id, slug string, when time.Time, text string) wiretrace.Article {
		a := wiretrace.Article{ID: id, Site: "northgate.example", Slug: slug, Text: text}
		if !when.IsZero() {
			a.Published, a.PublishedFrom = when, wiretrace.FromFeed
		}
		return a
	}
	as := []wiretrace.Article{
		{ID: "paper", Site: "coastalherald.example", Text: paperCopy},
		{ID: "paper-next-day", Site: "coastalherald.example", Text: paperNextDay},
		{ID: "paper-recap", Site: "tidewaygazette.example", Text: paperRecap},
		wire("night", "COURTS Lighthouse Nightlead", at(0, 21, 5), takeNight),
		wire("second", "COURTS  lighthouse", at(0, 10, 40), takeSecond),
		wire("first", "COURTS Lighthouse", at(0, 10, 2), takeFirst),
		// Not takes of that story: the next day's (which repeats the
		// first take's background), another site's under the same slug,
		// one with no time, one under the desk's name alone.
		wire("next-day", "COURTS Lighthouse", at(1, 9, 0), takeNextDay),
		{ID: "rival", Site: "otherwire.example", Slug: "COURTS Lighthouse", Published: at(0, 11, 0), PublishedFrom: wiretrace.FromFeed, Text: takeRival},
		wire("undated", "COURTS Lighthouse", time.Time{}, takeUndated),
		wire("desk", "COURTS", at(0, 12, 0), takeDesk),
		// Another agency's style of slug: the write-through extends it.
		{ID: "inquiry", Site: "capitalwire.example", Slug: "BC-EU--Harbour-Inquiry", Published: at(0, 8, 0), PublishedFrom: wiretrace.FromFeed, Text: takeInquiry},
		{ID: "inquiry-ld", Site: "capitalwire.example", Slug: "BC-EU--Harbour-Inquiry, 1st Ld-Writethru", Published: at(0, 9, 30), PublishedFrom: wiretrace.FromFeed, Text: takeInquiryLead},
	}
	eng := open(t)
	addAll(t, eng, as)
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got := stories(t, eng)
	s, ok := got["first"]
	if !ok || len(got) != 3 || !slices.Equal(memberIDs(got["next-day"].Members), []string{"next-day", "paper-next-day", "paper-recap"}) ||
		!slices.Equal(memberIDs(got["inquiry"].Members), []string{"inquiry", "inquiry-ld"}) {
		t.Fatalf("stories by origin %v, want the first take's, the next day's (with the papers' reports of it) and the inquiry's", storyIDs(got))
	}
	if ids, want := memberIDs(s.Members), []string{"first", "night", "paper", "second"}; !slices.Equal(ids, want) {
		t.Errorf("family %v, want %v", ids, want)
	}
	for _, m := range s.Members {
		switch m.ID {
		case "second", "night":
			if m.Relation != provenance.Take || m.Slug == "" {
				t.Errorf("%s: relation %q, slug %q; want a take with its slug", m.ID, m.Relation, m.Slug)
			}
		case "paper":
			if m.Parent != "first" || !m.Relation.Derived() {
				t.Errorf("paper: %s of %s, want derived from the first take", m.Relation, m.Parent)
			}
		}
	}

	// A trace gathered live (as when the families are out of date) finds
	// the takes through the index the families keep, and keeps the next
	// day's story apart as they do.
	live, err := eng.Trace(ctx, wiretrace.Article{ID: "second"}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids, want := memberIDs(live.Members), []string{"first", "night", "paper", "second"}; !slices.Equal(ids, want) {
		t.Errorf("live trace of the second take: %v, want %v", ids, want)
	}

	// A take removed leaves the index: a later take of the day joins the
	// story through the others, and the families hold no trace of it.
	if err := eng.Remove(ctx, "second"); err != nil {
		t.Fatal(err)
	}
	addAll(t, eng, []wiretrace.Article{wire("third", "COURTS Lighthouse", at(0, 13, 30), takeThird)})
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got = stories(t, eng)
	if ids, want := memberIDs(got["first"].Members), []string{"first", "night", "paper", "third"}; !slices.Equal(ids, want) {
		t.Errorf("after removing a take and adding another: family %v, want %v", ids, want)
	}

	// Rebuilt from nothing, the families are the same.
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{Rebuild: true}); err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(stories(t, eng)["first"].Members); !slices.Equal(ids, []string{"first", "night", "paper", "third"}) {
		t.Errorf("rebuilt: family %v", ids)
	}
	assertCutFromShape(t, eng)
}

func storyIDs(got map[string]provenance.Story) map[string][]string {
	out := map[string][]string{}
	for k, s := range got {
		out[k] = memberIDs(s.Members)
	}
	return out
}

// One site's stories of two days: a report that repeats the day before's
// background is another story, a re-run of the same text the same one.
func TestOneSitesTwoDays(t *testing.T) {
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 5, 4+d, h, 0, 0, 0, time.UTC) }
	background := "The board took over the harbour in 2019 after the old trust collapsed with debts of four million crowns. " +
		"Its plan to rebuild the north quay has been delayed twice by disputes with the contractors who dredged the channel. "
	first := "The harbour board said on Monday it would borrow two million crowns to finish the north quay before the autumn storms. " + background +
		"Fishing crews have moored at the fuel jetty since the old quay was closed, and say the crowding has already damaged three boats."
	second := "Members voted on Tuesday to replace the chairman who had pressed for the loan, ending a decade in which he ran the port almost alone. " + background +
		"His deputy, a former ferry captain, will lead the board until an election in September, the board's secretary said. " +
		"Two members who voted against the loan said the quay should be finished with money from the sale of the old customs house. " +
		"The chairman, who ran a boatyard on the south shore for thirty years, told reporters he had no regrets and would return to sailing. " +
		"A meeting of the town council on Thursday is expected to ask the regional government to guarantee part of the cost."
	as := []wiretrace.Article{
		{ID: "monday", Site: "harbourwire.example", Text: first, Published: day(0, 9), PublishedFrom: wiretrace.FromPage},
		{ID: "tuesday", Site: "harbourwire.example", Text: second, Published: day(1, 9), PublishedFrom: wiretrace.FromPage},
		{ID: "monday-again", Site: "harbourwire.example", Text: "From our archive\n\n" + first, Published: day(2, 12), PublishedFrom: wiretrace.FromPage},
		// The same day's second story of the site, over the same
		// background: another story.
		{ID: "monday-evening", Site: "harbourwire.example", Published: day(0, 18), PublishedFrom: wiretrace.FromPage,
			Text: "Two trawlers collided at the fuel jetty on Monday evening as crews waited in line to refuel, the coastguard said. " + background +
				"Nobody was hurt, but one of the boats lost its rudder and will be towed to a yard on the mainland for repairs. " +
				"The skipper of the second trawler said the queue had grown every night this month, with boats waiting an hour or more in the dark. " +
				"Harbour pilots have asked for floodlights on the jetty and a second pump, which the fuel company says it cannot fit before spring. " +
				"The coastguard asked skippers to keep to the marked channel and to report any damage to their hulls before going out again."},
	}
	eng := open(t)
	addAll(t, eng, as)
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got := stories(t, eng)
	if len(got) != 1 || !slices.Equal(memberIDs(got["monday"].Members), []string{"monday", "monday-again"}) {
		t.Errorf("stories by origin %v, want monday with its re-run, and tuesday's and monday evening's stories apart", storyIDs(got))
	}
	assertCutFromShape(t, eng)
	// A trace gathered live keeps them apart too.
	live, err := eng.Trace(ctx, wiretrace.Article{ID: "monday"}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(live.Members); !slices.Equal(ids, []string{"monday", "monday-again"}) {
		t.Errorf("live trace of monday: %v, want monday and its re-run", ids)
	}
	// The link is there all the same: a check of Tuesday's report finds
	// Monday's as a source.
	ms, err := eng.Check(ctx, wiretrace.Article{Text: second}, engine.CheckOptions{Exclude: []string{"tuesday"}})
	if err != nil || len(ms) == 0 || !ms[0].Relation.Derived() {
		t.Errorf("check of tuesday's text: %v, %v; want monday's story as a derived source", ms, err)
	}
}

// A wire's notices to one formula are as many stories as the companies
// and markets their headlines name, though their texts are copies: the
// headlines share a word of the wire's that no dictionary holds
// ("PAYOUT") but not their tickers, or name places the dictionary
// knows. The re-run of one under its ticker is that story.
func TestOneWiresNoticesByTickerAndPlace(t *testing.T) {
	ctx := context.Background()
	at := func(h int) time.Time { return time.Date(2026, 6, 2, h, 0, 0, 0, time.UTC) }
	payout := "Qtly div 25 cts vs 25 cts prior, payable July one to shareholders of record June 15, the company said in a statement issued after the close of trading."
	hogs := "Hog prices are expected steady to 0.50 dlr higher on estimated receipts of 2,500 head, private sources said. Top seen at 51.00 dlrs per cwt. Sources said the market closed firm late yesterday and buyers were active."
	as := []wiretrace.Article{
		{ID: "harwick", Site: "lakewire.example", Title: "HARWICK MILLS <HWM> SETS QUARTERLY PAYOUT", Text: payout, Published: at(9), PublishedFrom: wiretrace.FromPage},
		{ID: "belcaster", Site: "lakewire.example", Title: "BELCASTER CORP <BLC> SETS QUARTERLY PAYOUT", Text: strings.Replace(payout, "after the close of", "before", 1), Published: at(10), PublishedFrom: wiretrace.FromPage},
		{ID: "harwick-again", Site: "lakewire.example", Title: "HARWICK MILLS <HWM> PAYOUT UNCHANGED", Text: payout + " Its shares were unchanged.", Published: at(11), PublishedFrom: wiretrace.FromPage},
		{ID: "indianapolis", Site: "lakewire.example", Title: "INDIANAPOLIS HOGS SEEN STEADY - PRIVATE SOURCES", Text: hogs, Published: at(7), PublishedFrom: wiretrace.FromPage},
		{ID: "peoria", Site: "lakewire.example", Title: "PEORIA HOGS SEEN STEADY - PRIVATE SOURCES", Text: strings.Replace(hogs, "buyers were active", "packers were active", 1), Published: at(8), PublishedFrom: wiretrace.FromPage},
	}
	eng := open(t)
	addAll(t, eng, as)
	// The texts are copies of each other: only the headlines tell.
	for _, p := range [][2]int{{1, 0}, {4, 3}} {
		ms, err := eng.Check(ctx, wiretrace.Article{Text: as[p[0]].Text}, engine.CheckOptions{Exclude: []string{as[p[0]].ID}})
		if err != nil || len(ms) == 0 || ms[0].ID != as[p[1]].ID || ms[0].Relation != wiretrace.Copy {
			t.Fatalf("check of %s: %v, %v; want %s as a copy", as[p[0]].ID, ms, err, as[p[1]].ID)
		}
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got := stories(t, eng)
	if len(got) != 1 || !slices.Equal(memberIDs(got["harwick"].Members), []string{"harwick", "harwick-again"}) {
		t.Errorf("stories by origin %v, want harwick with its re-run, and the other notices apart", storyIDs(got))
	}
	assertCutFromShape(t, eng)
}

// A site's notices written to one formula for two companies are two
// stories, though the texts, which name neither, are copies of each
// other: their headlines name different companies. The site's re-run of
// one of them under a headline naming the same company is that story.
func TestOneSitesFormulaNotices(t *testing.T) {
	ctx := context.Background()
	at := func(h int) time.Time { return time.Date(2026, 5, 4, h, 0, 0, 0, time.UTC) }
	notice := "The board of directors declared a regular quarterly dividend of 12 cents a share on its common stock, payable May 30 to holders of record on May 16, the company said in a statement issued after the market closed. " +
		"The dividend is unchanged from the previous quarter, and the company said it expected to keep paying it at that rate through the rest of the year."
	as := []wiretrace.Article{
		// The site's name after a bar, as pages' titles carry it, is
		// no subject.
		{ID: "vantrell", Site: "lakewire.example", Title: "Vantrell Tooling declares quarterly dividend | Lakewire Daily", Text: notice, Published: at(9), PublishedFrom: wiretrace.FromPage},
		{ID: "quenbrook", Site: "lakewire.example", Title: "Quenbrook Foods declares quarterly dividend | Lakewire Daily", Text: strings.Replace(notice, "after the market closed", "before the market opened", 1), Published: at(10), PublishedFrom: wiretrace.FromPage},
		{ID: "vantrell-again", Site: "lakewire.example", Title: "Vantrell keeps its payout - Lakewire", Text: notice + " The shares closed unchanged.", Published: at(15), PublishedFrom: wiretrace.FromPage},
	}
	eng := open(t)
	addAll(t, eng, as)
	// The texts are copies of each other: only the headlines tell.
	ms, err := eng.Check(ctx, wiretrace.Article{Text: as[1].Text}, engine.CheckOptions{Exclude: []string{"quenbrook"}})
	if err != nil || len(ms) == 0 || ms[0].Relation != wiretrace.Copy {
		t.Fatalf("check of the second notice: %v, %v; want the first as a copy", ms, err)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got := stories(t, eng)
	if len(got) != 1 || !slices.Equal(memberIDs(got["vantrell"].Members), []string{"vantrell", "vantrell-again"}) {
		t.Errorf("stories by origin %v, want vantrell with its re-run, and quenbrook's notice apart", storyIDs(got))
	}
	assertCutFromShape(t, eng)
	live, err := eng.Trace(ctx, wiretrace.Article{ID: "quenbrook"}, engine.TraceOptions{Live: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := memberIDs(live.Members); !slices.Equal(ids, []string{"quenbrook"}) {
		t.Errorf("live trace of quenbrook: %v, want it alone", ids)
	}
}
