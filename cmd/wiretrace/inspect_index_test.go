package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/integrity"
)

// bylinePage is a news page crediting Dana Whitlock, published at canonical.
func bylinePage(canonical string) string {
	return `<!DOCTYPE html>
<html lang="en"><head>
<title>Harbour workers walk out over pay</title>
<link rel="canonical" href="` + canonical + `">
<meta name="author" content="Dana Whitlock">
</head><body><article>
<h1>Harbour workers walk out over pay</h1>
<p>Harbour workers in Wexbridge walked out on Monday after talks over pay broke down late on Sunday night, the union said.</p>
<p>The strike halted loading at the container terminal, where more than forty ships were waiting to berth by the afternoon.</p>
<p>Managers said they had offered a rise of four percent and would meet union officials again later in the week.</p>
</article></body></html>`
}

// bylineStore adds articles by Dana Whitlock under meridianwire.example and
// returns the store's directory.
func bylineStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "db")
	lines := `{"id":"m1","site":"meridianwire.example","byline":"Dana Whitlock","text":"Rail services resumed on the coast line after a landslip was cleared, the operator said."}
{"id":"m2","url":"https://www.meridianwire.example/floods","byline":["Dana Whitlock","Sam Okafor"],"text":"Flood barriers held overnight as the river peaked just below the town walls."}
{"id":"o1","site":"other.example","byline":"Ana Ruiz","text":"A council vote on the budget was delayed until next month."}
`
	if _, stderr, code := run(t, lines, "add", "--db", db, "-"); code != exitOK {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	return db
}

func inspectIndexed(t *testing.T, db string, args ...string) (*integrity.Inspection, string) {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"inspect", "--db", db, "--index", "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("inspect --index --json %q: exit %d: %s", args, code, stderr)
	}
	var a integrity.Inspection
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("inspect --json output: %v", err)
	}
	human, stderr, code := run(t, "", append([]string{"inspect", "--db", db, "--index"}, args...)...)
	if code != exitOK {
		t.Fatalf("inspect --index %q: exit %d: %s", args, code, stderr)
	}
	return &a, human
}

func TestInspectBylineElsewhere(t *testing.T) {
	db := bylineStore(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	farm := write("farm.html", bylinePage("https://www.farm.example/news/harbour-strike"))
	own := write("own.html", bylinePage("https://www.meridianwire.example/news/harbour-strike"))

	a, human := inspectIndexed(t, db, farm)
	flags := flagMessages(a, integrity.FlagBylineElsewhere)
	if len(flags) != 1 || !strings.Contains(flags[0], "Dana Whitlock") || !strings.Contains(flags[0], "meridianwire.example (2)") || !strings.Contains(flags[0], "farm.example") {
		t.Errorf("farm page: byline-elsewhere flags %q", flags)
	}
	if !strings.Contains(human, "byline-elsewhere") || !strings.Contains(human, "indexed    Dana Whitlock: meridianwire.example (2)") {
		t.Errorf("farm page, human output:\n%s", human)
	}

	a, human = inspectIndexed(t, db, own)
	if flags := flagMessages(a, integrity.FlagBylineElsewhere); len(flags) != 0 {
		t.Errorf("page on the byline's own site flagged: %q", flags)
	}
	if len(a.BylineSites) != 1 || a.BylineSites[0].Elsewhere || strings.Contains(human, "byline-elsewhere") {
		t.Errorf("own page: %+v\n%s", a.BylineSites, human)
	}

	// Plain text has no site: the sites are information, not a flag,
	// unless --site gives one.
	text := write("story.txt", "Harbour workers walk out over pay\n\nBy Dana Whitlock\n\nWEXBRIDGE (Meridian Wire) - Harbour workers walked out on Monday after talks over pay broke down, the union said.\n")
	a, human = inspectIndexed(t, db, text)
	if flags := flagMessages(a, integrity.FlagBylineElsewhere); len(flags) != 0 || len(a.BylineSites) != 1 || a.BylineSites[0].Name != "Dana Whitlock" {
		t.Errorf("text without a site: flags %q, sites %+v", flags, a.BylineSites)
	}
	if !strings.Contains(human, "indexed    Dana Whitlock: meridianwire.example (2)") {
		t.Errorf("text without a site, human output:\n%s", human)
	}
	a, _ = inspectIndexed(t, db, "--site", "farm.example", text)
	if flags := flagMessages(a, integrity.FlagBylineElsewhere); len(flags) != 1 || len(a.Flags) == 0 {
		t.Errorf("text with --site farm.example: flags %q", flags)
	} else if f := a.Flags[len(a.Flags)-1]; len(f.Spans) != 1 || f.Spans[0].Text != "Dana Whitlock" {
		t.Errorf("flag spans %+v, want the byline name", f.Spans)
	}
	a, _ = inspectIndexed(t, db, "--site", "meridianwire.example", text)
	if flags := flagMessages(a, integrity.FlagBylineElsewhere); len(flags) != 0 {
		t.Errorf("text with --site meridianwire.example: flags %q", flags)
	}
}

func TestInspectIndexNeedsStore(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "story.txt")
	if err := os.WriteFile(p, []byte("Headline\n\nBy Dana Whitlock\n\nSome words of a story, told plainly.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "no-store")
	// Without --index, inspect never touches the store.
	if _, stderr, code := run(t, "", "inspect", "--db", db, p); code != exitOK {
		t.Fatalf("inspect: exit %d: %s", code, stderr)
	}
	if _, stderr, code := run(t, "", "inspect", "--db", db, "--index", p); code != exitFailure || !strings.Contains(stderr, "no store") {
		t.Errorf("inspect --index without a store: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("inspect created %s: %v", db, err)
	}
}
