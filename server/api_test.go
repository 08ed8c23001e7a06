package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/fetch"
	"github.com/wiretrace/wiretrace/internal/synth"
)

// The API sends what the engine returns, the object the command line
// prints: a check over HTTP and a check called in process agree field for
// field.
func TestCheckSendsTheEnginesResult(t *testing.T) {
	ts := newTestServer(t, Config{})
	spun := example(t, "flood/spun")
	r := ts.do(t, "POST", "/v1/check", map[string]any{"text": spun, "top": 3})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var got engine.CheckResult
	r.json(t, &got)
	ms, err := ts.eng.Check(context.Background(), wiretrace.Article{Text: spun}, engine.CheckOptions{Top: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := engine.CheckResult{Matches: ms}
	// Times go through JSON; compare the JSON of both.
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if !bytes.Equal(wj, gj) {
		t.Fatalf("API result differs from the engine's:\n got %s\nwant %s", gj, wj)
	}
	if len(got.Matches) == 0 || got.Matches[0].ID != ts.ids["flood/original"] || got.Matches[0].Relation != wiretrace.Spun {
		t.Fatalf("top match %+v, want the flood original, spun", got.Matches)
	}
	if c := got.Matches[0].Credit; c == nil || !c.Rebranded {
		t.Fatalf("credit %+v, want rebranded", got.Matches[0].Credit)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("headers %v", r.header)
	}
}

// An HTML suspect is extracted; the result carries the extracted text, and
// every suspect offset falls inside it.
func TestCheckHTML(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, "POST", "/v1/check", map[string]any{"html": pageOf(t, "flood/spun"), "url": "https://wellness.example.net/flood"})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var got engine.CheckResult
	r.json(t, &got)
	if got.Suspect == nil || got.Suspect.Text == "" || got.Suspect.Site != "example.net" {
		t.Fatalf("suspect %+v", got.Suspect)
	}
	if strings.Contains(got.Suspect.Text, "Contact us") || strings.Contains(got.Suspect.Text, "<p>") {
		t.Errorf("extracted text kept the page's furniture or markup: %q", got.Suspect.Text[:200])
	}
	if len(got.Matches) == 0 || got.Matches[0].ID != ts.ids["flood/original"] {
		t.Fatalf("matches %+v", got.Matches)
	}
	for _, p := range got.Matches[0].Passages {
		if p.SuspectStart < 0 || p.SuspectEnd > len(got.Suspect.Text) || p.SuspectStart >= p.SuspectEnd {
			t.Errorf("passage %+v outside the extracted text (%d bytes)", p, len(got.Suspect.Text))
		}
	}
}

// A stored article is checked by its ID alone, and is not its own source.
func TestCheckStoredArticle(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, "POST", "/v1/articles", map[string]any{"id": "spun-1", "text": example(t, "flood/spun")}, auth)
	if r.status != http.StatusCreated {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	r = ts.do(t, "POST", "/v1/check", map[string]any{"id": "spun-1"})
	var got engine.CheckResult
	r.json(t, &got)
	if r.status != http.StatusOK || got.ID != "spun-1" || len(got.Matches) == 0 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	for _, m := range got.Matches {
		if m.ID == "spun-1" {
			t.Fatalf("the article is its own source: %s", r.body)
		}
	}
	if got.Matches[0].ID != ts.ids["flood/original"] {
		t.Fatalf("top match %s", got.Matches[0].ID)
	}
}

func TestCompare(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, "POST", "/v1/compare", map[string]any{
		"source":  map[string]any{"text": example(t, "strike/original")},
		"suspect": map[string]any{"html": pageOf(t, "strike/partial"), "input": "partial.html"},
	})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var got engine.CompareResult
	r.json(t, &got)
	if got.Relation != wiretrace.Partial || got.Source != nil || got.Suspect == nil || got.Suspect.Input != "partial.html" || got.Input != "partial.html" {
		t.Fatalf("comparison %s", r.body)
	}
	// A stored source by its ID.
	r = ts.do(t, "POST", "/v1/compare", map[string]any{
		"source":  map[string]any{"id": ts.ids["flood/original"]},
		"suspect": map[string]any{"text": example(t, "flood/light-edit")},
	})
	r.json(t, &got)
	if r.status != http.StatusOK || got.Relation != wiretrace.Copy {
		t.Fatalf("%d %s", r.status, r.body)
	}
	r = ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"text": "x"}})
	if r.status != http.StatusBadRequest || r.errorCode(t) != CodeInvalidRequest {
		t.Fatalf("compare without a suspect: %d %s", r.status, r.body)
	}
	// A brief that copies one paragraph and retells one from further
	// down condenses the whole story.
	source := example(t, "strike/original")
	r = ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"text": source}, "suspect": map[string]any{"text": strikeBrief}})
	r.json(t, &got)
	if r.status != http.StatusOK || len(got.Condensations) != 1 {
		t.Fatalf("brief: %d %s", r.status, r.body)
	}
	last := strings.LastIndex(source, "Ambler") + len("Ambler")
	if k := got.Condensations[0]; !k.Whole || k.Retold != 1 || k.SourceStart != 0 || k.SourceEnd != last {
		t.Fatalf("brief: condensation %+v, want the whole source, from its first word to its last at %d", k, last)
	}
}

