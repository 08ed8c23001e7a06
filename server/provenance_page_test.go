package server

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"golang.org/x/net/html"
)

// addRelay stores a copy of the flood story's light edit, trimmed and
// with a line of its own on top, published after it on another site: a
// copy of a copy, whose parent is the light edit, not the wire's story.
func addRelay(t *testing.T, ts *testServer) {
	t.Helper()
	paras := strings.Split(strings.TrimSpace(example(t, "flood/light-edit")), "\n\n")
	text := "From our partners\n\n" + strings.Join(paras[:len(paras)-2], "\n\n")
	_, err := ts.eng.AddOne(context.Background(), wiretrace.Article{
		ID: "flood-relay", Site: "riverbendreport.example", Title: "flood relay", Text: text,
		Published: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage,
	})
	if err != nil {
		t.Fatal(err)
	}
}

func parsePage(t *testing.T, r response) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the first element with the id, or nil.
func find(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode && attr(n, "id") == id {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, id); f != nil {
			return f
		}
	}
	return nil
}

// textOf is the text inside n, as a person reads it.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// treeOrder lists the members of a copy tree in document order, each
// indented by its depth: "flood-original", " flood-verbatim", ...
func treeOrder(n *html.Node) []string {
	var out []string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode && n.Data == "li" && strings.Contains(attr(n, "class"), "tree-member") {
			out = append(out, strings.Repeat(" ", depth)+attr(n, "data-id"))
			depth++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth)
		}
	}
	walk(n, 0)
	return out
}

// rowsOf lists the data-id (or another attribute) of the rows of a table.
func rowsOf(n *html.Node, key string) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && attr(n, key) != "" {
			out = append(out, attr(n, key))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// The story of a stored article: its origin with the confidence and the
// reasons, the timeline in the order the members appeared, and the copy
// tree with the copy of a copy under the copy it took from.
func TestStoryPage(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	addRelay(t, ts)
	if _, err := ts.eng.UpdateFamilies(context.Background(), engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	r := ts.do(t, "GET", "/trace?id=flood-relay", nil)
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.body)
	}
	doc := parsePage(t, r)
	origin := find(doc, "story-origin")
	if origin == nil {
		t.Fatal("no origin on the story page")
	}
	if o := textOf(origin); !strings.Contains(o, "flood original") || !strings.Contains(o, "meridianwire.example") ||
		!strings.Contains(o, "confidence high (") || !strings.Contains(o, "says it was published first") {
		t.Errorf("origin: %q", o)
	}
	timeline := rowsOf(find(doc, "timeline"), "data-id")
	want := []string{"flood-original", "flood-verbatim", "flood-light-edit", "flood-spun", "flood-relay", "flood-partial"}
	if fmt.Sprint(timeline) != fmt.Sprint(want) {
		t.Errorf("timeline %v, want %v", timeline, want)
	}
	tree := treeOrder(find(doc, "copy-tree"))
	wantTree := []string{"flood-original", " flood-verbatim", " flood-light-edit", "  flood-relay", " flood-spun", " flood-partial"}
	if fmt.Sprintf("%q", tree) != fmt.Sprintf("%q", wantTree) {
		t.Errorf("copy tree %q, want %q", tree, wantTree)
	}
	b := string(r.body)
	for _, s := range []string{
		`<tr class="member-row traced" data-id="flood-relay">`,
		label(wiretrace.Copy) + ` of flood light-edit <span class="note">(a copy of a copy)</span>`,
		`credit rebranded: Meridian Wire → Daily Wellness Digest`,
		// The spun copy says how it was reworded.
		label(wiretrace.Spun) + fmt.Sprintf(` <span class="rewording" title="%s">synonyms</span>`, template.HTMLEscapeString(meanings["synonyms"])),
		// The verbatim copy keeps the wire's credit; the partial copy
		// takes a passage that holds none and credits no one.
		`credit kept: Meridian Wire`,
		`credit not kept: Meridian Wire`,
		`href="/compare?source_id=flood-light-edit&amp;suspect_id=flood-relay"`,
		`<a class="site" href="/sites/dailydigesthub.example">`,
		`5 h later`,
		`<a class="member" href="/articles/flood-spun">flood spun</a>`,
	} {
		if !strings.Contains(b, s) {
			t.Errorf("story page lacks %s", s)
		}
	}
	safe(t, "story", r.body)

	// The link beside each parent compares the two stored articles.
	r = ts.do(t, "GET", "/compare?source_id=flood-light-edit&suspect_id=flood-relay", nil)
	if r.status != http.StatusOK || !strings.Contains(string(r.body), `<div class="side-by-side"`) || !strings.Contains(string(r.body), "flood relay") {
		t.Errorf("compare of two stored articles: %d", r.status)
	}
}

