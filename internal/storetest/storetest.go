// Package storetest is the conformance suite that every wiretrace.Store
// backend runs, so that the embedded store and the PostgreSQL store keep one
// behaviour.
//
// The suite tests the contract documented on wiretrace.Store and pins down
// the details the contract leaves to the backend:
//
//   - Published comes back as the same instant in UTC (the zero time stays
//     zero). Backends may keep only microseconds; the suite never stores a
//     finer time.
//   - Byline, Language and Canonical come back as given; an empty Byline
//     may come back nil.
//   - Text comes back byte for byte. A text made only of white space counts
//     as empty.
//   - Fingerprints given twice to Add count once: Candidate.Fingerprints is
//     the number of distinct fingerprints stored for the article.
//   - An article may be added without fingerprints; it is then never a
//     candidate.
//
// The suite must not know any backend: backends import it from their tests,
// never the other way round.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

// Run runs the conformance suite against the backend that open creates.
//
// open is called once per subtest and must return a new, empty store. It is
// responsible for closing the store, typically with t.Cleanup; Run never
// closes it. Run must not be given a store that other tests write to.
func Run(t *testing.T, open func(t *testing.T) wiretrace.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s wiretrace.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"WithoutFingerprints", testWithoutFingerprints},
		{"Duplicate", testDuplicate},
		{"DuplicateSameID", testDuplicateSameID},
		{"IDConflict", testIDConflict},
		{"EmptyID", testEmptyID},
		{"EmptyText", testEmptyText},
		{"NotFound", testNotFound},
		{"Remove", testRemove},
		{"RemoveThenReAdd", testRemoveThenReAdd},
		{"CandidatesRanking", testCandidatesRanking},
		{"CandidatesLimit", testCandidatesLimit},
		{"CandidatesMaxPostings", testCandidatesMaxPostings},
		{"CandidatesDuplicateQuery", testCandidatesDuplicateQuery},
		{"CandidatesEdgeFingerprints", testCandidatesEdgeFingerprints},
		{"CandidatesNone", testCandidatesNone},
		{"Bylines", testBylines},
		{"BylinesRemove", testBylinesRemove},
		{"Stats", testStats},
		{"ConcurrentAdd", testConcurrentAdd},
		{"ConcurrentSameText", testConcurrentSameText},
		{"CancelledAdd", testCancelledAdd},
		{"Sync", testSync},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// published builds a publication time in a non-UTC zone, to microseconds.
func published(year int, month time.Month, day, hour, min, sec, usec int) time.Time {
	return time.Date(year, month, day, hour, min, sec, usec*1000, time.FixedZone("CET", 3600))
}

func mustAdd(t *testing.T, s wiretrace.Store, a wiretrace.Article, fps ...wiretrace.Fingerprint) {
	t.Helper()
	res, err := s.Add(context.Background(), a, fps)
	if err != nil {
		t.Fatalf("Add(%q): %v", a.ID, err)
	}
	if res.Duplicate || res.ID != a.ID {
		t.Fatalf("Add(%q) = %+v, want a new article with ID %q", a.ID, res, a.ID)
	}
}

func mustGet(t *testing.T, s wiretrace.Store, id string) wiretrace.Article {
	t.Helper()
	a, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get(%q): %v", id, err)
	}
	return a
}

func wantNotFound(t *testing.T, s wiretrace.Store, id string) {
	t.Helper()
	a, err := s.Get(context.Background(), id)
	if !errors.Is(err, wiretrace.ErrNotFound) {
		t.Fatalf("Get(%q) = %+v, %v; want ErrNotFound", id, a, err)
	}
}

func articles(t *testing.T, s wiretrace.Store) int64 {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st.Articles
}

func candidates(t *testing.T, s wiretrace.Store, fps []wiretrace.Fingerprint, limit, maxPostings int) []wiretrace.Candidate {
	t.Helper()
	got, err := s.Candidates(context.Background(), fps, limit, maxPostings)
	if err != nil {
		t.Fatalf("Candidates: %v", err)
	}
	return got
}

func wantCandidates(t *testing.T, got, want []wiretrace.Candidate) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Candidates:\n got %+v\nwant %+v", got, want)
	}
}

