package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/provenance"
)

// The provenance views: an article's story family (trace), the store's
// families, and the profiles of sites. Families and profiles are read from
// what the last update of the families kept; only POST
// /v1/families/update changes them.

// provenanceRoutes registers the API's provenance routes.
func (s *Server) provenanceRoutes() {
	s.Handle(http.MethodPost, "/v1/trace", Read, s.trace)
	s.Handle(http.MethodGet, "/v1/articles/{id}/trace", Read, s.traceStored)
	s.Handle(http.MethodGet, "/v1/families", Read, s.families)
	s.Handle(http.MethodPost, "/v1/families/update", Write, s.updateFamilies)
	s.Handle(http.MethodGet, "/v1/sites", Read, s.sites)
	s.Handle(http.MethodGet, "/v1/sites/{site}", Read, s.site)
}

// maxTraceMembers bounds the members a request may ask a trace to gather:
// each is aligned with its neighbours within the request's time.
const maxTraceMembers = 1000

// StatusLimit is how many articles not linked yet a response counts before
// it says "at least": each is read to be counted.
const StatusLimit = 10_000

// TraceRequest is the body of POST /v1/trace: an ArticleInput and these.
type TraceRequest struct {
	// MaxMembers bounds the family gathered; default
	// engine.DefaultMaxMembers.
	MaxMembers *int `json:"max_members"`
	// Live gathers the family by aligning even when the store's families
	// are up to date and hold the article's.
	Live bool `json:"live"`
}

func (req TraceRequest) options() (engine.TraceOptions, error) {
	o := engine.TraceOptions{Live: req.Live}
	if req.MaxMembers != nil {
		n := *req.MaxMembers
		if n < 1 || n > maxTraceMembers {
			return o, Errorf(http.StatusBadRequest, CodeInvalidRequest, "max_members: %d: want 1 to %d (default %d)", n, maxTraceMembers, engine.DefaultMaxMembers)
		}
		o.MaxMembers = n
	}
	return o, nil
}

func (s *Server) trace(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readJSON(w, r)
	if err != nil {
		return err
	}
	var req TraceRequest
	if err := decode(body, &req); err != nil {
		return err
	}
	o, err := req.options()
	if err != nil {
		return err
	}
	return s.answerTrace(w, r, o, func(ctx context.Context) (ingest.Item, error) {
		return s.article(ctx, body, true)
	})
}

