package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/provenance"
)

// The web page: plain HTML forms that post to the server, answered with
// pages rendered here. Everything works without script; /static/app.js
// adds what only script can do (scrolling a passage's partner into view
// in its own column, dropping a file on the form).

//go:embed web/templates/*.html
var templateFS embed.FS

//go:embed web/static
var staticFS embed.FS

// pages holds the parsed templates and the static files with their
// fingerprints, which the pages append to the files' URLs so that a new
// build is never served an old script from a cache.
type pages struct {
	tmpl    map[string]*template.Template
	static  fs.FS
	version string
}

// pageNames are the pages; each is rendered inside layout.html.
var pageNames = []string{"index", "check", "compare", "inspect", "article", "error", "trace", "families", "sites", "site"}

func newPages() (*pages, error) {
	static, err := fs.Sub(staticFS, "web/static")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	p := &pages{tmpl: map[string]*template.Template{}, static: static, version: hex.EncodeToString(h.Sum(nil))[:12]}
	funcs := template.FuncMap{
		"static":  func(name string) string { return "/static/" + name + "?v=" + p.version },
		"inc":     func(i int) int { return i + 1 },
		"meaning": meaning,
	}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "web/templates/layout.html", "web/templates/text.html", "web/templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		p.tmpl[name] = t
	}
	return p, nil
}

// pageData is what every page gets.
type pageData struct {
	Title string
	// Nav is the page's place in the navigation: "check", "compare",
	// "inspect", "trace", "families", "sites".
	Nav string
	// View is the page's own data.
	View any
}

// render writes a page. It renders into a buffer first, so that a
// template error becomes a clean error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, d pageData) error {
	var buf bytes.Buffer
	if err := s.pages.tmpl[name].Execute(&buf, d); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// page turns a HandlerFunc into a handler that sends its error as a page.
func (s *Server) page(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.sendPageError(w, r, err)
		}
	})
}

// errorView is the error page's data.
type errorView struct {
	Status    int
	Code      string
	Message   string
	RequestID string
}

func (s *Server) sendPageError(w http.ResponseWriter, r *http.Request, err error) {
	e := s.report(r, err)
	if e.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	v := errorView{Status: e.Status, Code: e.Code, Message: e.Message, RequestID: requestIDOf(r)}
	if rerr := s.render(w, e.Status, "error", pageData{Title: http.StatusText(e.Status), View: v}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, e.Message, e.Status)
	}
}

func (s *Server) pageRoutes() {
	s.handlePage(http.MethodGet, "/", Read, s.indexPage)
	s.handlePage(http.MethodPost, "/check", Read, s.checkPage)
	s.handlePage(http.MethodGet, "/compare", Read, s.comparePage)
	s.handlePage(http.MethodPost, "/compare", Read, s.comparePage)
	s.handlePage(http.MethodPost, "/inspect", Read, s.inspectPage)
	s.handlePage(http.MethodGet, "/articles/{id}", Read, s.articlePage)
	s.provenancePageRoutes()
	s.mux.With(s.allow(Read, true)).Get("/static/*", s.serveStatic)
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	b, err := fs.ReadFile(s.pages.static, path.Clean(name))
	if err != nil {
		s.sendPageError(w, r, Errorf(http.StatusNotFound, CodeNotFound, "no file %s", name))
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Security-Policy", apiCSP)
	if r.URL.Query().Get("v") == s.pages.version {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

func (s *Server) indexPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "index", pageData{Title: "Where did this article come from?", Nav: "check"})
}

// parseForm reads a page's form, urlencoded or multipart, within the body
// limit.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	var err error
	if mediaType(r) == "multipart/form-data" {
		err = r.ParseMultipartForm(16 << 20)
	} else {
		err = r.ParseForm()
	}
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &mb):
		return Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "the form is over %d bytes", mb.Limit)
	case err != nil:
		return Errorf(http.StatusBadRequest, CodeInvalidRequest, "the form could not be read: %v", err)
	}
	return nil
}

