package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/integrity"
)

// routes registers every route but those added later through Handle.
func (s *Server) routes() {
	s.Handle(http.MethodGet, "/healthz", Open, s.healthz)
	s.Handle(http.MethodGet, "/readyz", Open, s.readyz)
	s.mux.With(s.allow(Read, false)).Method(http.MethodGet, "/metrics", s.metrics.handler())
	s.Handle(http.MethodGet, "/v1/openapi.json", Open, s.openAPI)

	s.Handle(http.MethodPost, "/v1/check", Read, s.check)
	s.Handle(http.MethodPost, "/v1/compare", Read, s.compare)
	s.Handle(http.MethodPost, "/v1/inspect", Read, s.inspect)
	s.Handle(http.MethodGet, "/v1/articles/{id}", Read, s.getArticle)
	s.Handle(http.MethodGet, "/v1/stats", Read, s.stats)
	s.Handle(http.MethodPost, "/v1/articles", Write, s.addArticles)
	s.Handle(http.MethodDelete, "/v1/articles/{id}", Write, s.deleteArticle)
	s.provenanceRoutes()

	s.pageRoutes()
}

// Health is the body of /healthz and /readyz.
type Health struct {
	Status string `json:"status"`
	// Articles is how many articles the store holds (readyz only).
	Articles *int64 `json:"articles,omitempty"`
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, Health{Status: "ok"})
}

// readyz says whether the server takes requests: not while it shuts down,
// nor when its store does not answer.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	if s.draining.Load() {
		return Errorf(http.StatusServiceUnavailable, CodeUnavailable, "shutting down")
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	st, err := s.eng.Store().Stats(ctx)
	if err != nil {
		s.log.Warn("not ready: the store does not answer", "err", err)
		return Errorf(http.StatusServiceUnavailable, CodeUnavailable, "the store does not answer")
	}
	return writeJSON(w, http.StatusOK, Health{Status: "ready", Articles: &st.Articles})
}

// readJSON reads a JSON request body, within the size limit.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if mt := mediaType(r); mt != "application/json" {
		return nil, Errorf(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, "send Content-Type: application/json (got %q)", r.Header.Get("Content-Type"))
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "request body over %d bytes", mb.Limit)
		}
		return nil, Errorf(http.StatusBadRequest, CodeInvalidRequest, "reading the request body: %v", err)
	}
	return body, nil
}

func mediaType(r *http.Request) string {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt
}

// decode unmarshals a request's JSON into v.
func decode(body []byte, v any) error {
	if err := json.Unmarshal(body, v); err != nil {
		return Errorf(http.StatusBadRequest, CodeInvalidJSON, "request body: %v", err)
	}
	return nil
}

// ArticleInput is how a request gives an article: the fields of a line
// of JSON Lines ("text", or "html" to extract, with "id", "url", "site",
// "title", "published", "first_seen", "byline", "language",
// "canonical_url", "slug"), or a "url" alone to fetch, or an "id" alone naming a
// stored article. Only the fields that choose between these are decoded
// here; ingest.Line reads the rest.
type ArticleInput struct {
	// Input is the caller's name for the article (a file name), echoed in
	// results.
	Input string          `json:"input"`
	ID    string          `json:"id"`
	URL   string          `json:"url"`
	Site  string          `json:"site"`
	Text  json.RawMessage `json:"text"`
	HTML  json.RawMessage `json:"html"`
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }

