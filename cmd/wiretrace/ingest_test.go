package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/warc"
)

// newsPage wraps an example article's text in the HTML of a news page:
// the first line as headline, the rest as paragraphs, with the furniture
// real pages carry around them.
func newsPage(t *testing.T, example, site string) []byte {
	t.Helper()
	b, err := examples.FS.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var body strings.Builder
	for i, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		fmt.Fprintf(&body, "<p>%s</p>\n", html.EscapeString(l))
		if i == 3 {
			body.WriteString("<div class=\"ad-slot\"><p>Advertisement</p></div>\n")
		}
	}
	return []byte(fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>%[1]s</title>
<meta property="og:site_name" content="%[2]s">
<meta property="article:published_time" content="2026-03-04T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/health">Health</a></nav>
<div class="cookie-consent">We use cookies. <button>Accept</button></div>
<article><h1>%[1]s</h1>
%[3]s</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Ten foods for winter</a></li></ul></aside>
<footer>&copy; 2026 %[2]s</footer>
</body></html>`, html.EscapeString(lines[0]), site, body.String()))
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// testCrawl is a WARC.gz of the spun copy's page, a redirect, an image and
// a light edit's page; with corrupt set, the image's record is garbled.
func testCrawl(t *testing.T, corrupt bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, true)
	date := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	resp := func(uri, head string, body []byte) (start, end int) {
		start = buf.Len()
		if err := w.WriteResponse(uri, date, append([]byte("HTTP/1.1 "+head+"\r\n\r\n"), body...)); err != nil {
			t.Fatal(err)
		}
		return start, buf.Len()
	}
	resp("https://www.dailywellness.example/health/river-floods", "200 OK\r\nContent-Type: text/html; charset=utf-8", newsPage(t, "flood/spun.txt", "Daily Wellness Digest"))
	resp("https://news.example/old", "301 Moved Permanently\r\nLocation: https://news.example/new", nil)
	start, end := resp("https://news.example/photo.jpg", "200 OK\r\nContent-Type: image/jpeg", bytes.Repeat([]byte{0xff, 0xd8, 0x00, 0x17}, 200))
	resp("https://regional.example.co.uk/news/flood", "200 OK\r\nContent-Type: text/html", newsPage(t, "flood/light-edit.txt", "Regional Post"))
	data := buf.Bytes()
	if corrupt {
		for i := (start + end) / 2; i < (start+end)/2+6; i++ {
			data[i] ^= 0x5a
		}
	}
	return data
}

type addJSON struct {
	Input, ID, Status, Reason, Error, URL, Site, Title string
	Published                                          time.Time
	FirstSeen                                          time.Time `json:"first_seen"`
	PublishedFrom                                      string    `json:"published_from"`
	FirstSeenFrom                                      string    `json:"first_seen_from"`
	Page                                               *struct {
		Byline   string
		SiteName string `json:"site_name"`
	}
}

func parseAddJSON(t *testing.T, out string) []addJSON {
	t.Helper()
	var rs []addJSON
	for line := range strings.Lines(out) {
		var r addJSON
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("add --json line %q: %v", line, err)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestAddCrawlHTMLAndFeed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Riverton Times</title><link>https://rivertontimes.example/</link>
<item><title>Flood</title><link>https://rivertontimes.example/flood</link><description>` +
		html.EscapeString("<p>"+strings.ReplaceAll(mustRead(t, "flood/partial.txt"), "\n", "</p><p>")+"</p>") + `</description></item></channel></rss>`
	files := map[string][]byte{
		"a-crawl.warc.gz": testCrawl(t, false),
		"b-page.html":     newsPage(t, "flood/verbatim.txt", "Verbatim Herald"),
		"c-feed.rss.gz":   gzipped([]byte(feed)),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, code := run(t, "", "add", "--db", db, "--json", in)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	rs := parseAddJSON(t, out)
	var statuses []string
	for _, r := range rs {
		statuses = append(statuses, filepath.Base(r.Input)+" "+r.Status+" "+r.Reason)
	}
	want := []string{"added ", "skipped redirect", "skipped not HTML", "added ", "added ", "added "}
	if len(statuses) != len(want) {
		t.Fatalf("add results %q", statuses)
	}
	for i := range want {
		if !strings.HasSuffix(statuses[i], want[i]) {
			t.Errorf("result %d: %q, want %q", i, statuses[i], want[i])
		}
	}
	if !strings.Contains(stderr, "4 added, 0 duplicates, 0 errors, 2 skipped (1 not HTML, 1 redirect)") {
		t.Errorf("summary: %s", stderr)
	}
	// Standard error is not a terminal here: no progress bar.
	if strings.Contains(stderr, "\x1b[") || strings.Contains(stderr, "articles") {
		t.Errorf("progress drawn on a non-terminal: %q", stderr)
	}
	spun := rs[0]
	if !strings.HasPrefix(spun.Input, filepath.Join(in, "a-crawl.warc.gz")+"@0") || spun.Site != "dailywellness.example" ||
		spun.URL != "https://www.dailywellness.example/health/river-floods" || spun.Page == nil || spun.Page.SiteName != "Daily Wellness Digest" ||
		!spun.Published.Equal(time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)) || spun.PublishedFrom != "page" ||
		!spun.FirstSeen.Equal(time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)) || spun.FirstSeenFrom != "crawl" {
		t.Errorf("crawled page: %+v %+v", spun, spun.Page)
	}
	if rs[3].Site != "example.co.uk" && rs[3].Site != "regional.example.co.uk" {
		t.Errorf("site of regional.example.co.uk: %q", rs[3].Site)
	}
	if rs[5].Site != "rivertontimes.example" || !strings.HasSuffix(rs[5].Input, "c-feed.rss.gz#1") {
		t.Errorf("feed item: %+v", rs[5])
	}
	// show prints the stored article with its metadata, and the text
	// without the page's furniture.
	out, _, code = run(t, "", "show", "--db", db, spun.ID)
	if code != 0 || !strings.Contains(out, "site       dailywellness.example") || !strings.Contains(out, "url        https://www.dailywellness.example/health/river-floods") ||
		!strings.Contains(out, "published  2026-03-04T09:00:00Z (page)") || !strings.Contains(out, "first seen 2026-03-05T08:00:00Z (crawl)") ||
		strings.Contains(out, "Advertisement") || strings.Contains(out, "cookies") {
		t.Errorf("show: exit %d\n%s", code, out)
	}

	// Adding again: every article is a duplicate; the workers do not
	// change the order or the results.
	var outs []string
	for _, workers := range []string{"1", "4"} {
		out, _, code := run(t, "", "add", "--db", db, "--json", "--workers", workers, in)
		if code != 0 {
			t.Fatalf("re-add with %s workers: exit %d", workers, code)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] || strings.Count(outs[0], `"status":"duplicate"`) != 4 {
		t.Fatalf("re-add:\n%s\n%s", outs[0], outs[1])
	}
}