// strikeBrief copies the strike story's second paragraph and retells, in
// words of its own, one six paragraphs further on.
const strikeBrief = `Dock strike: the short version

The Salven Dock and Harbor Workers' Union walked out on Monday after talks with terminal operator Tervane Terminals broke down over pay and the planned use of automated cranes. The union is seeking a 14% raise over two years, while Tervane has offered 6%.

Supermarkets say their fresh fruit stocks may run short by the weekend.
`

func TestInspect(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, "POST", "/v1/inspect", map[string]any{"text": example(t, "flood/spun")})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var got struct {
		Article  *wiretrace.Extracted `json:"article"`
		Headline *struct{ Text string }
		Dateline *struct{ Agency *struct{ Text string } }
		Flags    []struct{ Kind string }
	}
	r.json(t, &got)
	if got.Article != nil || got.Headline == nil || got.Dateline == nil || got.Dateline.Agency == nil || got.Dateline.Agency.Text != "Daily Wellness Digest" {
		t.Fatalf("inspection %s", r.body)
	}
	kinds := map[string]bool{}
	for _, f := range got.Flags {
		kinds[f.Kind] = true
	}
	if !kinds["credit-conflict"] {
		t.Errorf("flags %v: the rebranded copy's photo credit names the wire, its dateline the farm", kinds)
	}
	r = ts.do(t, "POST", "/v1/inspect", map[string]any{"html": pageOf(t, "strike/original"), "index": true})
	r.json(t, &got)
	if r.status != http.StatusOK || got.Article == nil || got.Article.Text == "" {
		t.Fatalf("html inspection %d %s", r.status, r.body)
	}
}

func TestArticles(t *testing.T) {
	ts := newTestServer(t, Config{})
	text := example(t, "strike/light-edit")
	add := map[string]any{"id": "edit-1", "text": text, "url": "https://daily.example.org/strike", "published": "2026-03-04T10:00:00Z"}

	r := ts.do(t, "POST", "/v1/articles", add)
	if r.status != http.StatusUnauthorized || r.errorCode(t) != CodeUnauthorized || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Fatalf("add without token: %d %s %v", r.status, r.body, r.header)
	}
	r = ts.do(t, "POST", "/v1/articles", add, "Authorization: Bearer wrong")
	if r.status != http.StatusUnauthorized {
		t.Fatalf("add with a wrong token: %d", r.status)
	}
	r = ts.do(t, "POST", "/v1/articles", add, auth)
	var out engine.AddOutcome
	r.json(t, &out)
	if r.status != http.StatusCreated || out.Status != engine.StatusAdded || out.ID != "edit-1" || out.Site != "example.org" || r.header.Get("Location") != "/v1/articles/edit-1" {
		t.Fatalf("add: %d %s %v", r.status, r.body, r.header)
	}
	// The same text under another ID is a duplicate, recorded as an
	// appearance.
	r = ts.do(t, "POST", "/v1/articles", map[string]any{"id": "edit-2", "text": text}, auth)
	r.json(t, &out)
	if r.status != http.StatusOK || out.Status != engine.StatusDuplicate || out.DuplicateOf != "edit-1" || !out.Appeared {
		t.Fatalf("duplicate: %d %s", r.status, r.body)
	}
	// Another text under a used ID.
	r = ts.do(t, "POST", "/v1/articles", map[string]any{"id": "edit-1", "text": "Another text altogether."}, auth)
	if r.status != http.StatusConflict || r.errorCode(t) != CodeIDConflict {
		t.Fatalf("id conflict: %d %s", r.status, r.body)
	}

	r = ts.do(t, "GET", "/v1/articles/edit-2", nil)
	var a wiretrace.Article
	r.json(t, &a)
	if r.status != http.StatusOK || a.ID != "edit-1" || a.Text != text || len(a.Appearances) != 1 || a.PublishedFrom != wiretrace.FromInput {
		t.Fatalf("get: %d %s", r.status, r.body)
	}
	r = ts.do(t, "DELETE", "/v1/articles/edit-1", nil)
	if r.status != http.StatusUnauthorized {
		t.Fatalf("delete without token: %d", r.status)
	}
	r = ts.do(t, "DELETE", "/v1/articles/edit-1", nil, auth)
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	for _, m := range []string{"GET", "DELETE"} {
		r = ts.do(t, m, "/v1/articles/edit-1", nil, auth)
		if r.status != http.StatusNotFound || r.errorCode(t) != CodeNotFound {
			t.Fatalf("%s after delete: %d %s", m, r.status, r.body)
		}
	}
}

