package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/fetch"
	"github.com/wiretrace/wiretrace/text"
	"github.com/wiretrace/wiretrace/warc"
)

// The HTML fixtures are extract's, pages written in the shapes of real
// news pages.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "extract", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func writeFiles(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func collect(t testing.TB, opts Options, stdin []byte, paths ...string) []Item {
	t.Helper()
	var items []Item
	var in *bytes.Reader
	if stdin != nil {
		in = bytes.NewReader(stdin)
	}
	err := ReadWith(context.Background(), paths, in, opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadWith: %v", err)
	}
	return items
}

func inputs(items []Item) []string {
	var s []string
	for _, it := range items {
		s = append(s, it.Input)
	}
	return s
}

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Valley Times</title>
<link>https://www.valleytimes.example/</link>
<item>
 <title>Rail line reopens after landslip repairs</title>
 <link>https://www.valleytimes.example/news/rail-line-reopens</link>
 <dc:creator>Priya Nair</dc:creator>
 <pubDate>Tue, 20 Jan 2026 08:30:00 +0000</pubDate>
 <description>Trains are back.</description>
 <content:encoded><![CDATA[<p>Trains returned to the Dale Valley line on Monday.</p><p>Advertisement</p><p>Engineers removed 12,000 tonnes of earth.</p>]]></content:encoded>
</item>
<item>
 <title>Teaser only</title>
 <link>https://www.valleytimes.example/news/teaser-only</link>
 <description>A short teaser is no article.</description>
</item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Metro Ledger</title>
 <link href="https://metroledger.example/"/>
 <entry>
  <title>City budget gap widens</title>
  <link href="https://metroledger.example/politics/budget-gap"/>
  <author><name>Carla Dunne</name></author>
  <published>2026-05-19T14:05:00-04:00</published>
  <content type="html">&lt;p&gt;The city's budget shortfall is $210 million.&lt;/p&gt;</content>
 </entry>
