package main

// End-to-end tests of the bad inputs listed in docs/reliability.md: each
// runs the real command on an input built to fail in one way and checks
// what the user is told.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addJSONLines runs add --json and returns its lines by input base name.
func addJSONLines(t *testing.T, db string, args ...string) (map[string]map[string]any, string, int) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"add", "--db", db, "--json"}, args...)...)
	lines := map[string]map[string]any{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("add --json line %q: %v", l, err)
		}
		in, _ := m["input"].(string)
		lines[filepath.Base(in)] = m
	}
	return lines, stderr, code
}

// A UTF-8 article with one stray byte keeps its accents and quotes: the
// byte is replaced where it stands, and add --json says so.
func TestAddStrayByteInUTF8(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	p := filepath.Join(dir, "stray.txt")
	article := "Caf\u00e9 owners on the quay said the \u201cnew\u201d parking rules\x92 would cost them trade, as the council\u2019s vote on the scheme was delayed again until the spring."
	if err := os.WriteFile(p, []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	lines, stderr, code := addJSONLines(t, db, p)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	l := lines["stray.txt"]
	note, _ := l["note"].(string)
	if l["status"] != "added" || !strings.Contains(note, "1 byte") || !strings.Contains(note, "U+FFFD") {
		t.Fatalf("add --json line %v: want added with a note of one byte replaced", l)
	}
	out, _, code := run(t, "", "show", "--db", db, "--json", l["id"].(string))
	if code != 0 {
		t.Fatalf("show: exit %d", code)
	}
	want := strings.Replace(article, "\x92", "\ufffd", 1)
	var shown struct{ Text string }
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}
	if shown.Text != want {
		t.Fatalf("stored text %q, want %q", shown.Text, want)
	}
}
