package storetest

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// The cases of Candidates: ranking, limits, boilerplate, the order of
// storing and what the query repeats.

// cand is what the suite checks of a candidate: its article's ID and the
// counts. The candidate's article is checked against Get separately.
type cand struct {
	ID                   string
	Shared, Fingerprints int
}

// candidates asks for candidates and checks that each comes with its
// stored article and that Seqs follow the order of storing.
func candidates(t *testing.T, s wiretrace.Store, fps []wiretrace.Fingerprint, limit, maxPostings int) []cand {
	t.Helper()
	got, err := s.Candidates(context.Background(), wiretrace.CandidateQuery{Fingerprints: fps, Limit: limit, MaxPostings: maxPostings})
	if err != nil {
		t.Fatalf("Candidates: %v", err)
	}
	out := make([]cand, len(got))
	for i, c := range got {
		out[i] = cand{c.Article.ID, c.Shared, c.Fingerprints}
		stored := mustGet(t, s, c.Article.ID)
		sameArticle(t, c.Article, stored)
		if c.Article.Seq != c.Seq || stored.Seq != c.Seq {
			t.Errorf("Candidates: %q has Seq %d, its article %d, Get %d", c.Article.ID, c.Seq, c.Article.Seq, stored.Seq)
		}
		if i > 0 && c.Shared == got[i-1].Shared && c.Seq <= got[i-1].Seq {
			t.Errorf("Candidates: %q (Seq %d) after %q (Seq %d) with as many shared", c.Article.ID, c.Seq, got[i-1].Article.ID, got[i-1].Seq)
		}
	}
	return out
}

func wantCandidates(t *testing.T, got, want []cand) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Candidates:\n got %+v\nwant %+v", got, want)
	}
}

// rankingStore adds articles whose overlap with rankingQuery is known. They
// are added in an order unlike their IDs' so that a backend breaking ties by
// ID rather than by the order of storing fails.
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
	want := []cand{
		{ID: "c", Shared: 3, Fingerprints: 5},
		// b and a share as much: b was stored first.
		{ID: "b", Shared: 2, Fingerprints: 3},
		{ID: "a", Shared: 2, Fingerprints: 2},
		{ID: "d", Shared: 1, Fingerprints: 4},
	}
	wantCandidates(t, candidates(t, s, rankingQuery, 10, 100), want)
	// Articles sharing fewer than MinShared are left out.
	got, err := s.Candidates(context.Background(), wiretrace.CandidateQuery{Fingerprints: rankingQuery, Limit: 10, MinShared: 2})
	if err != nil || len(got) != 3 || got[2].Article.ID != "a" {
		t.Errorf("Candidates with MinShared 2 = %+v, %v; want c, b, a", got, err)
	}
	// Before keeps the articles stored before one: before a, c, b and d;
	// before b, d alone.
	seqs := map[string]uint64{}
	for _, id := range []string{"a", "b", "d"} {
		seqs[id] = mustGet(t, s, id).Seq
	}
	for _, tc := range []struct {
		before string
		want   []cand
	}{
		{"a", []cand{want[0], want[1], want[3]}},
		{"b", []cand{want[3]}},
		{"d", nil},
	} {
		got, err := s.Candidates(context.Background(), wiretrace.CandidateQuery{Fingerprints: rankingQuery, Limit: 10, MaxPostings: 100, Before: seqs[tc.before]})
		if err != nil {
			t.Fatalf("Candidates before %s: %v", tc.before, err)
		}
		var ids, wantIDs []string
		for _, c := range got {
			ids = append(ids, c.Article.ID)
		}
		for _, c := range tc.want {
			wantIDs = append(wantIDs, c.ID)
		}
		if !slices.Equal(ids, wantIDs) {
			t.Errorf("Candidates before %s = %v, want %v", tc.before, ids, wantIDs)
		}
	}
	// Query order does not matter.
	rev := slices.Clone(rankingQuery)
	slices.Reverse(rev)
	wantCandidates(t, candidates(t, s, rev, 10, 100), want)
}