// An ID with a slash, a space or a percent sign, written escaped in the
// path, names the article on every route.
func TestArticleIDsEscapedInPaths(t *testing.T) {
	ts := newTestServer(t, Config{})
	id := "wire/2026/03 04%strike"
	r := ts.do(t, "POST", "/v1/articles", map[string]any{"id": id, "text": "Ferry crews at Port Alder voted on Monday to accept a new pay offer, ending a week of cancelled crossings to Gull Island, their union said."}, auth)
	if r.status != http.StatusCreated {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	path := "/v1/articles/" + url.PathEscape(id)
	var a wiretrace.Article
	r = ts.do(t, "GET", path, nil)
	r.json(t, &a)
	if r.status != http.StatusOK || a.ID != id {
		t.Fatalf("get %s: %d %s", path, r.status, r.body)
	}
	// The same text from another page, which names the first as canonical.
	r = ts.do(t, "POST", "/v1/articles", map[string]any{"id": "mirror", "site": "mirror.example", "canonical_url": "https://wire.example/strike", "text": a.Text}, auth)
	if r.status != http.StatusOK {
		t.Fatalf("add of the text again: %d %s", r.status, r.body)
	}
	if r = ts.do(t, "GET", "/articles/"+url.PathEscape(id), nil); r.status != http.StatusOK || !strings.Contains(string(r.body), "<dt>also as</dt><dd>mirror · mirror.example · canonical https://wire.example/strike</dd>") {
		t.Fatalf("article page: %d\n%s", r.status, r.body)
	}
	if r = ts.do(t, "DELETE", path, nil, auth); r.status != http.StatusNoContent {
		t.Fatalf("delete %s: %d %s", path, r.status, r.body)
	}
	if r = ts.do(t, "GET", path, nil); r.status != http.StatusNotFound {
		t.Fatalf("get after delete: %d", r.status)
	}
}

// Without a token the server takes no writes at all.
func TestWritesNeedAConfiguredToken(t *testing.T) {
	ts := newTestServer(t, Config{})
	ts.cfg.Token = ""
	r := ts.do(t, "POST", "/v1/articles", map[string]any{"text": "Water rose."}, auth)
	if r.status != http.StatusForbidden || r.errorCode(t) != CodeWritesDisabled {
		t.Fatalf("%d %s", r.status, r.body)
	}
}

// A batch streams back one outcome a line, in order, a broken line
// included.
func TestArticlesBatch(t *testing.T) {
	ts := newTestServer(t, Config{})
	var body strings.Builder
	enc := json.NewEncoder(&body)
	enc.Encode(map[string]any{"id": "b1", "text": example(t, "strike/spun")})
	body.WriteString("{not json\n\n")
	enc.Encode(map[string]any{"id": "b2", "text": example(t, "flood/original")})
	enc.Encode(map[string]any{"id": "b3", "html": pageOf(t, "strike/verbatim"), "url": "https://mirror.example.com/s"})
	enc.Encode(map[string]any{"id": "b4", "text": "   "})
	r := ts.do(t, "POST", "/v1/articles", body.String(), "Content-Type: application/x-ndjson", auth)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/x-ndjson") {
		t.Fatalf("batch: %d %v %s", r.status, r.header, r.body)
	}
	var got []string
	sc := bufio.NewScanner(bytes.NewReader(r.body))
	for sc.Scan() {
		var o engine.AddOutcome
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, o.Input+" "+o.Status+" "+o.ID+" "+o.DuplicateOf)
	}
	want := []string{
		"body:1 added b1 ",
		"body:2 error  ",
		"body:4 duplicate b2 " + ts.ids["flood/original"],
		"body:5 added b3 ",
		"body:6 error  ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("outcomes\n got %q\nwant %q", got, want)
	}
	r = ts.do(t, "GET", "/v1/articles/b3", nil)
	if r.status != http.StatusOK {
		t.Fatalf("the html line was not stored: %d", r.status)
	}
}

