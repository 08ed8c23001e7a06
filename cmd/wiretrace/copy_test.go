package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/internal/pgtest"
)

// copyExamples fills an embedded store with the example articles and one
// appearance, and returns its directory and every ID it holds.
func copyExamples(t *testing.T) (db string, ids []string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "db")
	paths := writeExamples(t, filepath.Join(dir, "articles"))
	args := []string{"add", "--db", db, "--json"}
	for _, p := range paths {
		args = append(args, p)
	}
	slices.Sort(args[4:])
	out, stderr, code := run(t, "", args...)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	for _, l := range parseAdd(t, out) {
		ids = append(ids, l.ID)
	}
	orig, _ := os.ReadFile(paths["flood/original"])
	line := `{"id":"farm-copy","site":"farm.example","url":"https://farm.example/flood","text":` + jsonString(string(orig)) + "}\n"
	if out, stderr, code := run(t, line, "add", "--db", db, "--json", "-"); code != 0 || !strings.Contains(out, `"appeared":true`) {
		t.Fatalf("add of an appearance: exit %d: %s%s", code, out, stderr)
	}
	return db, append(ids, "farm-copy")
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// sameStores checks that every ID reads back the same from both stores.
func sameStores(t *testing.T, a, b string, ids []string) {
	t.Helper()
	ctx := context.Background()
	sa, err := backend.Open(a, backend.Existing, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sa.Close()
	sb, err := backend.Open(b, backend.Existing, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	for _, id := range ids {
		want, err := sa.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sb.Get(ctx, id)
		if err != nil || !reflect.DeepEqual(toMicroseconds(got), toMicroseconds(want)) {
			t.Fatalf("Get(%s) after the copy = %+v, %v\nwant %+v", id, got, err, want)
		}
	}
	stA, _ := sa.Stats(ctx)
	stB, _ := sb.Stats(ctx)
	if stA.Articles != stB.Articles || !stA.FirstSeenMin.Truncate(time.Microsecond).Equal(stB.FirstSeenMin.Truncate(time.Microsecond)) {
		t.Errorf("Stats: %+v and %+v", stA, stB)
	}
	for _, s := range []wiretrace.Store{sa, sb} {
		if v, ok := s.(wiretrace.Verifier); ok {
			if r, err := v.Verify(ctx); err != nil || len(r.Problems) > 0 {
				t.Errorf("Verify: %v, %v", r.Problems, err)
			}
		}
	}
}

// toMicroseconds returns a with its times to the microsecond, as
// PostgreSQL keeps them, empty lists as nil, and no Seq: each store gives
// its own.
func toMicroseconds(a wiretrace.Article) wiretrace.Article {
	a.Seq = 0
	a.Published, a.FirstSeen = a.Published.Truncate(time.Microsecond), a.FirstSeen.Truncate(time.Microsecond)
	if len(a.Appearances) == 0 {
		a.Appearances = nil
	}
	for i := range a.Appearances {
		ap := &a.Appearances[i]
		ap.Published, ap.FirstSeen = ap.Published.Truncate(time.Microsecond), ap.FirstSeen.Truncate(time.Microsecond)
	}
	return a
}

// TestCopyToPostgresAndBack copies an embedded store into PostgreSQL and
// that into a new embedded store: every article comes back the same, with
// its appearances and its slug, and a check finds the same sources.
func TestCopyToPostgresAndBack(t *testing.T) {
	src, ids := copyExamples(t)
	const slugged = `{"id":"wire-take","slug":"COURTS Axe","text":"A judge adjourned the fraud trial of two former bank executives until May."}` + "\n"
	if out, stderr, code := run(t, slugged, "add", "--db", src, "--json", "-"); code != 0 {
		t.Fatalf("add of an article with a slug: exit %d: %s%s", code, out, stderr)
	}
	ids = append(ids, "wire-take")
	pg := pgtest.Store(t)
	back := filepath.Join(t.TempDir(), "back")
	state := filepath.Join(t.TempDir(), "state.json")
	out, stderr, code := run(t, "", "copy", "--from", src, "--to", pg, "--state", state)
	if code != 0 || !strings.Contains(out, "15 articles read") || !strings.Contains(out, "15 added, 1 appearances") {
		t.Fatalf("copy to PostgreSQL: exit %d: %s%s", code, out, stderr)
	}
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Errorf("state file left after a finished copy: %v", err)
	}
	sameStores(t, src, pg, ids)
	if out, stderr, code := run(t, "", "copy", "--from", pg, "--to", back); code != 0 {
		t.Fatalf("copy back: exit %d: %s%s", code, out, stderr)
	}
	sameStores(t, pg, back, ids)
	out, stderr, code = run(t, "", "show", "--db", back, "--json", "wire-take")
	var shown wiretrace.Article
	if err := json.Unmarshal([]byte(out), &shown); code != 0 || err != nil || shown.Slug != "COURTS Axe" {
		t.Errorf("show of the article with a slug, copied there and back: exit %d, %v: %s%s", code, err, out, stderr)
	}
	// Copied again, nothing is added.
	if out, _, code := run(t, "", "copy", "--from", src, "--to", pg); code != 0 || !strings.Contains(out, "0 added, 0 appearances, 16 already there") {
		t.Errorf("second copy: exit %d: %s", code, out)
	}
}

// TestCopyResumesFromState starts a copy whose state file says where an
// earlier one stopped: only the articles from there on are read.
func TestCopyResumesFromState(t *testing.T) {
	src, ids := copyExamples(t)
	dst := filepath.Join(t.TempDir(), "dst")
	state := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(state, []byte(`{"next": 10}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "", "copy", "--from", src, "--to", dst, "--state", state)
	if code != 0 || !strings.Contains(out, "4 articles read") || !strings.Contains(stderr, "resuming the copy at article 10") {
		t.Fatalf("resumed copy: exit %d: %s%s", code, out, stderr)
	}
	// Started over, the rest comes too.
	out, _, code = run(t, "", "copy", "--from", src, "--to", dst, "--state", state, "--restart")
	if code != 0 || !strings.Contains(out, "14 articles read") || !strings.Contains(out, "10 added") {
		t.Fatalf("restarted copy: exit %d: %s", code, out)
	}
	sameStores(t, src, dst, ids)
	if _, _, code := run(t, "", "copy", "--from", src); code != exitUsage {
		t.Errorf("copy without --to: exit %d, want %d", code, exitUsage)
	}
}
