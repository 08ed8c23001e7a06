package server

import (
	"fmt"
	"net/url"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/provenance"
)

// What the provenance pages show, built from the engine's stories and
// profiles: the templates only lay these out.

// storyHref is the story page of a stored article.
func storyHref(id string) string { return "/trace?id=" + url.QueryEscape(id) }

// siteHref is the profile page of a site; "" for the articles without one.
func siteHref(site string) string {
	if site == "" {
		return ""
	}
	return "/sites/" + url.PathEscape(site)
}

// compareHref is the side-by-side view of a stored suspect against a
// stored source.
func compareHref(source, suspect string) string {
	return "/compare?" + url.Values{"source_id": {source}, "suspect_id": {suspect}}.Encode()
}

// articleHref is a stored article's page.
func articleHref(id string) string { return "/articles/" + url.PathEscape(id) }

// storyView is a trace as the story page shows it.
type storyView struct {
	// Name is what was traced: its title, ID or input.
	Name   string
	Stored bool
	// Alone says the article has no family: no stored article derives from
	// it, nor it from one.
	Alone      bool
	Members    int
	Truncated  bool
	FamilySize int
	Origin     *memberRow
	Sure       string
	Confidence string
	Reasons    []string
	// Timeline is every member in the order they appeared.
	Timeline []memberRow
	// Tree is the copy tree from the origin; Unlinked the members no link
	// placed in it.
	Tree     []*treeNode
	Unlinked []memberRow
	// Evidence says why each parent is taken to have come first.
	Evidence []evidenceRow
	// IDPrefix starts the ids of the story's parts in a page of several
	// stories (a families report); empty on a page of one.
	IDPrefix string
	// ReportHref downloads the story as a page that stands alone; empty
	// in such a page, and for a text not stored.
	ReportHref string
}

// memberRow is one member of a story.
type memberRow struct {
	ID string
	// Label names the member for a person: its title, else its ID.
	Label string
	// Href is the member's page, StoryHref its story; both "" for a text
	// that is not stored.
	Href, StoryHref string
	Site, SiteHref  string
	// Link is its URL when it is http or https.
	Link           string
	When, WhenFrom string
	Traced, Origin bool
	// AppearanceOf is, for the same text published again, the stored
	// article it repeats.
	AppearanceOf string
	// HasParent says a parent was found: Parent, with the rest, then says
	// what the member did with its text.
	HasParent   bool
	Parent      string
	ParentLabel string
	FromOrigin  bool
	Relation    wiretrace.Relation
	Rewording   wiretrace.Rewording
	// Take marks a take of its parent's story (provenance.Take): no
	// shared text, so no score.
	Take   bool
	Score  string
	Credit string
	// CreditClass is "kept", "rebranded" or "lost" (not "dropped", the
	// class of words a copy left out).
	CreditClass string
	Quotes      int
	Lag         string
	// CompareHref shows the member beside its parent.
	CompareHref string
}

type treeNode struct {
	memberRow
	Children []*treeNode
}

type evidenceRow struct {
	Parent, Member string
	Reasons        []string
}

// traceName says what a trace was of, for a heading.
func traceName(t *provenance.Trace, title string) string {
	switch {
	case title != "":
		return title
	case t.ID != "":
		return t.ID
	case t.Input != "":
		return t.Input
	}
	return "the text given"
}

// hasParent reports whether a member was given a parent.
func hasParent(m provenance.StoryMember) bool { return m.Parent != "" || m.Relation != "" }

// newStoryView lays out a trace: the origin, the timeline and the copy
// tree, each member under its parent.
func newStoryView(t *provenance.Trace, name string) storyView {
	v := storyView{
		Name: name, Stored: t.Stored, Members: len(t.Members), Alone: len(t.Members) < 2,
		Truncated: t.Truncated, FamilySize: t.FamilySize,
		Sure: t.Sure, Confidence: fmt.Sprintf("%.2f", t.Confidence), Reasons: t.Reasons,
	}
	// The first member under each ID stands for it: IDs are unique but
	// for a pasted text without one.
	byID := map[string]int{}
	for i, m := range t.Members {
		if _, ok := byID[m.ID]; !ok {
			byID[m.ID] = i
		}
	}
	label := func(m provenance.StoryMember) string {
		switch {
		case m.Title != "":
			return m.Title
		case m.ID != "":
			return m.ID
		}
		return "the text given"
	}
	origin := -1
	rows := make([]memberRow, len(t.Members))
	for i, m := range t.Members {
		row := memberRow{
			ID: m.ID, Label: label(m), Site: m.Site, SiteHref: siteHref(m.Site), Link: webLink(m.URL),
			Traced: m.Traced, AppearanceOf: m.Of, HasParent: hasParent(m),
		}
		if !m.Unstored && m.ID != "" {
			row.Href, row.StoryHref = articleHref(m.ID), storyHref(m.ID)
		}
		if !m.When.IsZero() {
			row.When, row.WhenFrom = m.When.UTC().Format("2006-01-02 15:04 UTC"), string(m.WhenFrom)
		}
		if m.ID == t.Origin && !row.HasParent && origin < 0 {
			row.Origin, origin = true, i
		}
		if row.HasParent {
			row.Parent, row.FromOrigin, row.Relation, row.Rewording = m.Parent, m.FromOrigin, m.Relation, m.Rewording
			if p, ok := byID[m.Parent]; ok {
				row.ParentLabel = label(t.Members[p])
				if !m.Unstored && !t.Members[p].Unstored && m.ID != "" && m.Parent != "" {
					row.CompareHref = compareHref(m.Parent, m.ID)
				}
			}
			if row.Take = m.Relation == provenance.Take; !row.Take {
				row.Score = fmt.Sprintf("%.2f", m.Score)
			}
			row.Credit, row.CreditClass = storyCredit(m.Credit)
			row.Quotes = len(m.Quotes)
			if m.Lag != nil {
				row.Lag = provenance.LagFromParent(*m.Lag)
			}
			if len(m.Evidence) > 0 {
				v.Evidence = append(v.Evidence, evidenceRow{Parent: row.ParentLabel, Member: row.Label, Reasons: m.Evidence})
			}
		}
		rows[i] = row
	}
	v.Timeline = rows
	if origin >= 0 {
		v.Origin = &rows[origin]
	}

	children := map[int][]int{}
	for i, m := range t.Members {
		if p, ok := byID[m.Parent]; ok && rows[i].HasParent && p != i {
			children[p] = append(children[p], i)
		}
	}
	placed := make([]bool, len(rows))
	var grow func(i int) *treeNode
	grow = func(i int) *treeNode {
		placed[i] = true
		n := &treeNode{memberRow: rows[i]}
		for _, k := range children[i] {
			if !placed[k] {
				n.Children = append(n.Children, grow(k))
			}
		}
		return n
	}
	if origin >= 0 && !v.Alone {
		v.Tree = []*treeNode{grow(origin)}
	}
	for i, done := range placed {
		if !done && !v.Alone {
			v.Unlinked = append(v.Unlinked, rows[i])
		}
	}
	return v
}