// article reads the article obj gives. stored allows an "id" alone,
// naming a stored article.
func (s *Server) article(ctx context.Context, obj []byte, stored bool) (ingest.Item, error) {
	var in ArticleInput
	if err := decode(obj, &in); err != nil {
		return ingest.Item{}, err
	}
	switch {
	case !isNull(in.Text) || !isNull(in.HTML):
		name := in.Input
		if name == "" && isNull(in.Text) {
			name = "html"
		}
		it := ingest.Line(name, obj, ingest.Options{})
		return it, it.Err
	case in.URL != "":
		return s.fetchArticle(ctx, in)
	case in.ID != "" && stored:
		a, err := s.eng.Store().Get(ctx, in.ID)
		if err != nil {
			return ingest.Item{}, fmt.Errorf("article %q: %w", in.ID, err)
		}
		return ingest.Item{Input: in.Input, Format: "stored", Article: a}, nil
	}
	msg := `give the article's "text", its "html", or a "url" to fetch`
	if stored {
		msg += `, or the "id" of a stored article`
	}
	return ingest.Item{}, Errorf(http.StatusBadRequest, CodeInvalidRequest, "%s", msg)
}

// fetchArticle fetches the page in.URL names, through the SSRF guard.
func (s *Server) fetchArticle(ctx context.Context, in ArticleInput) (ingest.Item, error) {
	if s.cfg.Fetch == nil {
		return ingest.Item{}, Errorf(http.StatusUnprocessableEntity, CodeFetchForbidden, "this server fetches no URLs")
	}
	if u, err := url.Parse(in.URL); err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ingest.Item{}, Errorf(http.StatusBadRequest, CodeInvalidRequest, "url %q: want an http or https URL", in.URL)
	}
	it, err := ingest.One(ctx, in.URL, nil, ingest.Options{Site: in.Site, Fetch: s.cfg.Fetch})
	if err != nil {
		if ctx.Err() != nil {
			return it, ctx.Err()
		}
		return it, fetchError{err}
	}
	if in.ID != "" {
		it.Article.ID = in.ID
	}
	if in.Input != "" {
		it.Input = in.Input
	}
	return it, nil
}

