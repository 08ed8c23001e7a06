package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// compare --html writes the comparison as a page that stands alone: its
// style inside it, both texts with the passages marked, the credit's fate,
// and no link to a server's pages. A run of two suspects writes none and
// says why.
func TestCompareHTMLReport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	src, spun := filepath.Join("..", "..", "examples", "flood", "original.txt"), filepath.Join("..", "..", "examples", "flood", "spun.txt")
	stdout, stderr, code := run(t, "", "compare", "--texts=false", "--html", out, src, spun)
	if code != 0 || !strings.Contains(stdout, "relation spun") {
		t.Fatalf("compare --html exit %d: %s %s", code, stdout, stderr)
	}
	page := readPage(t, out)
	for _, want := range []string{"<style>", `class="relation rel-spun"`, `class="side-by-side"`, `<a class="passage`, "Meridian Wire → Daily Wellness Digest", "How <q>"} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, bad := range []string{`href="/`, `src="/`, "/static/"} {
		if strings.Contains(page, bad) {
			t.Errorf("report holds %q: it must stand alone", bad)
		}
	}
	two := filepath.Join(dir, "two.html")
	_, stderr, code = run(t, "", "compare", "--html", two, src, spun, spun)
	if code != 2 || !strings.Contains(stderr, "one suspect") {
		t.Errorf("two suspects: exit %d, %s; want 2 and why", code, stderr)
	}
	if _, err := os.Stat(two); !os.IsNotExist(err) {
		t.Errorf("two suspects left a report: %v", err)
	}
}

// check --html writes the suspect's sources as found in the store, each
// side by side with it.
func TestCheckHTMLReport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	if _, stderr, code := run(t, "", "add", "-q", "--db", db, filepath.Join("..", "..", "examples", "flood")); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	out := filepath.Join(dir, "report.html")
	spun := filepath.Join("..", "..", "examples", "flood", "spun.txt")
	if _, stderr, code := run(t, "", "check", "--db", db, "--html", out, spun); code != 0 {
		t.Fatalf("check --html: %s", stderr)
	}
	page := readPage(t, out)
	if n := strings.Count(page, `<li class="source"`); n < 3 {
		t.Errorf("report lists %d sources, want the flood story's copies", n)
	}
	if strings.Count(page, `class="side-by-side"`) < 3 || strings.Contains(page, `href="/`) {
		t.Errorf("report: every source side by side, no server link")
	}
}

// trace --html writes the story as a page that stands alone: the origin
// and why, the timeline and the copy tree, with no link to a server's
// pages.
func TestTraceHTMLReport(t *testing.T) {
	dir := t.TempDir()
	db := storyStore(t, dir)
	if _, stderr, code := run(t, "", "families", "--db", db); code != 0 {
		t.Fatalf("families: %s", stderr)
	}
	out := filepath.Join(dir, "story.html")
	if _, stderr, code := run(t, "", "trace", "--db", db, "--html", out, "flood-spun"); code != 0 {
		t.Fatalf("trace --html: %s", stderr)
	}
	page := readPage(t, out)
	for _, want := range []string{"<style>", `id="story-origin"`, `<span class="member">flood-original</span>`, `id="timeline"`, `id="copy-tree"`, "Why each parent came first", `<span class="site">meridianwire.example</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("story report lacks %q", want)
		}
	}
	if strings.Contains(page, `href="/`) || strings.Contains(page, `href=""`) {
		t.Errorf("story report links to a server's pages")
	}
}

