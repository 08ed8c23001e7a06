package index_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/pebble"
)

func open(t *testing.T) (*index.Index, wiretrace.Store) {
	t.Helper()
	st, err := pebble.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return index.New(st, index.Defaults), st
}

func text(t *testing.T, name string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIDIsDerivedFromText(t *testing.T) {
	ix, _ := open(t)
	ctx := context.Background()
	orig := text(t, "flood/original")
	r1, err := ix.Add(ctx, wiretrace.Article{Text: orig})
	if err != nil {
		t.Fatal(err)
	}
	if r1.ID != index.ID(orig) || r1.Duplicate {
		t.Fatalf("add: %+v, want ID %s, not a duplicate", r1, index.ID(orig))
	}
	r2, err := ix.Add(ctx, wiretrace.Article{ID: "another-name", Text: orig})
	if err != nil {
		t.Fatal(err)
	}
	if !r2.Duplicate || r2.ID != r1.ID {
		t.Fatalf("same text under another ID: %+v, want a duplicate of %s", r2, r1.ID)
	}
	if _, err := ix.Add(ctx, wiretrace.Article{Text: " \n\t "}); !errors.Is(err, wiretrace.ErrEmptyText) {
		t.Fatalf("blank text: %v, want ErrEmptyText", err)
	}
}

func TestCheckRanksSourcesAndLeavesOutItself(t *testing.T) {
	ix, _ := open(t)
	ctx := context.Background()
	day := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	for i, name := range []string{"flood/original", "flood/verbatim", "flood/unrelated", "strike/original", "flood/spun"} {
		if _, err := ix.Add(ctx, wiretrace.Article{ID: name, Text: text(t, name), Published: day.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := ix.Check(ctx, text(t, "flood/spun"), 0)
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
		t.Fatal("check listed the suspect's own stored text")
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
	top, err := ix.Check(ctx, text(t, "flood/spun"), 1)
	if err != nil || len(top) != 1 || top[0].ID != ms[0].ID {
		t.Fatalf("--top 1: %v, %v", top, err)
	}
	if _, err := ix.Check(ctx, "   ", 5); !errors.Is(err, wiretrace.ErrEmptyText) {
		t.Fatalf("blank suspect: %v, want ErrEmptyText", err)
	}
}

func TestRemoveForgetsFingerprints(t *testing.T) {
	ix, _ := open(t)
	ctx := context.Background()
	r, err := ix.Add(ctx, wiretrace.Article{Text: text(t, "strike/original")})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Remove(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	ms, err := ix.Check(ctx, text(t, "strike/verbatim"), 5)
	if err != nil || len(ms) != 0 {
		t.Fatalf("after remove: %v, %v; want no match", ms, err)
	}
	if err := ix.Remove(ctx, r.ID); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Fatalf("second remove: %v, want ErrNotFound", err)
	}
}
