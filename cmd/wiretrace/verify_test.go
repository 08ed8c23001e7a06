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
