package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/provenance"
)

// storySites and storyHours place the example stories as sites would
// publish them: the wire's story first, the copies hours later on other
// sites. The strike story runs a day after the flood.
var (
	storySites = map[string]string{
		"original": "meridianwire.example", "verbatim": "harbourledger.example", "light-edit": "valleycourier.example",
		"spun": "dailydigesthub.example", "partial": "cobbsferryclarion.example", "independent": "eastfieldgazette.example",
		"unrelated": "metroinsider.example",
	}
	storyHours = map[string]int{"original": 0, "independent": 1, "verbatim": 2, "light-edit": 3, "unrelated": 4, "spun": 5, "partial": 13}
)

// storyArticles are both example stories, stored in an order that says
// nothing of which came first.
func storyArticles(t testing.TB) []wiretrace.Article {
	t0 := time.Date(2026, 3, 3, 7, 0, 0, 0, time.UTC)
	var out []wiretrace.Article
	for day, fam := range []string{"flood", "strike"} {
		for _, name := range []string{"spun", "unrelated", "verbatim", "partial", "original", "independent", "light-edit"} {
			out = append(out, wiretrace.Article{
				ID: fam + "-" + name, Site: storySites[name], Title: fam + " " + name, Text: example(t, fam+"/"+name),
				URL:       "https://" + storySites[name] + "/" + fam,
				Published: t0.Add(time.Duration(24*day+storyHours[name]) * time.Hour), PublishedFrom: wiretrace.FromPage,
			})
		}
	}
	return out
}

// newStoryServer is a server over a store holding both stories; with
// update, their families are linked and grouped.
func newStoryServer(t testing.TB, cfg Config, update bool) *testServer {
	t.Helper()
	eng := newTestEngine(t)
	ids := map[string]string{}
	as := storyArticles(t)
	res, err := eng.Add(context.Background(), as...)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		ids[as[i].ID] = r.ID
	}
	if update {
		if _, err := eng.UpdateFamilies(context.Background(), engine.FamiliesOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return serveEngine(t, eng, cfg, ids)
}

// sameJSON fails unless got and want encode the same.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if !bytes.Equal(gj, wj) {
		t.Errorf("%s differs from the engine's:\n got %s\nwant %s", what, gj, wj)
	}
}

func storyIDs(s provenance.Story) []string {
	var ids []string
	for _, m := range s.Members {
		ids = append(ids, m.ID)
	}
	return ids
}

