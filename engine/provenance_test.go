package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/provenance"
)

// storyArticles are the example families as sites would publish them: the
// wire's story first, the copies hours later on other sites, stored in an
// order that says nothing of which came first.
func storyArticles(t *testing.T) []wiretrace.Article {
	t.Helper()
	t0 := time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC)
	sites := map[string]string{
		"original": "meridianwire.example", "verbatim": "harbourledger.example", "light-edit": "valleycourier.example",
		"spun": "dailydigesthub.example", "partial": "cobbsferryclarion.example", "independent": "eastfieldgazette.example",
		"unrelated": "metroinsider.example",
	}
	hours := map[string]int{"original": 0, "independent": 1, "verbatim": 2, "light-edit": 3, "spun": 5, "partial": 26, "unrelated": 4}
	var out []wiretrace.Article
	for fi, fam := range []string{"flood", "strike"} {
		for _, name := range []string{"spun", "unrelated", "verbatim", "partial", "original", "independent", "light-edit"} {
			out = append(out, wiretrace.Article{
				ID: fam + "-" + name, Site: sites[name], Text: read(t, fam+"/"+name),
				Published: t0.Add(time.Duration(24*fi+hours[name]) * time.Hour), PublishedFrom: wiretrace.FromPage,
			})
		}
	}
	return out
}