// sameArticle compares a stored article with the one given to Add, under
// the suite's rule for Published.
func sameArticle(t *testing.T, got, want wiretrace.Article) {
	t.Helper()
	if got.ID != want.ID || got.URL != want.URL || got.Site != want.Site ||
		got.Title != want.Title || got.Text != want.Text ||
		!slices.Equal(got.Byline, want.Byline) || got.Language != want.Language ||
		got.Canonical != want.Canonical {
		t.Errorf("Get(%q):\n got %+v\nwant %+v", want.ID, got, want)
	}
	switch {
	case want.Published.IsZero():
		if !got.Published.IsZero() {
			t.Errorf("Get(%q).Published = %v, want the zero time", want.ID, got.Published)
		}
	case !got.Published.Equal(want.Published):
		t.Errorf("Get(%q).Published = %v, want %v", want.ID, got.Published, want.Published)
	case got.Published.Location() != time.UTC:
		t.Errorf("Get(%q).Published is in %v, want UTC", want.ID, got.Published.Location())
	}
}

func testRoundTrip(t *testing.T, s wiretrace.Store) {
	long := strings.Repeat("Le ministre a déclaré que «rien n’est décidé». ", 2000)
	all := []wiretrace.Article{
		{
			ID:        "wire/2024/001",
			URL:       "https://example.com/news/2024/03/05/flood?ref=rss&x=1",
			Site:      "example.com",
			Title:     "Floods hit the valley",
			Published: published(2024, 3, 5, 14, 30, 15, 123456),
			Byline:    []string{"Dana Whitlock", "Sam Okafor"},
			Language:  "en-GB",
			Canonical: "https://example.com/news/2024/03/05/flood",
			Text:      "Floods hit the valley on Tuesday.\r\nResidents were evacuated.\n\n\t“We lost everything,” one said.  ",
		},
		{
			ID:        "ελληνικά/Ünïcödé id",
			Site:      "εφημερίδα.gr",
			Title:     "Πλημμύρες στην κοιλάδα",
			Published: time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC),
			Byline:    []string{"Ρένα Παππά"},
			Language:  "el",
			Text:      "Πλημμύρες χτύπησαν την κοιλάδα. 洪水袭击了山谷。 Наводнение 🌊🏠 e\u0301 עברית",
		},
		// An ID that is a prefix of another one.
		{ID: "wire", Text: "Short text without any metadata."},
		// Only a canonical URL.
		{ID: "canonical", Canonical: "https://example.org/c", Text: "Known by its canonical URL alone."},
		{ID: "wire/2024", Text: long, Published: published(2199, 12, 31, 23, 59, 59, 999999)},
	}
	for i, a := range all {
		mustAdd(t, s, a, wiretrace.Fingerprint(100+i), wiretrace.Fingerprint(200+i))
	}
	for _, a := range all {
		sameArticle(t, mustGet(t, s, a.ID), a)
	}
	if n := articles(t, s); n != int64(len(all)) {
		t.Errorf("Stats.Articles = %d, want %d", n, len(all))
	}
}

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
	second.ID, second.URL, second.Title = "second", "https://b.example/2", "Second"
	res, err := s.Add(context.Background(), second, []wiretrace.Fingerprint{1, 2, 3, 4})
	if err != nil {
		t.Fatalf("Add duplicate: %v", err)
	}
	if !res.Duplicate || res.ID != first.ID {
		t.Fatalf("Add duplicate = %+v, want Duplicate of %q", res, first.ID)
	}
	wantNotFound(t, s, second.ID)
	sameArticle(t, mustGet(t, s, first.ID), first)
	if n := articles(t, s); n != 1 {
		t.Errorf("Stats.Articles = %d after a duplicate, want 1", n)
	}
	// The duplicate's fingerprints were not written either.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{4}, 10, 100), nil)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2, 3, 4}, 10, 100),
		[]wiretrace.Candidate{{ID: "first", Shared: 3, Fingerprints: 3}})
}

func testDuplicateSameID(t *testing.T, s wiretrace.Store) {
	a := wiretrace.Article{ID: "a", Text: "Added twice under one ID."}
	mustAdd(t, s, a, 1)
	for range 2 {
		res, err := s.Add(context.Background(), a, []wiretrace.Fingerprint{1})
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

func testIDConflict(t *testing.T, s wiretrace.Store) {
	a := wiretrace.Article{ID: "story", Title: "Original", Text: "The original text."}
	mustAdd(t, s, a, 1, 2)
	other := wiretrace.Article{ID: "story", Title: "Other", Text: "A different text under the same ID."}
	res, err := s.Add(context.Background(), other, []wiretrace.Fingerprint{2, 3})
	if !errors.Is(err, wiretrace.ErrIDConflict) {
		t.Fatalf("Add with a used ID = %+v, %v; want ErrIDConflict", res, err)
	}
	sameArticle(t, mustGet(t, s, a.ID), a)
	if n := articles(t, s); n != 1 {
		t.Errorf("Stats.Articles = %d, want 1", n)
	}
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{3}, 10, 100), nil)
	// The rejected text is not stored under any ID: adding it again under a
	// fresh ID is not a duplicate.
	other.ID = "story-2"
	mustAdd(t, s, other, 2, 3)
}