// sites --html writes the ranking with each site's profile below it, the
// ranking's sites leading to their profiles in the page; with SITE, that
// site's profile alone.
func TestSitesHTMLReport(t *testing.T) {
	dir := t.TempDir()
	db := storyStore(t, dir)
	all := filepath.Join(dir, "sites.html")
	stdout, stderr, code := run(t, "", "sites", "--db", db, "--html", all)
	if code != 0 || !strings.Contains(stdout, "dailydigesthub.example") {
		t.Fatalf("sites --html: exit %d, %s%s", code, stdout, stderr)
	}
	page := readPage(t, all)
	farm := regexp.MustCompile(`<tr data-site="dailydigesthub.example">\s*<td><a class="site-link" href="#(site-\d+)">`).FindStringSubmatch(page)
	if farm == nil {
		t.Fatalf("the ranking does not lead to the content farm's profile:\n%s", page)
	}
	profile := regexp.MustCompile(`(?s)<section class="result site-profile" id="` + farm[1] + `">.*?</section>`).FindString(page)
	for _, want := range []string{"<h2>Site <q>dailydigesthub.example</q></h2>", `<dd class="fig-rebranded">1</dd>`, `<td>rebranded</td>`, `<span class="member">flood-spun</span>`, `<span class="member">flood-original</span>`} {
		if !strings.Contains(profile, want) {
			t.Errorf("the content farm's profile lacks %q:\n%s", want, profile)
		}
	}
	if n := strings.Count(page, `<section class="result site-profile"`); n != 5 {
		t.Errorf("%d profiles, want one for each of the 5 sites in families", n)
	}
	if strings.Contains(page, `href="/`) || strings.Contains(page, `href=""`) || strings.Contains(page, `id="fig-`) {
		t.Errorf("sites report links to a server's pages or repeats an id")
	}

	one := filepath.Join(dir, "site.html")
	if _, stderr, code := run(t, "", "sites", "--db", db, "--no-update", "--html", one, "dailydigesthub.example"); code != 0 {
		t.Fatalf("sites SITE --html: %s", stderr)
	}
	page = readPage(t, one)
	if !strings.Contains(page, `id="fig-rebranded">1</dd>`) || strings.Contains(page, `id="site-ranking"`) || strings.Count(page, `<section class="result site-profile"`) != 1 {
		t.Errorf("one site's report:\n%s", page)
	}
	if _, _, code := run(t, "", "sites", "--db", db, "--no-update", "--html", filepath.Join(dir, "none.html"), "nowhere.example"); code == 0 {
		t.Errorf("a site not in the store gave a report")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.html")); err == nil {
		t.Errorf("a report was left for a site not in the store")
	}
}

// families --html writes the families listed, each leading to its story
// below it in the page, with the filter said in words; a report holds at
// most reportFamilies and says how many more passed.
func TestFamiliesHTMLReport(t *testing.T) {
	dir := t.TempDir()
	db := storyStore(t, dir)
	if _, stderr, code := run(t, "", "add", "-q", "--db", db, filepath.Join("..", "..", "examples", "strike")); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	out := filepath.Join(dir, "families.html")
	if _, stderr, code := run(t, "", "families", "--db", db, "--min-size", "3", "--html", out); code != 0 {
		t.Fatalf("families --html: %s", stderr)
	}
	page := readPage(t, out)
	for _, want := range []string{
		"in families of at least 3", `<tr data-family="flood-spun">`, `<a class="story-link" href="#family-1">`, `<a class="story-link" href="#family-2">`,
		`<article class="family-story" id="family-1">`, `id="family-1-story-origin"`, `id="family-2-copy-tree"`, `<span class="member">flood-original</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("families report lacks %q", want)
		}
	}
	if strings.Contains(page, `href="/`) || strings.Contains(page, `id="story-origin"`) || strings.Contains(page, `id="families-more"`) {
		t.Errorf("families report links to a server's pages, repeats an id or says there are more")
	}

	defer func(n int) { reportFamilies = n }(reportFamilies)
	reportFamilies = 1
	if _, stderr, code := run(t, "", "families", "--db", db, "--no-update", "--html", out); code != 0 {
		t.Fatalf("families --html: %s", stderr)
	}
	page = readPage(t, out)
	if !strings.Contains(page, `<p class="note" id="families-more">The first 1 of 2 families;`) || strings.Contains(page, `id="family-2"`) {
		t.Errorf("a report of the first family of two:\n%s", page)
	}
}

// inspect --html writes an article's parts and flags, marked in its text,
// as a page that stands alone.
func TestInspectHTMLReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "parts.html")
	if _, stderr, code := run(t, "", "inspect", "--html", out, filepath.Join("..", "..", "examples", "flood", "spun.txt")); code != 0 {
		t.Fatalf("inspect --html: %s", stderr)
	}
	page := readPage(t, out)
	for _, want := range []string{"<style>", `id="inspected"`, `class="part headline"`, "credit-conflict", `<dl class="part-list">`} {
		if !strings.Contains(page, want) {
			t.Errorf("parts report lacks %q", want)
		}
	}
	if strings.Contains(page, `href="/`) {
		t.Errorf("parts report links to a server's pages")
	}
}

