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
//   - Byline, Language, Canonical and Slug come back as given, and so does
//     an appearance's Canonical; an empty Byline may come back nil.
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
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

// Backend opens the store a subtest works on. It is called once per
// subtest and returns a function that opens the subtest's store with a
// scheme: the first call creates a new, empty store, and later calls
// reopen the same one (after the suite closed the previous Store). The
// backend cleans up what it created when the test ends.
type Backend func(t *testing.T) func(scheme wiretrace.Scheme) (wiretrace.Store, error)

// Run runs the conformance suite against a backend.
func Run(t *testing.T, backend Backend) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s wiretrace.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"WithoutFingerprints", testWithoutFingerprints},
		{"Duplicate", testDuplicate},
		{"FindText", testFindText},
		{"DuplicateSameID", testDuplicateSameID},
		{"Appearances", testAppearances},
		{"IDConflict", testIDConflict},
		{"EmptyID", testEmptyID},
		{"EmptyText", testEmptyText},
		{"Batch", testBatch},
		{"NotFound", testNotFound},
		{"Remove", testRemove},
		{"RemoveThenReAdd", testRemoveThenReAdd},
		{"CandidatesRanking", testCandidatesRanking},
		{"CandidatesLimit", testCandidatesLimit},
		{"CandidatesMaxPostings", testCandidatesMaxPostings},
		{"CandidatesDuplicateQuery", testCandidatesDuplicateQuery},
		{"CandidatesEdgeFingerprints", testCandidatesEdgeFingerprints},
		{"CandidatesNone", testCandidatesNone},
		{"CandidatesNoAppearances", testCandidatesNoAppearances},
		{"Bylines", testBylines},
		{"BylinesRemove", testBylinesRemove},
		{"Sites", testSites},
		{"Notes", testNotes},
		{"Scan", testScan},
		{"Stats", testStats},
		{"ConcurrentAdd", testConcurrentAdd},
		{"ConcurrentSameText", testConcurrentSameText},
		{"CancelledAdd", testCancelledAdd},
		{"Sync", testSync},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openStore(t, backend(t), NewScheme())
			tc.fn(t, s)
		})
	}
	t.Run("Reopen", func(t *testing.T) { testReopen(t, backend(t)) })
	t.Run("OtherScheme", func(t *testing.T) { testOtherScheme(t, backend(t)) })
}

// openStore opens a store with scheme and closes it when the test ends.
func openStore(t *testing.T, open func(wiretrace.Scheme) (wiretrace.Store, error), scheme *Scheme) (wiretrace.Store, *Scheme) {
	t.Helper()
	s, err := open(scheme.Scheme())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	schemes.Store(s, scheme)
	t.Cleanup(func() { s.Close(); schemes.Delete(s) })
	return s, scheme
}

// Scheme is the suite's fingerprint scheme: the fingerprints of a text are
// the ones the suite gave with it when it added it, so that tests choose
// which articles share what. A store may call it to remake postings.
type Scheme struct {
	mu    sync.Mutex
	name  string
	byTxt map[string][]wiretrace.Fingerprint
}

// NewScheme returns an empty suite scheme named "storetest/1".
func NewScheme() *Scheme {
	return &Scheme{name: "storetest/1", byTxt: map[string][]wiretrace.Fingerprint{}}
}

// Scheme returns the wiretrace.Scheme.
func (sc *Scheme) Scheme() wiretrace.Scheme {
	return wiretrace.Scheme{Name: sc.name, Fingerprints: sc.fingerprints}
}

func (sc *Scheme) fingerprints(text string) []wiretrace.Fingerprint {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	fps := slices.Clone(sc.byTxt[text])
	slices.Sort(fps)
	return slices.Compact(fps)
}

// Entry returns the entry of a with fps, registering fps as its text's.
func (sc *Scheme) Entry(a wiretrace.Article, fps ...wiretrace.Fingerprint) wiretrace.Entry {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if _, ok := sc.byTxt[a.Text]; !ok {
		sc.byTxt[a.Text] = fps
	}
	return wiretrace.Entry{Article: a, Fingerprints: fps}
}

// schemes remembers the suite scheme each store under test was opened
// with.
var schemes sync.Map // wiretrace.Store → *Scheme

func schemeOf(s wiretrace.Store) *Scheme {
	if sc, ok := schemes.Load(s); ok {
		return sc.(*Scheme)
	}
	return sharedScheme
}