// A trace over HTTP is the engine's, field for field, whether the article
// is named in the body or in the path.
func TestTraceAPI(t *testing.T) {
	for _, updated := range []bool{false, true} {
		t.Run(fmt.Sprintf("families updated %v", updated), func(t *testing.T) {
			ts := newStoryServer(t, Config{}, updated)
			want, err := ts.eng.Trace(context.Background(), wiretrace.Article{ID: "flood-spun"}, engine.TraceOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range []response{
				ts.do(t, "POST", "/v1/trace", map[string]any{"id": "flood-spun"}),
				ts.do(t, "GET", "/v1/articles/flood-spun/trace", nil),
			} {
				if r.status != http.StatusOK {
					t.Fatalf("%d %s", r.status, r.body)
				}
				var got provenance.Trace
				r.json(t, &got)
				sameJSON(t, "trace", got, want)
				if got.Origin != "flood-original" || len(got.Members) != 5 || !got.Stored || got.ID != "flood-spun" || got.Truncated {
					t.Fatalf("origin %s, %d members %v, stored %v", got.Origin, len(got.Members), storyIDs(got.Story), got.Stored)
				}
				traced := 0
				for _, m := range got.Members {
					if m.Traced {
						traced++
						if m.ID != "flood-spun" || m.Parent != "flood-original" || m.Relation != wiretrace.Spun || m.Credit == nil || !m.Credit.Rebranded {
							t.Errorf("traced member %+v, want flood-spun, spun from the original with its credit rebranded", m)
						}
					}
				}
				if traced != 1 {
					t.Errorf("%d members marked traced", traced)
				}
			}
		})
	}
}

// Text that is not stored is traced as given; an article stored under
// the ID given with it is the stored one.
func TestTraceAPIText(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	copied := "Shared by a reader\n\n" + example(t, "flood/verbatim")
	r := ts.do(t, "POST", "/v1/trace", map[string]any{"text": copied, "input": "reader.txt", "max_members": 10})
	var got provenance.Trace
	r.json(t, &got)
	if r.status != http.StatusOK || got.Stored || got.Origin != "flood-original" || got.Input != "reader.txt" {
		t.Fatalf("%d: stored %v origin %q input %q", r.status, got.Stored, got.Origin, got.Input)
	}
	var unstored int
	for _, m := range got.Members {
		if m.Unstored {
			unstored++
			if !m.Traced || m.Parent == "" {
				t.Errorf("the pasted text %+v: want it traced, with a parent", m)
			}
		}
	}
	if unstored != 1 {
		t.Errorf("%d unstored members, want the pasted text", unstored)
	}
	r = ts.do(t, "POST", "/v1/trace", map[string]any{"html": pageOf(t, "strike/spun"), "url": "https://farm.example.com/strike"})
	r.json(t, &got)
	if r.status != http.StatusOK || got.Origin != "strike-original" {
		t.Fatalf("html: %d origin %q", r.status, got.Origin)
	}
	r = ts.do(t, "POST", "/v1/trace", map[string]any{"id": "flood-partial", "text": example(t, "flood/partial")})
	r.json(t, &got)
	if r.status != http.StatusOK || !got.Stored || got.ID != "flood-partial" {
		t.Fatalf("stored article given with its text: %d stored %v", r.status, got.Stored)
	}
	// A bound on the members is kept and said.
	r = ts.do(t, "GET", "/v1/articles/flood-spun/trace?max_members=2&live=true", nil)
	r.json(t, &got)
	if r.status != http.StatusOK || !got.Truncated {
		t.Fatalf("max_members 2: %d truncated %v", r.status, got.Truncated)
	}
}

func TestTraceAPIErrors(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	for _, tc := range []struct {
		method, path string
		body         any
		status       int
		code, says   string
	}{
		{"POST", "/v1/trace", map[string]any{"id": "no-such"}, 404, CodeNotFound, "no-such"},
		{"GET", "/v1/articles/no-such/trace", nil, 404, CodeNotFound, "no-such"},
		{"POST", "/v1/trace", map[string]any{"id": "flood-spun", "max_members": 0}, 400, CodeInvalidRequest, "max_members"},
		{"POST", "/v1/trace", map[string]any{"id": "flood-spun", "max_members": 5000}, 400, CodeInvalidRequest, "max_members"},
		{"POST", "/v1/trace", map[string]any{"title": "no text"}, 400, CodeInvalidRequest, "text"},
		{"POST", "/v1/trace", map[string]any{"text": " . "}, 422, CodeEmptyText, ""},
		{"POST", "/v1/trace", `{"id": `, 400, CodeInvalidJSON, ""},
		{"POST", "/v1/trace", map[string]any{"url": "http://10.0.0.1/"}, 422, CodeFetchForbidden, ""},
		{"GET", "/v1/articles/flood-spun/trace?max_members=many", nil, 400, CodeInvalidRequest, "max_members"},
		{"GET", "/v1/articles/flood-spun/trace?live=maybe", nil, 400, CodeInvalidRequest, "live"},
		{"GET", "/v1/articles/flood-spun/trace?maxmembers=3", nil, 400, CodeInvalidRequest, "maxmembers"},
	} {
		r := ts.do(t, tc.method, tc.path, tc.body)
		if r.status != tc.status || r.errorCode(t) != tc.code || !strings.Contains(string(r.body), tc.says) {
			t.Errorf("%s %s %v: %d %s, want %d %s naming %s", tc.method, tc.path, tc.body, r.status, r.body, tc.status, tc.code, tc.says)
		}
	}
}

// The families listed are the stored ones, filtered; listing changes
// nothing, and the list says how far the families are behind the store.
func TestFamiliesAPI(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	var list FamiliesList
	r := ts.do(t, "GET", "/v1/families", nil)
	r.json(t, &list)
	if r.status != http.StatusOK || list.Status.Updated || list.Status.UpToDate || list.Status.Unlinked != 14 || len(list.Families) != 0 || list.Families == nil {
		t.Fatalf("before any update: %d %s", r.status, r.body)
	}
	// Listing again still finds them unlinked: a read links nothing.
	ts.do(t, "GET", "/v1/families", nil).json(t, &list)
	if list.Status.Unlinked != 14 {
		t.Fatalf("a listing linked articles: %+v", list.Status)
	}

	r = ts.do(t, "POST", "/v1/families/update", nil, auth)
	var res engine.FamiliesResult
	r.json(t, &res)
	if r.status != http.StatusOK || res.Linked != 14 || res.Families != 2 {
		t.Fatalf("update: %d %s", r.status, r.body)
	}
	r = ts.do(t, "GET", "/v1/families", nil)
	r.json(t, &list)
	if r.status != http.StatusOK || !list.Status.UpToDate || list.Status.Unlinked != 0 || len(list.Families) != 2 || list.More {
		t.Fatalf("after the update: %d %s", r.status, r.body)
	}
	var want []provenance.Story
	ts.eng.Stories(context.Background(), engine.FamilyFilter{MinSize: 2}, func(s provenance.Story) error {
		want = append(want, s)
		return nil
	})
	sameJSON(t, "families", list.Families, want)

	for _, tc := range []struct {
		query   string
		origins []string
		more    bool
	}{
		{"site=dailydigesthub.example", []string{"flood-original", "strike-original"}, false},
		{"site=DailyDigestHub.example&min_size=5", []string{"flood-original", "strike-original"}, false},
		{"min_size=6", nil, false},
		{"since=2026-03-04", []string{"strike-original"}, false},
		{"since=2026-03-03T21:00:00Z", []string{"strike-original"}, false},
		{"since=2026-03-03T19:00", []string{"flood-original", "strike-original"}, false},
		{"site=nowhere.example", nil, false},
		{"limit=1", []string{"flood-original"}, true},
	} {
		r := ts.do(t, "GET", "/v1/families?"+tc.query, nil)
		r.json(t, &list)
		var origins []string
		for _, s := range list.Families {
			origins = append(origins, s.Origin)
		}
		if r.status != http.StatusOK || strings.Join(origins, " ") != strings.Join(tc.origins, " ") || list.More != tc.more {
			t.Errorf("%s: %d origins %v more %v, want %v more %v", tc.query, r.status, origins, list.More, tc.origins, tc.more)
		}
	}
	for _, q := range []string{"since=March", "min_size=0", "min_size=x", "limit=0", "limit=100000", "sitee=a.example", "site=a&site=b"} {
		r := ts.do(t, "GET", "/v1/families?"+q, nil)
		name, _, _ := strings.Cut(q, "=")
		if r.status != http.StatusBadRequest || r.errorCode(t) != CodeInvalidRequest || !strings.Contains(string(r.body), name) {
			t.Errorf("%s: %d %s, want invalid_request naming %s", q, r.status, r.body, name)
		}
	}

	// An article stored since is not linked until the next update.
	r = ts.do(t, "POST", "/v1/articles", map[string]any{"id": "flood-late", "text": "Late copy\n\n" + example(t, "flood/verbatim"), "site": "late.example"}, auth)
	if r.status != http.StatusCreated {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	ts.do(t, "GET", "/v1/families", nil).json(t, &list)
	if list.Status.UpToDate || list.Status.Unlinked != 1 {
		t.Fatalf("after an add: %+v", list.Status)
	}
	ts.do(t, "POST", "/v1/families/update", map[string]any{}, auth).json(t, &res)
	if res.Linked != 1 || res.Changed == 0 {
		t.Fatalf("second update: %+v", res)
	}
}

// An update is a write: it needs the token, and a server without one
// takes none.
func TestFamiliesUpdateNeedsTheToken(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	for _, h := range [][]string{nil, {"Authorization: Bearer wrong"}} {
		r := ts.do(t, "POST", "/v1/families/update", nil, h...)
		if r.status != http.StatusUnauthorized || r.errorCode(t) != CodeUnauthorized {
			t.Fatalf("update with %v: %d %s", h, r.status, r.body)
		}
	}
	if st, _ := ts.eng.FamiliesStatus(context.Background(), 0); st.Updated {
		t.Fatal("a refused update changed the families")
	}
	if r := ts.do(t, "POST", "/v1/families/update", "{\"rebuild\": 1}", auth); r.status != http.StatusBadRequest || r.errorCode(t) != CodeInvalidJSON {
		t.Fatalf("bad body: %d %s", r.status, r.body)
	}
	ts.cfg.Token = ""
	if r := ts.do(t, "POST", "/v1/families/update", nil, auth); r.status != http.StatusForbidden || r.errorCode(t) != CodeWritesDisabled {
		t.Fatalf("no token: %d %s", r.status, r.body)
	}
}

// One update runs at a time: a second is refused while the first runs,
// and checks and reads are answered meanwhile.
func TestFamiliesUpdateOneAtATime(t *testing.T) {
	ts := newStoryServer(t, Config{}, false)
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	ts.beforeUpdate = func() {
		once.Do(func() {
			close(held)
			<-release
		})
	}
	first := make(chan response, 1)
	go func() { first <- ts.do(t, "POST", "/v1/families/update", nil, auth) }()
	<-held

	r := ts.do(t, "POST", "/v1/families/update", nil, auth)
	if r.status != http.StatusConflict || r.errorCode(t) != CodeUpdateRunning {
		t.Errorf("second update: %d %s, want 409 %s", r.status, r.body, CodeUpdateRunning)
	}
	for _, rq := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/v1/check", map[string]any{"text": example(t, "flood/spun")}},
		{"GET", "/v1/families", nil},
		{"GET", "/v1/sites", nil},
		{"GET", "/v1/articles/flood-spun/trace", nil},
	} {
		if r := ts.do(t, rq.method, rq.path, rq.body); r.status != http.StatusOK {
			t.Errorf("%s %s while an update runs: %d %s", rq.method, rq.path, r.status, r.body)
		}
	}
	close(release)
	if r := <-first; r.status != http.StatusOK {
		t.Fatalf("first update: %d %s", r.status, r.body)
	}
	// Once it is done, the next runs.
	if r := ts.do(t, "POST", "/v1/families/update", nil, auth); r.status != http.StatusOK {
		t.Fatalf("update after the first: %d %s", r.status, r.body)
	}
}

// Families found with other settings are refused with a code that says
// to rebuild them, and a rebuild links again.
func TestFamiliesUpdateOutdated(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	if err := ts.eng.Store().PutNotes(context.Background(), []wiretrace.Note{{Key: "fam/state", Value: []byte(`{"version":1,"next":14,"settings":"older"}`)}}); err != nil {
		t.Fatal(err)
	}
	var list FamiliesList
	ts.do(t, "GET", "/v1/families", nil).json(t, &list)
	if !list.Status.RebuildNeeded || list.Status.UpToDate {
		t.Fatalf("status %+v, want a rebuild needed", list.Status)
	}
	r := ts.do(t, "POST", "/v1/families/update", nil, auth)
	if r.status != http.StatusConflict || r.errorCode(t) != CodeFamiliesOutdated || !strings.Contains(string(r.body), "rebuild") {
		t.Fatalf("update of outdated families: %d %s", r.status, r.body)
	}
	r = ts.do(t, "POST", "/v1/families/update", map[string]any{"rebuild": true}, auth)
	var res engine.FamiliesResult
	r.json(t, &res)
	if r.status != http.StatusOK || res.Linked != 14 || res.Families != 2 {
		t.Fatalf("rebuild: %d %s", r.status, r.body)
	}
}

// Sites are ranked as the engine ranks them; one site's profile has its
// figures and examples, and a site without one is not found.
func TestSitesAPI(t *testing.T) {
	ts := newStoryServer(t, Config{}, true)
	want, err := ts.eng.SiteProfiles(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var list SitesList
	r := ts.do(t, "GET", "/v1/sites", nil)
	r.json(t, &list)
	if r.status != http.StatusOK || !list.Status.UpToDate || list.More || len(list.Sites) == 0 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	sameJSON(t, "sites", list.Sites, want)
	// Most uncredited taking first.
	for i := 1; i < len(list.Sites); i++ {
		if list.Sites[i].Uncredited > list.Sites[i-1].Uncredited {
			t.Errorf("site %s (%d uncredited) ranked below %s (%d)", list.Sites[i].Site, list.Sites[i].Uncredited, list.Sites[i-1].Site, list.Sites[i-1].Uncredited)
		}
	}
	if list.Sites[len(list.Sites)-1].Taken != 0 {
		t.Errorf("the last site took %d: the wire, which takes nothing, ranks last", list.Sites[len(list.Sites)-1].Taken)
	}
	ts.do(t, "GET", "/v1/sites?top=2", nil).json(t, &list)
	if len(list.Sites) != 2 || !list.More || list.Sites[0].Site != want[0].Site {
		t.Fatalf("top 2: %+v", list.Sites)
	}

	var p provenance.SiteProfile
	r = ts.do(t, "GET", "/v1/sites/dailydigesthub.example", nil)
	r.json(t, &p)
	if r.status != http.StatusOK || p.Site != "dailydigesthub.example" || p.Taken != 2 || p.Rebranded != 2 || p.ByRelation[wiretrace.Spun] != 2 || len(p.Examples) == 0 {
		t.Fatalf("profile: %d %s", r.status, r.body)
	}
	for _, e := range p.Examples {
		if e.Member == "" || e.Family == "" || e.Kind != "originated" && e.Parent == "" {
			t.Errorf("example %+v lacks its pair", e)
		}
	}
	r = ts.do(t, "GET", "/v1/sites/meridianwire.example", nil)
	r.json(t, &p)
	if r.status != http.StatusOK || p.Originated != 2 || p.Taken != 0 {
		t.Fatalf("the wire's profile: %d %s", r.status, r.body)
	}
	for _, path := range []string{"/v1/sites/nowhere.example", "/v1/sites/eastfieldgazette.example"} {
		r = ts.do(t, "GET", path, nil)
		if r.status != http.StatusNotFound || r.errorCode(t) != CodeNotFound {
			t.Errorf("%s: %d %s, want 404 not_found (no article of it is in a family)", path, r.status, r.body)
		}
	}
	for _, q := range []string{"top=-1", "top=x", "limit=3"} {
		if r := ts.do(t, "GET", "/v1/sites?"+q, nil); r.status != http.StatusBadRequest || r.errorCode(t) != CodeInvalidRequest {
			t.Errorf("%s: %d %s", q, r.status, r.body)
		}
	}
}
