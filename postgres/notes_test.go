package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

// TestNotesPages writes more notes than ScanNotes reads a statement and
// deletes them from inside the scan, as the engine does when it starts
// its families over: every note is seen once, in key order, and none is
// left.
func TestNotesPages(t *testing.T) {
	s, err := Open(freshStore(t), storetest.NewScheme().Scheme())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	n := 2*notesPage + 500
	var notes []wiretrace.Note
	var want []string
	for i := range n {
		k := fmt.Sprintf("fam/l/%016x/%016x", i*7%n, i)
		notes = append(notes, wiretrace.Note{Key: k, Value: fmt.Appendf(nil, `{"n":%d}`, i)})
		want = append(want, k)
	}
	// Outside the prefix, before and after it.
	notes = append(notes, wiretrace.Note{Key: "fam/k", Value: []byte("1")}, wiretrace.Note{Key: "fam/m", Value: []byte("1")})
	// The last of two notes with one key counts.
	notes = append(notes, wiretrace.Note{Key: want[0], Value: []byte("first")}, wiretrace.Note{Key: want[0], Value: []byte("last")})
	if err := s.PutNotes(ctx, notes); err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	var got []string
	var del []wiretrace.Note
	err = s.ScanNotes(ctx, "fam/l/", func(k string, v []byte) error {
		got = append(got, k)
		if k == notes[0].Key && string(v) != "last" {
			t.Errorf("note %s = %q, want the last written", k, v)
		}
		if del = append(del, wiretrace.Note{Key: k}); len(del) == 300 {
			if err := s.PutNotes(ctx, del); err != nil {
				return err
			}
			del = del[:0]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("ScanNotes over %d notes gave %d, in order: %v", len(want), len(got), slices.IsSorted(got))
	}
	if err := s.PutNotes(ctx, del); err != nil {
		t.Fatal(err)
	}
	left := 0
	if err := s.ScanNotes(ctx, "", func(string, []byte) error { left++; return nil }); err != nil || left != 2 {
		t.Errorf("after deleting the prefix's notes, %d notes left (%v), want the 2 outside it", left, err)
	}
}

// TestNotesKeys stores keys that PostgreSQL text could not hold (NUL,
// invalid UTF-8) and scans prefixes ending in 0xff bytes, whose upper
// bound is found by carrying.
func TestNotesKeys(t *testing.T) {
	s, err := Open(freshStore(t), storetest.NewScheme().Scheme())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	keys := []string{"a\x00", "a\xff", "a\xff\xff", "a\xff\xff\x00", "b", "\xff", "\xff\xff"}
	var notes []wiretrace.Note
	for _, k := range keys {
		notes = append(notes, wiretrace.Note{Key: k, Value: []byte(k)})
	}
	if err := s.PutNotes(ctx, notes); err != nil {
		t.Fatal(err)
	}
	for prefix, want := range map[string][]string{
		"a\xff":     {"a\xff", "a\xff\xff", "a\xff\xff\x00"},
		"a\xff\xff": {"a\xff\xff", "a\xff\xff\x00"},
		"\xff":      {"\xff", "\xff\xff"},
		"a":         {"a\x00", "a\xff", "a\xff\xff", "a\xff\xff\x00"},
		"":          keys,
	} {
		var got []string
		err := s.ScanNotes(ctx, prefix, func(k string, v []byte) error {
			if string(v) != k {
				t.Errorf("note %q = %q", k, v)
			}
			got = append(got, k)
			return nil
		})
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("ScanNotes(%q) = %q, %v; want %q", prefix, got, err, want)
		}
	}
	if v, found, err := s.GetNote(ctx, "a\x00"); err != nil || !found || string(v) != "a\x00" {
		t.Errorf("GetNote(a NUL) = %q, %v, %v", v, found, err)
	}
	// An empty value is a value, not a deletion.
	if err := s.PutNotes(ctx, []wiretrace.Note{{Key: "b", Value: []byte{}}}); err != nil {
		t.Fatal(err)
	}
	if v, found, err := s.GetNote(ctx, "b"); err != nil || !found || v == nil || len(v) != 0 {
		t.Errorf("GetNote of an empty note = %q (nil %v), %v, %v", v, v == nil, found, err)
	}
	// Closed, the store says so.
	s.Close()
	if err := s.PutNotes(ctx, notes); err == nil {
		t.Error("PutNotes on a closed store: no error")
	}
	if _, _, err := s.GetNote(ctx, "b"); err == nil {
		t.Error("GetNote on a closed store: no error")
	}
}
