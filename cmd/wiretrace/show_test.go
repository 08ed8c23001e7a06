package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

func TestShowMetadata(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	line := `{"id":"m1","url":"https://www.meridianwire.example/a?utm=x","title":"Harbour strike","byline":"By Dana Whitlock and Sam Okafor","language":"en-GB","canonical_url":"https://www.meridianwire.example/a","text":"Harbour workers voted to strike over pay on Monday, the union said."}` + "\n"
	if _, stderr, code := run(t, line, "add", "--db", db, "-"); code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	out, _, code := run(t, "", "show", "--db", db, "m1")
	if code != 0 {
		t.Fatalf("show: exit %d", code)
	}
	for _, want := range []string{
		"byline     Dana Whitlock; Sam Okafor\n",
		"language   en-GB\n",
		"canonical  https://www.meridianwire.example/a\n",
		"site       meridianwire.example\n",
		"first seen ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, "", "show", "--db", db, "--json", "m1")
	var a wiretrace.Article
	if err := json.Unmarshal([]byte(out), &a); code != 0 || err != nil {
		t.Fatalf("show --json: exit %d, %v: %s", code, err, out)
	}
	if !slices.Equal(a.Byline, []string{"Dana Whitlock", "Sam Okafor"}) || a.Language != "en-GB" || a.Canonical != "https://www.meridianwire.example/a" {
		t.Errorf("show --json: %+v", a)
	}
	if !strings.Contains(out, `"canonical_url": `) || !strings.Contains(out, `"byline": [`) {
		t.Errorf("show --json field names: %s", out)
	}
}

// TestShowAppearances: a text added again under another ID and site is
// kept once; show lists where else it appeared (with the canonical URL
// that page gave), and add says of what the input is a duplicate.
func TestShowAppearances(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	text := "Harbour workers voted to strike over pay on Monday, the union said."
	lines := `{"id":"wire-1","site":"wire.example","text":"` + text + `"}` + "\n" +
		`{"id":"farm-7","site":"farm.example","url":"https://farm.example/7","canonical_url":"https://wire.example/1","text":"` + text + `"}` + "\n"
	out, stderr, code := run(t, lines, "add", "--db", db, "--json", "-")
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `"id":"farm-7","status":"duplicate","duplicate_of":"wire-1","appeared":true`) {
		t.Errorf("add --json does not name both IDs:\n%s", out)
	}
	out, _, code = run(t, "", "show", "--db", db, "farm-7")
	if code != 0 || !strings.Contains(out, "id         wire-1\n") || !strings.Contains(out, "also as    farm-7  farm.example  https://farm.example/7  ") || !strings.Contains(out, " (added)  canonical https://wire.example/1\n") {
		t.Errorf("show of an appearance: exit %d\n%s", code, out)
	}
}