// sharedScheme serves stores the suite did not open itself.
var sharedScheme = NewScheme()

// addOne adds one article with its fingerprints and returns its result,
// with the entry's own error as the error.
func addOne(ctx context.Context, s wiretrace.Store, a wiretrace.Article, fps ...wiretrace.Fingerprint) (wiretrace.AddResult, error) {
	res, err := s.Add(ctx, []wiretrace.Entry{schemeOf(s).Entry(a, fps...)})
	if err != nil {
		return wiretrace.AddResult{}, err
	}
	if len(res) != 1 {
		return wiretrace.AddResult{}, fmt.Errorf("Add of one entry returned %d results", len(res))
	}
	return res[0], res[0].Err
}

// published builds a publication time in a non-UTC zone, to microseconds.
func published(year int, month time.Month, day, hour, min, sec, usec int) time.Time {
	return time.Date(year, month, day, hour, min, sec, usec*1000, time.FixedZone("CET", 3600))
}

func mustAdd(t *testing.T, s wiretrace.Store, a wiretrace.Article, fps ...wiretrace.Fingerprint) {
	t.Helper()
	res, err := addOne(context.Background(), s, a, fps...)
	if err != nil {
		t.Fatalf("Add(%q): %v", a.ID, err)
	}
	if res.Duplicate || res.ID != a.ID {
		t.Fatalf("Add(%q) = %+v, want a new article with ID %q", a.ID, res, a.ID)
	}
}

// mustGet gets the article stored under id and asserts that Appearances
// gives its Seq and appearances.
func mustGet(t *testing.T, s wiretrace.Store, id string) wiretrace.Article {
	t.Helper()
	a, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get(%q): %v", id, err)
	}
	seq, aps, err := s.Appearances(context.Background(), id)
	if err != nil || seq != a.Seq || !slices.EqualFunc(aps, a.Appearances, sameAppearance) {
		t.Errorf("Appearances(%q) = %d %+v, %v; want Get's %d %+v", id, seq, aps, err, a.Seq, a.Appearances)
	}
	return a
}

func sameAppearance(a, b wiretrace.Appearance) bool {
	return a.ID == b.ID && a.URL == b.URL && a.Site == b.Site && a.Canonical == b.Canonical &&
		a.Published.Equal(b.Published) && a.PublishedFrom == b.PublishedFrom &&
		a.FirstSeen.Equal(b.FirstSeen) && a.FirstSeenFrom == b.FirstSeenFrom
}

