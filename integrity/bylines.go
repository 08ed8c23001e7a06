package integrity

import (
	"context"
	"fmt"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/anatomy"
)

// FlagBylineElsewhere: a byline name that an index of articles has seen
// only under other publishers than the article's own, a sign that the
// article took another publisher's story with its byline.
const FlagBylineElsewhere = "byline-elsewhere"

// MaxBylineSites is how many sites CheckBylines asks the index for, per
// name.
const MaxBylineSites = 20

// BylineIndex finds the sites under which stored articles name an author;
// wiretrace.Store is one.
type BylineIndex interface {
	Bylines(ctx context.Context, name string, limit int) ([]wiretrace.BylineUse, error)
}

// BylineSites is where an index has seen one of the article's byline
// names.
type BylineSites struct {
	Name  string                `json:"name"`
	Sites []wiretrace.BylineUse `json:"sites"`
	// Elsewhere is true when every site the name was seen under is known
	// and differs from the article's.
	Elsewhere bool `json:"elsewhere,omitempty"`
}

// CheckBylines looks up where ix has seen the article's byline names
// (AuthorNames, and the extra names a page's metadata gives) and keeps
// the answers in BylineSites. site is the article's own site; when it is
// known, each name that ix has seen only under other sites is flagged
// FlagBylineElsewhere. When it is empty, the sites are information only:
// nothing is flagged. Sites the index does not know (stored articles
// without a site) never count as another publisher.
func (in *Inspection) CheckBylines(ctx context.Context, ix BylineIndex, site string, extra ...string) error {
	names := append(in.AuthorNames(), extra...)
	seen := map[string]bool{}
	for _, name := range names {
		key := wiretrace.BylineKey(name)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		uses, err := ix.Bylines(ctx, name, MaxBylineSites)
		if err != nil {
			return fmt.Errorf("bylines of %q: %w", name, err)
		}
		if len(uses) == 0 {
			continue
		}
		bs := BylineSites{Name: name, Sites: uses}
		if site != "" {
			bs.Elsewhere = elsewhere(uses, site)
		}
		in.BylineSites = append(in.BylineSites, bs)
		if bs.Elsewhere {
			in.Flags = append(in.Flags, in.elsewhereFlag(bs, site))
		}
	}
	return nil
}

// elsewhere reports whether uses name known sites, none of them site.
func elsewhere(uses []wiretrace.BylineUse, site string) bool {
	known := false
	for _, u := range uses {
		if u.Site == "" {
			continue
		}
		if strings.EqualFold(u.Site, site) {
			return false
		}
		known = true
	}
	return known
}

func (in *Inspection) elsewhereFlag(bs BylineSites, site string) Flag {
	var parts []string
	for _, u := range bs.Sites {
		if u.Site != "" {
			parts = append(parts, fmt.Sprintf("%s (%d)", u.Site, u.Articles))
		}
	}
	spans := []anatomy.Span{}
	if in.Byline != nil {
		key := wiretrace.BylineKey(bs.Name)
		for _, n := range in.Byline.Names {
			if wiretrace.BylineKey(n.Text) == key {
				spans = append(spans, n)
			}
		}
	}
	return Flag{
		Kind:    FlagBylineElsewhere,
		Message: fmt.Sprintf("byline %q is indexed only under other sites than %s: %s", bs.Name, site, strings.Join(parts, ", ")),
		Spans:   spans,
	}
}
