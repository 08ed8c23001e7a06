package server

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html/template"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// form posts a multipart form: fields, then files as name=filename:content.
func (ts *testServer) form(t *testing.T, path string, fields map[string]string, files ...[3]string) response {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(f[0], f[1])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[2]))
	}
	mw.Close()
	return ts.do(t, "POST", path, b.Bytes(), "Content-Type: "+mw.FormDataContentType())
}

func hostile(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "hostile.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// safe fails when a page could run script or load anything but the
// server's own files.
func safe(t *testing.T, name string, page []byte) {
	t.Helper()
	for _, p := range unsafeParts(page) {
		t.Errorf("%s: %s", name, p)
	}
}

// unsafeParts lists what in a page could run script or load content: a
// script element other than /static/app.js, an event handler attribute,
// an element that loads or embeds content, a javascript: URL.
func unsafeParts(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if src := attr(n, "src"); !strings.HasPrefix(src, "/static/app.js?v=") || n.FirstChild != nil {
					out = append(out, fmt.Sprintf("a script element that is not the page's own: src=%q", src))
				}
			case "img", "svg", "iframe", "object", "embed", "base", "meta", "style", "video", "audio", "form", "link":
				if n.Data == "meta" && (attr(n, "charset") != "" || attr(n, "name") != "") ||
					n.Data == "link" && strings.HasPrefix(attr(n, "href"), "/static/") ||
					n.Data == "form" && strings.HasPrefix(attr(n, "action"), "/") {
					break
				}
				out = append(out, fmt.Sprintf("element <%s> from the article", n.Data))
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					out = append(out, fmt.Sprintf("event handler %s=%q", a.Key, a.Val))
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					out = append(out, "javascript: URL in "+a.Key)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Article text is data: a pasted article full of markup shows as text on
// every page that shows it, and nothing in it becomes an element.
func TestPagesEscapeArticleText(t *testing.T) {
	ts := newTestServer(t, Config{})
	text := hostile(t)
	// Stored under a javascript: URL, so that its match links nowhere.
	if _, err := ts.eng.AddOne(context.Background(), wiretrace.Article{ID: "hostile", Text: text, URL: `javascript:alert("url")`, Title: `<b onmouseover=alert(1)>title</b>`}); err != nil {
		t.Fatal(err)
	}
	spun := strings.NewReplacer("approved", "endorsed", "argument", "dispute", "Coastline Wire", "Gull Island Daily").Replace(text)
	pageHTML := "<html><head><title>Pier &lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><article><h1>Pier</h1><p>" +
		strings.ReplaceAll(html.EscapeString(spun), "\n\n", "</p><p>") + "</p><script>alert('page')</script><img src=x onerror=alert('page')></article></body></html>"
	pages := map[string]response{
		"check":         ts.form(t, "/check", map[string]string{"text": spun}),
		"check upload":  ts.form(t, "/check", nil, [3]string{"file", `pier"><script>.html`, pageHTML}),
		"inspect":       ts.form(t, "/inspect", map[string]string{"text": text}),
		"compare":       ts.form(t, "/compare", map[string]string{"source_text": text, "suspect_text": spun}),
		"article":       ts.do(t, "GET", "/articles/hostile", nil),
		"stored check":  ts.form(t, "/check", map[string]string{"id": "hostile"}),
		"error":         ts.form(t, "/check", map[string]string{"id": `<script>alert("id")</script>`}),
		"missing route": ts.do(t, "GET", `/<script>alert(1)</script>`, nil),
	}
	for name, r := range pages {
		if name != "error" && name != "missing route" && r.status != http.StatusOK {
			t.Errorf("%s: %d %s", name, r.status, r.body)
			continue
		}
		safe(t, name, r.body)
		csp := r.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", name, csp)
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", name, r.header)
		}
	}
	// The markup shows as text.
	if b := string(pages["check"].body); !strings.Contains(b, `&lt;script&gt;alert(&#34;headline&#34;)&lt;/script&gt;`) || !strings.Contains(b, "endorsed") {
		t.Errorf("check page does not show the pasted markup as text")
	}
	if b := string(pages["check"].body); !strings.Contains(b, `class="passage`) || strings.Contains(b, `href="javascript`) {
		t.Errorf("check page: no passages marked, or a javascript link")
	}
}

func TestCheckPage(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.form(t, "/check", map[string]string{"text": strings.ReplaceAll(example(t, "flood/spun"), "\n", "\r\n"), "top": "3"})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	b := string(r.body)
	for _, want := range []string{
		label(wiretrace.Spun),
		`credit rebranded: Meridian Wire → Daily Wellness Digest`,
		`id="m1-src-1"`, `id="m1-sus-1"`, `href="#m1-sus-1"`, `data-partner="m1-src-1"`,
		`class="passage c0 reworded sub"`,
		`<details class="compare" open>`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("check page lacks %s", want)
		}
	}
	// A text area sends "\r\n"; the page checks the text as pasted, "\n".
	if strings.Contains(b, "\r") {
		t.Error("the page kept the text area's \\r\\n")
	}
	r = ts.form(t, "/check", map[string]string{"text": "A note about gardening, nothing more."})
	if r.status != 200 || !strings.Contains(string(r.body), `id="no-sources"`) {
		t.Fatalf("no sources: %d", r.status)
	}
	r = ts.form(t, "/check", map[string]string{"text": " "})
	if r.status != 400 || !strings.Contains(string(r.body), "paste an article") {
		t.Fatalf("empty form: %d %s", r.status, r.body)
	}
}