func testEmptyID(t *testing.T, s wiretrace.Store) {
	res, err := s.Add(context.Background(), wiretrace.Article{Text: "A text without an ID."}, []wiretrace.Fingerprint{1})
	if err == nil {
		t.Fatalf("Add without ID = %+v, want an error", res)
	}
	if n := articles(t, s); n != 0 {
		t.Errorf("Stats.Articles = %d, want 0", n)
	}
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1}, 10, 100), nil)
	wantNotFound(t, s, "")
}

func testEmptyText(t *testing.T, s wiretrace.Store) {
	for i, text := range []string{"", " ", " \n\t\r\n "} {
		id := fmt.Sprintf("empty-%d", i)
		res, err := s.Add(context.Background(), wiretrace.Article{ID: id, Text: text}, []wiretrace.Fingerprint{1})
		if !errors.Is(err, wiretrace.ErrEmptyText) {
			t.Errorf("Add(%q) = %+v, %v; want ErrEmptyText", text, res, err)
		}
		wantNotFound(t, s, id)
	}
	if n := articles(t, s); n != 0 {
		t.Errorf("Stats.Articles = %d, want 0", n)
	}
}

func testNotFound(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	wantNotFound(t, s, "missing")
	if err := s.Remove(ctx, "missing"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("Remove(missing) = %v, want ErrNotFound", err)
	}
	mustAdd(t, s, wiretrace.Article{ID: "present", Text: "Present."}, 1)
	wantNotFound(t, s, "presen")
	wantNotFound(t, s, "present ")
	if err := s.Remove(ctx, "Present"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("Remove(Present) = %v, want ErrNotFound", err)
	}
	mustGet(t, s, "present")
}

func testRemove(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	mustAdd(t, s, wiretrace.Article{ID: "a", Text: "Article a."}, 1, 2, 3)
	mustAdd(t, s, wiretrace.Article{ID: "b", Text: "Article b."}, 2, 3, 4)
	if err := s.Remove(ctx, "a"); err != nil {
		t.Fatalf("Remove(a): %v", err)
	}
	wantNotFound(t, s, "a")
	mustGet(t, s, "b")
	if n := articles(t, s); n != 1 {
		t.Errorf("Stats.Articles = %d after Remove, want 1", n)
	}
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1}, 10, 100), nil)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2, 3}, 10, 100),
		[]wiretrace.Candidate{{ID: "b", Shared: 2, Fingerprints: 3}})
	// The removed article no longer counts towards maxPostings.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{2}, 10, 1),
		[]wiretrace.Candidate{{ID: "b", Shared: 1, Fingerprints: 3}})
	if err := s.Remove(ctx, "a"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("second Remove(a) = %v, want ErrNotFound", err)
	}
}

func testRemoveThenReAdd(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	a := wiretrace.Article{ID: "a", Title: "Once", Text: "Removed, then added again."}
	mustAdd(t, s, a, 1, 2)
	if err := s.Remove(ctx, "a"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	// Same text, same ID: a new article, not a duplicate.
	a.Title = "Twice"
	mustAdd(t, s, a, 2, 3)
	sameArticle(t, mustGet(t, s, "a"), a)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2, 3}, 10, 100),
		[]wiretrace.Candidate{{ID: "a", Shared: 2, Fingerprints: 2}})

	// Same text under another ID after a second removal.
	if err := s.Remove(ctx, "a"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	b := a
	b.ID = "b"
	mustAdd(t, s, b, 3)
	wantNotFound(t, s, "a")
	sameArticle(t, mustGet(t, s, "b"), b)
	if n := articles(t, s); n != 1 {
		t.Errorf("Stats.Articles = %d, want 1", n)
	}
}