// wantNotFound asserts that nothing is stored under id, for Get and for
// Appearances.
func wantNotFound(t *testing.T, s wiretrace.Store, id string) {
	t.Helper()
	a, err := s.Get(context.Background(), id)
	if !errors.Is(err, wiretrace.ErrNotFound) {
		t.Fatalf("Get(%q) = %+v, %v; want ErrNotFound", id, a, err)
	}
	if seq, aps, err := s.Appearances(context.Background(), id); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("Appearances(%q) = %d %+v, %v; want ErrNotFound", id, seq, aps, err)
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

// sameArticle compares a stored article with the one given to Add, under
// the suite's rule for Published.
func sameArticle(t *testing.T, got, want wiretrace.Article) {
	t.Helper()
	if got.ID != want.ID || got.URL != want.URL || got.Site != want.Site ||
		got.Title != want.Title || got.Text != want.Text ||
		!slices.Equal(got.Byline, want.Byline) || got.Language != want.Language ||
		got.Canonical != want.Canonical || got.Slug != want.Slug || got.PublishedFrom != want.PublishedFrom ||
		got.FirstSeenFrom != want.FirstSeenFrom {
		t.Errorf("Get(%q):\n got %+v\nwant %+v", want.ID, got, want)
	}
	sameTime(t, want.ID, "Published", got.Published, want.Published)
	sameTime(t, want.ID, "FirstSeen", got.FirstSeen, want.FirstSeen)
	if len(got.Appearances) != len(want.Appearances) {
		t.Errorf("Get(%q): %d appearances, want %d", want.ID, len(got.Appearances), len(want.Appearances))
		return
	}
	for i, ap := range want.Appearances {
		g := got.Appearances[i]
		if g.ID != ap.ID || g.URL != ap.URL || g.Site != ap.Site || g.PublishedFrom != ap.PublishedFrom || g.FirstSeenFrom != ap.FirstSeenFrom || g.Canonical != ap.Canonical {
			t.Errorf("Get(%q).Appearances[%d] = %+v, want %+v", want.ID, i, g, ap)
		}
		sameTime(t, ap.ID, "Published", g.Published, ap.Published)
		sameTime(t, ap.ID, "FirstSeen", g.FirstSeen, ap.FirstSeen)
	}
}

func sameTime(t *testing.T, id, field string, got, want time.Time) {
	t.Helper()
	switch {
	case want.IsZero():
		if !got.IsZero() {
			t.Errorf("Get(%q).%s = %v, want the zero time", id, field, got)
		}
	case !got.Equal(want):
		t.Errorf("Get(%q).%s = %v, want %v", id, field, got, want)
	case got.Location() != time.UTC:
		t.Errorf("Get(%q).%s is in %v, want UTC", id, field, got.Location())
	}
}

func testRoundTrip(t *testing.T, s wiretrace.Store) {
	long := strings.Repeat("Le ministre a déclaré que «rien n’est décidé». ", 2000)
	all := []wiretrace.Article{
		{
			ID:            "wire/2024/001",
			URL:           "https://example.com/news/2024/03/05/flood?ref=rss&x=1",
			Site:          "example.com",
			Title:         "Floods hit the valley",
			Published:     published(2024, 3, 5, 14, 30, 15, 123456),
			PublishedFrom: wiretrace.FromPage,
			FirstSeen:     published(2024, 3, 6, 1, 2, 3, 4),
			FirstSeenFrom: wiretrace.FromCrawl,
			Byline:        []string{"Dana Whitlock", "Sam Okafor"},
			Language:      "en-GB",
			Canonical:     "https://example.com/news/2024/03/05/flood",
			Slug:          "BC-Floods-Valley",
			Text:          "Floods hit the valley on Tuesday.\r\nResidents were evacuated.\n\n\t“We lost everything,” one said.  ",
		},
		{
			ID:            "ελληνικά/Ünïcödé id",
			Site:          "εφημερίδα.gr",
			Title:         "Πλημμύρες στην κοιλάδα",
			Published:     time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC),
			PublishedFrom: wiretrace.FromInput,
			Byline:        []string{"Ρένα Παππά"},
			Language:      "el",
			Slug:          "ΠΛΗΜΜΥΡΕΣ Κοιλάδα",
			Text:          "Πλημμύρες χτύπησαν την κοιλάδα. 洪水袭击了山谷。 Наводнение 🌊🏠 e\u0301 עברית",
		},
		// An ID that is a prefix of another one.
		{ID: "wire", Text: "Short text without any metadata."},
		// Only a canonical URL.
		{ID: "canonical", Canonical: "https://example.org/c", Text: "Known by its canonical URL alone."},
		// Only a slug.
		{ID: "slug", Slug: "COURTS Axe", Text: "Known by its slug alone."},
		{ID: "wire/2024", Text: long, Published: published(2199, 12, 31, 23, 59, 59, 999999), PublishedFrom: wiretrace.FromFeed},
		// Only a first-seen time.
		{ID: "seen", Text: "Seen but never dated.", FirstSeen: published(2001, 9, 9, 1, 46, 40, 0), FirstSeenFrom: wiretrace.FromAdd},
	}
	for i, a := range all {
		mustAdd(t, s, a, wiretrace.Fingerprint(100+i), wiretrace.Fingerprint(200+i))
	}
	for _, a := range all {
		sameArticle(t, mustGet(t, s, a.ID), a)
	}
	// Scan reads the same records.
	var scanned []wiretrace.Article
	if err := s.Scan(context.Background(), 0, func(a wiretrace.Article) error { scanned = append(scanned, a); return nil }); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if len(scanned) != len(all) {
		t.Fatalf("Scan gave %d articles, want %d", len(scanned), len(all))
	}
	for i, a := range all {
		sameArticle(t, scanned[i], a)
	}
	if n := articles(t, s); n != int64(len(all)) {
		t.Errorf("Stats.Articles = %d, want %d", n, len(all))
	}
}

