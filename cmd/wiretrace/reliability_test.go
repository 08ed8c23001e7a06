package main

// End-to-end tests of the bad inputs listed in docs/reliability.md: each
// runs the real command on an input built to fail in one way and checks
// what the user is told.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/internal/synth"
)

// addJSONLines runs add --json and returns its lines by input.
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
		lines[in] = m
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
	l := lines[p]
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

// compareJSON runs compare --json and returns the relation and score.
func compareJSON(t *testing.T, source, suspect string) (string, float64) {
	t.Helper()
	out, stderr, code := run(t, "", "compare", "--json", source, suspect)
	if code != 0 {
		t.Fatalf("compare %s %s: exit %d: %s", source, suspect, code, stderr)
	}
	var c struct {
		Relation string
		Score    float64
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	return c.Relation, c.Score
}

// checkJSON runs check --json and returns the matches' IDs, relations and
// scores.
func checkJSON(t *testing.T, db, suspect string) []struct {
	ID       string
	Relation string
	Score    float64
} {
	t.Helper()
	out, stderr, code := run(t, "", "check", "--db", db, "--json", suspect)
	if code != 0 {
		t.Fatalf("check %s: exit %d: %s", suspect, code, stderr)
	}
	var r struct {
		Matches []struct {
			ID       string
			Relation string
			Score    float64
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r.Matches
}

// A partial copy in a language written without spaces: compare finds it,
// and check, after add, finds the same source with the same relation and
// score. Before these scripts were split into characters, a whole clause
// was one word: compare found the verbatim clause, check nothing.
func TestCompareAndCheckAgreeWithoutSpaces(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	langs := []string{"zh", "ja", "th"}
	var sources []string
	for _, l := range langs {
		sources = append(sources, filepath.Join("testdata", "languages", l, "source.txt"))
	}
	lines, stderr, code := addJSONLines(t, db, append(sources, filepath.Join("testdata", "languages", "zh", "unrelated.txt"))...)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	for i, l := range langs {
		t.Run(l, func(t *testing.T) {
			suspect := filepath.Join("testdata", "languages", l, "suspect.txt")
			relation, score := compareJSON(t, sources[i], suspect)
			if relation != "partial" {
				t.Fatalf("compare: %s (score %.2f), want partial", relation, score)
			}
			matches := checkJSON(t, db, suspect)
			if len(matches) != 1 {
				t.Fatalf("check found %d sources, want the one source: %+v", len(matches), matches)
			}
			m := matches[0]
			if m.ID != lines[sources[i]]["id"] {
				t.Errorf("check found %s, not the source", m.ID)
			}
			if m.Relation != relation || m.Score != score {
				t.Errorf("check says %s %.3f, compare %s %.3f", m.Relation, m.Score, relation, score)
			}
		})
	}
	// Unrelated stories in the same script share characters, not text.
	unrelated := filepath.Join("testdata", "languages", "zh", "unrelated.txt")
	if relation, _ := compareJSON(t, sources[0], unrelated); relation != "unrelated" {
		t.Errorf("compare of unrelated Chinese stories: %s", relation)
	}
}

// balineseText is made-up text in Balinese script, written without spaces
// and not split by wiretrace: runs of 30 letters and vowel signs parted by
// the Balinese full stop. Texts of different steps share no run.
func balineseText(step int) string {
	var b strings.Builder
	for i := range 40 {
		for k := range 30 {
			b.WriteRune(rune(0x1b13 + (i*13+k*step)%30))
			if k%3 == 1 {
				b.WriteRune(0x1b36) // vowel sign ulu
			}
		}
		b.WriteString("\u1b5f ")
	}
	return b.String()
}

// A text in a script wiretrace cannot split into words is stored with a
// note; checking or comparing it says so instead of "no sources" or
// "unrelated".
func TestUnsegmentedScriptSaysSo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	stored, copied, other := filepath.Join(dir, "stored.txt"), filepath.Join(dir, "copy.txt"), filepath.Join(dir, "other.txt")
	for p, s := range map[string]string{stored: balineseText(7), copied: "\u1b13\u1b14\u1b5f " + balineseText(7), other: balineseText(11)} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lines, stderr, code := addJSONLines(t, db, stored)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	if note, _ := lines[stored]["note"].(string); lines[stored]["status"] != "added" || !strings.Contains(note, "Balinese") {
		t.Fatalf("add --json line %v: want added with a note naming the script", lines[stored])
	}
	// A copy is still found.
	if m := checkJSON(t, db, copied); len(m) != 1 || m[0].Relation != "copy" {
		t.Fatalf("check of a stored copy: %+v", m)
	}
	_, stderr, code = run(t, "", "check", "--db", db, other)
	if code != exitFailure || !strings.Contains(stderr, "not split into words") || !strings.Contains(stderr, "Balinese") {
		t.Fatalf("check of a text found nowhere: exit %d, stderr %q; want exit %d naming the script", code, stderr, exitFailure)
	}
	_, stderr, code = run(t, "", "compare", stored, other)
	if code != exitFailure || !strings.Contains(stderr, "not split into words") {
		t.Fatalf("compare: exit %d, stderr %q; want exit %d saying the text is not split into words", code, stderr, exitFailure)
	}
}

// A crawl whose response records lack "application/http": its pages are
// added, and every other record is in the summary with its reason.
func TestAddWARCCountsEveryRecord(t *testing.T) {
	dir := t.TempDir()
	crawl := filepath.Join("..", "..", "ingest", "testdata", "warc-response-types", "crawl.warc")
	out, stderr, code := run(t, "", "add", "--db", filepath.Join(dir, "db"), crawl)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	want := "3 added, 0 duplicates, 0 errors, 4 skipped (1 not an HTTP response, 1 revisit of an earlier capture, 2 unsupported record type), " +
		"4 other crawl records (1 DNS, 1 metadata, 1 request, 1 warcinfo)"
	if !strings.Contains(stderr, want) {
		t.Fatalf("summary not found; stderr:\n%s\nwant %s", stderr, want)
	}
	// The routine records are counted, not listed one by one.
	if strings.Contains(stderr, "request record") || strings.Count(out, "added ") != 3 {
		t.Errorf("add printed\n%s\n%s", out, stderr)
	}
	// With --json every record read is a line.
	lines, _, code := addJSONLines(t, filepath.Join(dir, "db2"), crawl)
	if code != 0 || len(lines) != 11 {
		t.Fatalf("add --json: exit %d, %d lines, want 11", code, len(lines))
	}
	// check reads the pages; the routine records are no failures, the
	// other skips are reported as before.
	out, stderr, code = run(t, "", "check", "--db", filepath.Join(dir, "db"), "--json", crawl)
	if code != exitSomeBad || strings.Contains(stderr, "request record") || !strings.Contains(stderr, "revisit") ||
		len(strings.Split(strings.TrimSpace(out), "\n")) != 3 {
		t.Fatalf("check of the crawl: exit %d\n%s\n%s", code, out, stderr)
	}
}

// A file:// URL is not a missing file: the error names the scheme.
func TestUnsupportedURLScheme(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	_, stderr, code := run(t, "", "add", "--db", db, "file:///srv/news/story.html")
	if code != exitSomeBad || !strings.Contains(stderr, `unsupported URL scheme "file"`) || strings.Contains(stderr, "no such file") {
		t.Fatalf("add file://: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, "", "compare", "ftp://archive.example/a.txt", "ftp://archive.example/b.txt")
	if code != exitFailure || !strings.Contains(stderr, `unsupported URL scheme "ftp"`) {
		t.Fatalf("compare ftp://: exit %d, stderr %q", code, stderr)
	}
}

// A hostile page is reported with the limit it passed, and the batch goes
// on; an old page of unclosed tags is read.
func TestAddHostilePages(t *testing.T) {
	dir := t.TempDir()
	pages := map[string][]byte{
		"attributes.html": synth.ManyAttributesOneElement(1_000_000),
		"elements.html":   synth.ManyElements(400_000),
		"unclosed.html":   synth.Unclosed("font", 600),
		"nested.html":     synth.Nested("div", 5000),
	}
	for name, b := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, name := range []string{"attributes.html", "elements.html", "unclosed.html", "nested.html"} {
		paths = append(paths, filepath.Join(dir, name))
	}
	lines, stderr, code := addJSONLines(t, filepath.Join(dir, "db"), paths...)
	if code != exitSomeBad {
		t.Fatalf("add: exit %d, want %d: %s", code, exitSomeBad, stderr)
	}
	for path, want := range map[string]string{
		paths[0]: "more than 200000 attributes (the limit)",
		paths[1]: "more than 100000 elements (the limit)",
	} {
		if l := lines[path]; l["status"] != "error" || !strings.Contains(fmt.Sprint(l["error"]), want) {
			t.Errorf("%s: %v, want an error saying %q", filepath.Base(path), l, want)
		}
	}
	for _, p := range paths[2:] {
		if l := lines[p]; l["status"] != "added" && l["status"] != "duplicate" {
			t.Errorf("%s: %v, want it read", filepath.Base(p), l)
		}
	}
}
