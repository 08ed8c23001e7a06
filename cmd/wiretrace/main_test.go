package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/internal/pgtest"
	"github.com/wiretrace/wiretrace/postgres"
)

// run runs the real command wiring in process.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// writeExamples copies the example articles to dir as plain files and
// returns the path of each by "family/name".
func writeExamples(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for _, fam := range examples.Families {
		for _, name := range []string{"original", "verbatim", "light-edit", "spun", "partial", "independent", "unrelated"} {
			b, err := examples.FS.ReadFile(fam + "/" + name + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, fam, name+".txt")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			paths[fam+"/"+name] = p
		}
	}
	return paths
}

type addLine struct {
	Input, ID, Status, Error string
}

func parseAdd(t *testing.T, out string) []addLine {
	t.Helper()
	var lines []addLine
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var l addLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("add --json line %q: %v", sc.Text(), err)
		}
		lines = append(lines, l)
	}
	return lines
}

// TestAddCheckRm runs add, check, show and rm on each kind of store: the
// embedded one, PostgreSQL, and PostgreSQL with its tables sharded over
// other servers.
func TestAddCheckRm(t *testing.T) {
	t.Run("embedded", func(t *testing.T) { testAddCheckRm(t, filepath.Join(t.TempDir(), "db")) })
	t.Run("postgres", func(t *testing.T) { testAddCheckRm(t, pgtest.Store(t)) })
	t.Run("postgres-sharded", func(t *testing.T) { testAddCheckRm(t, shardedStore(t)) })
}

// shardedStore returns the URL of a new PostgreSQL store whose tables are
// sharded over the test's shard servers, dropped when the test ends.
func shardedStore(t *testing.T) string {
	t.Helper()
	shards := pgtest.Shards(t)
	db := pgtest.Store(t)
	if err := postgres.Shard(db, fingerprint.Scheme, postgres.ShardOptions{Shards: shards}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { postgres.Drop(db, shards) })
	return db
}

func testAddCheckRm(t *testing.T, db string) {
	dir := t.TempDir()
	paths := writeExamples(t, filepath.Join(dir, "articles"))
	// Index every original and the unrelated stories; the copies are the
	// suspects.
	out, stderr, code := run(t, "", "add", "--db", db, "--json",
		paths["flood/original"], paths["strike/original"], paths["flood/unrelated"], paths["strike/unrelated"])
	if code != 0 {
		t.Fatalf("add exit %d: %s", code, stderr)
	}
	added := parseAdd(t, out)
	if len(added) != 4 {
		t.Fatalf("add reported %d inputs, want 4", len(added))
	}
	ids := map[string]string{}
	for _, l := range added {
		if l.Status != "added" || l.ID == "" {
			t.Fatalf("add: %+v", l)
		}
		ids[l.Input] = l.ID
	}

	// Idempotent: the same text again is a duplicate with the same ID.
	out, _, code = run(t, "", "add", "--db", db, "--json", paths["flood/original"])
	if l := parseAdd(t, out); code != 0 || len(l) != 1 || l[0].Status != "duplicate" || l[0].ID != ids[paths["flood/original"]] {
		t.Fatalf("second add of the same text: exit %d, %+v", code, l)
	}

	type checkOut struct {
		Matches []struct {
			ID              string  `json:"id"`
			Relation        string  `json:"relation"`
			Score           float64 `json:"score"`
			SuspectCoverage float64 `json:"suspect_coverage"`
			Passages        []struct {
				SourceStart, SourceEnd, SuspectStart, SuspectEnd int
			} `json:"passages"`
		} `json:"matches"`
	}
	check := func(suspect string) checkOut {
		t.Helper()
		out, stderr, code := run(t, "", "check", "--db", db, "--json", suspect)
		if code != 0 {
			t.Fatalf("check %s: exit %d: %s", suspect, code, stderr)
		}
		var c checkOut
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			t.Fatalf("check output: %v\n%s", err, out)
		}
		return c
	}
	for _, tc := range []struct{ suspect, source, relation string }{
		{"flood/spun", "flood/original", "spun"},
		{"flood/verbatim", "flood/original", "copy"},
		{"strike/partial", "strike/original", "partial"},
		{"strike/spun", "strike/original", "spun"},
	} {
		c := check(paths[tc.suspect])
		if len(c.Matches) == 0 {
			t.Fatalf("check %s: no match", tc.suspect)
		}
		m := c.Matches[0]
		if m.ID != ids[paths[tc.source]] || m.Relation != tc.relation {
			t.Errorf("check %s: first match %s (%s), want %s (%s)", tc.suspect, m.ID, m.Relation, ids[paths[tc.source]], tc.relation)
		}
		if len(m.Passages) == 0 {
			t.Errorf("check %s: no passages", tc.suspect)
		}
		for _, other := range c.Matches[1:] {
			if other.Relation == "unrelated" {
				t.Errorf("check %s lists an unrelated article %s", tc.suspect, other.ID)
			}
		}
	}
	// Standard input works as a suspect too.
	spun, _ := os.ReadFile(paths["flood/spun"])
	out, _, code = run(t, string(spun), "check", "--db", db, "--json", "-")
	if code != 0 || !strings.Contains(out, ids[paths["flood/original"]]) {
		t.Fatalf("check - : exit %d, output %s", code, out)
	}

	// rm deletes the article and its fingerprints: check no longer finds it.
	origID := ids[paths["flood/original"]]
	if _, stderr, code := run(t, "", "rm", "--db", db, origID); code != 0 {
		t.Fatalf("rm: exit %d: %s", code, stderr)
	}
	for _, m := range check(paths["flood/spun"]).Matches {
		if m.ID == origID {
			t.Fatalf("removed article %s still matched", origID)
		}
	}
	if _, _, code := run(t, "", "show", "--db", db, origID); code != exitNotFound {
		t.Fatalf("show removed article: exit %d, want %d", code, exitNotFound)
	}
	if _, _, code := run(t, "", "rm", "--db", db, origID); code != exitNotFound {
		t.Fatalf("rm of a missing article: exit %d, want %d", code, exitNotFound)
	}
}

func TestBadInputsDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	good, _ := examples.FS.ReadFile("flood/original.txt")
	files := map[string][]byte{
		"a-good.txt":   good,
		"b-empty.txt":  {},
		"c-binary.txt": {0x7f, 'E', 'L', 'F', 0, 0, 1, 2},
		"d-lines.jsonl": []byte(`{"id":"j1","url":"https://example.org/a","title":"A","published":"2026-03-03T10:00:00Z","text":"Ferry services resumed on the northern route after repairs to the landing stage were completed ahead of schedule."}
{"id":"j2","text": broken
{"id":"j3","text":"Council members voted to extend the library's weekend opening hours through the summer months, citing higher demand."}
`),
		"e-cp1252.txt": []byte("The mayor said the \x93new\x94 bridge would open in May, at a cost of \x8030 million."),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, code := run(t, "", "add", "--db", db, "--json", in)
	if code != exitSomeBad {
		t.Fatalf("exit %d, want %d; stderr: %s", code, exitSomeBad, stderr)
	}
	status := map[string]string{}
	for _, l := range parseAdd(t, out) {
		status[filepath.Base(l.Input)] = l.Status
		if l.Status == "error" && !strings.Contains(l.Input, "b-empty") && !strings.Contains(l.Input, "c-binary") && !strings.Contains(l.Input, "d-lines.jsonl:2") {
			t.Errorf("unexpected error for %s: %s", l.Input, l.Error)
		}
		if l.Status == "error" && l.Error == "" {
			t.Errorf("error for %s has no message", l.Input)
		}
	}
	want := map[string]string{
		"a-good.txt": "added", "b-empty.txt": "error", "c-binary.txt": "error",
		"d-lines.jsonl:1": "added", "d-lines.jsonl:2": "error", "d-lines.jsonl:3": "added",
		"e-cp1252.txt": "added",
	}
	for k, v := range want {
		if status[k] != v {
			t.Errorf("%s: status %q, want %q (all: %v)", k, status[k], v, status)
		}
	}
	if !strings.Contains(stderr, "windows-1252") {
		t.Errorf("no note that e-cp1252.txt was read as Windows-1252: %s", stderr)
	}
	if out, _, code := run(t, "", "show", "--db", db, "j3"); code != 0 || !strings.Contains(out, "library") {
		t.Fatalf("show j3: exit %d: %s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"compare", "one"}, {"nosuchcommand"}, {"check", "--top", "x", "f"}} {
		if _, _, code := run(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if _, stderr, code := run(t, "", "compare", "/nonexistent/a.txt", "/nonexistent/b.txt"); code != exitFailure || !strings.Contains(stderr, "/nonexistent/a.txt") {
		t.Errorf("compare of missing files: exit %d, stderr %q", code, stderr)
	}
}

func TestCompareJSON(t *testing.T) {
	dir := t.TempDir()
	paths := writeExamples(t, dir)
	out, stderr, code := run(t, "", "compare", "--json", paths["flood/original"], paths["flood/spun"])
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var c struct {
		Relation      string `json:"relation"`
		Substitutions []struct {
			Source, Suspect string
			Count           int
		} `json:"substitutions"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if c.Relation != "spun" || len(c.Substitutions) == 0 {
		t.Fatalf("compare original spun: %s with %d substitutions", c.Relation, len(c.Substitutions))
	}
	out, _, _ = run(t, "", "compare", paths["flood/original"], paths["flood/spun"])
	if !strings.Contains(out, "relation spun") || !strings.Contains(out, "said") || !strings.Contains(out, "[1") {
		t.Fatalf("human compare output lacks relation, substitutions or marks:\n%.600s", out)
	}
}

// A suspect whose page names the source's page as its canonical URL says
// so in compare, in JSON and in words.
func TestCompareNamedOriginal(t *testing.T) {
	dir := t.TempDir()
	text, err := examples.FS.ReadFile("flood/original.txt")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, a map[string]string) string {
		line, _ := json.Marshal(a)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append(line, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	src := write("source.jsonl", map[string]string{"id": "ledger", "url": "https://www.harwickledger.example/news/flood", "text": string(text)})
	sus := write("suspect.jsonl", map[string]string{"id": "hub", "url": "https://digesthub.example/flood", "canonical_url": "https://harwickledger.example/news/flood", "text": "DIGEST HUB\n\n" + string(text)})
	out, stderr, code := run(t, "", "compare", "--json", src, sus)
	var c struct {
		Original string `json:"named_original"`
	}
	if err := json.Unmarshal([]byte(out), &c); code != 0 || err != nil || c.Original != "canonical_url" {
		t.Fatalf("compare --json: exit %d %s %v: named_original %q", code, stderr, err, c.Original)
	}
	if out, _, _ = run(t, "", "compare", "--texts=false", src, sus); !strings.Contains(out, "the suspect names the source as its original: its page's canonical URL") {
		t.Errorf("human compare output does not say so:\n%s", out)
	}
}

func TestDemo(t *testing.T) {
	out, stderr, code := run(t, "", "demo")
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "1. flood/original") || !strings.Contains(out, "relation spun") {
		t.Fatalf("demo did not trace the spun copy to flood/original:\n%.1500s", out)
	}
}

// The crash test: a child process adds many articles in one batch and is
// killed with SIGKILL part-way. Every article it acknowledged must be
// readable afterwards, and the store must take new articles.
const crashEnv = "WIRETRACE_TEST_CRASH_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(crashEnv); args != "" {
		os.Exit(runMain(strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestKillDuringAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test writes thousands of articles; skipped with -short")
	}
	t.Run("embedded", func(t *testing.T) { testKillDuringAdd(t, filepath.Join(t.TempDir(), "db")) })
	t.Run("postgres", func(t *testing.T) { testKillDuringAdd(t, pgtest.Store(t)) })
}

func testKillDuringAdd(t *testing.T, db string) {
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "batch.jsonl")
	f, err := os.Create(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, `{"id":"crash-%05d","text":"Dispatch number %d from the harbour office reports that vessel %d cleared the outer mooring at dawn, while the pilot boat waited near buoy %d for the next arrival."}`+"\n", i, i, i*7, i%97)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashEnv+"="+strings.Join([]string{"add", "--db", db, "--json", jsonl}, "\x1f"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(stdout)
	deadline := time.Now().Add(30 * time.Second)
	for sc.Scan() {
		var l addLine
		if err := json.Unmarshal(sc.Bytes(), &l); err == nil && l.Status == "added" {
			acked = append(acked, l.ID)
		}
		if len(acked) >= 500 || time.Now().After(deadline) {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Lines already written to the pipe were acknowledged too.
	for sc.Scan() {
		var l addLine
		if err := json.Unmarshal(sc.Bytes(), &l); err == nil && l.Status == "added" {
			acked = append(acked, l.ID)
		}
	}
	cmd.Wait()
	if len(acked) == 0 {
		t.Fatal("child acknowledged no article before it was killed")
	}
	if len(acked) == n {
		t.Fatal("child finished before it was killed; the test proved nothing")
	}
	for _, id := range acked {
		out, stderr, code := run(t, "", "show", "--db", db, "--json", id)
		if code != 0 {
			t.Fatalf("acknowledged article %s unreadable after kill: exit %d: %s", id, code, stderr)
		}
		if !strings.Contains(out, "Dispatch number") {
			t.Fatalf("article %s read back incomplete: %s", id, out)
		}
	}
	// The batch can be run again to the end: acknowledged articles are
	// duplicates, the rest are added, and nothing half-written gets in the
	// way.
	out, stderr, code := run(t, "", "add", "--db", db, "--json", jsonl)
	if code != 0 {
		t.Fatalf("re-run after kill: exit %d: %s", code, stderr)
	}
	dups := 0
	for _, l := range parseAdd(t, out) {
		if l.Status == "duplicate" {
			dups++
		}
	}
	if dups < len(acked) {
		t.Fatalf("re-run found %d duplicates, want at least the %d acknowledged", dups, len(acked))
	}
}