func addAll(t *testing.T, eng *engine.Engine, as []wiretrace.Article) {
	t.Helper()
	res, err := eng.Add(context.Background(), as...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
}

func memberIDs(ms []provenance.StoryMember) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestTrace(t *testing.T) {
	ctx := context.Background()
	eng := open(t)
	addAll(t, eng, storyArticles(t))
	want := []string{"flood-light-edit", "flood-original", "flood-partial", "flood-spun", "flood-verbatim"}

	tr, err := eng.Trace(ctx, wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := memberIDs(tr.Members); !slices.Equal(got, want) {
		t.Errorf("members %v, want %v: the independent report and the unrelated story are no copies", got, want)
	}
	if tr.Origin != "flood-original" || !tr.Stored {
		t.Errorf("origin %s stored %v, want flood-original, stored", tr.Origin, tr.Stored)
	}
	for _, m := range tr.Members {
		if m.ID != tr.Origin && (m.Parent == "" || m.Lag == nil || *m.Lag <= 0) {
			t.Errorf("member %s: parent %q lag %v, want a parent before it", m.ID, m.Parent, m.Lag)
		}
		if m.Traced != (m.ID == "flood-spun") {
			t.Errorf("member %s traced = %v", m.ID, m.Traced)
		}
	}
	if tr.Members[0].ID != tr.Origin {
		t.Errorf("timeline starts with %s, want the origin", tr.Members[0].ID)
	}

	// A text given without storing it finds the same family around it.
	spun := read(t, "flood/spun")
	tr2, err := eng.Trace(ctx, wiretrace.Article{Text: spun + "\n\nReposted by a reader."}, engine.TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tr2.Stored || tr2.Origin != "flood-original" || len(tr2.Members) != len(want)+1 {
		t.Errorf("unstored trace: stored %v origin %s members %v", tr2.Stored, tr2.Origin, memberIDs(tr2.Members))
	}
	// It is named by the ID it would be stored under.
	for _, m := range tr2.Members {
		if m.Traced && (!m.Unstored || m.ID != engine.ID(spun+"\n\nReposted by a reader.")) {
			t.Errorf("the text traced: %+v", m.Member)
		}
	}
	// A stored text traced without its ID is the stored article, once:
	// one stored under another ID (a page ingested under its URL's),
	// and one added without an ID (a file added, then traced).
	byText, err := eng.Trace(ctx, wiretrace.Article{Text: spun}, engine.TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !byText.Stored || byText.ID != "flood-spun" || len(byText.Members) != len(want) {
		t.Errorf("the stored flood-spun traced by its text: stored %v ID %q members %v", byText.Stored, byText.ID, memberIDs(byText.Members))
	}
	again := spun + "\n\nCopied again by a reader."
	if res, err := eng.Add(ctx, wiretrace.Article{Text: again}); err != nil || res[0].Err != nil {
		t.Fatalf("add: %v %v", err, res)
	}
	byText, err = eng.Trace(ctx, wiretrace.Article{Text: again}, engine.TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !byText.Stored || byText.ID != engine.ID(again) || len(byText.Members) != len(want)+1 {
		t.Errorf("a stored text traced without its ID: stored %v ID %q members %v", byText.Stored, byText.ID, memberIDs(byText.Members))
	}
	for _, m := range byText.Members {
		if m.Unstored {
			t.Errorf("member %s unstored: the text traced is stored", m.ID)
		}
	}
	if err := eng.Store().Remove(ctx, engine.ID(again)); err != nil {
		t.Fatal(err)
	}

	// A story alone is a family of one.
	tr3, err := eng.Trace(ctx, wiretrace.Article{ID: "flood-unrelated"}, engine.TraceOptions{})
	if err != nil || len(tr3.Members) != 1 {
		t.Errorf("unrelated: %v members, err %v", len(tr3.Members), err)
	}
	if _, err := eng.Trace(ctx, wiretrace.Article{ID: "nowhere"}, engine.TraceOptions{}); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("unknown ID: %v, want ErrNotFound", err)
	}
	// The bound is kept and said.
	tr4, err := eng.Trace(ctx, wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{MaxMembers: 2})
	if err != nil || !tr4.Truncated || len(tr4.Members) != 2 {
		t.Errorf("bounded trace: truncated %v, %d members, err %v; want 2", tr4.Truncated, len(tr4.Members), err)
	}

	// With the families up to date, a family larger than the bound is told
	// from its stored links: the members nearest the article, connected,
	// with the whole family's size.
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	for bound := 2; bound <= len(want); bound++ {
		tr, err := eng.Trace(ctx, wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{MaxMembers: bound})
		if err != nil {
			t.Fatal(err)
		}
		whole := bound == len(want)
		if len(tr.Members) != bound || tr.Truncated == whole || !whole && tr.FamilySize != len(want) {
			t.Errorf("bound %d: %d members %v, truncated %v, family size %d", bound, len(tr.Members), memberIDs(tr.Members), tr.Truncated, tr.FamilySize)
			continue
		}
		ids := memberIDs(tr.Members)
		traced, roots := 0, 0
		for _, m := range tr.Members {
			if !slices.Contains(want, m.ID) {
				t.Errorf("bound %d: %s is not of the family", bound, m.ID)
			}
			if m.Traced {
				traced++
			}
			if m.Parent == "" {
				roots++
			} else if _, ok := slices.BinarySearch(ids, m.Parent); !ok {
				t.Errorf("bound %d: %s has parent %s outside the story", bound, m.ID, m.Parent)
			}
		}
		if traced != 1 || roots != 1 {
			t.Errorf("bound %d: %d traced, %d roots; want 1 and 1", bound, traced, roots)
		}
	}
}

func stories(t *testing.T, eng *engine.Engine) map[string]provenance.Story {
	t.Helper()
	out := map[string]provenance.Story{}
	err := eng.Stories(context.Background(), engine.FamilyFilter{}, func(s provenance.Story) error {
		out[s.Origin] = s
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A copy cut from a story is linked to it whichever was stored first:
// stored before the story, the copy holds too little of the story for
// the story to derive from it, and the link is found the other way round.
func TestCutCopyStoredFirst(t *testing.T) {
	ctx := context.Background()
	table := "Qtr shr 41 cts vs 33 cts\n\nNet 2.8 mln vs 2.2 mln\n\nSales 17.4 mln vs 15.0 mln\n\n" +
		"Nine mths\n\nShr 1.19 dlrs vs 97 cts\n\nNet 8.1 mln vs 6.6 mln\n\nSales 51.2 mln vs 44.7 mln"
	t0 := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
	cut := wiretrace.Article{ID: "results-cut", Site: "metroinsider.example", Text: table[:strings.Index(table, "\n\nNine")],
		Published: t0.Add(11 * time.Hour), PublishedFrom: wiretrace.FromPage}
	whole := wiretrace.Article{ID: "results", Site: "coastlinenews.example", Text: table, Published: t0, PublishedFrom: wiretrace.FromPage}
	eng := open(t)
	addAll(t, eng, []wiretrace.Article{cut, whole})
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	s, ok := stories(t, eng)["results"]
	if !ok || !slices.Equal(memberIDs(s.Members), []string{"results", "results-cut"}) {
		t.Fatalf("stories %v, want one of results and results-cut, results first", stories(t, eng))
	}
	for _, m := range s.Members {
		if m.ID == "results-cut" && (m.Parent != "results" || m.Relation != wiretrace.Copy) {
			t.Errorf("the cut copy: parent %q, relation %s; want results, copy", m.Parent, m.Relation)
		}
	}
}

// A page that runs a wire brief above a story of its own holds all of the
// brief and goes on: read as cut from it, the page would be the brief's
// source. The story after it shares none of its words, so the page was
// put together from the brief.
func TestPageOfTwoStories(t *testing.T) {
	ctx := context.Background()
	brief := "KESTREL BAY, April 2 - The island ferry will run an extra evening crossing from Monday, the harbour board said, after queues of foot passengers stretched past the ticket office for most of last week.\n\n" +
		"The board said the later boat would leave Kestrel Bay at 21:40 and return from Orrin Quay at 22:30 until the end of September.\n\n" +
		"Fares are unchanged. Cyclists must still book a space for their bicycles a day ahead."
	other := "Volunteers reopened the Larchmont reading room on Saturday after eighteen months of repairs to its leaking roof and cracked plaster ceilings.\n\n" +
		"Children queued for the first storytelling hour while a brass band played in the garden. The mayor thanked carpenters, painters and dozens of residents who raised money with cake stalls and sponsored walks.\n\n" +
		"Opening hours are printed on the noticeboard beside the entrance."
	eng := open(t)
	addAll(t, eng, []wiretrace.Article{
		{ID: "page", Site: "islandnews.example", Text: brief + "\n\n" + other},
		{ID: "brief", Site: "tidewire.example", Text: brief},
	})
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	s, ok := stories(t, eng)["brief"]
	if !ok || !slices.Equal(memberIDs(s.Members), []string{"brief", "page"}) {
		t.Fatalf("stories %v, want one of brief and page, brief first", stories(t, eng))
	}
	if !slices.ContainsFunc(s.Reasons, func(r string) bool { return strings.Contains(r, "beside another story") }) {
		t.Errorf("reasons %q, want the page's other story among them", s.Reasons)
	}
}

// A site that runs another's article and says so at its foot ("This
// article was originally published on ...") or in its page's canonical
// URL names the origin, even when it claims an earlier time than the
// origin does: the page says which ran first. Without either, or with a
// canonical URL on its own site, the claimed times decide the other way.
func TestRepublicationNote(t *testing.T) {
	ctx := context.Background()
	story := "Volunteers reopened the Larchmont reading room on Saturday after eighteen months of repairs to its leaking roof and cracked plaster ceilings.\n\n" +
		"Children queued for the first storytelling hour while a brass band played in the garden. The mayor thanked carpenters, painters and dozens of residents who raised money with cake stalls and sponsored walks.\n\n" +
		"Opening hours are printed on the noticeboard beside the entrance."
	t0 := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
	origin := wiretrace.Article{ID: "ledger", Site: "harwickledger.example", Text: story, Published: t0.Add(3 * time.Hour), PublishedFrom: wiretrace.FromPage}
	for _, c := range []struct {
		note, canonical, want string
	}{
		{"\n\nThis article was originally published on Harwick Ledger.", "", "ledger"},
		{"\n\nShare this article with your friends.", "", "hub"},
		{"\n\nShare this article with your friends.", "https://www.harwickledger.example/2026/03/reading-room", "ledger"},
		{"\n\nShare this article with your friends.", "https://dailydigesthub.example/reading-room", "hub"},
	} {
		eng := open(t)
		addAll(t, eng, []wiretrace.Article{origin,
			{ID: "hub", Site: "dailydigesthub.example", Text: story + c.note, Canonical: c.canonical, Published: t0, PublishedFrom: wiretrace.FromPage}})
		if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
			t.Fatal(err)
		}
		tr, err := eng.Trace(ctx, wiretrace.Article{ID: "hub"}, engine.TraceOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Origin != c.want || len(tr.Members) != 2 {
			t.Errorf("with %q, canonical %q: origin %s of %d members (%q), want %s", c.note, c.canonical, tr.Origin, len(tr.Members), tr.Reasons, c.want)
		}
	}
}

// A copy of a story's very text is stored as an appearance of it: a page
// of its own, with its own canonical URL. A back-dated copy whose canonical
// URL names the original's site is not the origin, in a trace and in the
// families kept, whichever was stored first; without it, its claimed time
// makes it so.
func TestCanonicalURLOfAnAppearance(t *testing.T) {
	ctx := context.Background()
	story := "Volunteers reopened the Larchmont reading room on Saturday after eighteen months of repairs to its leaking roof and cracked plaster ceilings.\n\n" +
		"Children queued for the first storytelling hour while a brass band played in the garden. The mayor thanked carpenters, painters and dozens of residents who raised money with cake stalls and sponsored walks."
	t0 := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		canonical, want string
	}{
		{"https://www.harwickledger.example/2026/03/reading-room", "ledger"},
		{"", "hub"},
	} {
		origin := wiretrace.Article{ID: "ledger", Site: "harwickledger.example", Text: story, Published: t0.Add(3 * time.Hour), PublishedFrom: wiretrace.FromPage}
		copied := wiretrace.Article{ID: "hub", Site: "dailydigesthub.example", Text: story, Canonical: c.canonical, Published: t0, PublishedFrom: wiretrace.FromPage}
		for _, order := range [][]wiretrace.Article{{origin, copied}, {copied, origin}} {
			eng := open(t)
			addAll(t, eng, order)
			stored, err := eng.Store().Get(ctx, "hub")
			if err != nil || len(stored.Appearances) != 1 {
				t.Fatalf("Get(hub) = %+v, %v; want one article with one appearance", stored, err)
			}
			tr, err := eng.Trace(ctx, wiretrace.Article{ID: "hub"}, engine.TraceOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if tr.Origin != c.want || len(tr.Members) != 2 {
				t.Errorf("canonical %q, %s stored first: trace's origin %s of %d members (%q), want %s", c.canonical, order[0].ID, tr.Origin, len(tr.Members), tr.Reasons, c.want)
			}
			if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
				t.Fatal(err)
			}
			var origins []string
			err = eng.Stories(ctx, engine.FamilyFilter{}, func(s provenance.Story) error {
				origins = append(origins, s.Origin)
				return nil
			})
			if err != nil || len(origins) != 1 || origins[0] != c.want {
				t.Errorf("canonical %q, %s stored first: the families' origins %v, %v; want %s", c.canonical, order[0].ID, origins, err, c.want)
			}
		}
	}
}

// A copy that shuffled a story's paragraphs opens with another than the
// story's lede: in a trace, the story whose opening holds its headline's
// words came first, though a crawler came upon the copy first. With the
// copy's paragraphs in the story's order, the crawler's order stands.
func TestReorderedCopyOpensWithoutTheLede(t *testing.T) {
	ctx := context.Background()
	title := "Harwick ferry crews accept pay offer after strike"
	paras := []string{
		"Ferry crews in Harwick voted on Monday to accept a new pay offer, ending a week-long strike that cancelled every crossing to Gull Island.",
		"The operator said the first boats would leave at six on Tuesday morning and that tickets bought for cancelled sailings would be honoured until the end of the month.",
		"Shopkeepers on the island said the week without deliveries had emptied their shelves of bread, milk and newspapers, and that some had closed early to save stock.",
		"Union officials said the deal raised basic pay by four per cent this year and promised talks on rotas before the summer timetable begins.",
	}
	story := strings.Join(paras, "\n\n")
	shuffled := strings.Join([]string{paras[2], paras[0], paras[3], paras[1]}, "\n\n")
	t0 := time.Date(2026, 3, 3, 14, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		copyText, want string
	}{
		{shuffled, "ledger"},
		{story + "\n\nShared from the Harwick Ledger.", "hub"},
	} {
		eng := open(t)
		addAll(t, eng, []wiretrace.Article{
			{ID: "ledger", Site: "harwickledger.example", Title: title, Text: story, FirstSeen: t0.Add(5 * time.Hour), FirstSeenFrom: wiretrace.FromCrawl},
			{ID: "hub", Site: "dailydigesthub.example", Title: title, Text: c.copyText, FirstSeen: t0, FirstSeenFrom: wiretrace.FromCrawl},
		})
		tr, err := eng.Trace(ctx, wiretrace.Article{ID: "hub"}, engine.TraceOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Origin != c.want || len(tr.Members) != 2 {
			t.Errorf("copy opening %.30q: origin %s of %d members (%q), want %s", c.copyText, tr.Origin, len(tr.Members), tr.Reasons, c.want)
		}
	}
}

// A paper's story printed the morning after says "yesterday" where the
// wire's story of the day before says "today": in a trace, the wire's
// came first, though the paper's was stored first and neither gives a
// time. A paper's story that keeps the wire's day and adds a line reads
// as the fuller text the wire's was cut from.
func TestDayAfterInATrace(t *testing.T) {
	ctx := context.Background()
	wire := "A businessman accused of starting a fight on a transatlantic flight was sent for trial when he appeared in court today.\n\n" +
		"Dorian Pell, 44, of Larch Road, Harwick, appeared before magistrates charged with assault and with being drunk on board the aircraft, and was committed to the crown court to appear in April.\n\n" +
		"The charges follow an incident in the business class cabin of a flight from Toronto to Harwick in October last year."
	for _, c := range []struct {
		paper, want string
	}{
		{strings.Replace(wire, "in court today", "in court yesterday", 1), "wire"},
		{wire + "\n\nHe was released on bail.", "paper"},
	} {
		eng := open(t)
		addAll(t, eng, []wiretrace.Article{
			{ID: "paper", Site: "harwickledger.example", Text: c.paper},
			{ID: "wire", Site: "northwire.example", Text: wire},
		})
		tr, err := eng.Trace(ctx, wiretrace.Article{ID: "paper"}, engine.TraceOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tr.Origin != c.want || len(tr.Members) != 2 {
			t.Errorf("paper %.40q...: origin %s of %d members (%q), want %s", c.paper[60:], tr.Origin, len(tr.Members), tr.Reasons, c.want)
		}
	}
}

// sixStories are six reports of a regional wire, one of each day, with
// nothing in common but the wire's manner.
var sixStories = []string{
	"Firefighters in Calder Bay spent the night pumping water from the basement of the old customs house after a storm drain collapsed beneath Quay Street.\n\n" +
		"The building's caretaker said the archive of harbour ledgers kept there since the eighteen-sixties had been moved to the upper floor before the water rose above the skirting boards.\n\n" +
		"Council engineers expect the street to stay closed to lorries until the culvert is relined next month.",
	"A retired schoolteacher from Pellmoor has won the county's marrow growing contest for the fourth year running with a vegetable weighing just over forty kilograms.\n\n" +
		"Agnes Trewin, 71, credits seaweed gathered from Fenwick beach and a patience she says her pupils taught her.\n\n" +
		"The judges, who used a borrowed cattle scale, said the runner-up fell short by the weight of a small loaf.",
	"Ferry crossings between Harwick and Gull Island were cancelled for a second day as gales of up to seventy miles an hour swept the estuary.\n\n" +
		"The operator said passengers holding tickets could travel on any sailing until Sunday, and that a freight barge would carry milk and bread to the island's two shops on the first calm tide.\n\n" +
		"Forecasters expect the wind to ease by Thursday evening.",
	"The last working tannery in Oakridge will close in the spring after its owners failed to find a buyer, ending two hundred years of leather making in the town.\n\n" +
		"Thirty-one workers were told on Tuesday that the drums would stop turning in April.\n\n" +
		"The family that has run the yard since the Napoleonic wars said rising water charges and cheap imported hides had made the business impossible to sustain.",
	"A swarm of bees settled on the clock tower of Marlow Cross railway station on Wednesday, delaying the morning trains while a beekeeper climbed a borrowed ladder to coax them into a cardboard box.\n\n" +
		"Station staff said the queen was found sheltering behind the minute hand.\n\n" +
		"The colony has been rehoused in an orchard behind the signal box, where the beekeeper hopes it will stay.",
	"Archaeologists digging ahead of a new bypass near Thornbury have uncovered a Roman milestone still standing where it was set up nearly two thousand years ago.\n\n" +
		"The stone, a little over a metre tall, carries the name of an emperor and the distance to the legionary fortress at Deva.\n\n" +
		"The county's archaeologist said it would be lifted and shown at the town museum once the road's route has been moved a few metres west to spare the site.",
}

// A farm's copy of a wire's story, captured before the wire's own page
// and claiming no time, is put after the wire's when the wire's site
// originated the other stories the two ran and the farm took each: the
// sites' records speak where the story's own pages say only which a
// crawler found first. Without the record the capture would put the
// farm's first. A live trace reads the same records.
func TestSiteRecordOrdersAFamily(t *testing.T) {
	ctx := context.Background()
	eng := open(t)
	t0 := time.Date(2026, 4, 6, 9, 0, 0, 0, time.UTC)
	var as []wiretrace.Article
	for i, text := range sixStories[:5] {
		day := t0.Add(time.Duration(24*i) * time.Hour)
		as = append(as,
			wiretrace.Article{ID: fmt.Sprintf("farm%d", i), Site: "dailydigesthub.example", Text: "Daily Digest Hub staff report\n\n" + text, Published: day.Add(3 * time.Hour), PublishedFrom: wiretrace.FromPage},
			wiretrace.Article{ID: fmt.Sprintf("wire%d", i), Site: "northwire.example", Text: text, Published: day, PublishedFrom: wiretrace.FromPage})
	}
	day := t0.Add(5 * 24 * time.Hour)
	as = append(as,
		wiretrace.Article{ID: "farm5", Site: "dailydigesthub.example", Text: "Daily Digest Hub staff report\n\n" + sixStories[5], FirstSeen: day.Add(time.Hour), FirstSeenFrom: wiretrace.FromCrawl},
		wiretrace.Article{ID: "wire5", Site: "northwire.example", Text: sixStories[5], FirstSeen: day.Add(6 * time.Hour), FirstSeenFrom: wiretrace.FromCrawl})
	addAll(t, eng, as)
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	got := stories(t, eng)
	if len(got) != 6 {
		t.Fatalf("%d families, want 6", len(got))
	}
	for _, s := range got {
		if !strings.HasPrefix(s.Origin, "wire") {
			t.Errorf("family %s: origin %s (%q), want the wire's", s.Family, s.Origin, s.Reasons)
		}
		if s.Origin == "wire5" && !slices.ContainsFunc(s.Reasons, func(r string) bool { return strings.Contains(r, "its site originated") }) {
			t.Errorf("family of wire5: reasons %q do not say the sites' records", s.Reasons)
		}
	}
	// A story stored since: the families are not up to date, and a trace
	// of the farm's copy gathers its family live.
	addAll(t, eng, []wiretrace.Article{{ID: "later", Site: "valleycourier.example", Text: sixStories[1][:200]}})
	tr, err := eng.Trace(ctx, wiretrace.Article{ID: "farm5"}, engine.TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Origin != "wire5" || len(tr.Members) != 2 {
		t.Errorf("live trace of farm5: origin %s of %d members (%q), want wire5", tr.Origin, len(tr.Members), tr.Reasons)
	}
}

// A site's record kept by the families that cannot be read is damage: a
// live trace that needs it fails with an error naming the note, not a
// story ordered without it, and the next grouping writes it again.
func TestDamagedSiteRecord(t *testing.T) {
	ctx := context.Background()
	eng := open(t)
	addAll(t, eng, storyArticles(t))
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	var key string
	err := eng.Store().ScanNotes(ctx, "fam/s/", func(k string, _ []byte) error {
		if key == "" {
			key = k
		}
		return nil
	})
	if err != nil || key == "" {
		t.Fatalf("no site record kept (%v)", err)
	}
	if err := eng.Store().PutNotes(ctx, []wiretrace.Note{{Key: key, Value: []byte("{not json")}}); err != nil {
		t.Fatal(err)
	}
	// An article stored since: the trace is gathered live.
	addAll(t, eng, []wiretrace.Article{{ID: "later", Site: "valleycourier.example", Text: sixStories[0]}})
	_, err = eng.Trace(ctx, wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{})
	if !errors.Is(err, wiretrace.ErrCorrupt) || !strings.Contains(err.Error(), key) {
		t.Fatalf("live trace over a damaged record: %v, want damage naming %s", err, key)
	}
	if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	v, ok, err := eng.Store().GetNote(ctx, key)
	if err != nil || !ok || !json.Valid(v) {
		t.Fatalf("site record after grouping again: %q %v %v", v, ok, err)
	}
}