func testIDConflict(t *testing.T, s wiretrace.Store) {
	a := wiretrace.Article{ID: "story", Title: "Original", Text: "The original text."}
	mustAdd(t, s, a, 1, 2)
	other := wiretrace.Article{ID: "story", Title: "Other", Text: "A different text under the same ID."}
	res, err := addOne(context.Background(), s, other, 2, 3)
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
	res, err := addOne(context.Background(), s, wiretrace.Article{Text: "A text without an ID."}, 1)
	if !errors.Is(err, wiretrace.ErrEmptyID) {
		t.Fatalf("Add without ID = %+v, %v; want ErrEmptyID", res, err)
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
		res, err := addOne(context.Background(), s, wiretrace.Article{ID: id, Text: text}, 1)
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
		[]cand{{ID: "b", Shared: 2, Fingerprints: 3}})
	// The removed article no longer counts towards maxPostings.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{2}, 10, 1),
		[]cand{{ID: "b", Shared: 1, Fingerprints: 3}})
	if err := s.Remove(ctx, "a"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("second Remove(a) = %v, want ErrNotFound", err)
	}
}

func testRemoveThenReAdd(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	a := wiretrace.Article{ID: "a", Title: "Once", Text: "Removed, then added again."}
	mustAdd(t, s, a, 1, 2)
	mustAdd(t, s, wiretrace.Article{ID: "other", Text: "Shares one fingerprint."}, 2, 3)
	if err := s.Remove(ctx, "a"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	// Same text, same ID: a new article, not a duplicate, and now stored
	// after the other one.
	a.Title = "Twice"
	mustAdd(t, s, a, 1, 2)
	sameArticle(t, mustGet(t, s, "a"), a)
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2, 3}, 10, 100),
		[]cand{{ID: "other", Shared: 2, Fingerprints: 2}, {ID: "a", Shared: 2, Fingerprints: 2}})

	// Same text under another ID after a second removal.
	if err := s.Remove(ctx, "a"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	b := a
	b.ID = "b"
	mustAdd(t, s, b, 1, 2)
	wantNotFound(t, s, "a")
	sameArticle(t, mustGet(t, s, "b"), b)
	if n := articles(t, s); n != 2 {
		t.Errorf("Stats.Articles = %d, want 2", n)
	}
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1}, 10, 100), []cand{{ID: "b", Shared: 1, Fingerprints: 2}})
}