func mustRead(t *testing.T, example string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// One corrupt record is reported with the file and its offset, and the
// records after it are still added.
func TestAddCorruptWARCRecord(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(p, testCrawl(t, true), 0o644)
	out, stderr, code := run(t, "", "add", "--db", filepath.Join(dir, "db"), p)
	if code != exitSomeBad {
		t.Fatalf("exit %d, want %d: %s", code, exitSomeBad, stderr)
	}
	if !strings.Contains(stderr, "error      "+p+"@") || !strings.Contains(stderr, "corrupt record") {
		t.Errorf("no error naming the record: %s", stderr)
	}
	if strings.Count(out, "added") != 2 || !strings.Contains(stderr, "2 added, 0 duplicates, 1 errors, 1 skipped (1 redirect)") {
		t.Errorf("out %s\nstderr %s", out, stderr)
	}
}

func TestAddCheckCompareURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/health/river-floods", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(newsPage(t, "flood/spun.txt", "Daily Wellness Digest"))
	})
	s := httptest.NewServer(mux)
	defer s.Close()
	page := s.URL + "/health/river-floods"
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	orig := filepath.Join(dir, "original.txt")
	os.WriteFile(orig, []byte(mustRead(t, "flood/original.txt")), 0o644)
	if _, stderr, code := run(t, "", "add", "--db", db, orig); code != 0 {
		t.Fatalf("add: %d %s", code, stderr)
	}

	// Without --allow-private the local server is refused, for every
	// command that reads inputs.
	for _, args := range [][]string{{"add", "--db", db, page}, {"check", "--db", db, page}, {"compare", orig, page}} {
		_, stderr, code := run(t, "", args...)
		if code == 0 || !strings.Contains(stderr, "non-public address") {
			t.Errorf("%s without --allow-private: exit %d, %s", args[0], code, stderr)
		}
	}

	out, stderr, code := run(t, "", "check", "--db", db, "--json", "--allow-private", page)
	if code != 0 {
		t.Fatalf("check URL: exit %d: %s", code, stderr)
	}
	var c struct {
		Suspect struct {
			Input, URL, Site, Text string
		}
		Matches []struct {
			Relation string
			Passages []struct {
				SuspectStart int `json:"suspect_start"`
				SuspectEnd   int `json:"suspect_end"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if c.Suspect.URL != page || c.Suspect.Site != "127.0.0.1" || !strings.HasPrefix(c.Suspect.Text, "Callow River ruptures its banks") {
		t.Fatalf("suspect %+v", c.Suspect)
	}
	if len(c.Matches) == 0 || c.Matches[0].Relation != "spun" {
		t.Fatalf("matches %+v", c.Matches)
	}
	// Offsets refer to the extracted text the output carries.
	for _, p := range c.Matches[0].Passages {
		if p.SuspectStart < 0 || p.SuspectEnd > len(c.Suspect.Text) || p.SuspectStart >= p.SuspectEnd {
			t.Fatalf("passage %+v outside the %d-byte text", p, len(c.Suspect.Text))
		}
	}

	out, stderr, code = run(t, "", "compare", "--json", "--allow-private", orig, page)
	if code != 0 || !strings.Contains(out, `"relation": "spun"`) || !strings.Contains(out, `"suspect": {`) || strings.Contains(out, `"source": {`) {
		t.Fatalf("compare text URL: exit %d %s\n%.400s", code, stderr, out)
	}

	out, stderr, code = run(t, "", "add", "--db", db, "--json", "--allow-private", "--site", "wellness.example", page)
	if rs := parseAddJSON(t, out); code != 0 || len(rs) != 1 || rs[0].Status != "added" || rs[0].Site != "wellness.example" || rs[0].URL != page {
		t.Fatalf("add URL: exit %d %s %s", code, out, stderr)
	}
}

// A WARC holds many articles: check and compare take every one and print
// JSON Lines, one result a line in input order.
func TestCheckSeveralArticles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	p := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(p, testCrawl(t, false), 0o644)
	_, stderr, code := run(t, "", "check", "--db", db, p)
	if code != exitFailure || !strings.Contains(stderr, "no store at") {
		t.Fatalf("check against no store: exit %d, %s", code, stderr)
	}
	if _, stderr, code := run(t, "", "add", "--db", db, p); code != 0 {
		t.Fatalf("add: exit %d, %s", code, stderr)
	}
	// The crawl's redirect and image are reported and skipped; the pages
	// are checked.
	out, stderr, code := run(t, "", "check", "--db", db, "--json", p)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitSomeBad || len(lines) < 2 || !strings.Contains(stderr, "redirect") {
		t.Fatalf("check of a WARC: exit %d, %d lines, %s", code, len(lines), stderr)
	}
	for _, l := range lines {
		var r struct {
			Input   string            `json:"input"`
			Matches []wiretrace.Match `json:"matches"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || !strings.Contains(r.Input, "crawl.warc.gz@") {
			t.Fatalf("line %q: %v", l, err)
		}
		// Each stored page is found as a copy of itself: its stored entry
		// has another ID than the suspect, which has none.
		if len(r.Matches) == 0 || r.Matches[0].Relation != wiretrace.Copy {
			t.Errorf("%s: matches %+v", r.Input, r.Matches)
		}
	}
	src := filepath.Join(dir, "src.txt")
	os.WriteFile(src, []byte("A story about something else entirely, with words of its own."), 0o644)
	out, stderr, code = run(t, "", "compare", "--json", src, p)
	if n := len(strings.Split(strings.TrimSpace(out), "\n")); code != exitSomeBad || n != len(lines) {
		t.Fatalf("compare with a WARC: exit %d, %d lines for %d articles, %s", code, n, len(lines), stderr)
	}
}