// Every failure is an ErrorBody with a stable code and the right status.
func TestErrors(t *testing.T) {
	ts := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	big := map[string]any{"text": strings.Repeat("word ", 300_000)}
	for _, tc := range []struct {
		name, method, path string
		body               any
		header             []string
		status             int
		code               string
	}{
		{"form instead of JSON", "POST", "/v1/check", "text=x", []string{"Content-Type: application/x-www-form-urlencoded"}, 415, CodeUnsupportedMediaType},
		{"no content type", "POST", "/v1/check", "{}", []string{"Content-Type: "}, 415, CodeUnsupportedMediaType},
		{"broken JSON", "POST", "/v1/check", `{"text": `, nil, 400, CodeInvalidJSON},
		{"not an object", "POST", "/v1/check", `["text"]`, nil, 400, CodeInvalidJSON},
		{"wrong type", "POST", "/v1/check", `{"text": 12}`, nil, 400, CodeInvalidJSON},
		{"no article", "POST", "/v1/check", `{"top": 3}`, nil, 400, CodeInvalidRequest},
		{"negative top", "POST", "/v1/check", `{"text": "Water rose.", "top": -1}`, nil, 400, CodeInvalidRequest},
		{"bad time", "POST", "/v1/check", `{"text": "Water rose.", "published": "Tuesday"}`, nil, 400, CodeInvalidRequest},
		{"no words", "POST", "/v1/check", `{"text": " ... "}`, nil, 422, CodeEmptyText},
		{"html without text", "POST", "/v1/check", `{"html": "<html><body><nav>Home</nav></body></html>"}`, nil, 422, CodeUnreadable},
		{"unknown stored id", "POST", "/v1/check", `{"id": "nope"}`, nil, 404, CodeNotFound},
		{"body too large", "POST", "/v1/check", big, nil, 413, CodeTooLarge},
		{"private URL", "POST", "/v1/check", `{"url": "http://127.0.0.1:9/x"}`, nil, 422, CodeFetchForbidden},
		{"not a web URL", "POST", "/v1/check", `{"url": "file:///etc/passwd"}`, nil, 400, CodeInvalidRequest},
		{"unknown route", "GET", "/v1/nothing", nil, nil, 404, CodeNotFound},
		{"wrong method", "PUT", "/v1/check", nil, nil, 405, CodeMethodNotAllowed},
		{"batch of another type", "POST", "/v1/articles", "a,b", []string{"Content-Type: text/csv", auth}, 415, CodeUnsupportedMediaType},
		{"add by id alone", "POST", "/v1/articles", `{"id": "x"}`, []string{auth}, 400, CodeInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, tc.method, tc.path, tc.body, tc.header...)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if code := r.errorCode(t); code != tc.code {
				t.Fatalf("code %q, want %q: %s", code, tc.code, r.body)
			}
			if tc.status == 405 && r.header.Get("Allow") != "POST" {
				t.Errorf("Allow %q", r.header.Get("Allow"))
			}
		})
	}
}

// With AuthReads, reads need the token too, as a bearer token or as a
// browser's Basic password; probes stay open.
func TestAuthReads(t *testing.T) {
	ts := newTestServer(t, Config{Token: testToken, AuthReads: true})
	check := map[string]any{"text": example(t, "flood/spun")}
	if r := ts.do(t, "POST", "/v1/check", check); r.status != 401 || r.errorCode(t) != CodeUnauthorized {
		t.Fatalf("check without token: %d", r.status)
	}
	if r := ts.do(t, "POST", "/v1/check", check, auth); r.status != 200 {
		t.Fatalf("check with token: %d %s", r.status, r.body)
	}
	r := ts.do(t, "GET", "/", nil)
	if r.status != 401 || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Basic") || !strings.Contains(string(r.body), "<html") {
		t.Fatalf("page without token: %d %v", r.status, r.header)
	}
	req, _ := http.NewRequest("GET", ts.url+"/", nil)
	req.SetBasicAuth("anyone", testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("page with the token as password: %d", resp.StatusCode)
	}
	for _, p := range []string{"/healthz", "/readyz", "/v1/openapi.json"} {
		if r := ts.do(t, "GET", p, nil); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	if r := ts.do(t, "GET", "/metrics", nil); r.status != 401 {
		t.Errorf("metrics without token: %d", r.status)
	}
}

