package extract

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what the page says about itself, read before the article text
// is extracted (extraction rewrites the tree).
type meta struct {
	lang      string
	canonical string
	// dates are candidate published times in order of trust.
	dates []string
}

// Meta names that carry a publication time, in order of trust after
// JSON-LD's datePublished.
var dateMetaNames = []string{
	"article:published_time", "og:published_time", "datepublished",
	"pubdate", "publishdate", "publish-date", "dc.date.issued", "dcterms.issued",
	"dcterms.created", "dc.date", "date", "parsely-pub-date", "sailthru.date",
}

func scanMeta(doc *html.Node) meta {
	var m meta
	metas := map[string]string{}
	var ogURL, jsonLDDate, timeAttr string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = strings.TrimSpace(attr(n, "lang"))
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = attr(n, "href")
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"))))
				if _, seen := metas[key]; key != "" && !seen {
					metas[key] = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Script:
				if jsonLDDate == "" && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					jsonLDDate = jsonLDPublished(n.FirstChild.Data)
				}
			case atom.Time:
				if timeAttr == "" {
					timeAttr = strings.TrimSpace(attr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	ogURL = metas["og:url"]
	if m.canonical == "" {
		m.canonical = ogURL
	}
	m.dates = append(m.dates, jsonLDDate)
	for _, k := range dateMetaNames {
		m.dates = append(m.dates, metas[k])
	}
	m.dates = append(m.dates, timeAttr)
	return m
}

// published returns the first candidate date that parses.
func (m meta) published() time.Time {
	for _, s := range m.dates {
		if t, ok := ParseTime(s); ok {
			return t
		}
	}
	return time.Time{}
}

// ParseTime reads a publication time as pages and feeds write it. A time
// without a zone is UTC; a date alone is midnight UTC. Years outside
// 1900-2200 are refused as mistakes.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	var t time.Time
	var err error
	for _, layout := range timeLayouts {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		if t, err = parseAnyUTC(s); err != nil {
			return time.Time{}, false
		}
	}
	if y := t.Year(); y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// parseAnyUTC is dateparse's guesser pinned to UTC; it panics on some
// inputs, which are simply not times.
func parseAnyUTC(s string) (t time.Time, err error) {
	defer func() {
		if recover() != nil {
			t, err = time.Time{}, errNotTime
		}
	}()
	return dateparse.ParseIn(s, time.UTC, dateparse.PreferMonthFirst(false))
}

var errNotTime = &time.ParseError{Message: "not a time"}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
}

// newsTypes are the schema.org types whose datePublished dates the page.
var newsTypes = regexp.MustCompile(`^(News|Reportage|Analysis|Opinion|Review|Background|Report|Scholarly|Tech|Satirical|Advertiser)?(Article|NewsArticle|BlogPosting|LiveBlogPosting|Report)$`)

// jsonLDPublished returns the datePublished of the first article object in
// a JSON-LD script, looking inside arrays and @graph.
func jsonLDPublished(src string) string {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<![CDATA[")
	src = strings.TrimSuffix(src, "]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 8 {
			return ""
		}
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				if d := find(e, depth+1); d != "" {
					return d
				}
			}
		case map[string]any:
			if isNewsType(v["@type"]) {
				if d, ok := v["datePublished"].(string); ok && d != "" {
					return d
				}
			}
			if g, ok := v["@graph"]; ok {
				return find(g, depth+1)
			}
		}
		return ""
	}
	return find(v, 0)
}

func isNewsType(t any) bool {
	switch t := t.(type) {
	case string:
		return newsTypes.MatchString(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && newsTypes.MatchString(s) {
				return true
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