func testCandidatesLimit(t *testing.T, s wiretrace.Store) {
	rankingStore(t, s)
	all := []cand{
		{ID: "c", Shared: 3, Fingerprints: 5},
		{ID: "b", Shared: 2, Fingerprints: 3},
		{ID: "a", Shared: 2, Fingerprints: 2},
		{ID: "d", Shared: 1, Fingerprints: 4},
	}
	for _, limit := range []int{1, 2, 3, 4, 5, 1000} {
		want := all[:min(limit, len(all))]
		wantCandidates(t, candidates(t, s, rankingQuery, limit, 100), want)
	}
	// The limit cuts through the tie of a and b: the one stored first wins
	// although its ID sorts later.
	got := candidates(t, s, []wiretrace.Fingerprint{10, 11, 12, 13}, 2, 100)
	wantCandidates(t, got, all[:2])
	wantCandidates(t, candidates(t, s, rankingQuery, 0, 100), nil)
}

func testCandidatesMaxPostings(t *testing.T, s wiretrace.Store) {
	// Fingerprint 7 is boilerplate posted to three articles; 8 to two.
	mustAdd(t, s, wiretrace.Article{ID: "x", Text: "x"}, 7, 8, 1)
	mustAdd(t, s, wiretrace.Article{ID: "y", Text: "y"}, 7, 8)
	mustAdd(t, s, wiretrace.Article{ID: "z", Text: "z"}, 7, 2)

	q := []wiretrace.Fingerprint{7, 8, 1, 2}
	wantCandidates(t, candidates(t, s, q, 10, 3), []cand{
		{ID: "x", Shared: 3, Fingerprints: 3},
		{ID: "y", Shared: 2, Fingerprints: 2},
		{ID: "z", Shared: 2, Fingerprints: 2},
	})
	wantCandidates(t, candidates(t, s, q, 10, 2), []cand{
		{ID: "x", Shared: 2, Fingerprints: 3},
		{ID: "y", Shared: 1, Fingerprints: 2},
		{ID: "z", Shared: 1, Fingerprints: 2},
	})
	wantCandidates(t, candidates(t, s, q, 10, 1), []cand{
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
	wantCandidates(t, candidates(t, s, q, 10, 100), []cand{
		{ID: "a", Shared: 2, Fingerprints: 3},
		{ID: "b", Shared: 2, Fingerprints: 2},
	})
	// A query fingerprint given twice is still read once against maxPostings.
	wantCandidates(t, candidates(t, s, []wiretrace.Fingerprint{4, 4, 4}, 10, 1),
		[]cand{{ID: "b", Shared: 1, Fingerprints: 2}})
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
			[]cand{{ID: fmt.Sprintf("edge-%d", i), Shared: 1, Fingerprints: 1}})
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

// testCandidatesNoAppearances checks that a query that does not want the
// candidates' appearances gets the same candidates, with their records,
// and the appearances either left out or whole.
func testCandidatesNoAppearances(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	first := wiretrace.Article{ID: "first", URL: "https://a.example/1", Site: "a.example", Text: "The wire story as filed."}
	mustAdd(t, s, first, 1, 2, 3)
	mustAdd(t, s, wiretrace.Article{ID: "other", Text: "Another story sharing a little."}, 3, 4)
	again := first
	again.ID, again.URL, again.Site = "again", "https://b.example/2", "b.example"
	if res, err := addOne(ctx, s, again, 1, 2, 3); err != nil || !res.Appeared {
		t.Fatalf("Add(%q) = %+v, %v, want an appearance", again.ID, res, err)
	}
	q := wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1, 2, 3, 4}, Limit: 10, MaxPostings: 100}
	with, err := s.Candidates(ctx, q)
	if err != nil {
		t.Fatalf("Candidates: %v", err)
	}
	q.NoAppearances = true
	without, err := s.Candidates(ctx, q)
	if err != nil {
		t.Fatalf("Candidates without appearances: %v", err)
	}
	if len(with) != 2 || len(without) != len(with) {
		t.Fatalf("Candidates: %d with appearances, %d without, want 2 both", len(with), len(without))
	}
	if len(with[0].Article.Appearances) != 1 {
		t.Errorf("Candidates: %q has %d appearances, want 1", with[0].Article.ID, len(with[0].Article.Appearances))
	}
	for i, w := range with {
		c := without[i]
		if c.Seq != w.Seq || c.Shared != w.Shared || c.Fingerprints != w.Fingerprints {
			t.Errorf("Candidates without appearances: %d is %+v, want %+v", i, c, w)
		}
		if n := len(c.Article.Appearances); n != 0 && n != len(w.Article.Appearances) {
			t.Errorf("Candidates without appearances: %q has %d of its %d appearances", c.Article.ID, n, len(w.Article.Appearances))
		}
		want := w.Article
		want.Appearances = c.Article.Appearances
		sameArticle(t, c.Article, want)
	}
}