func testStats(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 0 || !st.FirstSeenMin.IsZero() || !st.PublishedMax.IsZero() {
		t.Fatalf("Stats of a new store = %+v, %v", st, err)
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	for i := range 20 {
		a := wiretrace.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Article number %d.", i), FirstSeen: day(10 + i%7), FirstSeenFrom: wiretrace.FromCrawl}
		if i%2 == 0 {
			a.Published, a.PublishedFrom = day(1+i), wiretrace.FromPage
		}
		mustAdd(t, s, a, wiretrace.Fingerprint(i))
	}
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if st.Articles != 20 {
		t.Errorf("Stats.Articles = %d, want 20", st.Articles)
	}
	if st.Bytes <= 0 {
		t.Errorf("Stats.Bytes = %d with 20 articles stored, want > 0", st.Bytes)
	}
	if st.Scheme != schemeOf(s).name {
		t.Errorf("Stats.Scheme = %q, want %q", st.Scheme, schemeOf(s).name)
	}
	if !st.FirstSeenMin.Equal(day(10)) || !st.FirstSeenMax.Equal(day(16)) || !st.PublishedMin.Equal(day(1)) || !st.PublishedMax.Equal(day(19)) {
		t.Errorf("Stats times = %v..%v, published %v..%v", st.FirstSeenMin, st.FirstSeenMax, st.PublishedMin, st.PublishedMax)
	}
	// Removing the articles at the ends narrows the ranges: 6 and 13 are
	// the last seen, 0 and 18 the first and last published.
	for _, id := range []string{"0", "18", "6", "13"} {
		if err := s.Remove(ctx, id); err != nil {
			t.Fatalf("Remove: %v", err)
		}
	}
	st, err = s.Stats(ctx)
	if err != nil || st.Articles != 16 {
		t.Fatalf("Stats after 4 removals = %+v, %v; want 16 articles", st, err)
	}
	if !st.FirstSeenMin.Equal(day(10)) || !st.FirstSeenMax.Equal(day(15)) || !st.PublishedMin.Equal(day(3)) || !st.PublishedMax.Equal(day(17)) {
		t.Errorf("Stats times after removals = %v..%v, published %v..%v", st.FirstSeenMin, st.FirstSeenMax, st.PublishedMin, st.PublishedMax)
	}
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

func testBatch(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	sc := schemeOf(s)
	mustAdd(t, s, wiretrace.Article{ID: "old", Text: "Stored before the batch."}, 1)
	entries := []wiretrace.Entry{
		sc.Entry(wiretrace.Article{ID: "n1", Site: "a.example", Text: "First new story."}, 2, 3),
		sc.Entry(wiretrace.Article{ID: "dup-old", Text: "Stored before the batch."}, 1),
		sc.Entry(wiretrace.Article{ID: "n2", Site: "a.example", Text: "Second new story."}, 3, 4),
		sc.Entry(wiretrace.Article{ID: "dup-n1", Text: "First new story."}, 2, 3),
		sc.Entry(wiretrace.Article{ID: "n1", Text: "Another text under a new ID of the batch."}, 5),
		sc.Entry(wiretrace.Article{ID: "old", Text: "Another text under a stored ID."}, 6),
		sc.Entry(wiretrace.Article{ID: "", Text: "No ID."}, 7),
		sc.Entry(wiretrace.Article{ID: "blank", Text: "  "}, 8),
		sc.Entry(wiretrace.Article{ID: "n3", Site: "b.example", Text: "Third new story."}, 9),
	}
	res, err := s.Add(ctx, entries)
	if err != nil {
		t.Fatalf("Add(batch): %v", err)
	}
	if len(res) != len(entries) {
		t.Fatalf("Add(batch) returned %d results for %d entries", len(res), len(entries))
	}
	want := []struct {
		id                  string
		duplicate, appeared bool
		err                 error
	}{
		{"n1", false, false, nil},
		{"old", true, true, nil},
		{"n2", false, false, nil},
		{"n1", true, true, nil},
		{"", false, false, wiretrace.ErrIDConflict},
		{"", false, false, wiretrace.ErrIDConflict},
		{"", false, false, wiretrace.ErrEmptyID},
		{"", false, false, wiretrace.ErrEmptyText},
		{"n3", false, false, nil},
	}
	for i, w := range want {
		r := res[i]
		if w.err != nil {
			if !errors.Is(r.Err, w.err) {
				t.Errorf("entry %d (%q): Err = %v, want %v", i, entries[i].Article.ID, r.Err, w.err)
			}
			continue
		}
		if r.Err != nil || r.ID != w.id || r.Duplicate != w.duplicate || r.Appeared != w.appeared {
			t.Errorf("entry %d (%q) = %+v, want ID %q duplicate %v appeared %v", i, entries[i].Article.ID, r, w.id, w.duplicate, w.appeared)
		}
	}
	n1 := entries[0].Article
	n1.Appearances = []wiretrace.Appearance{wiretrace.AppearanceOf(entries[3].Article)}
	sameArticle(t, mustGet(t, s, "n1"), n1)
	for _, e := range []wiretrace.Entry{entries[2], entries[8]} {
		sameArticle(t, mustGet(t, s, e.Article.ID), e.Article)
	}
	if a := mustGet(t, s, "old"); a.Text != "Stored before the batch." {
		t.Errorf("Get(old).Text = %q: a conflicting entry overwrote it", a.Text)
	}
	if n := articles(t, s); n != 4 {
		t.Errorf("Stats.Articles = %d, want 4", n)
	}
	// Postings of the stored entries only, in the order of the batch.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{1, 2, 3, 4, 5, 6, 7, 8, 9}, 10, 100), []cand{
		{ID: "n1", Shared: 2, Fingerprints: 2},
		{ID: "n2", Shared: 2, Fingerprints: 2},
		{ID: "old", Shared: 1, Fingerprints: 1},
		{ID: "n3", Shared: 1, Fingerprints: 1},
	})
	// A batch of nothing new writes nothing and fails nothing.
	res, err = s.Add(ctx, entries[1:2])
	if err != nil || len(res) != 1 || !res[0].Duplicate {
		t.Errorf("Add(duplicate only) = %+v, %v", res, err)
	}
	if res, err := s.Add(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("Add(nil) = %+v, %v", res, err)
	}
}