// A republication note is one of the parts the report marks.
func TestInspectHTMLReportRanFirst(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "note.txt"), filepath.Join(dir, "parts.html")
	text := "Reading room reopens\n\nVolunteers reopened the Larchmont reading room on Saturday after eighteen months of repairs.\n\nThis article was originally published on Harwick Ledger.\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, "", "inspect", "--html", out, in); code != 0 {
		t.Fatalf("inspect --html: %s", stderr)
	}
	if page := readPage(t, out); !strings.Contains(page, `class="part republished`) || !strings.Contains(page, "ran first") {
		t.Errorf("parts report does not mark the republication note")
	}
}

// An article full of markup shows in a report as text: its tags are
// escaped, and the page's only script is wiretrace's own.
func TestHTMLReportOfHostileText(t *testing.T) {
	dir := t.TempDir()
	hostile := filepath.Join("..", "..", "server", "testdata", "hostile.txt")
	for _, args := range [][]string{
		{"compare", "--html", filepath.Join(dir, "compare.html"), hostile, hostile},
		{"inspect", "--html", filepath.Join(dir, "inspect.html"), hostile},
	} {
		if _, stderr, code := run(t, "", args...); code != 0 {
			t.Fatalf("%s: %s", args[0], stderr)
		}
		page := readPage(t, args[2])
		if n := strings.Count(page, "<script"); n != 1 {
			t.Errorf("%s report: %d script elements, want wiretrace's one", args[0], n)
		}
		for _, bad := range []string{`<img src=x`, `</textarea><script>`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s report holds %q unescaped", args[0], bad)
			}
		}
		if !strings.Contains(page, "&lt;script&gt;alert(") {
			t.Errorf("%s report does not show the article's markup as text", args[0])
		}
	}

	// Sites and IDs full of markup, in a sites report.
	text, err := os.ReadFile(filepath.Join("..", "..", "examples", "flood", "original.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines strings.Builder
	for i, site := range []string{"coastlinewire.example", `<img src=x onerror=alert("site")>.example`} {
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf(`hostile%d<script>alert("id")</script>`, i), "site": site, "text": string(text),
			"published": fmt.Sprintf("2026-05-09T%02d:00:00Z", 8+i)})
		lines.Write(line)
		lines.WriteByte('\n')
	}
	db, in, out := filepath.Join(dir, "db"), filepath.Join(dir, "hostile.jsonl"), filepath.Join(dir, "sites.html")
	if err := os.WriteFile(in, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	families := filepath.Join(dir, "families.html")
	for _, args := range [][]string{{"add", "-q", "--db", db, in}, {"sites", "--db", db, "--html", out}, {"families", "--db", db, "--html", families}} {
		if _, stderr, code := run(t, "", args...); code != 0 {
			t.Fatalf("%s: %s", args[0], stderr)
		}
	}
	for name, path := range map[string]string{"sites": out, "families": families} {
		page := readPage(t, path)
		if n := strings.Count(page, "<script"); n != 1 || strings.Contains(page, "<img src=x") || !strings.Contains(page, "&lt;img src=x") || !strings.Contains(page, "hostile1&lt;script&gt;") {
			t.Errorf("%s report: %d script elements, or the sites and IDs not shown as text:\n%s", name, n, page)
		}
	}
}

// readPage returns the page written to path.
func readPage(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// storyStore adds the example flood story, as seven sites ran it, to a
// store in dir and returns the store's path.
func storyStore(t *testing.T, dir string) string {
	t.Helper()
	db, in := filepath.Join(dir, "db"), filepath.Join(dir, "flood.jsonl")
	writeStory(t, in)
	if _, stderr, code := run(t, "", "add", "-q", "--db", db, in); code != 0 {
		t.Fatalf("add: %s", stderr)
	}
	return db
}