func TestProbes(t *testing.T) {
	ts := newTestServer(t, Config{})
	var h Health
	r := ts.do(t, "GET", "/readyz", nil)
	r.json(t, &h)
	if r.status != 200 || h.Status != "ready" || h.Articles == nil || *h.Articles != 4 {
		t.Fatalf("readyz %d %s", r.status, r.body)
	}
	ts.draining.Store(true)
	r = ts.do(t, "GET", "/readyz", nil)
	if r.status != 503 || r.errorCode(t) != CodeUnavailable {
		t.Fatalf("readyz while draining: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/healthz", nil); r.status != 200 {
		t.Fatalf("healthz while draining: %d", r.status)
	}
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t, Config{})
	ts.do(t, "POST", "/v1/check", map[string]any{"text": example(t, "flood/spun")})
	ts.do(t, "POST", "/v1/check", `{"text": 1}`)
	ts.do(t, "GET", "/v1/articles/"+ts.ids["flood/original"], nil)
	ts.do(t, "POST", "/v1/articles", map[string]any{"text": example(t, "flood/partial")}, auth)
	r := ts.do(t, "GET", "/metrics", nil)
	body := string(r.body)
	for _, want := range []string{
		`wiretrace_http_requests_total{method="POST",route="/v1/check",status="200"} 1`,
		`wiretrace_http_requests_total{method="POST",route="/v1/check",status="400"} 1`,
		`wiretrace_http_requests_total{method="GET",route="/v1/articles/{id}",status="200"} 1`,
		`wiretrace_http_request_duration_seconds_bucket{method="POST",route="/v1/check",status="200",le="+Inf"} 1`,
		`wiretrace_check_duration_seconds_count 1`,
		`wiretrace_articles_added_total{status="added"} 1`,
		`wiretrace_store_articles 5`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// Many checks at once while articles are added, in one process: every
// check succeeds and gets the same answer, byte for byte, as a check made
// alone (the articles added are about nothing the suspects share).
func TestConcurrentChecksWhileAdding(t *testing.T) {
	ts := newTestServer(t, Config{})
	suspects := []string{example(t, "flood/spun"), example(t, "strike/partial"), example(t, "flood/light-edit")}
	want := make([][]byte, len(suspects))
	for i, s := range suspects {
		want[i] = ts.do(t, "POST", "/v1/check", map[string]any{"text": s}).body
	}
	const checkers, checks, adds = 8, 12, 60
	var wg sync.WaitGroup
	errs := make(chan error, checkers*checks+adds)
	stop := make(chan struct{})
	wg.Go(func() {
		for i := range adds {
			text := synth.Text(uint64(i), 300, 5000)
			var r response
			if i%2 == 0 {
				r = ts.do(t, "POST", "/v1/articles", map[string]any{"id": fmt.Sprintf("synth-%d", i), "text": text}, auth)
			} else {
				line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("synth-%d", i), "text": text})
				r = ts.do(t, "POST", "/v1/articles", string(line)+"\n", "Content-Type: application/x-ndjson", auth)
			}
			if r.status != 201 && r.status != 200 {
				errs <- fmt.Errorf("add %d: %d %s", i, r.status, r.body)
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	})
	var checkers_ sync.WaitGroup
	for c := range checkers {
		checkers_.Go(func() {
			for k := range checks {
				i := (c + k) % len(suspects)
				r := ts.do(t, "POST", "/v1/check", map[string]any{"text": suspects[i]})
				if r.status != 200 || !bytes.Equal(r.body, want[i]) {
					errs <- fmt.Errorf("check %d of suspect %d: %d %s", k, i, r.status, r.body)
				}
			}
		})
	}
	checkers_.Wait()
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Serve finishes the requests in flight when its context ends: a batch
// still being sent when shutdown begins is read, stored and answered.
func TestGracefulShutdown(t *testing.T) {
	ts := newTestServer(t, Config{})
	ln := httptest.NewUnstartedServer(nil).Listener
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ts.Serve(ctx, ln) }()

	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/v1/articles", pr)
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+testToken)
	done := make(chan response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- response{status: -1, body: []byte(err.Error())}
			return
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		done <- response{status: resp.StatusCode, body: b.Bytes()}
	}()
	line := func(i int) {
		b, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("late-%d", i), "text": synth.Text(uint64(1000+i), 200, 5000)})
		pw.Write(append(b, '\n'))
	}
	line(0)
	waitFor(t, func() bool { return ts.metrics != nil && gaugeValue(ts.metrics.inFlight) >= 1 })
	cancel()
	waitFor(t, func() bool { return ts.draining.Load() })
	line(1)
	line(2)
	pw.Close()
	r := <-done
	if r.status != 200 || strings.Count(string(r.body), `"status":"added"`) != 3 {
		t.Fatalf("batch cut by shutdown: %d %s", r.status, r.body)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if _, err := ts.eng.Store().Get(context.Background(), "late-2"); err != nil {
		t.Fatalf("the last line was not stored: %v", err)
	}
}