// A pasted text is traced as given; an article without family says so;
// one not stored is not found.
func TestStoryPageForms(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	r := ts.form(t, "/trace", map[string]string{"text": strings.ReplaceAll("Shared by a reader\n\n"+example(t, "flood/verbatim"), "\n", "\r\n")})
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.body)
	}
	doc := parsePage(t, r)
	if s := textOf(find(doc, "story-size")); !strings.Contains(s, "6 members") || !strings.Contains(s, "not stored") {
		t.Errorf("pasted text: %q", s)
	}
	if o := textOf(find(doc, "story-origin")); !strings.Contains(o, "flood original") {
		t.Errorf("pasted text: origin %q", o)
	}
	// Named by the ID it would be stored under.
	if !regexp.MustCompile(`<tr class="member-row traced" data-id="[0-9a-f]{16}">`).Match(r.body) {
		t.Error("the pasted text is not marked as the article traced, by the ID add would give it")
	}

	r = ts.do(t, "GET", "/trace?id=flood-independent", nil)
	if r.status != http.StatusOK || find(parsePage(t, r), "no-family") == nil {
		t.Errorf("independent report: %d, want the page saying it has no family", r.status)
	}
	r = ts.do(t, "GET", "/trace?id=no-such", nil)
	if r.status != http.StatusNotFound || !strings.Contains(string(r.body), "no-such") {
		t.Errorf("unknown id: %d", r.status)
	}
	r = ts.do(t, "GET", "/trace", nil)
	if r.status != http.StatusOK || !strings.Contains(string(r.body), `action="/trace"`) {
		t.Errorf("the form: %d", r.status)
	}
	r = ts.form(t, "/trace", map[string]string{"text": " "})
	if r.status != http.StatusBadRequest {
		t.Errorf("empty form: %d", r.status)
	}
}

// The check page leads to the story of each stored source and of a stored
// suspect, and offers to trace a pasted one; a stored article's page leads
// to its story; the navigation has the new pages.
func TestStoryLinks(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	r := ts.form(t, "/check", map[string]string{"text": "A reader's copy\n\n" + example(t, "flood/spun")})
	b := string(r.body)
	if r.status != http.StatusOK || !strings.Contains(b, `<a class="story-link" href="/trace?id=flood-spun">`) ||
		!strings.Contains(b, `<form method="post" action="/trace" class="inline">`) {
		t.Errorf("check of a pasted text: %d; no story links", r.status)
	}
	r = ts.form(t, "/check", map[string]string{"id": "flood-spun"})
	if !strings.Contains(string(r.body), `id="suspect-story" href="/trace?id=flood-spun"`) {
		t.Error("check of a stored article: no link to its story")
	}
	r = ts.do(t, "GET", "/articles/flood-spun", nil)
	if !strings.Contains(string(r.body), `id="article-story" href="/trace?id=flood-spun"`) {
		t.Error("article page: no link to its story")
	}
	for _, nav := range []string{`<a href="/families">Families</a>`, `<a href="/sites">Sites</a>`, `<a href="/trace">Story</a>`} {
		if !strings.Contains(string(r.body), nav) {
			t.Errorf("navigation lacks %s", nav)
		}
	}
}