// "Save a report" answers the check form with the result as a page that
// stands alone, to be saved: the same sources, no link to the server.
func TestCheckPageReport(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.form(t, "/check", map[string]string{"text": example(t, "flood/spun"), "as": "report"})
	if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="wiretrace-report.html"` {
		t.Fatalf("%d %q", r.status, r.header.Get("Content-Disposition"))
	}
	b := string(r.body)
	for _, want := range []string{"<style>", label(wiretrace.Spun), `credit rebranded: Meridian Wire → Daily Wellness Digest`, `id="m1-src-1"`, "reported "} {
		if !strings.Contains(b, want) {
			t.Errorf("report lacks %s", want)
		}
	}
	if strings.Contains(b, `href="/`) || strings.Contains(b, `<nav>`) {
		t.Errorf("the report links to the server's pages")
	}
	if r := ts.do(t, "GET", "/", nil); !strings.Contains(string(r.body), `<button type="submit" id="save-report" name="as" value="report">`) {
		t.Errorf("the form offers no report")
	}
}

func TestInspectPage(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.form(t, "/inspect", nil, [3]string{"file", "spun.txt", example(t, "flood/spun")})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	b := string(r.body)
	for _, want := range []string{`class="part headline"`, `class="part byline"`, `class="part dateline"`, `class="part photo-credit"`, `href="#flag-1"`, `credit-conflict`, `id="flag-1"`, `speaker: Fenn`} {
		if !strings.Contains(b, want) {
			t.Errorf("inspect page lacks %s", want)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, "GET", "/static/app.js?v="+ts.pages.version, nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/javascript") || !strings.Contains(r.header.Get("Cache-Control"), "immutable") {
		t.Fatalf("app.js: %d %v", r.status, r.header)
	}
	if r := ts.do(t, "GET", "/static/../server.go", nil); r.status != 404 {
		t.Fatalf("a path out of the static files: %d", r.status)
	}
}

// The side-by-side view of a spun copy against its source, as the page
// writes it. Run with -update to rewrite after a deliberate change.
func TestSideBySideGolden(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.form(t, "/compare", map[string]string{"source_text": example(t, "flood/original"), "suspect_text": example(t, "flood/spun")})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	start := bytes.Index(r.body, []byte(`<div class="side-by-side"`))
	end := bytes.Index(r.body, []byte(`<p><a href="/compare">`))
	if start < 0 || end < start {
		t.Fatalf("no side-by-side view in %s", r.body)
	}
	got := r.body[start:end]
	golden := filepath.Join("testdata", "golden", "side-by-side-flood-spun.html")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("side-by-side view differs from %s (run go test ./server -run Golden -update after a deliberate change)", golden)
	}
}

