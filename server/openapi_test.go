package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/wiretrace/wiretrace"
)

// The OpenAPI document is checked against the server itself: every route
// is described and every described operation is routed, and real
// responses to a tour of the API (successes and failures) validate against
// the schemas the document gives for their status and media type, with
// no field left undescribed.

// pageRoutes are the routes of the web page, which the API document does
// not describe.
var pageRoutes = []string{
	"GET /", "POST /check", "GET /compare", "POST /compare", "POST /inspect",
	"GET /articles/{id}", "GET /static/*",
	"GET /trace", "POST /trace", "GET /families", "GET /sites", "GET /sites/{site}",
}

type openAPI struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]any `json:"schemas"`
	} `json:"components"`
}

// parameter is a parameter of an operation: only its name and place.
type parameter struct {
	Name string `json:"name"`
	In   string `json:"in"`
}

type operation struct {
	Parameters  []parameter `json:"parameters"`
	RequestBody *struct {
		Content map[string]struct {
			Schema map[string]any `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]struct {
		Content map[string]struct {
			Schema map[string]any `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(OpenAPI(), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &doc
}

func (doc *openAPI) operation(t *testing.T, method, path string) (*operation, string) {
	t.Helper()
	path, _, _ = strings.Cut(path, "?")
	for tmpl, item := range doc.Paths {
		re := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(tmpl), `[^/]+`) + "$")
		if !re.MatchString(path) {
			continue
		}
		raw, ok := item[strings.ToLower(method)]
		if !ok {
			return nil, tmpl
		}
		var op operation
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatalf("%s %s: %v", method, tmpl, err)
		}
		return &op, tmpl
	}
	return nil, ""
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	ts := newTestServer(t, Config{})
	doc := loadOpenAPI(t)
	routed := map[string]bool{}
	err := chi.Walk(ts.mux, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routed[method+" "+route] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, item := range doc.Paths {
		for m := range item {
			if m == "parameters" {
				continue
			}
			described[strings.ToUpper(m)+" "+path] = true
		}
	}
	for r := range routed {
		if !described[r] && !slices.Contains(pageRoutes, r) {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for d := range described {
		if !routed[d] {
			t.Errorf("openapi.json describes %s, which is not routed", d)
		}
	}
}

// tour calls every operation, well and badly, recording the exchanges.
func tour(t *testing.T, ts *testServer) {
	spun := example(t, "flood/spun")
	ts.do(t, "GET", "/healthz", nil)
	ts.do(t, "GET", "/readyz", nil)
	ts.do(t, "GET", "/v1/openapi.json", nil)
	ts.do(t, "GET", "/metrics", nil)
	ts.do(t, "POST", "/v1/check", map[string]any{"text": spun, "top": 2, "exclude": []string{"x"}, "byline": []string{"A B"}})
	ts.do(t, "POST", "/v1/check", map[string]any{"html": pageOf(t, "strike/spun"), "url": "https://farm.example.com/a", "byline": "Ann Lee and Bo Park"})
	ts.do(t, "POST", "/v1/check", map[string]any{"text": example(t, "strike/independent"), "top": 0})
	ts.do(t, "POST", "/v1/check", map[string]any{"id": ts.ids["flood/original"]})
	ts.do(t, "POST", "/v1/check", map[string]any{"text": "An entirely unconnected note about gardening."})
	ts.do(t, "POST", "/v1/check", `{"text": `)
	ts.do(t, "POST", "/v1/check", map[string]any{"text": " . "})
	ts.do(t, "POST", "/v1/check", map[string]any{"id": "missing"})
	ts.do(t, "POST", "/v1/check", map[string]any{"url": "http://10.0.0.1/"})
	ts.do(t, "POST", "/v1/check", "text", "Content-Type: text/plain")
	ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"id": ts.ids["flood/original"]}, "suspect": map[string]any{"text": spun}})
	ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"html": pageOf(t, "strike/original")}, "suspect": map[string]any{"html": pageOf(t, "strike/light-edit")}})
	ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"text": example(t, "strike/original")}, "suspect": map[string]any{"text": strikeBrief}})
	ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"text": "Rain."}, "suspect": map[string]any{"text": "Sun."}})
	ts.do(t, "POST", "/v1/compare", map[string]any{"source": map[string]any{"text": "Rain."}})
	ts.do(t, "POST", "/v1/inspect", map[string]any{"text": spun})
	ts.do(t, "POST", "/v1/inspect", map[string]any{"html": pageOf(t, "strike/original"), "index": true, "site": "strike.example"})
	ts.do(t, "POST", "/v1/inspect", map[string]any{"id": ts.ids["strike/original"], "index": true})
	ts.do(t, "POST", "/v1/articles", map[string]any{"id": "t1", "text": example(t, "strike/partial"), "published": "2026-03-05T08:00:00Z", "title": "Partial", "slug": "STRIKE Harbour"}, auth)
	ts.do(t, "POST", "/v1/articles", map[string]any{"id": "t2", "text": example(t, "strike/partial"), "site": "mirror.example.org", "canonical_url": "https://t1.example/partial"}, auth)
	ts.do(t, "POST", "/v1/articles", map[string]any{"id": "t1", "text": "Something else."}, auth)
	ts.do(t, "POST", "/v1/articles", map[string]any{"html": pageOf(t, "flood/verbatim"), "url": "https://mirror.example.org/f"}, auth)
	ts.do(t, "POST", "/v1/articles", map[string]any{"text": "x"})
	ts.do(t, "POST", "/v1/articles", "{\"text\": \"Rain fell.\"}\n{broken\n{\"html\": \"<p>Rain fell again on the town of Riverton, where the river rose.</p>\"}\n", "Content-Type: application/x-ndjson", auth)
	if r := ts.do(t, "GET", "/v1/articles/t2", nil); !strings.Contains(string(r.body), `"canonical_url":"https://t1.example/partial"`) {
		t.Errorf("GET /v1/articles/t2: the appearance's canonical URL is missing: %s", r.body)
	}
	ts.do(t, "GET", "/v1/articles/t2/trace", nil)
	ts.do(t, "GET", "/v1/articles/none", nil)
	ts.do(t, "DELETE", "/v1/articles/t1", nil, auth)
	ts.do(t, "DELETE", "/v1/articles/t1", nil, auth)
	ts.do(t, "DELETE", "/v1/articles/t1", nil)
	ts.do(t, "GET", "/v1/stats", nil)
}