// rankingStore adds articles whose overlap with rankingQuery is known. They
// are added in an order unlike their IDs' so that a backend breaking ties by
// insertion order fails.
func rankingStore(t *testing.T, s wiretrace.Store) {
	mustAdd(t, s, wiretrace.Article{ID: "e", Text: "Shares nothing."}, 90, 91)
	mustAdd(t, s, wiretrace.Article{ID: "d", Text: "Shares one."}, 14, 92, 93, 94)
	mustAdd(t, s, wiretrace.Article{ID: "b", Text: "Shares two, b."}, 11, 12, 95)
	mustAdd(t, s, wiretrace.Article{ID: "c", Text: "Shares three."}, 10, 11, 12, 96, 97)
	mustAdd(t, s, wiretrace.Article{ID: "a", Text: "Shares two, a."}, 10, 13)
}

var rankingQuery = []wiretrace.Fingerprint{10, 11, 12, 13, 14, 15}

func testCandidatesRanking(t *testing.T, s wiretrace.Store) {
	rankingStore(t, s)
	wantCandidates(t, candidates(t, s, rankingQuery, 10, 100), []wiretrace.Candidate{
		{ID: "c", Shared: 3, Fingerprints: 5},
		{ID: "a", Shared: 2, Fingerprints: 2},
		{ID: "b", Shared: 2, Fingerprints: 3},
		{ID: "d", Shared: 1, Fingerprints: 4},
	})
	// Query order does not matter.
	rev := slices.Clone(rankingQuery)
	slices.Reverse(rev)
	wantCandidates(t, candidates(t, s, rev, 10, 100), []wiretrace.Candidate{
		{ID: "c", Shared: 3, Fingerprints: 5},
		{ID: "a", Shared: 2, Fingerprints: 2},
		{ID: "b", Shared: 2, Fingerprints: 3},
		{ID: "d", Shared: 1, Fingerprints: 4},
	})
}

func testCandidatesLimit(t *testing.T, s wiretrace.Store) {
	rankingStore(t, s)
	all := []wiretrace.Candidate{
		{ID: "c", Shared: 3, Fingerprints: 5},
		{ID: "a", Shared: 2, Fingerprints: 2},
		{ID: "b", Shared: 2, Fingerprints: 3},
		{ID: "d", Shared: 1, Fingerprints: 4},
	}
	for _, limit := range []int{1, 2, 3, 4, 5, 1000} {
		want := all[:min(limit, len(all))]
		wantCandidates(t, candidates(t, s, rankingQuery, limit, 100), want)
	}
	// The limit cuts through the tie of a and b: the lower ID wins although
	// b was added first.
	got := candidates(t, s, []wiretrace.Fingerprint{10, 11, 12, 13}, 2, 100)
	wantCandidates(t, got, all[:2])
}

func testCandidatesMaxPostings(t *testing.T, s wiretrace.Store) {
	// Fingerprint 7 is boilerplate posted to three articles; 8 to two.
	mustAdd(t, s, wiretrace.Article{ID: "x", Text: "x"}, 7, 8, 1)
	mustAdd(t, s, wiretrace.Article{ID: "y", Text: "y"}, 7, 8)
	mustAdd(t, s, wiretrace.Article{ID: "z", Text: "z"}, 7, 2)

	q := []wiretrace.Fingerprint{7, 8, 1, 2}
	wantCandidates(t, candidates(t, s, q, 10, 3), []wiretrace.Candidate{
		{ID: "x", Shared: 3, Fingerprints: 3},
		{ID: "y", Shared: 2, Fingerprints: 2},
		{ID: "z", Shared: 2, Fingerprints: 2},
	})
	wantCandidates(t, candidates(t, s, q, 10, 2), []wiretrace.Candidate{
		{ID: "x", Shared: 2, Fingerprints: 3},
		{ID: "y", Shared: 1, Fingerprints: 2},
		{ID: "z", Shared: 1, Fingerprints: 2},
	})
	wantCandidates(t, candidates(t, s, q, 10, 1), []wiretrace.Candidate{
		{ID: "x", Shared: 1, Fingerprints: 3},
		{ID: "z", Shared: 1, Fingerprints: 2},
	})
	// An article found only through a skipped fingerprint is not returned.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{7}, 10, 2), nil)
}

