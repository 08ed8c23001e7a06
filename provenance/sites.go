package provenance

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
)

// SiteProfile is what a store's families say of one site: how much of
// what it publishes it took from other sites, from whom, and whether it
// said so. Each figure comes with example pairs as its evidence.
type SiteProfile struct {
	Site string `json:"site"`
	// Articles is how many articles and appearances the store holds from
	// the site.
	Articles int64 `json:"articles"`
	// Taken counts the site's articles whose parent in their family is on
	// another site, by relation; TakenShare is their share of Articles.
	Taken      int                        `json:"taken"`
	TakenShare float64                    `json:"taken_share"`
	ByRelation map[wiretrace.Relation]int `json:"by_relation"`
	// Rewritten counts the spun ones rewritten in words mostly their own
	// (wiretrace.Rewritten), not spun with synonyms.
	Rewritten int `json:"rewritten"`
	// Uncredited counts the taken articles that credit neither the
	// parent's site (a credit in the text, a republication note, or a
	// canonical URL on it) nor any organisation the parent credits; Rebranded
	// those whose copy of the parent's credit names someone else, and
	// Kept those that kept it.
	Uncredited int `json:"uncredited"`
	Rebranded  int `json:"rebranded"`
	Kept       int `json:"credit_kept"`
	// QuotesAltered counts the parent's quotes the taken articles changed.
	QuotesAltered int `json:"quotes_altered"`
	// MedianLag is the median time after its parent a taken article
	// appeared, over those whose times are both known; nil when none are.
	MedianLag *float64 `json:"median_lag_seconds,omitempty"`
	// Sources are the sites it takes from most.
	Sources []SiteCount `json:"sources"`
	// TakenBy are the sites that take from it most.
	TakenBy []SiteCount `json:"taken_by"`
	// Originated counts the families whose origin is on the site.
	Originated int `json:"originated"`
	// Examples are pairs behind the figures, a few of each kind.
	Examples []SiteExample `json:"examples"`
}

// RelationCounts says how the site's taken articles derive from their
// parents, strongest first: "2 copy, 3 spun (1 rewritten), 1 partial".
func (p SiteProfile) RelationCounts() string {
	var parts []string
	for _, r := range []wiretrace.Relation{wiretrace.Copy, wiretrace.Spun, wiretrace.Partial, wiretrace.Related} {
		n := p.ByRelation[r]
		switch {
		case n == 0:
		case r == wiretrace.Spun && p.Rewritten > 0:
			parts = append(parts, fmt.Sprintf("%d %s (%d rewritten)", n, r, p.Rewritten))
		default:
			parts = append(parts, fmt.Sprintf("%d %s", n, r))
		}
	}
	return strings.Join(parts, ", ")
}

// SiteCount is a site with a count.
type SiteCount struct {
	Site  string `json:"site"`
	Count int    `json:"count"`
}

// SiteExample is one pair behind a site's figures: Member, on the site,
// took its text from Parent.
type SiteExample struct {
	// Kind names the figure: "taken", "uncredited", "rebranded",
	// "quotes-altered" or "originated".
	Kind       string              `json:"kind"`
	Member     string              `json:"member"`
	Parent     string              `json:"parent,omitempty"`
	ParentSite string              `json:"parent_site,omitempty"`
	Relation   wiretrace.Relation  `json:"relation,omitempty"`
	Rewording  wiretrace.Rewording `json:"rewording,omitempty"`
	Family     string              `json:"family"`
}

// examplesPerKind is how many example pairs a profile keeps of each kind.
const examplesPerKind = 3

// Profiles folds stories into site profiles. articles gives each site's
// number of stored articles (the store's Sites); sites absent from it
// count the members seen.
type Profiles struct {
	sites    map[string]*siteTally
	articles map[string]int64
}

type siteTally struct {
	SiteProfile
	lags    []float64
	sources map[string]int
	takers  map[string]int
	members int64
}

// NewProfiles starts profiles over sites with their numbers of articles.
func NewProfiles(articles []wiretrace.SiteStats) *Profiles {
	p := &Profiles{sites: map[string]*siteTally{}, articles: map[string]int64{}}
	for _, s := range articles {
		p.articles[s.Site] = s.Articles
	}
	return p
}

func (p *Profiles) site(s string) *siteTally {
	t := p.sites[s]
	if t == nil {
		t = &siteTally{SiteProfile: SiteProfile{Site: s, ByRelation: map[wiretrace.Relation]int{}}, sources: map[string]int{}, takers: map[string]int{}}
		p.sites[s] = t
	}
	return t
}

