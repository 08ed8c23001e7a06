package server

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/fetch"
)

const testToken = "test-token-5c1e"

// example returns an example article's text.
func example(t testing.TB, name string) string {
	t.Helper()
	b, err := examples.FS.ReadFile(name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pageOf wraps an example article in a web page, its headline as the title
// and each paragraph a <p>.
func pageOf(t testing.TB, name string) string {
	t.Helper()
	paras := strings.Split(strings.TrimSpace(example(t, name)), "\n\n")
	head := strings.SplitN(paras[0], "\n", 2)[0]
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(head) + "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>" + html.EscapeString(head) + "</h1>")
	for _, p := range paras[1:] {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	b.WriteString("</article><footer>Contact us</footer></body></html>")
	return b.String()
}

// testServer is a server over a fresh store holding the originals and
// unrelated stories of the examples.
type testServer struct {
	*Server
	eng *engine.Engine
	url string
	ids map[string]string // example name -> stored ID
	// exchanges, when set, records every request made through do.
	exchanges *[]exchange
}

// exchange is a request and its response, for checking against the
// OpenAPI document.
type exchange struct {
	method, path string
	reqType      string
	reqBody      []byte
	resp         response
}

func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	eng := newTestEngine(t)
	ids := map[string]string{}
	for _, name := range []string{"flood/original", "strike/original", "flood/unrelated", "strike/unrelated"} {
		res, err := eng.AddOne(context.Background(), wiretrace.Article{Text: example(t, name), Site: strings.Split(name, "/")[0] + ".example"})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = res.ID
	}
	return serveEngine(t, eng, cfg, ids)
}

// newTestEngine returns an engine over a fresh embedded store.
func newTestEngine(t testing.TB) *engine.Engine {
	t.Helper()
	st, err := backend.Open(filepath.Join(t.TempDir(), "db"), backend.Create, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return engine.New(st, engine.Defaults)
}

// serveEngine serves eng, whose store holds the articles ids names.
func serveEngine(t testing.TB, eng *engine.Engine, cfg Config, ids map[string]string) *testServer {
	t.Helper()
	if cfg.Token == "" && !cfg.AuthReads {
		cfg.Token = testToken
	}
	if cfg.Fetch == nil {
		cfg.Fetch = fetch.New(fetch.Options{})
	}
	s, err := New(eng, cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &testServer{Server: s, eng: eng, url: hs.URL, ids: ids}
}

// response is what a test request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response %d %q: %v", r.status, r.body, err)
	}
}

// errorCode returns the code of an error response, failing when the body
// is not an ErrorBody.
func (r response) errorCode(t testing.TB) string {
	t.Helper()
	var e ErrorBody
	r.json(t, &e)
	if e.Error.Code == "" || e.Error.Message == "" || e.Error.RequestID == "" {
		t.Fatalf("error body %q lacks code, message or request id", r.body)
	}
	return e.Error.Code
}

// do sends a request; body is JSON-encoded unless it is a string or
// []byte. header holds "Name: value" lines; Content-Type defaults to JSON
// when there is a body, and a token to the test token for writes.
func (ts *testServer) do(t testing.TB, method, path string, body any, header ...string) response {
	t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		raw = j
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, ts.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range header {
		k, v, _ := strings.Cut(h, ": ")
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, body: b}
	if ts.exchanges != nil {
		*ts.exchanges = append(*ts.exchanges, exchange{method: method, path: path, reqType: req.Header.Get("Content-Type"), reqBody: raw, resp: r})
	}
	return r
}

const auth = "Authorization: Bearer " + testToken