// provenanceTour calls the provenance routes, well and badly, over a
// store holding the example stories whose families were not updated yet.
func provenanceTour(t *testing.T, ts *testServer) {
	ts.do(t, "GET", "/v1/families", nil)
	ts.do(t, "GET", "/v1/sites", nil)
	ts.do(t, "POST", "/v1/trace", map[string]any{"id": "flood-spun", "live": true})
	if r := ts.do(t, "POST", "/v1/check", map[string]any{"text": example(t, "flood/verbatim"), "canonical_url": "https://" + storySites["original"] + "/flood"}); !strings.Contains(string(r.body), `"named_original":"canonical_url"`) {
		t.Errorf("a check whose page names the original: %s", r.body)
	}
	ts.do(t, "POST", "/v1/families/update", nil)
	ts.do(t, "POST", "/v1/families/update", map[string]any{"rebuild": "yes"}, auth)
	ts.do(t, "POST", "/v1/families/update", "x", "Content-Type: text/plain", auth)
	ts.do(t, "POST", "/v1/families/update", nil, auth)
	ts.do(t, "POST", "/v1/families/update", map[string]any{"rebuild": true}, auth)
	ts.do(t, "POST", "/v1/trace", map[string]any{"id": "flood-spun"})
	ts.do(t, "POST", "/v1/trace", map[string]any{"text": "Shared by a reader\n\n" + example(t, "flood/verbatim"), "input": "reader.txt", "max_members": 20})
	ts.do(t, "POST", "/v1/trace", map[string]any{"html": pageOf(t, "strike/spun"), "url": "https://farm.example.com/strike"})
	ts.do(t, "POST", "/v1/trace", map[string]any{"text": "An entirely unconnected note about gardening."})
	ts.do(t, "POST", "/v1/trace", map[string]any{"id": "flood-spun", "max_members": -1})
	ts.do(t, "POST", "/v1/trace", map[string]any{"id": "missing"})
	ts.do(t, "POST", "/v1/trace", map[string]any{"text": " . "})
	ts.do(t, "POST", "/v1/trace", map[string]any{"url": "http://10.0.0.1/"})
	ts.do(t, "POST", "/v1/trace", "text", "Content-Type: text/plain")
	ts.do(t, "POST", "/v1/trace", `{"id": `)
	ts.do(t, "GET", "/v1/articles/flood-partial/trace", nil)
	ts.do(t, "GET", "/v1/articles/flood-spun/trace?max_members=2&live=true", nil)
	ts.do(t, "GET", "/v1/articles/flood-independent/trace", nil)
	ts.do(t, "GET", "/v1/articles/missing/trace", nil)
	ts.do(t, "GET", "/v1/articles/flood-spun/trace?live=perhaps", nil)
	ts.do(t, "GET", "/v1/families", nil)
	ts.do(t, "GET", "/v1/families?since=2026-03-04&site=dailydigesthub.example&min_size=2&limit=5", nil)
	ts.do(t, "GET", "/v1/families?min_size=1&limit=1", nil)
	ts.do(t, "GET", "/v1/families?since=March", nil)
	ts.do(t, "GET", "/v1/sites", nil)
	ts.do(t, "GET", "/v1/sites?top=1", nil)
	ts.do(t, "GET", "/v1/sites?top=-1", nil)
	ts.do(t, "GET", "/v1/sites/dailydigesthub.example", nil)
	ts.do(t, "GET", "/v1/sites/meridianwire.example", nil)
	ts.do(t, "GET", "/v1/sites/nowhere.example", nil)
	ts.do(t, "POST", "/v1/articles", map[string]any{"id": "flood-late", "text": "Late copy\n\n" + example(t, "flood/verbatim")}, auth)
	ts.do(t, "GET", "/v1/families?site=meridianwire.example", nil)
	ts.eng.Store().PutNotes(context.Background(), []wiretrace.Note{{Key: "fam/state", Value: []byte(`{"version":1,"next":14,"settings":"older"}`)}})
	ts.do(t, "POST", "/v1/families/update", nil, auth)
	ts.cfg.Token = ""
	ts.do(t, "POST", "/v1/families/update", nil, auth)
}