func testSites(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	sites := func() []wiretrace.SiteStats {
		t.Helper()
		got, err := s.Sites(ctx)
		if err != nil {
			t.Fatalf("Sites: %v", err)
		}
		return got
	}
	if got := sites(); len(got) != 0 {
		t.Errorf("Sites of an empty store = %+v", got)
	}
	mustAdd(t, s, wiretrace.Article{ID: "w1", Site: "wire.example", Text: "w1"}, 1)
	mustAdd(t, s, wiretrace.Article{ID: "f1", Site: "farm.example", Text: "f1"}, 2)
	mustAdd(t, s, wiretrace.Article{ID: "w2", Site: "wire.example", Text: "w2"}, 3)
	mustAdd(t, s, wiretrace.Article{ID: "n1", Text: "n1"}, 4)
	want := []wiretrace.SiteStats{{Site: "wire.example", Articles: 2}, {Site: "", Articles: 1}, {Site: "farm.example", Articles: 1}}
	if got := sites(); !slices.Equal(got, want) {
		t.Errorf("Sites = %+v, want %+v", got, want)
	}
	for _, id := range []string{"f1", "w1"} {
		if err := s.Remove(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	want = []wiretrace.SiteStats{{Site: "", Articles: 1}, {Site: "wire.example", Articles: 1}}
	if got := sites(); !slices.Equal(got, want) {
		t.Errorf("Sites after removals = %+v, want %+v", got, want)
	}
}

// testReopen checks that everything written survives Close and a reopen:
// articles, postings (also of articles added just before Close), counts,
// and that Seqs keep growing.
func testReopen(t *testing.T, open func(wiretrace.Scheme) (wiretrace.Store, error)) {
	ctx := context.Background()
	sc := NewScheme()
	s, err := open(sc.Scheme())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	schemes.Store(s, sc)
	for i := range 30 {
		mustAdd(t, s, wiretrace.Article{ID: fmt.Sprint(i), Site: "a.example", Text: fmt.Sprintf("Story %d.", i)}, 1, wiretrace.Fingerprint(100+i))
	}
	newest, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{129}, Limit: 1})
	if err != nil || len(newest) != 1 {
		t.Fatalf("Candidates(newest) = %+v, %v", newest, err)
	}
	if err := s.Remove(ctx, "29"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	schemes.Delete(s)
	s, _ = openStore(t, open, sc)
	if n := articles(t, s); n != 29 {
		t.Errorf("Stats.Articles after reopen = %d, want 29", n)
	}
	got := candidates(t, s, []wiretrace.Fingerprint{1, 105}, 3, 100)
	wantCandidates(t, got, []cand{{ID: "5", Shared: 2, Fingerprints: 2}, {ID: "0", Shared: 1, Fingerprints: 2}, {ID: "1", Shared: 1, Fingerprints: 2}})
	// The removed newest article's Seq is not given again.
	mustAdd(t, s, wiretrace.Article{ID: "new", Text: "Added after reopening."}, 1, 200)
	all, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 30 || all[29].Article.ID != "new" {
		t.Fatalf("Candidates after reopen: %d, last %+v", len(all), all[len(all)-1].Article.ID)
	}
	if all[29].Seq <= newest[0].Seq {
		t.Errorf("Seq of an article added after reopening = %d, not above %d of the removed newest one", all[29].Seq, newest[0].Seq)
	}
	got2, err := s.Sites(ctx)
	if err != nil || len(got2) != 2 || got2[0] != (wiretrace.SiteStats{Site: "a.example", Articles: 29}) {
		t.Errorf("Sites after reopen = %+v, %v", got2, err)
	}
}

// testOtherScheme checks that a store refuses to be opened with another
// fingerprint scheme than the one that built it, and stays intact.
func testOtherScheme(t *testing.T, open func(wiretrace.Scheme) (wiretrace.Store, error)) {
	sc := NewScheme()
	s, err := open(sc.Scheme())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	schemes.Store(s, sc)
	mustAdd(t, s, wiretrace.Article{ID: "a", Text: "Built with the first scheme."}, 1)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	schemes.Delete(s)
	other := NewScheme()
	other.name = "storetest/2"
	if s, err := open(other.Scheme()); !errors.Is(err, wiretrace.ErrScheme) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("open with another scheme: %v, want ErrScheme", err)
	}
	s, _ = openStore(t, open, sc)
	mustGet(t, s, "a")
}
