package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/provenance"
)

// writeStory writes the flood family as JSON Lines, as a crawl of sites
// would give it: each copy a few hours after the wire's story, the copies
// first so that the order of storing tells nothing.
func writeStory(t *testing.T, path string) {
	t.Helper()
	sites := map[string]string{"original": "meridianwire.example", "verbatim": "harbourledger.example",
		"light-edit": "valleycourier.example", "spun": "dailydigesthub.example", "partial": "cobbsferryclarion.example",
		"independent": "eastfieldgazette.example", "unrelated": "metroinsider.example"}
	hour := map[string]int{"original": 7, "independent": 8, "verbatim": 9, "light-edit": 10, "spun": 12, "partial": 20, "unrelated": 11}
	var b strings.Builder
	for _, name := range []string{"spun", "verbatim", "partial", "unrelated", "original", "light-edit", "independent"} {
		text, err := examples.FS.ReadFile("flood/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(map[string]string{
			"id": "flood-" + name, "site": sites[name], "text": string(text),
			"published": fmt.Sprintf("2026-03-03T%02d:00:00Z", hour[name]),
		})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTraceFamiliesSites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	in := filepath.Join(dir, "flood.jsonl")
	writeStory(t, in)
	if _, stderr, code := run(t, "", "add", "-q", "--db", db, in); code != 0 {
		t.Fatalf("add exit %d: %s", code, stderr)
	}

	out, stderr, code := run(t, "", "trace", "--db", db, "flood-spun")
	if code != 0 {
		t.Fatalf("trace exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Story of flood-spun: 5 members", "Origin: flood-original (meridianwire.example)", "Copy tree:", "> 2026-03-03 12:00 (input)"} {
		if !strings.Contains(out, want) {
			t.Errorf("trace output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, "", "trace", "--db", db, "--json", "flood-partial")
	var tr provenance.Trace
	if err := json.Unmarshal([]byte(out), &tr); code != 0 || err != nil {
		t.Fatalf("trace --json exit %d: %v\n%s", code, err, out)
	}
	if tr.Origin != "flood-original" || len(tr.Members) != 5 || tr.ID != "flood-partial" {
		t.Errorf("trace --json: origin %s, %d members, id %s", tr.Origin, len(tr.Members), tr.ID)
	}
	// A file is traced without being stored.
	file := filepath.Join(dir, "copy.txt")
	text, _ := examples.FS.ReadFile("flood/verbatim.txt")
	os.WriteFile(file, append([]byte("Shared by a reader\n\n"), text...), 0o644)
	out, stderr, code = run(t, "", "trace", "--db", db, "--json", file)
	if err := json.Unmarshal([]byte(out), &tr); code != 0 || err != nil || tr.Stored || tr.Origin != "flood-original" {
		t.Errorf("trace of a file: exit %d %s, stored %v origin %s", code, stderr, tr.Stored, tr.Origin)
	}
	// The report names it by the ID add would give it, marked as not
	// stored, in the timeline and the tree.
	out, _, _ = run(t, "", "trace", "--db", db, file)
	var named string
	for _, m := range tr.Members {
		if m.Unstored {
			named = m.ID
		}
	}
	if named == "" || strings.Count(out, named+" (not stored)") != 2 {
		t.Errorf("trace report of a file: the text traced (%q) is not named as not stored in the timeline and the tree:\n%s", named, out)
	}
	if _, stderr, code := run(t, "", "trace", "--db", db, "no-such-id"); code != exitNotFound || !strings.Contains(stderr, "no-such-id") {
		t.Errorf("unknown ID: exit %d, %s", code, stderr)
	}

	out, stderr, code = run(t, "", "families", "--db", db)
	if code != 0 {
		t.Fatalf("families exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "1 families, 5 members; this run linked 7 articles") || !strings.Contains(out, "flood-original (meridianwire.example)") {
		t.Errorf("families output:\n%s", out)
	}
	out, _, code = run(t, "", "families", "--db", db, "--json", "--no-update", "--site", "dailydigesthub.example")
	var s provenance.Story
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil || s.Origin != "flood-original" {
		t.Errorf("families --json: exit %d %v %s", code, err, out)
	}
	out, _, _ = run(t, "", "families", "--db", db, "--no-update", "--since", "2026-03-04")
	if !strings.Contains(out, "0 families") {
		t.Errorf("families --since after the story: %s", out)
	}
	if _, stderr, code := run(t, "", "families", "--db", db, "--since", "March"); code != exitUsage || !strings.Contains(stderr, "--since") {
		t.Errorf("bad --since: exit %d %s", code, stderr)
	}

	out, stderr, code = run(t, "", "sites", "--db", db)
	if code != 0 || !strings.Contains(out, "dailydigesthub.example") {
		t.Fatalf("sites exit %d: %s\n%s", code, stderr, out)
	}
	out, _, code = run(t, "", "sites", "--db", db, "dailydigesthub.example")
	if code != 0 || !strings.Contains(out, "taken from other sites   1") || !strings.Contains(out, "took from flood-") {
		t.Errorf("site profile:\n%s", out)
	}
	if _, _, code := run(t, "", "sites", "--db", db, "nowhere.example"); code != exitNotFound {
		t.Errorf("unknown site: exit %d", code)
	}
}