func TestOpenAPIResponses(t *testing.T) {
	ts := newTestServer(t, Config{MaxBodyBytes: 1 << 20})
	var ex []exchange
	ts.exchanges = &ex
	tour(t, ts)
	ts.do(t, "POST", "/v1/check", map[string]any{"text": strings.Repeat("word ", 300_000)})
	ts.cfg.Token = ""
	ts.do(t, "POST", "/v1/articles", map[string]any{"text": "Rain."}, auth)
	stories := newStoryServer(t, Config{MaxBodyBytes: 1 << 20}, false)
	stories.exchanges = &ex
	provenanceTour(t, stories)

	doc := loadOpenAPI(t)
	v := validator{schemas: doc.Components.Schemas}
	statuses := map[string]bool{}
	for _, e := range ex {
		name := fmt.Sprintf("%s %s -> %d", e.method, e.path, e.resp.status)
		op, tmpl := doc.operation(t, e.method, e.path)
		if op == nil {
			t.Errorf("%s: no operation in openapi.json", name)
			continue
		}
		statuses[e.method+" "+tmpl+" "+strconv.Itoa(e.resp.status)] = true
		if op.RequestBody != nil && e.reqBody != nil {
			if mt, _, _ := mime.ParseMediaType(e.reqType); op.RequestBody.Content[mt].Schema != nil && e.resp.status < 300 {
				for _, line := range documents(t, mt, e.reqBody) {
					for _, p := range v.validate("request", op.RequestBody.Content[mt].Schema, line) {
						t.Errorf("%s: %s", name, p)
					}
				}
			}
		}
		// The query parameters of a request answered well are described.
		if _, rawQuery, ok := strings.Cut(e.path, "?"); ok && e.resp.status < 300 {
			q, _ := url.ParseQuery(rawQuery)
			for name := range q {
				if !slices.Contains(op.Parameters, parameter{Name: name, In: "query"}) {
					t.Errorf("%s: query parameter %q not described", e.path, name)
				}
			}
		}
		resp, ok := op.Responses[strconv.Itoa(e.resp.status)]
		if !ok {
			t.Errorf("%s: status not described", name)
			continue
		}
		if len(resp.Content) == 0 {
			if len(e.resp.body) > 0 {
				t.Errorf("%s: a body where none is described: %s", name, e.resp.body)
			}
			continue
		}
		mt, _, _ := mime.ParseMediaType(e.resp.header.Get("Content-Type"))
		c, ok := resp.Content[mt]
		if !ok {
			t.Errorf("%s: media type %q not described", name, mt)
			continue
		}
		if mt == "text/plain" {
			continue
		}
		for _, d := range documents(t, mt, e.resp.body) {
			for _, p := range v.validate("response", c.Schema, d) {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
	// The tour reached the statuses that matter.
	for _, want := range []string{
		"POST /v1/check 200", "POST /v1/check 400", "POST /v1/check 404", "POST /v1/check 413", "POST /v1/check 415", "POST /v1/check 422",
		"POST /v1/compare 200", "POST /v1/inspect 200", "POST /v1/articles 201", "POST /v1/articles 200", "POST /v1/articles 401",
		"POST /v1/articles 403", "POST /v1/articles 409", "DELETE /v1/articles/{id} 204", "DELETE /v1/articles/{id} 404",
		"GET /v1/articles/{id} 200", "GET /v1/stats 200",
		"POST /v1/trace 200", "POST /v1/trace 400", "POST /v1/trace 404", "POST /v1/trace 415", "POST /v1/trace 422",
		"GET /v1/articles/{id}/trace 200", "GET /v1/articles/{id}/trace 400", "GET /v1/articles/{id}/trace 404",
		"GET /v1/families 200", "GET /v1/families 400",
		"POST /v1/families/update 200", "POST /v1/families/update 400", "POST /v1/families/update 401",
		"POST /v1/families/update 403", "POST /v1/families/update 409", "POST /v1/families/update 415",
		"GET /v1/sites 200", "GET /v1/sites 400", "GET /v1/sites/{site} 200", "GET /v1/sites/{site} 404",
	} {
		if !statuses[want] {
			t.Errorf("the tour never got %s", want)
		}
	}
}

// documents decodes a JSON body, or each line of a JSON Lines body.
func documents(t *testing.T, mediaType string, body []byte) []any {
	t.Helper()
	var lines [][]byte
	if mediaType == "application/x-ndjson" {
		sc := bufio.NewScanner(bytes.NewReader(body))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) > 0 {
				lines = append(lines, bytes.Clone(sc.Bytes()))
			}
		}
	} else {
		lines = [][]byte{body}
	}
	var out []any
	for _, l := range lines {
		var v any
		if err := json.Unmarshal(l, &v); err != nil {
			// A line the server was sent broken on purpose.
			continue
		}
		out = append(out, v)
	}
	return out
}

// validator checks JSON values against the subset of JSON Schema the
// document uses: $ref, allOf, type (one or a list), enum, format
// date-time, properties, required, additionalProperties: false, items.
type validator struct {
	schemas map[string]any
}

func (v validator) validate(at string, schema map[string]any, val any) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s, ok := v.schemas[name].(map[string]any)
		if !ok {
			return []string{at + ": unknown schema " + ref}
		}
		return v.validate(at, s, val)
	}
	var problems []string
	if all, ok := schema["allOf"].([]any); ok {
		for _, s := range all {
			problems = append(problems, v.validate(at, s.(map[string]any), val)...)
		}
	}
	if types := typesOf(schema["type"]); len(types) > 0 && !slices.Contains(types, jsonType(val)) &&
		!(jsonType(val) == "integer" && slices.Contains(types, "number")) {
		return append(problems, fmt.Sprintf("%s: %s, want %v", at, jsonType(val), types))
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, val) {
		problems = append(problems, fmt.Sprintf("%s: %v not in %v", at, val, enum))
	}
	if schema["format"] == "date-time" {
		if s, ok := val.(string); ok {
			if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %q is not a date-time", at, s))
			}
		}
	}
	switch x := val.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k].(map[string]any); ok {
				problems = append(problems, v.validate(at+"."+k, ps, x[k])...)
			} else if schema["additionalProperties"] == false {
				problems = append(problems, fmt.Sprintf("%s: field %q not described", at, k))
			}
		}
		if req, ok := schema["required"].([]any); ok {
			for _, k := range req {
				if _, ok := x[k.(string)]; !ok {
					problems = append(problems, fmt.Sprintf("%s: required field %q missing", at, k))
				}
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, it := range x {
				problems = append(problems, v.validate(fmt.Sprintf("%s[%d]", at, i), items, it)...)
			}
		}
	}
	return problems
}

