package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
)

// The cases of adds and removals running at once, and of an add
// cancelled.

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
				res, err := addOne(ctx, s, wiretrace.Article{ID: id, Text: "Text of " + id}, fps...)
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
				if _, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1}, Limit: 5, MaxPostings: writers*each + 1}); err != nil {
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
			res, err := addOne(ctx, s, a, 1, 2)
			sameText[i] = outcome{res, err}
		})
		wg.Go(func() {
			a := wiretrace.Article{ID: "contested", Text: fmt.Sprintf("Version %d of the contested story.", i)}
			res, err := addOne(ctx, s, a, 3, wiretrace.Fingerprint(10+i))
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
	wantCandidates(t, got, []cand{{ID: "contested", Shared: 1, Fingerprints: 2}})
}

func testCancelledAdd(t *testing.T, s wiretrace.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := wiretrace.Article{ID: "cancelled", Text: "Never stored."}
	res, err := addOne(ctx, s, a, 1)
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
	if _, err := addOne(ctx, s, a, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Add past its deadline = %v, want context.DeadlineExceeded", err)
	}
	// The store still works after a refused write.
	mustAdd(t, s, a, 1)
}