// waitFor waits up to ten seconds for cond.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func gaugeValue(g prometheus.Gauge) float64 {
	var m dto.Metric
	g.Write(&m)
	return m.GetGauge().GetValue()
}

// The engine works on MaxInFlight requests at once; a request that waits
// past its time limit for a turn is told the server is overloaded.
func TestOverloaded(t *testing.T) {
	ts := newTestServer(t, Config{MaxInFlight: 1, RequestTimeout: 100 * time.Millisecond})
	release, err := ts.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := ts.do(t, "POST", "/v1/check", map[string]any{"text": example(t, "flood/spun")})
	if r.status != 503 || r.errorCode(t) != CodeOverloaded || r.header.Get("Retry-After") == "" {
		t.Fatalf("check while the only turn is taken: %d %s", r.status, r.body)
	}
	release()
	if r := ts.do(t, "POST", "/v1/check", map[string]any{"text": example(t, "flood/spun")}); r.status != 200 {
		t.Fatalf("check once the turn is free: %d %s", r.status, r.body)
	}
}

// Responses say how long they waited for a turn and how long the engine
// worked.
func TestServerTiming(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, "POST", "/v1/check", map[string]any{"text": example(t, "flood/spun")})
	var queue, engine float64
	if n, err := fmt.Sscanf(r.header.Get("Server-Timing"), "queue;dur=%g, engine;dur=%g", &queue, &engine); n != 2 || err != nil || engine <= 0 || queue < 0 {
		t.Fatalf("Server-Timing %q: %v", r.header.Get("Server-Timing"), err)
	}
}

// A URL is fetched (here from a local server, which the guard lets
// through only because the server was told to), and read as add reads it;
// an upstream failure is the remote side's, 502.
func TestCheckURL(t *testing.T) {
	page := pageOf(t, "flood/spun")
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/story" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer upstream.Close()
	ts := newTestServer(t, Config{Fetch: fetch.New(fetch.Options{AllowPrivate: true})})
	r := ts.do(t, "POST", "/v1/check", map[string]any{"url": upstream.URL + "/story", "top": 1})
	var got engine.CheckResult
	r.json(t, &got)
	if r.status != 200 || got.Input != upstream.URL+"/story" || got.Suspect == nil || got.Suspect.FirstSeenFrom != wiretrace.FromFetch ||
		len(got.Matches) != 1 || got.Matches[0].ID != ts.ids["flood/original"] {
		t.Fatalf("%d %s", r.status, r.body)
	}
	r = ts.do(t, "POST", "/v1/check", map[string]any{"url": upstream.URL + "/gone"})
	if r.status != http.StatusBadGateway || r.errorCode(t) != CodeFetchFailed {
		t.Fatalf("upstream 404: %d %s", r.status, r.body)
	}
}

// A dated suspect's stored copies published days after it are marked as
// such and come after the sources that could be its own.
func TestCheckMarksLaterCopies(t *testing.T) {
	ts := newTestServer(t, Config{})
	text := example(t, "flood/verbatim")
	later := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	if _, err := ts.eng.AddOne(context.Background(), wiretrace.Article{ID: "late-copy", Text: text, Published: later}); err != nil {
		t.Fatal(err)
	}
	r := ts.do(t, "POST", "/v1/check", map[string]any{"text": text, "published": "2026-03-04T09:00:00Z"})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var got engine.CheckResult
	r.json(t, &got)
	last := len(got.Matches) - 1
	if last < 1 || got.Matches[last].ID != "late-copy" || !got.Matches[last].Later || got.Matches[0].Later {
		t.Fatalf("matches %+v: want the later copy last and marked, the others not", got.Matches)
	}
	if !strings.Contains(string(r.body), `"published_after_suspect":true`) {
		t.Errorf("body %s does not say published_after_suspect", r.body)
	}
}
