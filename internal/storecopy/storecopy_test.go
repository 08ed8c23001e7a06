package storecopy_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storecopy"
	"github.com/wiretrace/wiretrace/internal/storetest"
	"github.com/wiretrace/wiretrace/pebble"
)

// fill adds n articles to s, every third with an appearance under another
// ID (every other of those with a canonical URL naming the article's page,
// the others with none), and returns their IDs in the order of storing.
func fill(t *testing.T, s wiretrace.Store, sc *storetest.Scheme, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		a := wiretrace.Article{
			ID: fmt.Sprintf("a%03d", i), Site: "wire.example", Title: fmt.Sprint("Story ", i),
			Byline: []string{"Dana Whitlock"}, Published: time.Date(2025, 1, 1+i%28, 9, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage,
			Canonical: fmt.Sprintf("https://wire.example/%03d", i),
			Text:      fmt.Sprintf("Story number %d about the harbour.", i),
		}
		entries := []wiretrace.Entry{sc.Entry(a, wiretrace.Fingerprint(i), wiretrace.Fingerprint(1000+i%10))}
		if i%3 == 0 {
			b := a
			b.ID, b.Site, b.URL = a.ID+"-farm", "farm.example", "https://farm.example/"+a.ID
			if i%2 == 0 {
				b.Canonical = ""
			}
			entries = append(entries, sc.Entry(b))
		}
		if _, err := s.Add(context.Background(), entries); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

func open(t *testing.T, sc *storetest.Scheme) *pebble.Store {
	t.Helper()
	s, err := pebble.Open(filepath.Join(t.TempDir(), "db"), sc.Scheme())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestCopyResumes interrupts a copy after its second batch, resumes it
// from the progress it reported, and checks that the destination holds
// every article once, with its appearances, in the source's order.
func TestCopyResumes(t *testing.T) {
	ctx := context.Background()
	sc := storetest.NewScheme()
	src, dst := open(t, sc), open(t, sc)
	ids := fill(t, src, sc, 20)
	// An article the destination holds already, under its ID.
	first, err := src.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	first.Appearances = nil
	if _, err := dst.Add(ctx, []wiretrace.Entry{sc.Entry(first)}); err != nil {
		t.Fatal(err)
	}

	stop := errors.New("interrupted")
	var saved storecopy.Progress
	batches := 0
	_, err = storecopy.Copy(ctx, src, dst, sc.Scheme(), storecopy.Options{Batch: 3, Done: func(p storecopy.Progress) error {
		saved = p
		if batches++; batches == 2 {
			return stop
		}
		return nil
	}})
	if !errors.Is(err, stop) {
		t.Fatalf("interrupted copy: %v", err)
	}
	if saved.Articles != 6 || saved.Next == 0 {
		t.Fatalf("progress after two batches of 3: %+v", saved)
	}
	p, err := storecopy.Copy(ctx, src, dst, sc.Scheme(), storecopy.Options{From: saved.Next, Batch: 3})
	if err != nil {
		t.Fatal(err)
	}
	if p.Articles != 14 || p.Added != 14 || p.Present != 0 || p.FailedCount != 0 {
		t.Errorf("resumed copy: %+v, want the 14 articles left, all added", p)
	}
	if saved.Added+p.Added != 19 || saved.Present != 1 || saved.Appearances+p.Appearances != 7 {
		t.Errorf("copy: first run %+v, second %+v", saved, p)
	}
	var seqs []uint64
	for _, id := range ids {
		want, _ := src.Get(ctx, id)
		got, err := dst.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%s) from the copy: %v", id, err)
		}
		seqs = append(seqs, got.Seq)
		// Seqs are the destination's own.
		got.Seq, want.Seq = 0, 0
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Get(%s) from the copy = %+v\nwant %+v", id, got, want)
		}
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] <= seqs[i-1] {
			t.Errorf("Seqs in the copy %v: not in the source's order", seqs)
			break
		}
	}
	// The order of storing carries over: ties rank the same.
	cands, err := dst.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1003}, Limit: 5})
	if err != nil || len(cands) != 2 || cands[0].Article.ID != "a003" || cands[1].Article.ID != "a013" {
		t.Errorf("Candidates in the copy = %+v, %v", cands, err)
	}
	// Copying again stores nothing.
	p, err = storecopy.Copy(ctx, src, dst, sc.Scheme(), storecopy.Options{})
	if err != nil || p.Added != 0 || p.Present != 27 {
		t.Errorf("second copy = %+v, %v; want everything present", p, err)
	}
}

// TestCopyReportsConflicts copies into a store that holds another text
// under one of the IDs: that article fails alone.
func TestCopyReportsConflicts(t *testing.T) {
	ctx := context.Background()
	sc := storetest.NewScheme()
	src, dst := open(t, sc), open(t, sc)
	fill(t, src, sc, 5)
	if _, err := dst.Add(ctx, []wiretrace.Entry{sc.Entry(wiretrace.Article{ID: "a001", Text: "Another text."}, 7)}); err != nil {
		t.Fatal(err)
	}
	p, err := storecopy.Copy(ctx, src, dst, sc.Scheme(), storecopy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.FailedCount != 1 || p.Failed[0].ID != "a001" || !errors.Is(p.Failed[0].Err, wiretrace.ErrIDConflict) || p.Added != 4 {
		t.Errorf("copy = %+v", p)
	}
}