// formArticle reads the article a form gives under prefix: an uploaded
// file, pasted text, a URL to fetch, or the id of a stored article, the
// first of these that is there. Pasted text has its line endings made
// "\n": browsers send a text area's lines ending in "\r\n" whatever was
// pasted, and the offsets shown must be into the text as pasted.
func (s *Server) formArticle(ctx context.Context, r *http.Request, prefix string) (ingest.Item, error) {
	if r.MultipartForm != nil {
		if files := r.MultipartForm.File[prefix+"file"]; len(files) > 0 && files[0].Size > 0 {
			fh := files[0]
			f, err := fh.Open()
			if err != nil {
				return ingest.Item{}, err
			}
			defer f.Close()
			return oneItem(ctx, fh.Filename, "", f)
		}
	}
	if text := r.FormValue(prefix + "text"); strings.TrimSpace(text) != "" {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		return oneItem(ctx, "pasted text", ingest.FormatText, strings.NewReader(text))
	}
	if u := strings.TrimSpace(r.FormValue(prefix + "url")); u != "" {
		return s.fetchArticle(ctx, ArticleInput{URL: u})
	}
	if id := r.FormValue(prefix + "id"); id != "" {
		a, err := s.eng.Store().Get(ctx, id)
		if err != nil {
			return ingest.Item{}, fmt.Errorf("article %q: %w", id, err)
		}
		return ingest.Item{Input: id, Format: "stored", Article: a}, nil
	}
	return ingest.Item{}, Errorf(http.StatusBadRequest, CodeInvalidRequest, "paste an article, give its URL or choose a file")
}

// oneItem reads the one article rd holds.
func oneItem(ctx context.Context, name, format string, rd io.Reader) (ingest.Item, error) {
	var got []ingest.Item
	err := ingest.ReadStream(ctx, name, format, rd, ingest.Options{}, func(it ingest.Item) error {
		got = append(got, it)
		if len(got) > 1 {
			return ingest.ErrSeveral
		}
		return nil
	})
	switch {
	case errors.Is(err, ingest.ErrSeveral):
		return ingest.Item{}, fmt.Errorf("%s: %w", name, err)
	case err != nil:
		return ingest.Item{}, err
	case len(got) == 0:
		return ingest.Item{}, fmt.Errorf("%s: %w", name, wiretrace.ErrEmptyText)
	case got[0].Err != nil:
		return ingest.Item{}, fmt.Errorf("%s: %w", got[0].Input, got[0].Err)
	}
	return got[0], nil
}

// suspectInfo describes the article a page was asked about.
type suspectInfo struct {
	Input string
	Title string
	Site  string
	Link  string
	// Extracted is true when the text was extracted from a page.
	Extracted bool
	Text      string
	ID        string
	Stored    bool
	// StoryHref is a stored article's story page.
	StoryHref string
}

func infoOf(it ingest.Item) suspectInfo {
	in := suspectInfo{
		Input: it.Input, Title: it.Article.Title, Site: it.Article.Site, Link: webLink(it.Article.URL),
		Extracted: it.Meta != nil, Text: it.Article.Text, ID: it.Article.ID, Stored: it.Format == "stored",
	}
	if in.Stored {
		in.StoryHref = storyHref(in.ID)
	}
	return in
}

// checkView is the check page's data.
type checkView struct {
	Suspect suspectInfo
	Matches []matchRow
	Elapsed string
}

