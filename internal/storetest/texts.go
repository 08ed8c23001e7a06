package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// A text is stored once: added again it is a duplicate, kept as an
// appearance of the article that holds it, found by its text, and an ID
// names one text only.

func testWithoutFingerprints(t *testing.T, s wiretrace.Store) {
	a := wiretrace.Article{ID: "bare", Text: "An article too short to fingerprint."}
	mustAdd(t, s, a)
	sameArticle(t, mustGet(t, s, a.ID), a)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{0, 1, 2}, 10, 100), nil)
	if err := s.Remove(context.Background(), a.ID); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	wantNotFound(t, s, a.ID)
}

func testDuplicate(t *testing.T, s wiretrace.Store) {
	first := wiretrace.Article{ID: "first", URL: "https://a.example/1", Title: "First", Text: "The same wire story, word for word."}
	mustAdd(t, s, first, 1, 2, 3)

	second := first
	second.ID, second.URL, second.Title, second.Site = "second", "https://b.example/2", "Second", "b.example"
	second.FirstSeen, second.FirstSeenFrom = published(2024, 3, 5, 9, 0, 0, 0), wiretrace.FromCrawl
	res, err := addOne(context.Background(), s, second, 1, 2, 3, 4)
	if err != nil {
		t.Fatalf("Add duplicate: %v", err)
	}
	if !res.Duplicate || !res.Appeared || res.ID != first.ID {
		t.Fatalf("Add duplicate = %+v, want Duplicate of %q, appeared", res, first.ID)
	}
	// The second appearance of the text is kept, and found under its ID.
	want := first
	want.Appearances = []wiretrace.Appearance{wiretrace.AppearanceOf(second)}
	sameArticle(t, mustGet(t, s, first.ID), want)
	sameArticle(t, mustGet(t, s, second.ID), want)
	if n := articles(t, s); n != 1 {
		t.Errorf("Stats.Articles = %d after a duplicate, want 1", n)
	}
	// The duplicate's fingerprints were not written either.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{4}, 10, 100), nil)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2, 3, 4}, 10, 100),
		[]cand{{ID: "first", Shared: 3, Fingerprints: 3}})
}

// testFindText checks that a stored text finds its article, with its
// appearances, byte for byte and not otherwise, and nothing once removed.
func testFindText(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	story := wiretrace.Article{ID: "story", Site: "wire.example", Title: "Story", Text: "A council vote on the harbour plan was put off until June."}
	mustAdd(t, s, story, 1, 2)
	again := story
	again.ID, again.Site = "again", "copy.example"
	if _, err := addOne(ctx, s, again, 1, 2); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindText(ctx, story.Text)
	if err != nil {
		t.Fatalf("FindText of a stored text: %v", err)
	}
	want := story
	want.Appearances = []wiretrace.Appearance{wiretrace.AppearanceOf(again)}
	sameArticle(t, got, want)
	if got.Seq != mustGet(t, s, "story").Seq {
		t.Errorf("FindText Seq %d, Get's %d", got.Seq, mustGet(t, s, "story").Seq)
	}
	for _, other := range []string{story.Text + " ", "a council vote on the harbour plan was put off until June.", "", "nothing stored"} {
		if _, err := s.FindText(ctx, other); !errors.Is(err, wiretrace.ErrNotFound) {
			t.Errorf("FindText(%q): %v, want ErrNotFound", other, err)
		}
	}
	if err := s.Remove(ctx, "story"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindText(ctx, story.Text); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("FindText after removal: %v, want ErrNotFound", err)
	}
}