func typesOf(t any) []string {
	switch x := t.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, s := range x {
			out = append(out, s.(string))
		}
		return out
	}
	return nil
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// The validator itself fails on what it must catch.
func TestValidatorCatches(t *testing.T) {
	v := validator{schemas: map[string]any{
		"P": map[string]any{"type": "object", "additionalProperties": false, "required": []any{"a"},
			"properties": map[string]any{"a": map[string]any{"type": "integer"}, "k": map[string]any{"enum": []any{"x"}}}},
	}}
	ref := map[string]any{"$ref": "#/components/schemas/P"}
	for _, tc := range []struct {
		val  string
		bad  bool
		what string
	}{
		{`{"a": 1}`, false, "valid"},
		{`{"a": 1.5}`, true, "number for integer"},
		{`{}`, true, "missing required"},
		{`{"a": 1, "b": 2}`, true, "undescribed field"},
		{`{"a": 1, "k": "y"}`, true, "enum"},
		{`[]`, true, "wrong type"},
	} {
		var val any
		json.Unmarshal([]byte(tc.val), &val)
		if got := len(v.validate("x", ref, val)) > 0; got != tc.bad {
			t.Errorf("%s: %s: problems %v, want %v", tc.what, tc.val, got, tc.bad)
		}
	}
}