func TestFamiliesPage(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	r := ts.do(t, "GET", "/families", nil)
	if r.status != http.StatusOK || !strings.Contains(textOf(find(parsePage(t, r), "families-status")), "never updated") ||
		find(parsePage(t, r), "no-families") == nil {
		t.Fatalf("before an update: %d %s", r.status, r.body)
	}
	ts.eng.UpdateFamilies(context.Background(), engine.FamiliesOptions{})
	r = ts.do(t, "GET", "/families", nil)
	doc := parsePage(t, r)
	if got := rowsOf(doc, "data-family"); fmt.Sprint(got) != "[flood-spun strike-spun]" {
		t.Errorf("families %v, want both stories, each named by its member stored first", got)
	}
	if s := textOf(find(doc, "families-status")); !strings.Contains(s, "up to date") {
		t.Errorf("status %q", s)
	}
	if !strings.Contains(string(r.body), `<a class="story-link" href="/trace?id=flood-spun">flood-spun</a>`) {
		t.Error("a family does not link to its story")
	}
	for q, want := range map[string]string{
		"since=2026-03-04&site=&min_size=2": "[strike-spun]",
		"site=DailyDigestHub.example":       "[flood-spun strike-spun]",
		"min_size=6":                        "[]",
	} {
		r := ts.do(t, "GET", "/families?"+q, nil)
		if got := rowsOf(parsePage(t, r), "data-family"); r.status != 200 || fmt.Sprint(got) != want {
			t.Errorf("%s: %d %v, want %s", q, r.status, got, want)
		}
	}
	// The form shows the filter it was given.
	if r := ts.do(t, "GET", "/families?since=2026-03-04", nil); !strings.Contains(string(r.body), `name="since" value="2026-03-04"`) {
		t.Error("the filter form forgot its value")
	}
	if r := ts.do(t, "GET", "/families?since=soon", nil); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "since") {
		t.Errorf("bad since: %d", r.status)
	}
	ts.do(t, "POST", "/v1/articles", map[string]any{"id": "late", "text": "Late copy\n\n" + example(t, "flood/verbatim")}, auth)
	if s := textOf(find(parsePage(t, ts.do(t, "GET", "/families", nil)), "families-status")); !strings.Contains(s, "1 stored article is not linked yet") {
		t.Errorf("status after an add: %q", s)
	}
}