</feed>`

func TestReadHTMLAndFeeds(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"a-page.html":        fixture(t, "jsonld-article.html"),
		"b-page.htm.gz":      gz(fixture(t, "amp.html")),
		"c-saved-page":       fixture(t, "paywall.html"), // no extension: sniffed
		"d-feed.rss":         []byte(rssFeed),
		"e-feed.xml.gz":      gz([]byte(atomFeed)),
		"f-notes.txt.gz":     gz([]byte("Tide tables\nHigh water at 06:12.")),
		"g-lines.jsonl.gz":   gz([]byte(`{"id":"g1","url":"https://www.coastlinepost.co.uk/x","html":"<html><body><article><h1>Quay</h1><p>Repairs to the quay began on Monday and will take six weeks.</p></article></body></html>"}` + "\n")),
		"h-broken-feed.atom": []byte("<feed><entry><title>x</title>"),
	})
	items := collect(t, Options{Workers: 1}, nil, dir)
	j := func(s string) string { return filepath.Join(dir, s) }
	want := []string{
		j("a-page.html"), j("b-page.htm.gz"), j("c-saved-page"),
		j("d-feed.rss") + "#1", j("d-feed.rss") + "#2", j("e-feed.xml.gz") + "#1",
		j("f-notes.txt.gz"), j("g-lines.jsonl.gz") + ":1", j("h-broken-feed.atom"),
	}
	if !slices.Equal(inputs(items), want) {
		t.Fatalf("inputs\n%q\nwant\n%q", inputs(items), want)
	}
	byInput := map[string]Item{}
	for _, it := range items {
		byInput[it.Input] = it
	}

	a := byInput[j("a-page.html")]
	if a.Err != nil || a.Format != "html" || a.Article.Title != "Flood barrier holds as river peaks in Wexbridge" ||
		a.Article.URL != "/news/2026/03/flood-barrier-holds-wexbridge" && a.Article.URL != "" ||
		!a.Article.Published.Equal(time.Date(2026, 3, 4, 6, 15, 0, 0, time.UTC)) || a.Meta == nil || a.Meta.Byline != "Maria Lund" {
		t.Errorf("html page: %+v %+v", a, a.Meta)
	}
	if !slices.Equal(a.Article.Byline, []string{"Maria Lund"}) || a.Article.Language == "" || a.Article.PublishedFrom != wiretrace.FromPage || !a.Article.FirstSeen.IsZero() {
		t.Errorf("html page metadata in the article: byline %q, canonical %q, language %q, published from %q, first seen %v", a.Article.Byline, a.Article.Canonical, a.Article.Language, a.Article.PublishedFrom, a.Article.FirstSeen)
	}
	if strings.Contains(a.Article.Text, "Advertisement") || !strings.Contains(a.Article.Text, "WEXBRIDGE, March 4") {
		t.Errorf("html text: %s", a.Article.Text)
	}
	b := byInput[j("b-page.htm.gz")]
	if b.Err != nil || b.Article.URL != "https://www.valleytimes.example/news/rail-line-reopens-landslip" || b.Article.Site != "valleytimes.example" {
		t.Errorf("gzipped AMP page: err %v, url %q, site %q", b.Err, b.Article.URL, b.Article.Site)
	}
	c := byInput[j("c-saved-page")]
	if c.Err != nil || c.Format != "html" || c.Article.Site != "metroledger.example" || strings.Contains(c.Article.Text, "Subscribe") {
		t.Errorf("sniffed page: %v %q %q", c.Err, c.Article.Site, c.Article.Text)
	}
	rss := byInput[j("d-feed.rss")+"#1"]
	if rss.Err != nil || rss.Format != "feed" || rss.Article.Site != "valleytimes.example" || rss.Meta.Byline != "Priya Nair" ||
		rss.Article.Text != "Rail line reopens after landslip repairs\n\nPriya Nair\n\nTrains returned to the Dale Valley line on Monday.\n\nEngineers removed 12,000 tonnes of earth." ||
		!rss.Article.Published.Equal(time.Date(2026, 1, 20, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("rss item: %v %+v %+v", rss.Err, rss.Article, rss.Meta)
	}
	if r := SkipReason(byInput[j("d-feed.rss")+"#2"].Err); r != SkipNoContent {
		t.Errorf("feed item without content: %v", byInput[j("d-feed.rss")+"#2"].Err)
	}
	atom := byInput[j("e-feed.xml.gz")+"#1"]
	if atom.Err != nil || atom.Article.URL != "https://metroledger.example/politics/budget-gap" ||
		!atom.Article.Published.Equal(time.Date(2026, 5, 19, 18, 5, 0, 0, time.UTC)) || !strings.Contains(atom.Article.Text, "$210 million") {
		t.Errorf("atom entry: %v %+v", atom.Err, atom.Article)
	}
	if f := byInput[j("f-notes.txt.gz")]; f.Err != nil || f.Article.Text != "Tide tables\nHigh water at 06:12." || f.Article.Title != "Tide tables" {
		t.Errorf("gzipped text: %+v", f)
	}
	g := byInput[j("g-lines.jsonl.gz")+":1"]
	if g.Err != nil || g.Article.ID != "g1" || g.Article.Site != "coastlinepost.co.uk" || g.Article.Text != "Quay\n\nRepairs to the quay began on Monday and will take six weeks." {
		t.Errorf("json line with html: %v %+v", g.Err, g.Article)
	}
	if h := byInput[j("h-broken-feed.atom")]; !errors.Is(h.Err, ErrFeed) {
		t.Errorf("broken feed: %v", h.Err)
	}
}

// crawl writes a WARC file with the kinds of records a news crawl holds
// and returns it with the offset of each record.
func crawl(t testing.TB, compress bool) ([]byte, []int64) {
	t.Helper()
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, compress)
	date := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	var offsets []int64
	resp := func(uri, status, ctype string, body []byte) {
		offsets = append(offsets, int64(buf.Len()))
		msg := "HTTP/1.1 " + status + "\r\n"
		if ctype != "" {
			msg += "Content-Type: " + ctype + "\r\n"
		}
		if strings.HasPrefix(status, "301") {
			msg += "Location: https://news.example/moved\r\n"
		}
		msg += "\r\n"
		if err := w.WriteResponse(uri, date, append([]byte(msg), body...)); err != nil {
			t.Fatal(err)
		}
	}
	offsets = append(offsets, int64(buf.Len()))
	w.WriteRecord([]warc.Field{{Name: "WARC-Type", Value: "warcinfo"}, {Name: "Content-Type", Value: "application/warc-fields"}}, []byte("software: test\r\n"))
	offsets = append(offsets, int64(buf.Len()))
	w.WriteRequest("https://www.northerncourier.example/news/flood", date, []byte("GET /news/flood HTTP/1.1\r\n\r\n"))
	resp("https://www.northerncourier.example/news/flood", "200 OK", "text/html; charset=utf-8", fixture(t, "jsonld-article.html"))
	resp("https://news.example/old", "301 Moved Permanently", "text/html", nil)
	resp("https://news.example/missing", "404 Not Found", "text/html", []byte("<html><body>Not found</body></html>"))
	resp("https://news.example/logo.png", "200 OK", "image/png", []byte("\x89PNG\r\n\x1a\n"))
	// No metadata date: the capture date stands in.
	resp("https://www.coastlinepost.co.uk/local/strike", "200 OK", "", []byte("<html><body><article><h1>Strike vote</h1><p>Dock workers at Porthaven harbour have voted to strike after talks on pay broke down, their union said.</p></article></body></html>"))
	resp("https://news.example/empty", "200 OK", "text/html", []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"))
	resp("https://news.example/last", "200 OK", "text/html", fixture(t, "amp.html"))
	return buf.Bytes(), offsets
}

func TestReadWARC(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			data, off := crawl(t, compress)
			name := "crawl.warc"
			if compress {
				name += ".gz"
				// Garble the middle of the 404's record: one corrupt
				// record among good ones.
				mid := (off[4] + off[5]) / 2
				for i := mid; i < mid+6; i++ {
					data[i] ^= 0xa5
				}
			}
			dir := writeFiles(t, map[string][]byte{name: data})
			p := filepath.Join(dir, name)
			items := collect(t, Options{Workers: 3}, nil, p)
			at := func(i int) string { return fmt.Sprintf("%s@%d", p, off[i]) }
			type row struct{ input, status string }
			want := []row{
				{at(0), "skip warcinfo record"},
				{at(1), "skip request record"},
				{at(2), "article"},
				{at(3), "skip " + SkipRedirect},
				{at(4), "skip " + SkipStatus},
				{at(5), "skip " + SkipNotHTML},
				{at(6), "article"},
				{at(7), "skip " + SkipNoText},
				{at(8), "article"},
			}
			if compress {
				want[4] = row{at(4), "error"}
			}
			var got []row
			for _, it := range items {
				status := "article"
				if r := SkipReason(it.Err); r != "" {
					status = "skip " + r
				} else if it.Err != nil {
					status = "error"
				}
				got = append(got, row{it.Input, status})
			}
			if !slices.Equal(got, want) {
				t.Fatalf("items\n%v\nwant\n%v", got, want)
			}
			if compress && !errors.Is(items[4].Err, warc.ErrCorrupt) {
				t.Errorf("corrupt record: %v", items[4].Err)
			}
			for _, it := range items[:2] {
				if !IsRoutine(it.Err) {
					t.Errorf("%s: %v is not routine", it.Input, it.Err)
				}
			}
			flood, strike := items[2], items[6]
			if flood.Format != "warc" || flood.Article.URL != "https://www.northerncourier.example/news/flood" || flood.Article.Site != "northerncourier.example" ||
				!flood.Article.Published.Equal(time.Date(2026, 3, 4, 6, 15, 0, 0, time.UTC)) || flood.Article.PublishedFrom != wiretrace.FromPage ||
				!flood.Article.FirstSeen.Equal(time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)) || flood.Article.FirstSeenFrom != wiretrace.FromCrawl {
				t.Errorf("flood page: %+v %+v", flood.Article, flood.Meta)
			}
			// A page that gives no date has none: the capture time is
			// when it was seen, not when it was published.
			if strike.Article.Site != "coastlinepost.co.uk" || !strike.Article.Published.IsZero() || strike.Article.PublishedFrom != "" ||
				!strike.Article.FirstSeen.Equal(time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)) || strike.Article.FirstSeenFrom != wiretrace.FromCrawl {
				t.Errorf("page without a date: site %q, published %v from %q, first seen %v from %q", strike.Article.Site, strike.Article.Published, strike.Article.PublishedFrom, strike.Article.FirstSeen, strike.Article.FirstSeenFrom)
			}
		})
	}
}

func TestReadWARCTruncated(t *testing.T) {
	data, off := crawl(t, true)
	last := off[len(off)-1]
	data = data[:last+(int64(len(data))-last)/2]
	dir := writeFiles(t, map[string][]byte{"cut.warc.gz": data})
	items := collect(t, Options{Workers: 2}, nil, dir)
	lastItem := items[len(items)-1]
	if want := fmt.Sprintf("%s@%d", filepath.Join(dir, "cut.warc.gz"), last); lastItem.Input != want || !errors.Is(lastItem.Err, warc.ErrTruncated) {
		t.Fatalf("last item %s: %v; want %s truncated", lastItem.Input, lastItem.Err, want)
	}
	if items[2].Err != nil {
		t.Fatalf("first page: %v", items[2].Err)
	}
}

func TestReadStdinFormats(t *testing.T) {
	warcData, _ := crawl(t, true)
	for _, tt := range []struct {
		name   string
		stdin  []byte
		format string
		input  string
	}{
		{"html", fixture(t, "amp.html"), "html", "-"},
		{"gzip html", gz(fixture(t, "amp.html")), "html", "-"},
		{"gzip json lines", gz([]byte(`{"text":"Ferries sail again."}`)), "jsonl", "-:1"},
		{"warc.gz", warcData, "warc", "-@"},
		{"rss", []byte(rssFeed), "feed", "-#1"},
		{"text", []byte("Plain words."), "text", "-"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			items := collect(t, Options{Workers: 1}, tt.stdin, "-")
			// A crawl's first records are routine skips.
			for len(items) > 0 && IsRoutine(items[0].Err) {
				items = items[1:]
			}
			if len(items) == 0 || items[0].Format != tt.format || !strings.HasPrefix(items[0].Input, tt.input) || items[0].Err != nil {
				t.Fatalf("items %+v", items)
			}
		})
	}
}

func TestReadURL(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/news/flood", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(fixture(t, "jsonld-article.html"))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rssFeed))
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/flood", http.StatusMovedPermanently)
	})
	s := httptest.NewServer(mux)
	defer s.Close()

	items := collect(t, Options{Workers: 2, Fetch: fetch.New(fetch.Options{AllowPrivate: true})}, nil, s.URL+"/old", s.URL+"/feed", s.URL+"/nothing")
	if len(items) != 4 {
		t.Fatalf("items %q", inputs(items))
	}
	page := items[0]
	if page.Input != s.URL+"/old" || page.Err != nil || page.Article.URL != s.URL+"/news/flood" || page.Article.Site != "127.0.0.1" || page.Meta.Byline != "Maria Lund" {
		t.Errorf("page: %v %+v", page.Err, page.Article)
	}
	if items[1].Input != s.URL+"/feed#1" || items[1].Err != nil {
		t.Errorf("feed: %+v", items[1])
	}
	var se *fetch.StatusError
	if !errors.As(items[3].Err, &se) {
		t.Errorf("missing page: %v", items[3].Err)
	}

	// Without --allow-private the guard refuses the local server, and
	// without a fetcher URLs are refused outright.
	items = collect(t, Options{Fetch: fetch.New(fetch.Options{})}, nil, s.URL+"/news/flood")
	if len(items) != 1 || !errors.Is(items[0].Err, fetch.ErrForbiddenAddress) {
		t.Errorf("guarded fetch: %+v", items)
	}
	items = collect(t, Options{}, nil, s.URL+"/news/flood")
	if len(items) != 1 || !errors.Is(items[0].Err, ErrNoFetch) {
		t.Errorf("no fetcher: %+v", items)
	}
}

// Many workers give the same items in the same order as one.
func TestReadParallelKeepsOrder(t *testing.T) {
	files := map[string][]byte{}
	var lines strings.Builder
	for i := range 200 {
		fmt.Fprintf(&lines, `{"id":"l%d","text":"Line %d of the harbour log."}`+"\n", i, i)
		if i%7 == 0 {
			lines.WriteString("not json\n")
		}
	}
	files["log.jsonl"] = []byte(lines.String())
	for i := range 30 {
		files[fmt.Sprintf("pages/%02d.html", i)] = fixture(t, []string{"jsonld-article.html", "amp.html", "paywall.html", "sidebar-comments.html"}[i%4])
		files[fmt.Sprintf("notes/%02d.txt", i)] = []byte(fmt.Sprintf("Note %d about the tide.", i))
	}
	warcData, _ := crawl(t, true)
	files["crawl.warc.gz"] = warcData
	dir := writeFiles(t, files)
	render := func(items []Item) string {
		var b strings.Builder
		for _, it := range items {
			fmt.Fprintf(&b, "%s %v %+v %+v\n", it.Input, it.Err, it.Article, it.Meta)
		}
		return b.String()
	}
	one := render(collect(t, Options{Workers: 1}, nil, dir))
	for _, w := range []int{2, 8} {
		if many := render(collect(t, Options{Workers: w}, nil, dir)); many != one {
			t.Fatalf("%d workers gave other items than one", w)
		}
	}
}

func TestReadParallelStops(t *testing.T) {
	var lines strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&lines, `{"text":"Line %d."}`+"\n", i)
	}
	dir := writeFiles(t, map[string][]byte{"a.jsonl": []byte(lines.String())})
	stop := errors.New("stop")
	n := 0
	err := ReadWith(context.Background(), []string{dir}, nil, Options{Workers: 4}, func(it Item) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if err != stop || n != 10 {
		t.Fatalf("ReadWith = %v after %d items, want stop after 10", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = ReadWith(ctx, []string{dir}, nil, Options{Workers: 4}, func(it Item) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 10 {
		t.Fatalf("ReadWith = %v after %d items, want Canceled after 10", err, n)
	}
}

func TestSiteOf(t *testing.T) {
	for _, tt := range []struct{ url, site string }{
		{"https://www.bbc.co.uk/news/world-123", "bbc.co.uk"},
		{"https://edition.cnn.com/2026/01/01/x", "cnn.com"},
		{"http://News.Example.ORG./a", "example.org"},
		{"https://user:pw@blog.example.com:8443/p", "example.com"},
		{"https://example.github.io/post", "example.github.io"},
		{"http://127.0.0.1:8080/x", "127.0.0.1"},
		{"http://[::1]/x", "::1"},
		{"http://localhost/x", "localhost"},
		{"/relative/path", ""},
		{"", ""},
		{"not a url", ""},
	} {
		if got := SiteOf(tt.url); got != tt.site {
			t.Errorf("SiteOf(%q) = %q, want %q", tt.url, got, tt.site)
		}
	}
}

// The --site option names the site of articles that do not name one.
func TestReadSiteOption(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"a.txt":   []byte("A note."),
		"b.jsonl": []byte(`{"site":"own.example","text":"Own site."}` + "\n" + `{"url":"https://www.other.example/x","text":"With a URL."}` + "\n"),
	})
	items := collect(t, Options{Site: "given.example"}, nil, dir)
	var sites []string
	for _, it := range items {
		sites = append(sites, it.Article.Site)
	}
	if want := []string{"given.example", "own.example", "given.example"}; !slices.Equal(sites, want) {
		t.Fatalf("sites %q, want %q", sites, want)
	}
}

// In a directory, a saved page's images, styles and scripts are skipped by
// name; named on the command line, a file is read whatever its name.
func TestReadAssets(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"page.html":            fixture(t, "amp.html"),
		"page_files/style.css": []byte("body { color: black }"),
		"page_files/logo.PNG":  []byte("\x89PNG\r\n\x1a\n\x00\x00"),
		// A folder of articles with its read-me and code: no articles.
		"README.md":    []byte("# Notes\n\nThese are the notes of the folder.\n"),
		"tool.go":      []byte("package tool\n\nfunc main() {}\n"),
		"story":        []byte("A story in a file without an extension is read.\n"),
		"wire.txt.gz":  gzipped([]byte("A compressed story is read.\n")),
		"notes.csv.gz": gzipped([]byte("a,b\n1,2\n")),
	})
	items := collect(t, Options{}, nil, dir, filepath.Join(dir, "page_files", "logo.PNG"), filepath.Join(dir, "README.md"))
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%s %s %v", filepath.Base(it.Input), SkipReason(it.Err), errors.Is(it.Err, text.ErrBinary)))
	}
	want := []string{
		"README.md not an article file false", "notes.csv.gz not an article file false", "page.html  false",
		"logo.PNG not an article file false", "style.css not an article file false",
		"story  false", "tool.go not an article file false", "wire.txt.gz  false",
		// Named on the command line, files are read whatever their name.
		"logo.PNG  true", "README.md  false",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("items %q\nwant %q", got, want)
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// Every record of a crawl is accounted for: response records are read by
// their block whatever their Content-Type says, and each record that is
// not an article is skipped with its reason. Before, responses without
// "application/http" were passed over in silence, and with them every page
// of a crawl whose writer left it out.
func TestReadWARCResponseTypes(t *testing.T) {
	items := collect(t, Options{Workers: 2}, nil, filepath.Join("testdata", "warc-response-types", "crawl.warc"))
	type row struct {
		url, status string
		routine     bool
	}
	want := []row{
		{"", "skip warcinfo record", true},
		{"https://www.islandgazette.example/ferry", "skip request record", true},
		{"https://www.islandgazette.example/ferry", "article Ferry timetable changes from Monday", false},
		{"https://www.islandgazette.example/ferry", "skip metadata record", true},
		{"https://www.islandgazette.example/library", "article Library extends weekend hours", false},
		{"https://www.islandgazette.example/harbour", "article Harbour wall repairs begin", false},
		{"dns:www.islandgazette.example", "skip " + SkipDNS, true},
		{"https://www.islandgazette.example/feed.bin", "skip " + SkipNotHTTP + ": application/octet-stream", false},
		{"https://www.islandgazette.example/ferry", "skip " + SkipRevisit + ": https://www.islandgazette.example/ferry", false},
		{"https://www.islandgazette.example/ferry", "skip " + SkipRecordType + ": conversion", false},
		{"https://www.islandgazette.example/untyped", "skip " + SkipRecordType + ": no WARC-Type", false},
	}
	var got []row
	for _, it := range items {
		r := row{url: it.Article.URL, routine: IsRoutine(it.Err)}
		switch {
		case SkipReason(it.Err) != "":
			r.status = "skip " + it.Err.Error()
		case it.Err != nil:
			r.status = "error " + it.Err.Error()
		default:
			r.status = "article " + it.Article.Title
		}
		got = append(got, r)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("items\n%v\nwant\n%v", got, want)
	}
}

// A URL of a scheme wiretrace does not fetch says so, rather than that no
// such file exists.
func TestReadUnsupportedScheme(t *testing.T) {
	for _, p := range []string{"file:///srv/news/story.html", "ftp://archive.example/story.txt", "FILE://x", "s3+https://bucket/key"} {
		items := collect(t, Options{}, nil, p)
		if len(items) != 1 || !errors.Is(items[0].Err, fetch.ErrScheme) || items[0].Input != p {
			t.Errorf("%s: %+v, want one item failing with fetch.ErrScheme", p, items)
			continue
		}
		if msg := items[0].Err.Error(); !strings.Contains(msg, "unsupported URL scheme") {
			t.Errorf("%s: %q", p, msg)
		}
	}
	for p, want := range map[string]bool{"file:///a": true, "ftp://h/x": true, "a+b.c-d://x": true, "dir/a://b": false, "://x": false, "file://": false, "1x://y": false, "plain.txt": false} {
		if _, ok := urlScheme(p); ok != want {
			t.Errorf("urlScheme(%q) ok = %v, want %v", p, ok, want)
		}
	}
}