// storyCredit says what a member did with its parent's credit, and how
// the page marks it.
func storyCredit(c *wiretrace.Credit) (words, class string) {
	if c == nil {
		return "", ""
	}
	switch c.Fate {
	case wiretrace.CreditRebranded:
		return creditWords(c), "rebranded"
	case wiretrace.CreditKept:
		return creditWords(c), "kept"
	case wiretrace.CreditNotKept:
		return creditWords(c), "lost"
	}
	return "", ""
}

// familyRow is one family in the list of families.
type familyRow struct {
	Family, StoryHref string
	Members, Sites    int
	First             string
	Origin            string
	OriginSite        string
	Sure, Confidence  string
}

func newFamilyRow(s provenance.Story) familyRow {
	row := familyRow{Family: s.Family, StoryHref: storyHref(s.Family), Members: len(s.Members), Sure: s.Sure, Confidence: fmt.Sprintf("%.2f", s.Confidence)}
	sites := map[string]bool{}
	for _, m := range s.Members {
		sites[m.Site] = true
		if row.First == "" && !m.When.IsZero() {
			row.First = m.When.UTC().Format("2006-01-02 15:04 UTC")
		}
		if m.ID == s.Origin && row.Origin == "" {
			row.Origin, row.OriginSite = m.Title, m.Site
			if row.Origin == "" {
				row.Origin = m.ID
			}
		}
	}
	row.Sites = len(sites)
	return row
}

// siteRow is a site's profile as the pages show it.
type siteRow struct {
	Site, Label, Href string
	// Anchor is the profile's id in a page of many profiles (a report).
	Anchor string
	// ReportHref downloads the profile as a page that stands alone; set
	// on the site's own page only.
	ReportHref       string
	Articles         int64
	Taken            int
	Share            string
	ByRelation       string
	Uncredited       int
	Rebranded        int
	Kept             int
	QuotesAltered    int
	MedianLag        string
	Originated       int
	Sources, TakenBy []siteCountRow
	Examples         []exampleRow
}

type siteCountRow struct {
	Label, Href string
	Count       int
}

type exampleRow struct {
	Kind                       string
	Member, MemberHref         string
	Parent, ParentHref         string
	ParentSite, ParentSiteHref string
	Relation                   wiretrace.Relation
	CompareHref                string
	FamilyHref                 string
}

func siteLabel(site string) string {
	if site == "" {
		return "(no site)"
	}
	return site
}

func newSiteRow(p provenance.SiteProfile) siteRow {
	row := siteRow{
		Site: p.Site, Label: siteLabel(p.Site), Href: siteHref(p.Site), Articles: p.Articles, Taken: p.Taken,
		Share: percent(p.TakenShare), Uncredited: p.Uncredited, Rebranded: p.Rebranded, Kept: p.Kept,
		QuotesAltered: p.QuotesAltered, MedianLag: "—", Originated: p.Originated,
	}
	row.ByRelation = p.RelationCounts()
	if p.MedianLag != nil {
		row.MedianLag = provenance.LagString(*p.MedianLag)
	}
	counts := func(cs []provenance.SiteCount) []siteCountRow {
		var out []siteCountRow
		for _, c := range cs {
			out = append(out, siteCountRow{Label: siteLabel(c.Site), Href: siteHref(c.Site), Count: c.Count})
		}
		return out
	}
	row.Sources, row.TakenBy = counts(p.Sources), counts(p.TakenBy)
	for _, e := range p.Examples {
		ex := exampleRow{Kind: e.Kind, Member: e.Member, MemberHref: storyHref(e.Member), Relation: e.Relation, FamilyHref: storyHref(e.Family)}
		if e.Parent != "" {
			ex.Parent, ex.ParentHref = e.Parent, storyHref(e.Parent)
			ex.ParentSite, ex.ParentSiteHref = siteLabel(e.ParentSite), siteHref(e.ParentSite)
			ex.CompareHref = compareHref(e.Parent, e.Member)
		}
		row.Examples = append(row.Examples, ex)
	}
	return row
}
