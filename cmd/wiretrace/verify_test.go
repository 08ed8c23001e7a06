package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyAndRepair: a store whose manifest marker is gone is refused,
// named, and left as it is; repair rebuilds it and keeps the damaged one;
// verify then finds nothing wrong.
func TestVerifyAndRepair(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	var lines strings.Builder
	for i := range 30 {
		lines.WriteString(`{"id":"a` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `","text":"Story number ` + strings.Repeat("word ", i+3) + `ends here."}` + "\n")
	}
	if _, stderr, code := run(t, lines.String(), "add", "--db", db, "-q", "-"); code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	if out, stderr, code := run(t, "", "verify", "--db", db); code != 0 || !strings.Contains(out, "0 problems") {
		t.Fatalf("verify of a sound store: exit %d\n%s%s", code, out, stderr)
	}
	markers, _ := filepath.Glob(filepath.Join(db, "marker.manifest.*"))
	for _, m := range markers {
		os.Remove(m)
	}
	before, _ := os.ReadDir(db)
	for _, cmd := range [][]string{{"stats"}, {"add", "-q", "-"}} {
		_, stderr, code := run(t, `{"id":"new","text":"A new story."}`+"\n", append(cmd, "--db", db)...)
		if code != exitFailure || !strings.Contains(stderr, "marker.manifest") || !strings.Contains(stderr, "wiretrace repair") {
			t.Fatalf("%s on a store without its marker: exit %d: %s", cmd[0], code, stderr)
		}
	}
	if after, _ := os.ReadDir(db); len(after) != len(before) {
		t.Fatalf("a refused command changed the store: %d files, then %d", len(before), len(after))
	}
	out, stderr, code := run(t, "", "repair", "--db", db)
	if code != 0 || !strings.Contains(out, "30 articles and 0 appearances stored again") || !strings.Contains(out, "0 articles lost") {
		t.Fatalf("repair: exit %d\n%s%s", code, out, stderr)
	}
	if _, err := os.Stat(db + ".damaged"); err != nil {
		t.Fatalf("the damaged store was not kept: %v", err)
	}
	if out, _, code := run(t, "", "verify", "--db", db); code != 0 || !strings.Contains(out, "30 articles") {
		t.Fatalf("verify after repair: exit %d\n%s", code, out)
	}
}

// TestMissingStore: a --db that names no store (a typo) is an error for
// every command that only reads, exit 1, and nothing is created there: a
// reading command never answers "no sources found" from an empty store it
// made itself.
func TestMissingStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo", "db")
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("Harbour board approves new ferry pier\n\nThe board approved the pier on Thursday after two years of argument over the north quay.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", article}, {"show", "x"}, {"trace", "x"}, {"families"}, {"sites"}, {"stats"}, {"verify"}, {"rm", "x"},
	} {
		_, stderr, code := run(t, "", append(args, "--db", db)...)
		if code != exitFailure || !strings.Contains(stderr, "no store at "+db) {
			t.Errorf("%s on a missing store: exit %d, %q", args[0], code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "typo")); !os.IsNotExist(err) {
			t.Fatalf("%s created %s", args[0], filepath.Join(dir, "typo"))
		}
	}
}
