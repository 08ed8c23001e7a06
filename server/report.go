package server

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/integrity"
	"github.com/wiretrace/wiretrace/provenance"
)

// A report is the result of a check or a comparison as one HTML page that
// stands alone (wiretrace check --html, compare --html): the side by side
// view the server's pages show, with its style sheet and script inside it
// and no link that needs a server, to keep, send or attach.

// ReportArticle is an article a report names.
type ReportArticle struct {
	// Input is where it was read from: a path, a URL, "-".
	Input string
	Title string
	Site  string
	// Extracted is true when the text was extracted from a page.
	Extracted bool
}

// ReportMatch is one source of a report's suspect: the match, and the
// source's text when it is at hand ("" when it is not, removed from the
// store since the check: the report then says so instead of showing the
// two side by side).
type ReportMatch struct {
	wiretrace.Match
	SourceText string
}

// Report is what a report shows: a suspect and its sources, best first;
// Source is set for a comparison, which has one match. Or, with Trace
// set, a story: its origin and why, its timeline and copy tree; or, with
// Inspection set, an article's parts and flags.
type Report struct {
	Suspect     ReportArticle
	SuspectText string
	Source      *ReportArticle
	Matches     []ReportMatch
	Trace       *provenance.Trace
	// Inspection, with SuspectText, makes the report an article's parts
	// and flags instead.
	Inspection *integrity.Inspection
	// Sites makes the report sites' profiles instead.
	Sites *SitesReport
	// Families makes the report the store's families instead.
	Families *FamiliesReport
	// Made is when the report was made.
	Made time.Time
}

// SitesReport is a report of sites' profiles: the ranking of all of them
// followed by each one's profile, or, with One, a single site's profile.
type SitesReport struct {
	Status   engine.FamiliesStatus
	Profiles []provenance.SiteProfile
	One      bool
}

// FamiliesReport is a report of the store's families: the list of those
// asked for, each with its story below it.
type FamiliesReport struct {
	Status engine.FamiliesStatus
	// Filter says in words which families were asked for ("of at least
	// 2 members"); empty for all.
	Filter string
	// Stories are the families reported, in the order listed; Total is
	// how many passed the filter, of which the report holds the first;
	// More says more passed, how many unknown.
	Stories []provenance.Story
	Total   int
	More    bool
}

// FamilyFilterWords says in words which families a filter passes ("in
// families of at least 3"); empty for all of two members or more.
func FamilyFilterWords(f engine.FamilyFilter) string {
	var parts []string
	if f.MinSize > 2 {
		parts = append(parts, fmt.Sprintf("in families of at least %d", f.MinSize))
	}
	if f.Site != "" {
		parts = append(parts, "in families with a member on "+f.Site)
	}
	if !f.Since.IsZero() {
		parts = append(parts, "in families with a member that appeared at or after "+f.Since.UTC().Format("2 Jan 2006 15:04 MST"))
	}
	return strings.Join(parts, ", ")
}

// familiesReportView is a families report's data: the rows lead to the
// stories below them in the page.
type familiesReportView struct {
	Status  engine.FamiliesStatus
	Filter  string
	Rows    []familyRow
	Stories []storyView
	Total   int
	More    bool
}

// newFamiliesReportView makes the rows and stories of a families report,
// with no link that needs the server.
func newFamiliesReportView(r *FamiliesReport) *familiesReportView {
	v := &familiesReportView{Status: r.Status, Filter: r.Filter, Total: r.Total, More: r.More}
	for i, s := range r.Stories {
		anchor := fmt.Sprintf("family-%d", i+1)
		row := newFamilyRow(s)
		row.StoryHref = "#" + anchor
		v.Rows = append(v.Rows, row)
		story := newStoryView(&provenance.Trace{Stored: true, Story: s}, cmp.Or(row.Origin, s.Family))
		story.standalone()
		story.IDPrefix = anchor + "-"
		v.Stories = append(v.Stories, story)
	}
	return v
}

// sitesReportView is a sites report's data: the ranking's rows lead to
// the profiles below them in the page.
type sitesReportView struct {
	Status   engine.FamiliesStatus
	Sites    []siteRow
	Profiles []siteRow
	One      bool
}

// reportView is the report template's data.
type reportView struct {
	Suspect  ReportArticle
	Source   *ReportArticle
	Matches  []matchRow
	Story    *storyView
	Inspect  *inspectPageView
	Sites    *sitesReportView
	Families *familiesReportView
	Made     string
}

