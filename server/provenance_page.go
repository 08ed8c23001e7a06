package server

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/provenance"
)

// The provenance pages: an article's story (/trace), the store's families
// (/families), the ranking of sites (/sites) and a site's profile
// (/sites/{site}). Like the rest of the page they are plain HTML, and
// read what the API reads.

func (s *Server) provenancePageRoutes() {
	s.handlePage(http.MethodGet, "/trace", Read, s.tracePage)
	s.handlePage(http.MethodPost, "/trace", Read, s.tracePage)
	s.handlePage(http.MethodGet, "/families", Read, s.familiesPage)
	s.handlePage(http.MethodGet, "/sites", Read, s.sitesPage)
	s.handlePage(http.MethodGet, "/sites/{site}", Read, s.sitePage)
}

// tracePageView is the story page's data: the form alone, or a story.
type tracePageView struct {
	Story *storyView
}

// tracePage shows the story of a stored article (GET /trace?id=ID) or of
// an article given in a form (POST: text, URL, file or id); GET /trace
// without an id is the form.
func (s *Server) tracePage(w http.ResponseWriter, r *http.Request) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	id := r.FormValue("id")
	if r.Method == http.MethodGet && id == "" {
		return s.render(w, http.StatusOK, "trace", pageData{Title: "Trace a story", Nav: "trace", View: tracePageView{}})
	}
	asReport := r.FormValue("as") == "report"
	var v storyView
	var report Report
	err := s.work(r, func(ctx context.Context) error {
		var it ingest.Item
		var err error
		if r.Method == http.MethodGet {
			it, err = s.storedItem(ctx, id)
		} else {
			it, err = s.formArticle(ctx, r, "")
		}
		if err != nil {
			return err
		}
		return s.turn(ctx, w, func() error {
			t, err := s.traceItem(ctx, it, engine.TraceOptions{})
			if err != nil {
				return err
			}
			v = newStoryView(t, traceName(t, it.Article.Title))
			if t.Stored && t.ID != "" {
				v.ReportHref = "/trace?" + url.Values{"id": {t.ID}, "as": {"report"}}.Encode()
			}
			report = Report{Suspect: ReportArticle{Input: cmp.Or(it.Input, id), Title: it.Article.Title, Site: it.Article.Site}, Trace: t, Made: time.Now()}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if asReport {
		return s.sendReport(w, report)
	}
	return s.render(w, http.StatusOK, "trace", pageData{Title: "Story of " + v.Name, Nav: "trace", View: tracePageView{Story: &v}})
}

// familiesView is the families page's data: the filter as given, the
// status and the families.
type familiesView struct {
	Since, Site, MinSize string
	Status               engine.FamiliesStatus
	Families             []familyRow
	More                 bool
	Limit                int
	// ReportHref downloads the families listed, with their stories, as a
	// page that stands alone.
	ReportHref string
}

// withReport returns query q asking for the page as a report.
func withReport(q url.Values) string {
	c := url.Values{}
	for k, vs := range q {
		c[k] = vs
	}
	c.Set("as", "report")
	return c.Encode()
}

func (s *Server) familiesPage(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "since", "site", "min_size", "limit", "as")
	if err != nil {
		return err
	}
	f, limit, err := familyQuery(q)
	if err != nil {
		return err
	}
	v := familiesView{Since: q.Get("since"), Site: q.Get("site"), MinSize: strconv.Itoa(f.MinSize), Limit: limit}
	report := FamiliesReport{Filter: FamilyFilterWords(f)}
	err = s.work(r, func(ctx context.Context) error {
		return s.turn(ctx, w, func() error {
			list, err := s.listFamilies(ctx, f, limit)
			if err != nil {
				return err
			}
			v.Status, v.More = list.Status, list.More
			report.Status, report.Stories, report.More = list.Status, list.Families, list.More
			report.Total = len(list.Families)
			for _, st := range list.Families {
				v.Families = append(v.Families, newFamilyRow(st))
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if q.Get("as") == "report" {
		return s.sendReport(w, Report{Families: &report, Made: time.Now()})
	}
	v.ReportHref = "/families?" + withReport(q)
	return s.render(w, http.StatusOK, "families", pageData{Title: "Story families", Nav: "families", View: v})
}

// sitesView is the ranking's data.
type sitesView struct {
	Status engine.FamiliesStatus
	Sites  []siteRow
	// ReportHref downloads the ranking, with every site's profile, as a
	// page that stands alone.
	ReportHref string
}

func (s *Server) sitesPage(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "as")
	if err != nil {
		return err
	}
	v := sitesView{ReportHref: "/sites?as=report"}
	var report SitesReport
	err = s.work(r, func(ctx context.Context) error {
		return s.turn(ctx, w, func() error {
			list, err := s.listSites(ctx, 0)
			if err != nil {
				return err
			}
			v.Status = list.Status
			report.Status, report.Profiles = list.Status, list.Sites
			for _, p := range list.Sites {
				v.Sites = append(v.Sites, newSiteRow(p))
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if q.Get("as") == "report" {
		return s.sendReport(w, Report{Sites: &report, Made: time.Now()})
	}
	return s.render(w, http.StatusOK, "sites", pageData{Title: "Sites", Nav: "sites", View: v})
}

func (s *Server) sitePage(w http.ResponseWriter, r *http.Request) error {
	name := pathParam(r, "site")
	q, err := query(r, "as")
	if err != nil {
		return err
	}
	asReport := q.Get("as") == "report"
	var p provenance.SiteProfile
	var status engine.FamiliesStatus
	err = s.work(r, func(ctx context.Context) error {
		return s.turn(ctx, w, func() (err error) {
			if p, err = s.siteProfile(ctx, name); err != nil || !asReport {
				return err
			}
			status, err = s.eng.FamiliesStatus(ctx, StatusLimit)
			return err
		})
	})
	if err != nil {
		return err
	}
	if asReport {
		return s.sendReport(w, Report{Sites: &SitesReport{Status: status, Profiles: []provenance.SiteProfile{p}, One: true}, Made: time.Now()})
	}
	row := newSiteRow(p)
	row.ReportHref = siteHref(p.Site) + "?as=report"
	return s.render(w, http.StatusOK, "site", pageData{Title: "Site " + row.Label, Nav: "sites", View: row})
}