// CheckRequest is the body of POST /v1/check: an ArticleInput and these.
type CheckRequest struct {
	// Top is how many sources to return at most; 0 returns all found.
	// Default 10.
	Top *int `json:"top"`
	// Exclude are IDs of stored articles that are the suspect itself.
	Exclude []string `json:"exclude"`
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readJSON(w, r)
	if err != nil {
		return err
	}
	var req CheckRequest
	if err := decode(body, &req); err != nil {
		return err
	}
	top := 10
	if req.Top != nil {
		top = *req.Top
	}
	if top < 0 {
		return Errorf(http.StatusBadRequest, CodeInvalidRequest, "top: %d: want 0 (all) or more", top)
	}
	var res engine.CheckResult
	err = s.work(r, func(ctx context.Context) error {
		it, err := s.article(ctx, body, true)
		if err != nil {
			return err
		}
		return s.turn(ctx, w, func() (err error) {
			res, err = s.checkItem(ctx, it, engine.CheckOptions{Top: top, Exclude: req.Exclude})
			return err
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// checkItem checks one article read from a request, timing the engine.
func (s *Server) checkItem(ctx context.Context, it ingest.Item, o engine.CheckOptions) (engine.CheckResult, error) {
	start := time.Now()
	ms, err := s.eng.Check(ctx, it.Article, o)
	if err != nil {
		return engine.CheckResult{}, err
	}
	s.metrics.check.Observe(time.Since(start).Seconds())
	if ms == nil {
		ms = []wiretrace.Match{}
	}
	return engine.CheckResult{Input: it.Input, ID: it.Article.ID, Suspect: it.Extracted(), Matches: ms}, nil
}

// CompareRequest is the body of POST /v1/compare.
type CompareRequest struct {
	Source  json.RawMessage `json:"source"`
	Suspect json.RawMessage `json:"suspect"`
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readJSON(w, r)
	if err != nil {
		return err
	}
	var req CompareRequest
	if err := decode(body, &req); err != nil {
		return err
	}
	if isNull(req.Source) || isNull(req.Suspect) {
		return Errorf(http.StatusBadRequest, CodeInvalidRequest, `give both "source" and "suspect", each an article object`)
	}
	var res engine.CompareResult
	err = s.work(r, func(ctx context.Context) error {
		src, err := s.article(ctx, req.Source, true)
		if err != nil {
			return fmt.Errorf("source: %w", err)
		}
		sus, err := s.article(ctx, req.Suspect, true)
		if err != nil {
			return fmt.Errorf("suspect: %w", err)
		}
		return s.turn(ctx, w, func() error {
			res = s.compareItems(src, sus)
			return nil
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

func (s *Server) compareItems(src, sus ingest.Item) engine.CompareResult {
	suspect := engine.Prepare(sus.Article.Text)
	c := s.eng.Options().Compare(engine.Prepare(src.Article.Text), suspect)
	c.Original = engine.NamedOriginal(c, src.Article, sus.Article, suspect)
	return engine.CompareResult{Input: sus.Input, Comparison: c, Source: src.Extracted(), Suspect: sus.Extracted()}
}

// InspectRequest is the body of POST /v1/inspect: an ArticleInput and
// this.
type InspectRequest struct {
	// Index asks the store where it has seen the byline's names.
	Index bool `json:"index"`
}

// InspectResult is the answer to an inspection: what `wiretrace inspect
// --json` prints, with the article when its text was extracted from a
// page (the spans' offsets are into its text).
type InspectResult struct {
	Input   string               `json:"input,omitempty"`
	Article *wiretrace.Extracted `json:"article,omitempty"`
	*integrity.Inspection
}

func (s *Server) inspect(w http.ResponseWriter, r *http.Request) error {
	body, err := s.readJSON(w, r)
	if err != nil {
		return err
	}
	var req InspectRequest
	if err := decode(body, &req); err != nil {
		return err
	}
	var res InspectResult
	err = s.work(r, func(ctx context.Context) error {
		it, err := s.article(ctx, body, true)
		if err != nil {
			return err
		}
		return s.turn(ctx, w, func() (err error) {
			res, err = s.inspectItem(ctx, it, req.Index)
			return err
		})
	})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

func (s *Server) inspectItem(ctx context.Context, it ingest.Item, index bool) (InspectResult, error) {
	// A page's metadata gives its title and byline, as for the command.
	var meta anatomy.Metadata
	if it.Meta != nil {
		meta = anatomy.Metadata{Title: it.Article.Title, Byline: it.Meta.Byline}
	}
	in, err := s.eng.Inspect(ctx, it.Article, meta, engine.InspectOptions{Index: index, Site: it.Article.Site})
	if err != nil {
		return InspectResult{}, err
	}
	return InspectResult{Input: it.Input, Article: it.Extracted(), Inspection: in}, nil
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) error {
	id := pathParam(r, "id")
	a, err := s.eng.Store().Get(r.Context(), id)
	if err != nil {
		return fmt.Errorf("article %q: %w", id, err)
	}
	return writeJSON(w, http.StatusOK, a)
}

func (s *Server) deleteArticle(w http.ResponseWriter, r *http.Request) error {
	id := pathParam(r, "id")
	st := s.eng.Store()
	if err := s.eng.Remove(r.Context(), id); err != nil {
		return fmt.Errorf("article %q: %w", id, err)
	}
	if err := st.Sync(); err != nil {
		return err
	}
	s.log.Info("article removed", "request_id", requestIDOf(r), "id", id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// StatsResult is the body of GET /v1/stats: what `wiretrace stats --json`
// prints, but the store's location.
type StatsResult struct {
	wiretrace.Stats
	Sites []wiretrace.SiteStats `json:"sites"`
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	st := s.eng.Store()
	stats, err := st.Stats(r.Context())
	if err != nil {
		return err
	}
	sites, err := st.Sites(r.Context())
	if err != nil {
		return err
	}
	if sites == nil {
		sites = []wiretrace.SiteStats{}
	}
	return writeJSON(w, http.StatusOK, StatsResult{Stats: stats, Sites: sites})
}