func TestSitesPages(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	r := ts.do(t, "GET", "/sites", nil)
	doc := parsePage(t, r)
	ranking := rowsOf(find(doc, "site-ranking"), "data-site")
	want, _ := ts.eng.SiteProfiles(context.Background(), "")
	var wantSites []string
	for _, p := range want {
		wantSites = append(wantSites, p.Site)
	}
	if r.status != 200 || len(ranking) < 2 || fmt.Sprint(ranking) != fmt.Sprint(wantSites) || ranking[len(ranking)-1] != "meridianwire.example" {
		t.Fatalf("ranking %v, want %v, the wire last", ranking, wantSites)
	}
	if !strings.Contains(string(r.body), "evidence to read, not a verdict") || !strings.Contains(string(r.body), `<a class="site-link" href="/sites/dailydigesthub.example">`) {
		t.Error("the ranking does not say it is evidence, or does not link to the profiles")
	}

	r = ts.do(t, "GET", "/sites/dailydigesthub.example", nil)
	doc = parsePage(t, r)
	for id, want := range map[string]string{
		"fig-articles": "2", "fig-taken": "2 (100% of its articles): 2 spun", "fig-uncredited": "2", "fig-rebranded": "2",
		"fig-kept": "0", "fig-quotes": "4", "fig-lag": "5 h", "fig-originated": "0",
	} {
		if got := textOf(find(doc, id)); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	examples := find(doc, "site-examples")
	if examples == nil || !strings.Contains(string(r.body), `href="/compare?source_id=flood-original&amp;suspect_id=flood-spun"`) ||
		!strings.Contains(string(r.body), `<a class="story-link" href="/trace?id=strike-spun">strike-spun</a>`) {
		t.Error("the profile's example pairs do not link to their story and their comparison")
	}
	r = ts.do(t, "GET", "/sites/nowhere.example", nil)
	if r.status != http.StatusNotFound || !strings.Contains(string(r.body), "nowhere.example") {
		t.Errorf("unknown site: %d", r.status)
	}
}

// Text of a hostile article, its title and its sites show as text on
// every provenance page, and nothing in them becomes an element.
func TestProvenancePagesEscape(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	text := hostile(t)
	spun := strings.NewReplacer("approved", "endorsed", "argument", "dispute", "Coastline Wire", "Gull Island Daily").Replace(text)
	evilSite := `<img src=x onerror=alert("site")>.example`
	as := []wiretrace.Article{
		{ID: `hostile<script>alert("id")</script>`, Text: text, Site: "coastlinewire.example", URL: `javascript:alert("url")`, Title: `<b onmouseover=alert(1)>title</b>`,
			Published: time.Date(2026, 5, 9, 8, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage},
		{ID: "hostile-copy", Text: spun, Site: evilSite, Title: `"><script>alert("copy")</script>`,
			Published: time.Date(2026, 5, 9, 12, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage},
	}
	if _, err := ts.eng.Add(context.Background(), as...); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.eng.UpdateFamilies(context.Background(), engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	pages := map[string]response{
		"story":        ts.do(t, "GET", "/trace?id=hostile-copy", nil),
		"story of id":  ts.do(t, "GET", "/trace?id="+url.QueryEscape(as[0].ID), nil),
		"pasted story": ts.form(t, "/trace", map[string]string{"text": spun}),
		"families":     ts.do(t, "GET", "/families?site="+url.QueryEscape(evilSite), nil),
		"sites":        ts.do(t, "GET", "/sites", nil),
		"site":         ts.do(t, "GET", "/sites/"+url.PathEscape(evilSite), nil),
		"check":        ts.form(t, "/check", map[string]string{"text": spun}),
	}
	for name, r := range pages {
		if r.status != http.StatusOK {
			t.Errorf("%s: %d %s", name, r.status, r.body)
			continue
		}
		safe(t, name, r.body)
	}
	b := string(pages["story"].body)
	for _, s := range []string{`&lt;b onmouseover=alert(1)&gt;title&lt;/b&gt;`, `&lt;img src=x onerror=alert(&#34;site&#34;)&gt;.example`, `&#34;&gt;&lt;script&gt;alert(&#34;copy&#34;)&lt;/script&gt;`} {
		if !strings.Contains(b, s) {
			t.Errorf("story page does not show %s as text", s)
		}
	}
	if strings.Contains(b, `href="javascript`) {
		t.Error("story page links a javascript: URL")
	}
	if got := rowsOf(parsePage(t, pages["families"]), "data-family"); len(got) != 1 {
		t.Errorf("families on the hostile site: %v", got)
	}
	if !strings.Contains(string(pages["site"].body), `&lt;img src=x onerror=alert(&#34;site&#34;)&gt;.example`) {
		t.Error("site page does not show the site's name as text")
	}
}

// Two takes of one wire story that share no text: the story page tells
// the later as a take of the earlier's story, with no score, not as a
// copy of a copy.
func TestStoryPageTakes(t *testing.T) {
	eng := newTestEngine(t)
	filed := time.Date(2026, 2, 9, 10, 2, 0, 0, time.UTC)
	takes := []wiretrace.Article{
		{ID: "quay-1", Site: "northgate.example", Slug: "COURTS Quay", Published: filed, PublishedFrom: wiretrace.FromFeed,
			Text: "A harbour master was fined today for letting a cargo ship berth at a quay closed for repairs, magistrates in Dunmere heard."},
		{ID: "quay-2", Site: "northgate.example", Slug: "COURTS Quay", Published: filed.Add(40 * time.Minute), PublishedFrom: wiretrace.FromFeed,
			Text: "Outside court the port's owners said new rules for closed berths would be posted on every gangway by the end of the month."},
	}
	if _, err := eng.Add(context.Background(), takes...); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.UpdateFamilies(context.Background(), engine.FamiliesOptions{}); err != nil {
		t.Fatal(err)
	}
	ts := serveEngine(t, eng, Config{}, nil)
	r := ts.do(t, "GET", "/trace?id=quay-2", nil)
	if r.status != http.StatusOK {
		t.Fatalf("story page: %d %s", r.status, r.body)
	}
	row := find(parsePage(t, r), "timeline")
	if row == nil {
		t.Fatal("story page has no timeline")
	}
	text := textOf(row)
	if !strings.Contains(text, "take of quay-1's story") || strings.Contains(text, "copy of a copy") || strings.Contains(text, "0.00") {
		t.Errorf("timeline %q: want quay-2 told as a take of quay-1's story, with no score", text)
	}
}

// A stored article's story page offers the story as a page that stands
// alone, to download: the same story, with no link to the server.
func TestStoryPageReport(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	r := ts.do(t, "GET", "/trace?id=flood-spun", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `<a id="save-story" href="/trace?as=report&amp;id=flood-spun">`) {
		t.Fatalf("story page: %d, no link to save it:\n%s", r.status, r.body)
	}
	r = ts.do(t, "GET", "/trace?as=report&id=flood-spun", nil)
	b := string(r.body)
	if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="wiretrace-report.html"` {
		t.Fatalf("report: %d %q", r.status, r.header.Get("Content-Disposition"))
	}
	for _, want := range []string{"<style>", `id="story-origin"`, `id="copy-tree"`, `<span class="member">flood original</span>`} {
		if !strings.Contains(b, want) {
			t.Errorf("story report lacks %s", want)
		}
	}
	if strings.Contains(b, `href="/`) || strings.Contains(b, `id="save-story"`) {
		t.Errorf("the story report links to the server's pages")
	}
	// A text traced from the form, stored or not, the same way.
	r = ts.form(t, "/trace", map[string]string{"text": example(t, "flood/verbatim"), "as": "report"})
	if r.status != 200 || r.header.Get("Content-Disposition") == "" || !strings.Contains(string(r.body), `id="copy-tree"`) {
		t.Errorf("report of a text traced from the form: %d %q", r.status, r.header.Get("Content-Disposition"))
	}
	if r := ts.do(t, "GET", "/trace", nil); !strings.Contains(string(r.body), `id="save-story-report" name="as" value="report"`) {
		t.Errorf("the trace form offers no report")
	}
}

// The families, sites and site pages offer themselves as pages that stand
// alone, to download: the same families with their stories, the ranking
// with every profile, one profile; no link to the server.
func TestProvenancePageReports(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	for _, c := range []struct {
		page, link, report string
		want               []string
	}{
		{"/families?min_size=3", `<a id="save-families" href="/families?as=report&amp;min_size=3">`, "/families?as=report&min_size=3",
			[]string{"in families of at least 3", `<article class="family-story" id="family-1">`, `id="family-1-copy-tree"`}},
		{"/sites", `<a id="save-sites" href="/sites?as=report">`, "/sites?as=report",
			[]string{`id="site-ranking"`, `<section class="result site-profile" id="site-1">`, `<td>rebranded</td>`}},
		{"/sites/dailydigesthub.example", `<a id="save-site" href="/sites/dailydigesthub.example?as=report">`, "/sites/dailydigesthub.example?as=report",
			[]string{`<h1>Site <q>dailydigesthub.example</q></h1>`, `id="fig-rebranded">2</dd>`}},
	} {
		r := ts.do(t, "GET", c.page, nil)
		if r.status != 200 || !strings.Contains(string(r.body), c.link) {
			t.Errorf("%s: %d, no link %s", c.page, r.status, c.link)
		}
		r = ts.do(t, "GET", c.report, nil)
		b := string(r.body)
		if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="wiretrace-report.html"` {
			t.Errorf("%s: %d %q", c.report, r.status, r.header.Get("Content-Disposition"))
			continue
		}
		for _, want := range c.want {
			if !strings.Contains(b, want) {
				t.Errorf("%s lacks %s", c.report, want)
			}
		}
		if strings.Contains(b, `href="/`) {
			t.Errorf("%s links to the server's pages", c.report)
		}
	}
	if r := ts.do(t, "GET", "/sites?as=report&x=1", nil); r.status != 400 {
		t.Errorf("an unknown parameter beside as=report: %d", r.status)
	}
}