func testCandidatesDuplicateQuery(t *testing.T, s wiretrace.Store) {
	// Fingerprints given twice to Add are stored once.
	mustAdd(t, s, wiretrace.Article{ID: "a", Text: "a"}, 1, 2, 2, 3, 1, 1)
	mustAdd(t, s, wiretrace.Article{ID: "b", Text: "b"}, 1, 4)
	q := []wiretrace.Fingerprint{1, 1, 1, 4, 4, 3, 1}
	wantCandidates(t, candidates(t, s, q, 10, 100), []wiretrace.Candidate{
		{ID: "a", Shared: 2, Fingerprints: 3},
		{ID: "b", Shared: 2, Fingerprints: 2},
	})
	// A query fingerprint given twice is still read once against maxPostings.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{4, 4, 4}, 10, 1),
		[]wiretrace.Candidate{{ID: "b", Shared: 1, Fingerprints: 2}})
}

func testCandidatesEdgeFingerprints(t *testing.T, s wiretrace.Store) {
	// The extremes of the fingerprint space and values with the top bit set
	// must neither be lost nor bleed into their neighbours.
	edges := []wiretrace.Fingerprint{0, 1, math.MaxInt64, math.MaxInt64 + 1, math.MaxUint64 - 1, math.MaxUint64}
	for i, fp := range edges {
		mustAdd(t, s, wiretrace.Article{ID: fmt.Sprintf("edge-%d", i), Text: fmt.Sprintf("edge %d", i)}, fp)
	}
	for i, fp := range edges {
		wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{fp}, 10, 100),
			[]wiretrace.Candidate{{ID: fmt.Sprintf("edge-%d", i), Shared: 1, Fingerprints: 1}})
	}
	if got := candidates(t, s, edges, 10, 100); len(got) != len(edges) {
		t.Errorf("Candidates(all edges) returned %d articles, want %d", len(got), len(edges))
	}
}

func testCandidatesNone(t *testing.T, s wiretrace.Store) {
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2}, 10, 100), nil)
	mustAdd(t, s, wiretrace.Article{ID: "a", Text: "a"}, 1, 2)
	wantCandidates(t, candidates(t, s, nil, 10, 100), nil)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{3, 4}, 10, 100), nil)
}