// WriteReport writes r as a standalone HTML page to w. opts aligns each
// source with the suspect again for the word-level marks, as the pages do.
func WriteReport(w io.Writer, r Report, opts align.Options) error {
	style, err := fs.ReadFile(staticFS, "web/static/style.css")
	if err != nil {
		return err
	}
	script, err := fs.ReadFile(staticFS, "web/static/app.js")
	if err != nil {
		return err
	}
	t, err := template.New("report.html").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }, "meaning": meaning}).
		ParseFS(templateFS, "web/templates/report.html", "web/templates/text.html", "web/templates/trace.html", "web/templates/inspect.html")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	v := reportView{Suspect: r.Suspect, Source: r.Source, Made: r.Made.UTC().Format("2 Jan 2006 15:04 MST")}
	suspect := align.NewDoc(r.SuspectText)
	for i, m := range r.Matches {
		var source *align.Doc
		if m.SourceText != "" {
			source = align.NewDoc(m.SourceText)
		}
		row := newMatchRow(i+1, m.Match, opts, source, suspect)
		// No server serves the source's page, and every source is
		// shown open: a report is read, not browsed.
		row.ArticleHref, row.Open = "", true
		v.Matches = append(v.Matches, row)
	}
	title := "Sources of " + cmp.Or(r.Suspect.Title, r.Suspect.Input)
	if r.Source != nil {
		title = "Comparison of " + cmp.Or(r.Suspect.Title, r.Suspect.Input)
	}
	if r.Inspection != nil {
		info := suspectInfo{Input: r.Suspect.Input, Title: r.Suspect.Title, Site: r.Suspect.Site, Extracted: r.Suspect.Extracted}
		v.Inspect = &inspectPageView{Article: info, inspectView: newInspectView(r.SuspectText, r.Inspection)}
		title = "The parts of " + cmp.Or(r.Suspect.Title, r.Suspect.Input)
	}
	if r.Sites != nil {
		v.Sites, title = newSitesReportView(r.Sites), "Sites"
		if r.Sites.One && len(v.Sites.Profiles) == 1 {
			title = "Site " + v.Sites.Profiles[0].Label
		}
	}
	if r.Families != nil {
		v.Families, title = newFamiliesReportView(r.Families), "Story families"
	}
	if r.Trace != nil {
		story := newStoryView(r.Trace, traceName(r.Trace, r.Suspect.Title))
		story.standalone()
		v.Story, title = &story, "Story of "+story.Name
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, struct {
		Title  string
		Style  template.CSS
		Script template.JS
		View   reportView
	}{title, template.CSS(style), template.JS(script), v})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// standalone leaves out of a story's view every link to the server's
// pages: a member's page and story, its site's profile, the comparison
// with its parent. Links to the members' own URLs stay.
func (v *storyView) standalone() {
	v.ReportHref = ""
	unlink := func(m *memberRow) { m.Href, m.StoryHref, m.SiteHref, m.CompareHref = "", "", "", "" }
	if v.Origin != nil {
		unlink(v.Origin)
	}
	for i := range v.Timeline {
		unlink(&v.Timeline[i])
	}
	for i := range v.Unlinked {
		unlink(&v.Unlinked[i])
	}
	var walk func([]*treeNode)
	walk = func(ns []*treeNode) {
		for _, n := range ns {
			unlink(&n.memberRow)
			walk(n.Children)
		}
	}
	walk(v.Tree)
}

// newSitesReportView makes the rows of a sites report: with no server to
// serve a site's or a story's page, a site in the ranking leads to its
// profile further down, and the examples name their articles by ID
// ("wiretrace trace ID" tells any of them in full).
func newSitesReportView(r *SitesReport) *sitesReportView {
	v := &sitesReportView{Status: r.Status, One: r.One}
	// By label, as the counts of sites name them.
	anchors := map[string]string{}
	for i, p := range r.Profiles {
		anchors[siteLabel(p.Site)] = fmt.Sprintf("site-%d", i+1)
	}
	href := func(label string) string {
		if a, ok := anchors[label]; ok {
			return "#" + a
		}
		return ""
	}
	for _, p := range r.Profiles {
		row := newSiteRow(p)
		row.Href = href(row.Label)
		for i := range row.Sources {
			row.Sources[i].Href = href(row.Sources[i].Label)
		}
		for i := range row.TakenBy {
			row.TakenBy[i].Href = href(row.TakenBy[i].Label)
		}
		for i := range row.Examples {
			ex := &row.Examples[i]
			ex.MemberHref, ex.ParentHref, ex.CompareHref, ex.FamilyHref = "", "", "", ""
			ex.ParentSiteHref = href(ex.ParentSite)
		}
		if !r.One {
			// The ranking's row leads to the profile; the profile, a copy
			// of it below, is where it leads.
			v.Sites = append(v.Sites, row)
			row.Anchor = anchors[row.Label]
		}
		v.Profiles = append(v.Profiles, row)
	}
	return v
}