// answerTrace reads the article to trace with read, traces it in its turn
// and writes the trace.
func (s *Server) answerTrace(w http.ResponseWriter, r *http.Request, o engine.TraceOptions, read func(context.Context) (ingest.Item, error)) error {
	var res *provenance.Trace
	err := s.work(r, func(ctx context.Context) error {
		it, err := read(ctx)
		if err != nil {
			return err
		}
		return s.turn(ctx, w, func() (err error) {
			res, err = s.traceItem(ctx, it, o)
			return err
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// traceStored traces a stored article named in the path; the query may
// give max_members and live.
func (s *Server) traceStored(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "max_members", "live")
	if err != nil {
		return err
	}
	var req TraceRequest
	if v := q.Get("max_members"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return Errorf(http.StatusBadRequest, CodeInvalidRequest, "max_members: %q: want a number", v)
		}
		req.MaxMembers = &n
	}
	if v := q.Get("live"); v != "" {
		if req.Live, err = strconv.ParseBool(v); err != nil {
			return Errorf(http.StatusBadRequest, CodeInvalidRequest, "live: %q: want true or false", v)
		}
	}
	o, err := req.options()
	if err != nil {
		return err
	}
	id := pathParam(r, "id")
	return s.answerTrace(w, r, o, func(ctx context.Context) (ingest.Item, error) {
		return s.storedItem(ctx, id)
	})
}

// storedItem reads the stored article id as a request's article.
func (s *Server) storedItem(ctx context.Context, id string) (ingest.Item, error) {
	a, err := s.eng.Store().Get(ctx, id)
	if err != nil {
		return ingest.Item{}, fmt.Errorf("article %q: %w", id, err)
	}
	return ingest.Item{Format: "stored", Article: a}, nil
}

// traceItem traces one article read from a request: a stored one is
// traced as stored, whatever way it was named.
func (s *Server) traceItem(ctx context.Context, it ingest.Item, o engine.TraceOptions) (*provenance.Trace, error) {
	t, err := s.eng.Trace(ctx, it.Article, o)
	if err != nil {
		return nil, err
	}
	t.Input = it.Input
	return t, nil
}

// FamiliesList is the body of GET /v1/families: the stored stories that
// pass the filter, in the order of their first member, each as `wiretrace
// families --json` prints it.
type FamiliesList struct {
	// Status says whether the stories are up to date with the store.
	Status   engine.FamiliesStatus `json:"status"`
	Families []provenance.Story    `json:"families"`
	// More says more families pass the filter than the limit let through.
	More bool `json:"more"`
}

// familiesLimit is how many families a list holds by default, and
// maxFamiliesLimit how many it may be asked for.
const (
	familiesLimit    = 100
	maxFamiliesLimit = 1000
)

// familyQuery reads the filter of a list of families: since, site,
// min_size (default 2, as the command's), limit.
func familyQuery(q url.Values) (f engine.FamilyFilter, limit int, err error) {
	f.Site = q.Get("site")
	f.MinSize, limit = 2, familiesLimit
	if v := q.Get("since"); v != "" {
		if f.Since, err = parseSince(v); err != nil {
			return f, 0, err
		}
	}
	if v := q.Get("min_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, 0, Errorf(http.StatusBadRequest, CodeInvalidRequest, "min_size: %q: want a number of members, 1 or more", v)
		}
		f.MinSize = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxFamiliesLimit {
			return f, 0, Errorf(http.StatusBadRequest, CodeInvalidRequest, "limit: %q: want 1 to %d", v, maxFamiliesLimit)
		}
		limit = n
	}
	return f, limit, nil
}

// parseSince reads a date or a time, as `wiretrace families --since` does.
func parseSince(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(http.StatusBadRequest, CodeInvalidRequest, "since: %q: want a date (2006-01-02) or a time (RFC 3339)", s)
}

// errEnough ends a scan of the stories once a list is full.
var errEnough = errors.New("enough")

func (s *Server) families(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "since", "site", "min_size", "limit")
	if err != nil {
		return err
	}
	f, limit, err := familyQuery(q)
	if err != nil {
		return err
	}
	var res FamiliesList
	err = s.work(r, func(ctx context.Context) error {
		return s.turn(ctx, w, func() (err error) {
			res, err = s.listFamilies(ctx, f, limit)
			return err
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// listFamilies reads the status and up to limit stories that pass f.
func (s *Server) listFamilies(ctx context.Context, f engine.FamilyFilter, limit int) (FamiliesList, error) {
	res := FamiliesList{Families: []provenance.Story{}}
	var err error
	if res.Status, err = s.eng.FamiliesStatus(ctx, StatusLimit); err != nil {
		return res, err
	}
	err = s.eng.Stories(ctx, f, func(st provenance.Story) error {
		if len(res.Families) == limit {
			res.More = true
			return errEnough
		}
		res.Families = append(res.Families, st)
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return res, err
	}
	return res, nil
}

// FamiliesUpdateRequest is the body of POST /v1/families/update, which
// may be empty.
type FamiliesUpdateRequest struct {
	// Rebuild forgets the links kept and links every article again: what
	// families found by another version or with other settings need.
	Rebuild bool `json:"rebuild"`
}

// updateFamilies links the articles stored since the last update and
// regroups the families: `wiretrace families` without the listing. One
// runs at a time. It takes no turn among the checks: it reads and writes
// the store as adds do, on its own workers (Config.UpdateWorkers), for up
// to Config.UpdateTimeout; an update cut short keeps the batches it
// linked, and the next goes on from there.
func (s *Server) updateFamilies(w http.ResponseWriter, r *http.Request) error {
	var req FamiliesUpdateRequest
	if r.ContentLength != 0 {
		body, err := s.readJSON(w, r)
		if err != nil {
			return err
		}
		if len(strings.TrimSpace(string(body))) > 0 {
			if err := decode(body, &req); err != nil {
				return err
			}
		}
	}
	if !s.updating.TryLock() {
		return Errorf(http.StatusConflict, CodeUpdateRunning, "the families are being updated by another request; wait for it to finish")
	}
	defer s.updating.Unlock()
	if s.beforeUpdate != nil {
		s.beforeUpdate()
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.UpdateTimeout)
	defer cancel()
	// The answer comes when the update is done, which may be long after
	// the server's usual write deadline.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.cfg.UpdateTimeout + time.Minute))
	start := time.Now()
	res, err := s.eng.UpdateFamilies(ctx, engine.FamiliesOptions{Workers: s.cfg.UpdateWorkers, Rebuild: req.Rebuild})
	if err != nil {
		if res.Linked > 0 && ctx.Err() != nil {
			s.log.Info("families update stopped", "request_id", requestIDOf(r), "linked", res.Linked, "err", err)
		}
		return err
	}
	s.log.Info("families updated", "request_id", requestIDOf(r), "linked", res.Linked, "links", res.Links,
		"families", res.Families, "changed", res.Changed, "ms", time.Since(start).Milliseconds())
	return writeJSON(w, http.StatusOK, res)
}

// SitesList is the body of GET /v1/sites: the profiles of sites, most
// uncredited taking first, each as `wiretrace sites --json` prints it.
type SitesList struct {
	// Status says whether the families the profiles come from are up to
	// date with the store.
	Status engine.FamiliesStatus    `json:"status"`
	Sites  []provenance.SiteProfile `json:"sites"`
	// More says more sites have a profile than top let through.
	More bool `json:"more"`
}

func (s *Server) sites(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "top")
	if err != nil {
		return err
	}
	top := 0
	if v := q.Get("top"); v != "" {
		if top, err = strconv.Atoi(v); err != nil || top < 0 {
			return Errorf(http.StatusBadRequest, CodeInvalidRequest, "top: %q: want a number of sites, 0 for all", v)
		}
	}
	var res SitesList
	err = s.work(r, func(ctx context.Context) error {
		return s.turn(ctx, w, func() (err error) {
			res, err = s.listSites(ctx, top)
			return err
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// listSites reads the status and the top profiles (all when top is 0).
func (s *Server) listSites(ctx context.Context, top int) (SitesList, error) {
	var res SitesList
	var err error
	if res.Status, err = s.eng.FamiliesStatus(ctx, StatusLimit); err != nil {
		return res, err
	}
	if res.Sites, err = s.eng.SiteProfiles(ctx, ""); err != nil {
		return res, err
	}
	if top > 0 && len(res.Sites) > top {
		res.Sites, res.More = res.Sites[:top], true
	}
	return res, nil
}

func (s *Server) site(w http.ResponseWriter, r *http.Request) error {
	name := pathParam(r, "site")
	var p provenance.SiteProfile
	err := s.work(r, func(ctx context.Context) error {
		return s.turn(ctx, w, func() (err error) {
			p, err = s.siteProfile(ctx, name)
			return err
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

// siteProfile returns one site's profile, or not_found when none of its
// articles is in a stored family.
func (s *Server) siteProfile(ctx context.Context, name string) (provenance.SiteProfile, error) {
	ps, err := s.eng.SiteProfiles(ctx, name)
	if err != nil {
		return provenance.SiteProfile{}, err
	}
	if len(ps) == 0 {
		return provenance.SiteProfile{}, Errorf(http.StatusNotFound, CodeNotFound,
			"site %q has no profile: none of its articles is in a stored family (the families may need an update)", name)
	}
	return ps[0], nil
}

// query returns the request's query, refusing parameters other than
// known: a misspelt filter would otherwise be ignored without a word.
func query(r *http.Request, known ...string) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, Errorf(http.StatusBadRequest, CodeInvalidRequest, "query: %v", err)
	}
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if !slices.Contains(known, k) {
			return nil, Errorf(http.StatusBadRequest, CodeInvalidRequest, "query parameter %q: this route takes %s", k, strings.Join(known, ", "))
		}
		if len(q[k]) > 1 {
			return nil, Errorf(http.StatusBadRequest, CodeInvalidRequest, "query parameter %q given %d times", k, len(q[k]))
		}
	}
	return q, nil
}

// pathParam returns a parameter of the route's path, unescaped: the router
// matches the escaped path when the URL has one (a "/" written %2F), and
// then gives the parameter escaped.
func pathParam(r *http.Request, name string) string {
	v := chi.URLParam(r, name)
	if r.URL.RawPath == "" {
		return v
	}
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}