func testStats(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	if n := articles(t, s); n != 0 {
		t.Fatalf("Stats.Articles = %d on a new store, want 0", n)
	}
	for i := range 20 {
		mustAdd(t, s, wiretrace.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Article number %d.", i)}, wiretrace.Fingerprint(i))
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if st.Articles != 20 {
		t.Errorf("Stats.Articles = %d, want 20", st.Articles)
	}
	if st.Bytes <= 0 {
		t.Errorf("Stats.Bytes = %d with 20 articles stored, want > 0", st.Bytes)
	}
	for i := range 5 {
		if err := s.Remove(ctx, fmt.Sprint(i)); err != nil {
			t.Fatalf("Remove: %v", err)
		}
	}
	if n := articles(t, s); n != 15 {
		t.Errorf("Stats.Articles = %d after 5 removals, want 15", n)
	}
}

func testConcurrentAdd(t *testing.T, s wiretrace.Store) {
	const writers, each = 8, 40
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, writers*each+writers)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("w%d-%d", w, i)
				// Every article shares fingerprint 1 and has its own.
				fps := []wiretrace.Fingerprint{1, wiretrace.Fingerprint(1000 + w*each + i)}
				res, err := s.Add(ctx, wiretrace.Article{ID: id, Text: "Text of " + id}, fps)
				if err != nil {
					errs <- fmt.Errorf("Add(%s): %w", id, err)
					continue
				}
				if res.Duplicate || res.ID != id {
					errs <- fmt.Errorf("Add(%s) = %+v", id, res)
				}
			}
		})
	}
	// Readers run beside the writers.
	for range 2 {
		wg.Go(func() {
			for range each {
				if _, err := s.Candidates(ctx, []wiretrace.Fingerprint{1}, 5, writers*each+1); err != nil {
					errs <- fmt.Errorf("Candidates: %w", err)
				}
				if _, err := s.Get(ctx, "w0-0"); err != nil && !errors.Is(err, wiretrace.ErrNotFound) {
					errs <- fmt.Errorf("Get: %w", err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := articles(t, s); n != writers*each {
		t.Errorf("Stats.Articles = %d, want %d", n, writers*each)
	}
	got := candidates(t, s, []wiretrace.Fingerprint{1}, writers*each+10, writers*each)
	if len(got) != writers*each {
		t.Fatalf("Candidates(shared fingerprint) returned %d articles, want %d", len(got), writers*each)
	}
	for w := range writers {
		for i := range each {
			id := fmt.Sprintf("w%d-%d", w, i)
			if a := mustGet(t, s, id); a.Text != "Text of "+id {
				t.Errorf("Get(%s).Text = %q", id, a.Text)
			}
		}
	}
}

func testConcurrentSameText(t *testing.T, s wiretrace.Store) {
	// Racing writers add one text under different IDs and different texts
	// under one ID: exactly one of each race must win.
	const racers = 8
	ctx := context.Background()
	type outcome struct {
		res wiretrace.AddResult
		err error
	}
	sameText := make([]outcome, racers)
	sameID := make([]outcome, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			a := wiretrace.Article{ID: fmt.Sprintf("copy-%d", i), Text: "One wire story raced by every writer."}
			res, err := s.Add(ctx, a, []wiretrace.Fingerprint{1, 2})
			sameText[i] = outcome{res, err}
		})
		wg.Go(func() {
			a := wiretrace.Article{ID: "contested", Text: fmt.Sprintf("Version %d of the contested story.", i)}
			res, err := s.Add(ctx, a, []wiretrace.Fingerprint{3, wiretrace.Fingerprint(10 + i)})
			sameID[i] = outcome{res, err}
		})
	}
	wg.Wait()

	winner := ""
	for i, o := range sameText {
		if o.err != nil {
			t.Fatalf("Add(copy-%d): %v", i, o.err)
		}
		if !o.res.Duplicate {
			if winner != "" {
				t.Fatalf("both %s and %s were stored with the same text", winner, o.res.ID)
			}
			winner = o.res.ID
		}
	}
	if winner == "" {
		t.Fatal("no writer of the shared text was stored")
	}
	for i, o := range sameText {
		if o.res.ID != winner {
			t.Errorf("Add(copy-%d) = %+v, want ID %s", i, o.res, winner)
		}
	}

	stored := -1
	for i, o := range sameID {
		switch {
		case o.err == nil && !o.res.Duplicate:
			if stored >= 0 {
				t.Fatalf("versions %d and %d were both stored as contested", stored, i)
			}
			stored = i
		case !errors.Is(o.err, wiretrace.ErrIDConflict):
			t.Errorf("Add(contested, version %d) = %+v, %v; want ErrIDConflict", i, o.res, o.err)
		}
	}
	if stored < 0 {
		t.Fatal("no version of contested was stored")
	}
	if a := mustGet(t, s, "contested"); a.Text != fmt.Sprintf("Version %d of the contested story.", stored) {
		t.Errorf("Get(contested).Text = %q, want version %d", a.Text, stored)
	}
	if n := articles(t, s); n != 2 {
		t.Errorf("Stats.Articles = %d, want 2", n)
	}
	// Only the winning version's own fingerprint was posted.
	got := candidates(t, s, []wiretrace.Fingerprint{10, 11, 12, 13, 14, 15, 16, 17}, 10, 100)
	wantCandidates(t, got, []wiretrace.Candidate{{ID: "contested", Shared: 1, Fingerprints: 2}})
}

func testCancelledAdd(t *testing.T, s wiretrace.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := wiretrace.Article{ID: "cancelled", Text: "Never stored."}
	res, err := s.Add(ctx, a, []wiretrace.Fingerprint{1})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Add with a cancelled context = %+v, %v; want context.Canceled", res, err)
	}
	wantNotFound(t, s, a.ID)
	if n := articles(t, s); n != 0 {
		t.Errorf("Stats.Articles = %d, want 0", n)
	}
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1}, 10, 100), nil)

	ctx, cancel = context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := s.Add(ctx, a, []wiretrace.Fingerprint{1}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Add past its deadline = %v, want context.DeadlineExceeded", err)
	}
	// The store still works after a refused write.
	mustAdd(t, s, a, 1)
}

func testSync(t *testing.T, s wiretrace.Store) {
	if err := s.Sync(); err != nil {
		t.Fatalf("Sync on an empty store: %v", err)
	}
	a := wiretrace.Article{ID: "a", Text: "Synced."}
	mustAdd(t, s, a, 1)
	if err := s.Sync(); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	sameArticle(t, mustGet(t, s, "a"), a)
}

