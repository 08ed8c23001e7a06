package engine_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/pebble"
	"github.com/wiretrace/wiretrace/text"
)

// clock is the fixed time of the tests' first-seen times.
var clock = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func open(t *testing.T) *engine.Engine {
	t.Helper()
	st, err := pebble.Open(t.TempDir(), fingerprint.Scheme)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return engine.New(st, engine.Defaults).WithClock(func() time.Time { return clock })
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAdd(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	orig := read(t, "flood/original")
	r1, err := e.AddOne(ctx, wiretrace.Article{Text: orig})
	if err != nil {
		t.Fatal(err)
	}
	if r1.ID != engine.ID(orig) || r1.Duplicate {
		t.Fatalf("add: %+v, want ID %s, not a duplicate", r1, engine.ID(orig))
	}
	a, err := e.Store().Get(ctx, r1.ID)
	if err != nil || !a.FirstSeen.Equal(clock) || a.FirstSeenFrom != wiretrace.FromAdd {
		t.Fatalf("stored %+v, %v; want first seen now, when added", a, err)
	}
	r2, err := e.AddOne(ctx, wiretrace.Article{ID: "another-name", Text: orig})
	if err != nil {
		t.Fatal(err)
	}
	if !r2.Duplicate || r2.ID != r1.ID {
		t.Fatalf("same text under another ID: %+v, want a duplicate of %s", r2, r1.ID)
	}
	if _, err := e.AddOne(ctx, wiretrace.Article{Text: " \n\t "}); !errors.Is(err, wiretrace.ErrEmptyText) {
		t.Fatalf("blank text: %v, want ErrEmptyText", err)
	}
	// A crawl's capture time is kept.
	seen := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if _, err := e.AddOne(ctx, wiretrace.Article{ID: "crawled", Text: read(t, "strike/original"), FirstSeen: seen, FirstSeenFrom: wiretrace.FromCrawl}); err != nil {
		t.Fatal(err)
	}
	if a, err := e.Store().Get(ctx, "crawled"); err != nil || !a.FirstSeen.Equal(seen) || a.FirstSeenFrom != wiretrace.FromCrawl {
		t.Fatalf("crawled article stored as %+v, %v", a, err)
	}
	// One call, several outcomes.
	res, err := e.Add(ctx,
		wiretrace.Article{ID: "v", Text: read(t, "flood/verbatim")},
		wiretrace.Article{ID: "blank", Text: "  "},
		wiretrace.Article{ID: "dup", Text: orig},
	)
	if err != nil || len(res) != 3 || res[0].ID != "v" || res[0].Err != nil || !errors.Is(res[1].Err, wiretrace.ErrEmptyText) || !res[2].Duplicate {
		t.Fatalf("batch: %+v, %v", res, err)
	}
}

// TestTextFingerprints checks that the fingerprints a prepared text makes
// from its own stems are the scheme's, which stores remake postings with.
func TestTextFingerprints(t *testing.T) {
	for _, name := range []string{"flood/original", "flood/spun", "strike/original"} {
		s := read(t, name)
		if got, want := engine.Prepare(s).Fingerprints(), fingerprint.Scheme.Fingerprints(s); !slices.Equal(got, want) {
			t.Errorf("%s: prepared text's fingerprints differ from the scheme's", name)
		}
	}
	if got := fingerprint.Of(text.Tokenize("")); got != nil {
		t.Errorf("fingerprints of nothing: %v", got)
	}
}

func TestCheckRanksSources(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	for _, name := range []string{"flood/original", "flood/verbatim", "flood/unrelated", "strike/original", "flood/spun"} {
		if _, err := e.AddOne(ctx, wiretrace.Article{ID: name, Text: read(t, name)}); err != nil {
			t.Fatal(err)
		}
	}
	suspect := wiretrace.Article{ID: "flood/spun", Text: read(t, "flood/spun")}
	ms, err := e.Check(ctx, suspect, engine.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Fatalf("%d matches, want the original and the verbatim copy", len(ms))
	}
	seen := map[string]wiretrace.Relation{}
	for i, m := range ms {
		seen[m.ID] = m.Relation
		if i > 0 && ms[i-1].Score < m.Score {
			t.Fatalf("matches not sorted by score: %v", ms)
		}
		if m.Relation == wiretrace.Unrelated {
			t.Fatalf("unrelated match %s listed", m.ID)
		}
	}
	if _, ok := seen["flood/spun"]; ok {
		t.Fatal("check listed the suspect itself")
	}
	if seen["flood/original"] != wiretrace.Spun {
		t.Fatalf("original: relation %q, want spun", seen["flood/original"])
	}
	if _, ok := seen["strike/original"]; ok {
		t.Fatal("a story on another event was listed")
	}
	if ms[0].Credit == nil || !ms[0].Credit.Rebranded {
		t.Fatalf("the spun copy's rebranding is not reported: %+v", ms[0].Credit)
	}
	if ms[0].FirstSeen.IsZero() || ms[0].FirstSeenFrom != wiretrace.FromAdd {
		t.Errorf("match without its first-seen time: %+v", ms[0])
	}
	top, err := e.Check(ctx, suspect, engine.CheckOptions{Top: 1})
	if err != nil || len(top) != 1 || top[0].ID != ms[0].ID {
		t.Fatalf("top 1: %v, %v", top, err)
	}
	if _, err := e.Check(ctx, wiretrace.Article{Text: "   "}, engine.CheckOptions{Top: 5}); !errors.Is(err, wiretrace.ErrEmptyText) {
		t.Fatalf("blank suspect: %v, want ErrEmptyText", err)
	}
}

// TestCheckStoredCopy checks that a stored article with the suspect's very
// text is reported as a copy unless it is the suspect itself.
func TestCheckStoredCopy(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	orig := read(t, "strike/original")
	if _, err := e.AddOne(ctx, wiretrace.Article{ID: "wire/strike", Text: orig}); err != nil {
		t.Fatal(err)
	}
	ms, err := e.Check(ctx, wiretrace.Article{Text: orig}, engine.CheckOptions{})
	if err != nil || len(ms) != 1 || ms[0].ID != "wire/strike" || ms[0].Relation != wiretrace.Copy || ms[0].Score != 1 {
		t.Fatalf("check of a stored text: %+v, %v; want the stored copy, score 1", ms, err)
	}
	for _, o := range []struct {
		id      string
		exclude []string
	}{{"wire/strike", nil}, {"", []string{"wire/strike"}}} {
		ms, err := e.Check(ctx, wiretrace.Article{ID: o.id, Text: orig}, engine.CheckOptions{Exclude: o.exclude})
		if err != nil || len(ms) != 0 {
			t.Errorf("check of the stored article itself (id %q, exclude %v): %+v, %v", o.id, o.exclude, ms, err)
		}
	}
}

func TestRemoveForgetsFingerprints(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	r, err := e.AddOne(ctx, wiretrace.Article{Text: read(t, "strike/original")})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Store().Remove(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	ms, err := e.Check(ctx, wiretrace.Article{Text: read(t, "strike/verbatim")}, engine.CheckOptions{Top: 5})
	if err != nil || len(ms) != 0 {
		t.Fatalf("after remove: %v, %v; want no match", ms, err)
	}
}

// TestCheckCachedTexts checks that prepared texts kept from one check give
// the same answers as fresh ones, however small the cache.
func TestCheckCachedTexts(t *testing.T) {
	ctx := context.Background()
	names := []string{"flood/original", "flood/verbatim", "flood/unrelated", "strike/original", "strike/verbatim", "flood/spun"}
	var want [][]wiretrace.Match
	for _, cached := range []int{0, 1, 2, 100} {
		st, err := pebble.Open(t.TempDir(), fingerprint.Scheme)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		opts := engine.Defaults
		opts.CachedTexts = cached
		e := engine.New(st, opts).WithClock(func() time.Time { return clock })
		for _, n := range names {
			if _, err := e.AddOne(ctx, wiretrace.Article{ID: n, Text: read(t, n)}); err != nil {
				t.Fatal(err)
			}
		}
		var got [][]wiretrace.Match
		for range 2 {
			for _, n := range names {
				ms, err := e.Check(ctx, wiretrace.Article{ID: n, Text: read(t, n)}, engine.CheckOptions{})
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ms)
			}
		}
		if want == nil {
			want = got
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("with %d texts cached, checks differ from those without a cache", cached)
		}
	}
}

func TestLoader(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	l := e.Loader()
	var got []wiretrace.AddResult
	done := func(r wiretrace.AddResult) { got = append(got, r) }
	for i := range 600 {
		if err := l.Add(ctx, wiretrace.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Article number %d of the load, with words.", i%500)}, done); err != nil {
			t.Fatal(err)
		}
	}
	// Full batches were written as they filled; the rest waits.
	if len(got) == 0 || len(got) == 600 {
		t.Fatalf("%d results before Close, want the full batches only", len(got))
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != 600 {
		t.Fatalf("%d results after Close, want 600", len(got))
	}
	dups := 0
	for i, r := range got {
		if r.Err != nil {
			t.Fatalf("article %d: %v", i, r.Err)
		}
		if r.Duplicate {
			dups++
			if r.ID != fmt.Sprint(i-500) {
				t.Errorf("article %d: duplicate of %s, want %d", i, r.ID, i-500)
			}
		}
	}
	if dups != 100 || l.Added() != 500 {
		t.Errorf("%d duplicates, %d added; want 100 and 500", dups, l.Added())
	}
	st, err := e.Store().Stats(ctx)
	if err != nil || st.Articles != 500 {
		t.Errorf("stats %+v, %v", st, err)
	}
}

func TestNoStore(t *testing.T) {
	e := engine.New(nil, engine.Defaults)
	c := engine.Compare(read(t, "flood/original"), read(t, "flood/spun"))
	if c.Relation != wiretrace.Spun {
		t.Errorf("compare without a store: %s", c.Relation)
	}
	if _, err := e.Check(context.Background(), wiretrace.Article{Text: "words"}, engine.CheckOptions{}); err == nil {
		t.Error("check without a store succeeded")
	}
}

// When the store holds a story and copies of it, check names the story
// first: every copy holds the suspect too, but the story came first, and
// the trimmed copy holds less of the suspect. The copies are stored before
// the story, so that the order of storing cannot be what decides.
func TestCheckRanksTheSourceBeforeItsCopies(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	orig := read(t, "flood/original")
	paras := strings.Split(strings.TrimSpace(orig), "\n\n")
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	stored := []wiretrace.Article{
		{ID: "syndicated", Text: "RIVERSIDE NEWS | Weather\n\n" + orig, Published: day(4)},
		{ID: "trimmed", Text: strings.Join(paras[:len(paras)/2], "\n\n"), Published: day(5)},
		{ID: "story", Text: orig, Published: day(3)},
	}
	for _, a := range stored {
		if _, err := e.AddOne(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	// The suspect: the story's paragraphs, the last two swapped.
	re := slices.Clone(paras)
	re[len(re)-1], re[len(re)-2] = re[len(re)-2], re[len(re)-1]
	matches, err := e.Check(ctx, wiretrace.Article{Text: strings.Join(re, "\n\n")}, engine.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range matches {
		ids = append(ids, fmt.Sprintf("%s (%s %.3f, suspect %.3f)", m.ID, m.Relation, m.Score, m.SuspectCoverage))
	}
	if len(matches) != 3 || matches[0].ID != "story" || matches[2].ID != "trimmed" {
		t.Errorf("matches %q: want the story first and the trimmed copy last", ids)
	}
}

// TestCheckRanksLaterArticlesAfter checks that a stored article published
// more than a day after the suspect does not come first, however much of
// the suspect it holds: it cannot be the suspect's source. Without the
// suspect's date, the sibling that holds all of it comes first.
func TestCheckRanksLaterArticlesAfter(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	// The story's opening, and the standing lines the suspect's outlet
	// sets above every story it runs: a fifth of what the suspect holds.
	orig := strings.Join(strings.Split(read(t, "flood/original"), "\n\n")[:3], "\n\n")
	day := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	header := "VALLEY COURIER | Local weather, roads and schools for the three river towns\n\n" +
		"Read by forty thousand households every morning since the spring of 1961, and free to every reader at the library desk\n\n"
	for _, a := range []wiretrace.Article{
		{ID: "story", Text: orig, Published: day(3, 9)},
		// Another copy from the suspect's outlet, with its header.
		{ID: "sibling", Text: header + orig + "\n\nShare this story.", Published: day(6, 9)},
	} {
		if _, err := e.AddOne(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	suspect := wiretrace.Article{Text: header + orig, Published: day(4, 9)}
	first := func(a wiretrace.Article, o engine.CheckOptions) string {
		t.Helper()
		ms, err := e.Check(ctx, a, o)
		if err != nil || len(ms) != 2 {
			t.Fatalf("check: %v, %v; want two matches", ms, err)
		}
		return ms[0].ID
	}
	if got := first(suspect, engine.CheckOptions{}); got != "story" {
		t.Errorf("dated suspect: %s first, want the story published before it", got)
	}
	if ms, err := e.Check(ctx, suspect, engine.CheckOptions{}); err != nil || len(ms) != 2 || ms[0].Later || !ms[1].Later {
		t.Errorf("dated suspect: matches %+v (%v), want the sibling alone marked as published after it", ms, err)
	}
	undated := suspect
	undated.Published = time.Time{}
	if got := first(undated, engine.CheckOptions{}); got != "sibling" {
		t.Errorf("undated suspect: %s first, want the sibling that holds all of it", got)
	}
	if got := first(undated, engine.CheckOptions{Published: day(4, 9)}); got != "story" {
		t.Errorf("date given in the options: %s first, want the story", got)
	}
	// Within a day, a time says nothing: it may be a date without its
	// time, or in another zone.
	if got := first(suspect, engine.CheckOptions{Published: day(5, 20)}); got != "sibling" {
		t.Errorf("sibling published within a day of the suspect: %s first, want the sibling", got)
	}
}

// TestCheckRanksTheNamedOriginalFirst: a suspect whose page names a stored
// article's page as its canonical URL ranks that article first among its
// sources, over an earlier copy that holds as much, and says so; the same
// URL written another way (scheme, "www.", a trailing slash, a tracking
// query) is the same page. A canonical URL naming no stored source, or
// the suspect's own page, changes nothing.
func TestCheckRanksTheNamedOriginalFirst(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	orig := read(t, "flood/original")
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	for _, a := range []wiretrace.Article{
		{ID: "mirror", URL: "https://mirror.example/flood", Text: "MIRROR NEWS\n\n" + orig, Published: day(2)},
		{ID: "ledger", URL: "https://www.harwickledger.example/news/flood", Text: orig, Published: day(3)},
	} {
		if _, err := e.AddOne(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	suspect := wiretrace.Article{Text: "DIGEST HUB\n\n" + orig, Published: day(4)}
	for _, c := range []struct {
		canonical, first string
	}{
		{"", "mirror"},
		{"http://harwickledger.example/news/flood/?utm_source=feed#top", "ledger"},
		{"https://harwickledger.example/news/other-story", "mirror"},
	} {
		suspect.Canonical = c.canonical
		ms, err := e.Check(ctx, suspect, engine.CheckOptions{})
		if err != nil || len(ms) != 2 {
			t.Fatalf("canonical %q: %+v, %v; want two matches", c.canonical, ms, err)
		}
		if want := map[bool]string{true: wiretrace.OriginalCanonical}[c.first == "ledger"]; ms[0].ID != c.first || ms[0].Original != want || ms[1].Original != "" {
			t.Errorf("canonical %q: %s first (named original: %q, %q), want %s", c.canonical, ms[0].ID, ms[0].Original, ms[1].Original, c.first)
		}
	}
	// A republication note naming the site of a source is the same
	// naming, told by the text.
	suspect.Canonical = ""
	noted := suspect
	noted.Text += "\n\nThis article was originally published on Harwick Ledger."
	ms, err := e.Check(ctx, noted, engine.CheckOptions{})
	if err != nil || len(ms) != 2 || ms[0].ID != "ledger" || ms[0].Original != wiretrace.OriginalNote || ms[1].Original != "" {
		t.Errorf("a republication note: %+v, %v; want the ledger first, named by the note", ms, err)
	}
}

// TestCheckRanksByWhatTheMatchHolds checks that a copy with its
// paragraphs in another order ranks its story first, not a later copy
// whose order happens to chain better with its own. Two of the story's
// sentences end alike ("..., the aide said."); against the story, that
// ending chains with the paragraph that follows it in the copy, and the
// short sentence it ends is left with too few words of its own to be a
// passage. The story still holds every sentence of the suspect.
func TestCheckRanksByWhatTheMatchHolds(t *testing.T) {
	e := open(t)
	ctx := context.Background()
	paras := []string{
		"Councillor Maren Ostrove of Eastfield, who chairs the city's transport committee, has not decided whether to table a mayor-backed motion to extend the night bus trial to 2028 through 2030, an aide to the councillor said.",
		"City Hall has asked Ostrove to table it, the aide said.",
		"However, several residents' groups have told Ostrove they oppose the plan on the grounds it would reopen the 2024 budget deal, and the councillor has decided to take a second look at the plan, the aide said.",
		"Last week the aide indicated Ostrove was planning to table the motion and a second one to close a fares loophole.",
	}
	in := func(order ...int) string {
		var out []string
		for _, k := range order {
			out = append(out, paras[k-1])
		}
		return strings.Join(out, "\n\n")
	}
	day := func(d int) time.Time { return time.Date(2026, 5, d, 9, 0, 0, 0, time.UTC) }
	for _, a := range []wiretrace.Article{
		{ID: "story", Text: in(1, 2, 3, 4), Published: day(1)},
		{ID: "sibling", Text: in(2, 4, 1, 3) + "\n\nShare this story with a friend.", Published: day(2)},
	} {
		if _, err := e.AddOne(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := e.Check(ctx, wiretrace.Article{Text: in(2, 4, 1, 3), Published: day(3)}, engine.CheckOptions{})
	if err != nil || len(ms) != 2 {
		t.Fatalf("check: %+v, %v; want two matches", ms, err)
	}
	cover := map[string]wiretrace.Match{ms[0].ID: ms[0], ms[1].ID: ms[1]}
	story, sibling := cover["story"], cover["sibling"]
	if story.SuspectCoverage > sibling.SuspectCoverage-0.05 {
		t.Fatalf("suspect coverage: story %.3f, sibling %.3f: the fixture no longer chains worse against the story, and tests nothing", story.SuspectCoverage, sibling.SuspectCoverage)
	}
	if story.Containment < 0.95 || sibling.Containment < 0.95 {
		t.Errorf("containment: story %.3f, sibling %.3f; want each to hold nearly all of the suspect", story.Containment, sibling.Containment)
	}
	if ms[0].ID != "story" {
		t.Errorf("%s first, want the story: it holds the whole suspect and came first", ms[0].ID)
	}
}

// Compare's callers learn from NamedOriginal how a suspect names its
// source as its original: its page's canonical URL, a republication note,
// or nothing; and only of a source it derives from.
func TestNamedOriginal(t *testing.T) {
	orig := read(t, "flood/original")
	source := wiretrace.Article{URL: "https://www.harwickledger.example/news/flood", Site: "harwickledger.example", Text: orig}
	derived := wiretrace.Comparison{Relation: wiretrace.Copy}
	for _, c := range []struct {
		name    string
		suspect wiretrace.Article
		cmp     wiretrace.Comparison
		want    string
	}{
		{"canonical", wiretrace.Article{Text: orig, Canonical: "https://harwickledger.example/news/flood/"}, derived, wiretrace.OriginalCanonical},
		{"note", wiretrace.Article{Text: orig + "\n\nThis article was originally published on Harwick Ledger."}, derived, wiretrace.OriginalNote},
		{"neither", wiretrace.Article{Text: orig, Canonical: "https://digesthub.example/flood"}, derived, ""},
		{"not derived", wiretrace.Article{Text: orig, Canonical: source.URL}, wiretrace.Comparison{Relation: wiretrace.Related}, ""},
	} {
		if got := engine.NamedOriginal(c.cmp, source, c.suspect, engine.Prepare(c.suspect.Text)); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// A brief that retells a wire story in a sentence or two shares with it
// no run of the eight words a fingerprint is sure to be shared by: none of
// its fingerprints is the wire's. Looked up by every run of three words,
// it still finds the wire's story, which a check then aligns.
func TestCheckFindsAShortRetelling(t *testing.T) {
	wire := "Ferry crews who walked out over rotas will be told the result of their legal challenge tomorrow, a judge said today.\n\n" +
		"Sitting at Harwick County Court, Judge Miriam Alcott said her ruling would come at ten tomorrow in the case which nine Gull Island ferry crews have brought against the operator.\n\n" +
		"Counsel for the crews told the court the operator had changed their rotas without the notice their contracts required."
	brief := "Nine ferry crews find out today whether their legal challenge over rotas has won. Judge Miriam Alcott will give her ruling at Harwick County Court at ten."
	if slices.ContainsFunc(engine.Prepare(brief).Fingerprints(), func(f wiretrace.Fingerprint) bool {
		return slices.Contains(engine.Prepare(wire).Fingerprints(), f)
	}) {
		t.Fatal("the brief shares a fingerprint with the wire's story: the case this test is about is gone")
	}
	eng := open(t)
	addAll(t, eng, []wiretrace.Article{{ID: "wire", Text: wire}})
	ms, err := eng.Check(context.Background(), wiretrace.Article{Text: brief}, engine.CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].ID != "wire" || !ms[0].Relation.Derived() {
		t.Fatalf("check of the brief: %+v, want the wire's story as a source", ms)
	}
}