// Add folds one story in.
func (p *Profiles) Add(s Story) {
	byID := make(map[string]*StoryMember, len(s.Members))
	for i := range s.Members {
		byID[s.Members[i].ID] = &s.Members[i]
	}
	for i := range s.Members {
		m := &s.Members[i]
		t := p.site(m.Site)
		t.members++
		if m.ID == s.Origin && len(s.Members) > 1 {
			t.Originated++
			t.example(SiteExample{Kind: "originated", Member: m.ID, Family: s.Family})
		}
		parent := byID[m.Parent]
		if parent == nil || parent.Site == m.Site {
			continue
		}
		ex := SiteExample{Member: m.ID, Parent: parent.ID, ParentSite: parent.Site, Relation: m.Relation, Rewording: m.Rewording, Family: s.Family}
		t.Taken++
		t.ByRelation[m.Relation]++
		if m.Relation == wiretrace.Spun && m.Rewording == wiretrace.Rewritten {
			t.Rewritten++
		}
		t.sources[parent.Site]++
		p.site(parent.Site).takers[m.Site]++
		t.example(with(ex, "taken"))
		if !credits(m.Member, parent.Member) {
			t.Uncredited++
			t.example(with(ex, "uncredited"))
		}
		if c := m.Credit; c != nil {
			switch c.Fate {
			case wiretrace.CreditRebranded:
				t.Rebranded++
				t.example(with(ex, "rebranded"))
			case wiretrace.CreditKept:
				t.Kept++
			}
		}
		if len(m.Quotes) > 0 {
			t.QuotesAltered += len(m.Quotes)
			t.example(with(ex, "quotes-altered"))
		}
		if m.Lag != nil {
			t.lags = append(t.lags, *m.Lag)
		}
	}
}

func with(e SiteExample, kind string) SiteExample {
	e.Kind = kind
	return e
}

func (t *siteTally) example(e SiteExample) {
	n := 0
	for _, x := range t.Examples {
		if x.Kind == e.Kind {
			n++
		}
	}
	if n < examplesPerKind {
		t.Examples = append(t.Examples, e)
	}
}

// credits reports whether m credits where it came from: the parent's
// site, or an organisation the parent credits.
func credits(m, parent Member) bool {
	if k := SiteKey(parent.Site); k != "" && (hasCredit(m.Credits, k) || m.CanonicalSite == k) {
		return true
	}
	for _, c := range parent.Credits {
		if slices.Contains(m.Credits, c) {
			return true
		}
	}
	return false
}

// Profiles returns the profiles, most uncredited taking first, then most
// taking, then by site.
func (p *Profiles) Profiles() []SiteProfile {
	out := make([]SiteProfile, 0, len(p.sites))
	for _, t := range p.sites {
		sp := t.SiteProfile
		sp.Articles = max(p.articles[sp.Site], t.members)
		if sp.Articles > 0 {
			sp.TakenShare = float64(int(float64(sp.Taken)/float64(sp.Articles)*1000+0.5)) / 1000
		}
		if len(t.lags) > 0 {
			l := slices.Clone(t.lags)
			slices.Sort(l)
			med := l[len(l)/2]
			if len(l)%2 == 0 {
				med = (l[len(l)/2-1] + l[len(l)/2]) / 2
			}
			sp.MedianLag = &med
		}
		sp.Sources = top(t.sources)
		sp.TakenBy = top(t.takers)
		out = append(out, sp)
	}
	slices.SortFunc(out, func(a, b SiteProfile) int {
		return cmp.Or(cmp.Compare(b.Uncredited, a.Uncredited), cmp.Compare(b.Taken, a.Taken), cmp.Compare(a.Site, b.Site))
	})
	return out
}

// topSites is how many source and taker sites a profile lists.
const topSites = 5

func top(m map[string]int) []SiteCount {
	out := make([]SiteCount, 0, len(m))
	for s, n := range m {
		out = append(out, SiteCount{s, n})
	}
	slices.SortFunc(out, func(a, b SiteCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Site, b.Site)) })
	if len(out) > topSites {
		out = out[:topSites]
	}
	return out
}

// LagString writes a lag in seconds as Order's reasons do.
func LagString(seconds float64) string {
	return lag(time.Duration(seconds * float64(time.Second)))
}