func bylines(t *testing.T, s wiretrace.Store, name string, limit int) []wiretrace.BylineUse {
	t.Helper()
	got, err := s.Bylines(context.Background(), name, limit)
	if err != nil {
		t.Fatalf("Bylines(%q, %d): %v", name, limit, err)
	}
	return got
}

func wantBylines(t *testing.T, name string, got, want []wiretrace.BylineUse) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("Bylines(%q):\n got %+v\nwant %+v", name, got, want)
	}
}

func bylineStore(t *testing.T, s wiretrace.Store) {
	t.Helper()
	mustAdd(t, s, wiretrace.Article{ID: "m1", Site: "meridianwire.example", Byline: []string{"Dana Whitlock"}, Text: "Harbour workers strike."}, 1)
	mustAdd(t, s, wiretrace.Article{ID: "m2", Site: "meridianwire.example", Byline: []string{"DANA  WHITLOCK.", "Sam Okafor"}, Text: "Rail line reopens."}, 2)
	mustAdd(t, s, wiretrace.Article{ID: "f1", Site: "farm.example", Byline: []string{"Dana Whitlock"}, Text: "Rail line reopens, again."}, 2)
	mustAdd(t, s, wiretrace.Article{ID: "n1", Byline: []string{"dana whitlock"}, Text: "No site at all."})
	// A longer name that starts with the shorter one is another name.
	mustAdd(t, s, wiretrace.Article{ID: "o1", Site: "other.example", Byline: []string{"Dana Whitlocke"}, Text: "Someone else."})
	// One article naming an author twice counts once.
	mustAdd(t, s, wiretrace.Article{ID: "x1", Site: "x.example", Byline: []string{"Ana Ruiz", "ana ruiz"}, Text: "Twice named."})
	mustAdd(t, s, wiretrace.Article{ID: "z1", Site: "z.example", Text: "No byline."})
}

func testBylines(t *testing.T, s wiretrace.Store) {
	bylineStore(t, s)
	dana := []wiretrace.BylineUse{
		{Site: "meridianwire.example", Articles: 2},
		{Site: "", Articles: 1},
		{Site: "farm.example", Articles: 1},
	}
	for _, name := range []string{"Dana Whitlock", "dana whitlock", " Dana\tWhitlock, "} {
		wantBylines(t, name, bylines(t, s, name, 10), dana)
	}
	wantBylines(t, "Dana Whitlock", bylines(t, s, "Dana Whitlock", 2), dana[:2])
	wantBylines(t, "Dana Whitlock", bylines(t, s, "Dana Whitlock", 0), nil)
	wantBylines(t, "Dana Whitlocke", bylines(t, s, "Dana Whitlocke", 10), []wiretrace.BylineUse{{Site: "other.example", Articles: 1}})
	wantBylines(t, "Ana Ruiz", bylines(t, s, "Ana Ruiz", 10), []wiretrace.BylineUse{{Site: "x.example", Articles: 1}})
	wantBylines(t, "Sam Okafor", bylines(t, s, "Sam Okafor", 10), []wiretrace.BylineUse{{Site: "meridianwire.example", Articles: 1}})
	for _, name := range []string{"Dana", "Whitlock", "", "  ", "Nobody"} {
		wantBylines(t, name, bylines(t, s, name, 10), nil)
	}
}

func testBylinesRemove(t *testing.T, s wiretrace.Store) {
	bylineStore(t, s)
	ctx := context.Background()
	if err := s.Remove(ctx, "m2"); err != nil {
		t.Fatal(err)
	}
	wantBylines(t, "Dana Whitlock", bylines(t, s, "Dana Whitlock", 10), []wiretrace.BylineUse{
		{Site: "", Articles: 1},
		{Site: "farm.example", Articles: 1},
		{Site: "meridianwire.example", Articles: 1},
	})
	wantBylines(t, "Sam Okafor", bylines(t, s, "Sam Okafor", 10), nil)
	for _, id := range []string{"m1", "f1", "n1"} {
		if err := s.Remove(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	wantBylines(t, "Dana Whitlock", bylines(t, s, "Dana Whitlock", 10), nil)
	// Added again, the name is found again.
	mustAdd(t, s, wiretrace.Article{ID: "m1", Site: "meridianwire.example", Byline: []string{"Dana Whitlock"}, Text: "Harbour workers strike."}, 1)
	wantBylines(t, "Dana Whitlock", bylines(t, s, "Dana Whitlock", 10), []wiretrace.BylineUse{{Site: "meridianwire.example", Articles: 1}})
}