// The compare page says which passages condense a longer stretch of the
// source: the local paper's story sets two paragraphs of the wire story
// side by side, from either end of three paragraphs of quotes.
func TestComparePageCondensed(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.form(t, "/compare", map[string]string{"source_text": example(t, "strike/original"), "suspect_text": example(t, "strike/partial")})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if !bytes.Contains(r.body, []byte(`<p class="condensed">Condensed: passages 1-2, `)) {
		t.Fatalf("no condensation on the page: %s", r.body)
	}
	r = ts.form(t, "/compare", map[string]string{"source_text": example(t, "strike/original"), "suspect_text": example(t, "strike/light-edit")})
	if r.status != 200 || bytes.Contains(r.body, []byte(`class="condensed"`)) {
		t.Fatalf("a light edit in the story's order shown as condensed (%d)", r.status)
	}
}

// comparePageSays compares two of align's evidence texts on the compare
// page and fails the test unless the page holds every one of want.
func comparePageSays(t *testing.T, source, suspect string, want ...string) {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "align", "testdata", "evidence", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ts := newTestServer(t, Config{})
	r := ts.form(t, "/compare", map[string]string{"source_text": read(source), "suspect_text": read(suspect)})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	for _, w := range want {
		if !bytes.Contains(r.body, []byte(w)) {
			t.Errorf("compare page lacks %s", w)
		}
	}
}

// A story retold in its own order is spun from the one whose phrases it
// keeps, and keeps most of its words: the page says so, with its
// rewording, quotes the longest phrase and marks them all in its text.
func TestComparePagePhrases(t *testing.T) {
	comparePageSays(t, "hospice-wire", "hospice-retold", label(wiretrace.Spun), fmt.Sprintf(`<span class="rewording" title="%s">synonyms</span>`, template.HTMLEscapeString(meanings["synonyms"])),
		`of this article's own words lie in runs of three or more that the source holds, among them `,
		`<q>Holidays, a caravan and her daughter&#39;s wedding</q>`, ` phrase" href="#m1-src-1"`)
}

// Two filings written to one formula about other companies share a
// passage that the relation does not count: the page says why.
func TestComparePageSetAside(t *testing.T) {
	comparePageSays(t, "debentures-corbel", "debentures-strandline", label(wiretrace.Related),
		`<p class="set-aside">1 passage set aside, no evidence of copying: the texts are about other subjects (Corbel in the source, Strandline in this article)`)
}

// label is a relation's label as the pages write it, with what it means
// for a tooltip.
func label(r wiretrace.Relation) string {
	return fmt.Sprintf(`<span class="relation rel-%s" title="%s">%s</span>`, r, template.HTMLEscapeString(meanings[string(r)]), r)
}

// Every relation a page may show says what it means.
func TestRelationMeanings(t *testing.T) {
	for _, r := range []wiretrace.Relation{wiretrace.Copy, wiretrace.Spun, wiretrace.Partial,
		wiretrace.Related, wiretrace.Unrelated, provenance.Take} {
		if meaning(r) == "" {
			t.Errorf("%s has no meaning", r)
		}
	}
	for _, r := range []wiretrace.Rewording{wiretrace.Synonyms, wiretrace.Rewritten} {
		if meaning(r) == "" {
			t.Errorf("%s has no meaning", r)
		}
	}
	if meaning("something else") != "" {
		t.Error("an unknown relation has a meaning")
	}
}