func (s *Server) checkPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	top := 10
	if t := r.FormValue("top"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > 100 {
			return Errorf(http.StatusBadRequest, CodeInvalidRequest, "top: %q: want a number from 1 to 100", t)
		}
		top = n
	}
	// "Save a report" asks for the result as a page that stands alone,
	// to keep or send, instead of the page that shows it.
	asReport := r.FormValue("as") == "report"
	var v checkView
	var report Report
	err := s.work(r, func(ctx context.Context) error {
		it, err := s.formArticle(ctx, r, "")
		if err != nil {
			return err
		}
		return s.turn(ctx, w, func() error {
			start := time.Now()
			res, err := s.checkItem(ctx, it, engine.CheckOptions{Top: top})
			if err != nil {
				return err
			}
			v = checkView{Suspect: infoOf(it), Elapsed: time.Since(start).Round(time.Millisecond).String()}
			report = Report{Suspect: ReportArticle{Input: it.Input, Title: it.Article.Title, Site: it.Article.Site, Extracted: it.Meta != nil},
				SuspectText: it.Article.Text, Made: time.Now()}
			suspect := align.NewDoc(it.Article.Text)
			for i, m := range res.Matches {
				a, err := s.eng.Store().Get(ctx, m.ID)
				if err != nil && !errors.Is(err, wiretrace.ErrNotFound) {
					return err
				}
				if asReport {
					// The report prepares the texts it shows itself.
					report.Matches = append(report.Matches, ReportMatch{Match: m, SourceText: a.Text})
					continue
				}
				var source *align.Doc
				if err == nil {
					source = align.NewDoc(a.Text)
				}
				row := newMatchRow(i+1, m, s.eng.Options().Align, source, suspect)
				if source != nil {
					row.StoryHref = storyHref(m.ID)
				}
				v.Matches = append(v.Matches, row)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if asReport {
		return s.sendReport(w, report)
	}
	return s.render(w, http.StatusOK, "check", pageData{Title: "Sources of " + titleOf(v.Suspect), Nav: "check", View: v})
}

func titleOf(in suspectInfo) string {
	if in.Title != "" {
		return in.Title
	}
	return in.Input
}

// compareView is the compare page's data: the form, and the result once
// posted.
type compareView struct {
	Source, Suspect suspectInfo
	Result          *matchRow
	Relation        string
}

func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) error {
	// GET compares two stored articles named in the query (the links of
	// the provenance pages); without them it is the form.
	q := r.URL.Query()
	if r.Method == http.MethodGet && q.Get("source_id") == "" && q.Get("suspect_id") == "" {
		return s.render(w, http.StatusOK, "compare", pageData{Title: "Compare two articles", Nav: "compare", View: compareView{}})
	}
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	var v compareView
	err := s.work(r, func(ctx context.Context) error {
		src, err := s.formArticle(ctx, r, "source_")
		if err != nil {
			return fmt.Errorf("source: %w", err)
		}
		sus, err := s.formArticle(ctx, r, "suspect_")
		if err != nil {
			return fmt.Errorf("suspect: %w", err)
		}
		return s.turn(ctx, w, func() error {
			res := s.compareItems(src, sus)
			m := wiretrace.Match{Title: src.Article.Title, Comparison: res.Comparison}
			row := newMatchRow(1, m, s.eng.Options().Align, align.NewDoc(src.Article.Text), align.NewDoc(sus.Article.Text))
			v = compareView{Source: infoOf(src), Suspect: infoOf(sus), Result: &row}
			return nil
		})
	})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "compare", pageData{Title: "Comparison", Nav: "compare", View: v})
}

// inspectPageView is the inspect page's data.
type inspectPageView struct {
	Article suspectInfo
	*inspectView
}

func (s *Server) inspectPage(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	var v inspectPageView
	err := s.work(r, func(ctx context.Context) error {
		it, err := s.formArticle(ctx, r, "")
		if err != nil {
			return err
		}
		return s.turn(ctx, w, func() error {
			res, err := s.inspectItem(ctx, it, false)
			if err != nil {
				return err
			}
			v = inspectPageView{Article: infoOf(it), inspectView: newInspectView(it.Article.Text, res.Inspection)}
			return nil
		})
	})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "inspect", pageData{Title: "Inspection of " + titleOf(v.Article), Nav: "inspect", View: v})
}

// articleView is a stored article's page.
type articleView struct {
	wiretrace.Article
	Link      string
	StoryHref string
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	id := pathParam(r, "id")
	a, err := s.eng.Store().Get(r.Context(), id)
	if err != nil {
		return fmt.Errorf("article %q: %w", id, err)
	}
	title := a.Title
	if title == "" {
		title = a.ID
	}
	return s.render(w, http.StatusOK, "article", pageData{Title: title, View: articleView{Article: a, Link: webLink(a.URL), StoryHref: storyHref(a.ID)}})
}

// sendReport answers with r as a page that stands alone (the report
// --html writes), to download: "as=report" on the check form and on the
// story, families, sites and site pages.
func (s *Server) sendReport(w http.ResponseWriter, r Report) error {
	var b bytes.Buffer
	if err := WriteReport(&b, r, s.eng.Options().Align); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="wiretrace-report.html"`)
	_, err := w.Write(b.Bytes())
	return err
}

// meaning says in a line what a relation or a rewording means, for its
// label's tooltip.
func meaning(r any) string { return meanings[fmt.Sprint(r)] }

// meanings say in a line what each relation and rewording means, as the
// README's table of relations does.
var meanings = map[string]string{
	string(wiretrace.Synonyms):  "words swapped for others, most of the source's kept in place",
	string(wiretrace.Rewritten): "in words mostly its own: paraphrased, heavily revised, rewritten",
	string(wiretrace.Copy):      "reproduces the source's wording, verbatim or with light edits",
	string(wiretrace.Spun):      "follows the source passage by passage, or retells it, in other words: synonyms swapped in, or rewritten",
	string(wiretrace.Partial):   "some passages, not most of it, derive from the source",
	string(wiretrace.Related):   "independent writing about the same story: shared names, numbers, quotes, no carried-over wording",
	string(wiretrace.Unrelated): "nothing in common worth reporting",
	string(provenance.Take):     "another take of the story its agency filed under one slug that day",
}
