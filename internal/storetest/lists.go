package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// The cases of what a store lists beside its articles: the sites under
// which a byline name was used, the notes, and the articles in the order
// of storing.

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

func testNotes(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	if _, found, err := s.GetNote(ctx, "fam/a"); err != nil || found {
		t.Fatalf("GetNote of a new store = %v, %v", found, err)
	}
	put := func(notes ...wiretrace.Note) {
		t.Helper()
		if err := s.PutNotes(ctx, notes); err != nil {
			t.Fatalf("PutNotes: %v", err)
		}
	}
	put(wiretrace.Note{Key: "fam/b", Value: []byte("2")}, wiretrace.Note{Key: "fam/a", Value: []byte("1")},
		wiretrace.Note{Key: "fan", Value: []byte("x")}, wiretrace.Note{Key: "fam/\xff", Value: []byte{0, 0xff}}, wiretrace.Note{Key: "fam/c", Value: []byte{}})
	put(wiretrace.Note{Key: "fam/b", Value: []byte("22")}, wiretrace.Note{Key: "fam/c", Value: nil})
	if v, found, err := s.GetNote(ctx, "fam/b"); err != nil || !found || string(v) != "22" {
		t.Fatalf("GetNote(fam/b) = %q, %v, %v", v, found, err)
	}
	var got []string
	err := s.ScanNotes(ctx, "fam/", func(k string, v []byte) error {
		got = append(got, k+"="+string(v))
		return nil
	})
	want := []string{"fam/a=1", "fam/b=22", "fam/\xff=\x00\xff"}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("ScanNotes(fam/) = %q, %v; want %q", got, err, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.ScanNotes(ctx, "", func(string, []byte) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("ScanNotes stopping at the first note = %v after %d", err, n)
	}
	// Notes are not articles.
	if n := articles(t, s); n != 0 {
		t.Errorf("Stats.Articles = %d with only notes", n)
	}
}

func testScan(t *testing.T, s wiretrace.Store) {
	ctx := context.Background()
	// IDs in the reverse of the order of storing.
	for i := range 6 {
		mustAdd(t, s, wiretrace.Article{ID: fmt.Sprint(10 - i), Text: fmt.Sprintf("Scanned story %d.", i)}, wiretrace.Fingerprint(i))
	}
	if r, err := addOne(ctx, s, wiretrace.Article{ID: "dup", Site: "b.example", Text: "Scanned story 2."}, 2); err != nil || !r.Appeared {
		t.Fatalf("appearance: %+v, %v", r, err)
	}
	if err := s.Remove(ctx, "6"); err != nil {
		t.Fatal(err)
	}
	var got []wiretrace.Article
	if err := s.Scan(ctx, 0, func(a wiretrace.Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	var ids []string
	for i, a := range got {
		ids = append(ids, a.ID)
		if i > 0 && a.Seq <= got[i-1].Seq {
			t.Errorf("Scan: %s (Seq %d) after %s (Seq %d)", a.ID, a.Seq, got[i-1].ID, got[i-1].Seq)
		}
		if g := mustGet(t, s, a.ID); g.Seq != a.Seq || g.Text != a.Text || len(g.Appearances) != len(a.Appearances) {
			t.Errorf("Scan gave %+v, Get %+v", a, g)
		}
	}
	if want := []string{"10", "9", "8", "7", "5"}; !slices.Equal(ids, want) {
		t.Fatalf("Scan = %v, want %v", ids, want)
	}
	if len(got[2].Appearances) != 1 || got[2].Appearances[0].ID != "dup" {
		t.Errorf("Scan: article 2's appearances %+v", got[2].Appearances)
	}
	ids = nil
	if err := s.Scan(ctx, got[3].Seq, func(a wiretrace.Article) error { ids = append(ids, a.ID); return nil }); err != nil || !slices.Equal(ids, []string{"7", "5"}) {
		t.Errorf("Scan from %d = %v, %v", got[3].Seq, ids, err)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Scan(ctx, 0, func(wiretrace.Article) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Scan stopping at the first = %v after %d", err, n)
	}
}
