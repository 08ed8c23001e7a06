package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

// openFresh opens a new store with a suite scheme and closes it when the
// test ends, after checking that it is consistent.
func openFresh(t *testing.T) (*Store, *storetest.Scheme) {
	t.Helper()
	sc := storetest.NewScheme()
	s, err := Open(freshStore(t), sc.Scheme())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := verify(s); err != nil {
			t.Errorf("store inconsistent after the test: %v", err)
		}
		s.Close()
	})
	return s, sc
}

// TestUnstorable checks that an entry PostgreSQL cannot hold fails alone,
// and that a text with any bytes at all is stored as it is.
func TestUnstorable(t *testing.T) {
	s, sc := openFresh(t)
	ctx := context.Background()
	entries := []wiretrace.Entry{
		sc.Entry(wiretrace.Article{ID: "nul-title", Title: "a\x00b", Text: "First text."}, 1),
		sc.Entry(wiretrace.Article{ID: "bad\xffid", Text: "Second text."}, 2),
		sc.Entry(wiretrace.Article{ID: "far-future", Published: time.Date(300000, 1, 1, 0, 0, 0, 0, time.UTC), Text: "Third text."}, 3),
		sc.Entry(wiretrace.Article{ID: "bad-slug", Slug: "COURTS \xffAxe", Text: "Fourth text."}, 5),
		sc.Entry(wiretrace.Article{ID: "bytes", Title: "Any bytes in the text", Text: "NUL \x00, invalid \xff\xfe, and \u2028."}, 4),
	}
	res, err := s.Add(ctx, entries)
	if err != nil {
		t.Fatal(err)
	}
	for i, field := range []string{"title", "id", "published", "slug"} {
		if !errors.Is(res[i].Err, errUnstorable) || !strings.Contains(res[i].Err.Error(), field) {
			t.Errorf("entry %d: %v, want errUnstorable naming %s", i, res[i].Err, field)
		}
	}
	if res[4].Err != nil {
		t.Fatalf("text of any bytes: %v", res[4].Err)
	}
	a, err := s.Get(ctx, "bytes")
	if err != nil || a.Text != entries[4].Article.Text {
		t.Fatalf("Get(bytes) = %q, %v", a.Text, err)
	}
	if _, err := s.Get(ctx, "bad\xffid"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("Get of an unstorable ID = %v, want ErrNotFound", err)
	}
	if err := s.Remove(ctx, "a\x00b"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("Remove of an unstorable ID = %v, want ErrNotFound", err)
	}
}

// TestRemoveRacesAppearances adds one text under new IDs from several
// goroutines while others remove the article and its appearances and add
// the text again: whatever the interleaving, no appearance outlives its
// article and every table agrees (Verify, when the test ends).
func TestRemoveRacesAppearances(t *testing.T) {
	s, sc := openFresh(t)
	ctx := context.Background()
	const text = "A wire story that every site runs."
	const rounds = 30
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Go(func() {
			for i := range rounds {
				a := wiretrace.Article{ID: fmt.Sprintf("w%d-%d", w, i), Site: fmt.Sprintf("site%d.example", w), Text: text}
				res, err := s.Add(ctx, []wiretrace.Entry{sc.Entry(a, 1, 2, 3)})
				if err == nil {
					err = res[0].Err
				}
				if err != nil {
					errs <- fmt.Errorf("add %s: %w", a.ID, err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		for i := range rounds {
			for _, id := range []string{"w0-" + fmt.Sprint(i), "w1-" + fmt.Sprint(i/2)} {
				a, err := s.Get(ctx, id)
				if errors.Is(err, wiretrace.ErrNotFound) {
					continue
				}
				if err != nil {
					errs <- err
					return
				}
				// The article, or one appearance, by turns.
				target := a.ID
				if i%2 == 1 && len(a.Appearances) > 0 {
					target = a.Appearances[0].ID
				}
				if err := s.Remove(ctx, target); err != nil && !errors.Is(err, wiretrace.ErrNotFound) {
					errs <- fmt.Errorf("remove %s: %w", target, err)
					return
				}
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Exactly one article holds the text, if any does; the site counts
	// match the rows (checked by Verify at the end).
	st, err := s.Stats(ctx)
	if err != nil || st.Articles > 1 {
		t.Fatalf("Stats = %+v, %v; want at most one article", st, err)
	}
}