// testAppearances checks that a text added again under other IDs is kept
// once, with every place it appeared, and that removing follows: an
// appearance alone, or the article with all of its.
func testAppearances(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	wire := wiretrace.Article{ID: "wire", Site: "wire.example", URL: "https://wire.example/a", Text: "A wire story that sites run word for word."}
	mustAdd(t, s, wire, 1, 2)
	farm := wiretrace.Article{ID: "farm", Site: "farm.example", URL: "https://farm.example/x", Text: wire.Text, Published: published(2024, 1, 2, 3, 4, 5, 0), PublishedFrom: wiretrace.FromPage,
		Canonical: "https://wire.example/a"}
	for i, want := range []wiretrace.AddResult{{ID: "wire", Duplicate: true, Appeared: true}, {ID: "wire", Duplicate: true}} {
		res, err := addOne(ctx, s, farm, 1, 2)
		if err != nil || res != want {
			t.Fatalf("add of the same text under a new ID, time %d = %+v, %v; want %+v", i+1, res, err, want)
		}
	}
	// Under the article's own ID: a plain duplicate, nothing recorded.
	if res, err := addOne(ctx, s, wire, 1, 2); err != nil || res != (wiretrace.AddResult{ID: "wire", Duplicate: true}) {
		t.Fatalf("add under the article's own ID = %+v, %v", res, err)
	}
	// An appearance's ID is taken: another text under it conflicts.
	if _, err := addOne(ctx, s, wiretrace.Article{ID: "farm", Text: "Another text."}, 9); !errors.Is(err, wiretrace.ErrIDConflict) {
		t.Fatalf("another text under an appearance's ID: %v, want ErrIDConflict", err)
	}
	// A batch holding the text twice more.
	sc := schemeOf(s)
	res, err := s.Add(ctx, []wiretrace.Entry{
		sc.Entry(wiretrace.Article{ID: "blog", Site: "blog.example", Text: wire.Text}, 1, 2),
		sc.Entry(wiretrace.Article{ID: "blog", Site: "blog.example", Text: wire.Text}, 1, 2),
		sc.Entry(wiretrace.Article{ID: "new", Text: "A new story in the batch."}, 5),
		sc.Entry(wiretrace.Article{ID: "new-again", Site: "c.example", Text: "A new story in the batch."}, 5),
	})
	want := []wiretrace.AddResult{{ID: "wire", Duplicate: true, Appeared: true}, {ID: "wire", Duplicate: true}, {ID: "new"}, {ID: "new", Duplicate: true, Appeared: true}}
	if err != nil || !slices.Equal(res, want) {
		t.Fatalf("batch = %+v, %v; want %+v", res, err, want)
	}
	got := mustGet(t, s, "blog")
	if got.ID != "wire" || len(got.Appearances) != 2 || got.Appearances[0].ID != "farm" || got.Appearances[1].ID != "blog" {
		t.Fatalf("Get(blog) = %+v", got)
	}
	sameTime(t, "farm", "Published", got.Appearances[0].Published, farm.Published)
	if got.Appearances[0].PublishedFrom != wiretrace.FromPage || got.Appearances[0].Site != "farm.example" || got.Appearances[0].URL != farm.URL ||
		got.Appearances[0].Canonical != farm.Canonical || got.Appearances[1].Canonical != "" {
		t.Errorf("appearances of farm and blog = %+v", got.Appearances)
	}
	if mustGet(t, s, "new-again").ID != "new" {
		t.Error("Get(new-again) does not find new")
	}
	cs, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1}, Limit: 5})
	if err != nil || len(cs) != 1 || len(cs[0].Article.Appearances) != 2 {
		t.Fatalf("Candidates = %+v, %v; want wire with its two appearances", cs, err)
	}
	sites := func() []wiretrace.SiteStats {
		t.Helper()
		got, err := s.Sites(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := sites(), []wiretrace.SiteStats{{Site: "", Articles: 1}, {Site: "blog.example", Articles: 1}, {Site: "c.example", Articles: 1}, {Site: "farm.example", Articles: 1}, {Site: "wire.example", Articles: 1}}; !slices.Equal(got, want) {
		t.Errorf("Sites = %+v, want %+v", got, want)
	}
	if n := articles(t, s); n != 2 {
		t.Errorf("Stats.Articles = %d, want 2: appearances are not articles", n)
	}
	// Removing an appearance leaves the article.
	if err := s.Remove(ctx, "farm"); err != nil {
		t.Fatal(err)
	}
	wantNotFound(t, s, "farm")
	if got := mustGet(t, s, "wire"); len(got.Appearances) != 1 || got.Appearances[0].ID != "blog" {
		t.Errorf("after removing farm: %+v", got.Appearances)
	}
	// Removing the article takes its appearances with it.
	if err := s.Remove(ctx, "wire"); err != nil {
		t.Fatal(err)
	}
	wantNotFound(t, s, "wire")
	wantNotFound(t, s, "blog")
	if got, want := sites(), []wiretrace.SiteStats{{Site: "", Articles: 1}, {Site: "c.example", Articles: 1}}; !slices.Equal(got, want) {
		t.Errorf("Sites after removing wire = %+v, want %+v", got, want)
	}
	// Their IDs are free again, and the text can be added again, as a new
	// article.
	mustAdd(t, s, wiretrace.Article{ID: "blog", Text: "The blog's own story."}, 7)
	mustAdd(t, s, farm, 1, 2)
	if got := mustGet(t, s, "farm"); len(got.Appearances) != 0 {
		t.Errorf("re-added article with appearances %+v", got.Appearances)
	}
}

func testDuplicateSameID(t *testing.T, s wiretrace.Store) {
	a := wiretrace.Article{ID: "a", Text: "Added twice under one ID."}
	mustAdd(t, s, a, 1)
	for range 2 {
		res, err := addOne(context.Background(), s, a, 1)
		if err != nil {
			t.Fatalf("Add again: %v", err)
		}
		if !res.Duplicate || res.ID != a.ID {
			t.Fatalf("Add again = %+v, want Duplicate of %q", res, a.ID)
		}
	}
	if n := articles(t, s); n != 1 {
		t.Errorf("Stats.Articles = %d, want 1", n)
	}
}
