package wiretrace

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Article is one news article: its text and what is known of where and
// when it appeared.
type Article struct {
	// ID names the article in the store. Given at ingest or derived from
	// the text.
	ID    string `json:"id,omitempty"`
	URL   string `json:"url,omitempty"`
	Site  string `json:"site,omitempty"`
	Title string `json:"title,omitempty"`
	// Published is the publication time the article claims, zero when it
	// claims none; PublishedFrom says who made the claim.
	Published     time.Time  `json:"published,omitzero"`
	PublishedFrom TimeSource `json:"published_from,omitempty"`
	// FirstSeen is when the article was observed: captured by a crawler,
	// fetched, or stored. FirstSeenFrom says which. A claimed date can be
	// wrong or forged; an observation only says "no later than".
	FirstSeen     time.Time  `json:"first_seen,omitzero"`
	FirstSeenFrom TimeSource `json:"first_seen_from,omitempty"`
	// Byline holds the names of the article's authors, as the page or the
	// input gives them, one name each.
	Byline []string `json:"byline,omitempty"`
	// Language is the language the page declares ("en", "fr-CA").
	Language string `json:"language,omitempty"`
	// Canonical is the URL the page gives for itself.
	Canonical string `json:"canonical_url,omitempty"`
	// Slug is the name a news agency files a story under, its slugline
	// ("COURTS Axe", "BC-EU-Greece-Debt"): the same on every take and
	// version of one story, which may share no sentence with each other.
	// Wire feeds give one; most pages do not.
	Slug string `json:"slug,omitempty"`
	Text string `json:"text"`
	// Appearances are the other places the same text, byte for byte, was
	// added from: under other IDs, URLs or sites. A store fills them in;
	// they are ignored when an article is added.
	Appearances []Appearance `json:"appearances,omitempty"`
	// Seq is the article's place in its store's order of storing (see
	// Candidate.Seq), set by the store; an article read from elsewhere has
	// none, which reads as zero, as the first article stored may too.
	Seq uint64 `json:"seq,omitempty"`
}

// Appearance is one more place where a stored text was published: a
// verbatim syndication on another site, the same page under another URL.
type Appearance struct {
	ID            string     `json:"id"`
	URL           string     `json:"url,omitempty"`
	Site          string     `json:"site,omitempty"`
	Published     time.Time  `json:"published,omitzero"`
	PublishedFrom TimeSource `json:"published_from,omitempty"`
	FirstSeen     time.Time  `json:"first_seen,omitzero"`
	FirstSeenFrom TimeSource `json:"first_seen_from,omitempty"`
	// Canonical is the URL this page gives for itself: a syndicated copy
	// often names its source's page.
	Canonical string `json:"canonical_url,omitempty"`
}

// AppearanceOf returns where and when a was published, as an appearance.
func AppearanceOf(a Article) Appearance {
	return Appearance{
		ID: a.ID, URL: a.URL, Site: a.Site,
		Published: a.Published, PublishedFrom: a.PublishedFrom,
		FirstSeen: a.FirstSeen, FirstSeenFrom: a.FirstSeenFrom,
		Canonical: a.Canonical,
	}
}

// Extracted is an article whose text wiretrace extracted from a page, a
// URL or a feed item: results that carry it give offsets into its Text,
// which is not the input's bytes.
type Extracted struct {
	// Input names where the article was read: a path, "path@offset" in a
	// crawl, a URL.
	Input string `json:"input"`
	Article
	// Page is what the page says of itself beyond the article's fields.
	Page *PageMeta `json:"page,omitempty"`
}

// PageMeta is what an HTML page or a feed item says of itself that an
// Article has no field for.
type PageMeta struct {
	// Byline is the author line as the page gives it, before it was split
	// into names.
	Byline   string `json:"byline,omitempty"`
	SiteName string `json:"site_name,omitempty"`
}

// TimeSource says where a time of an article came from.
type TimeSource string

// The sources of Published (a claim) and FirstSeen (an observation).
const (
	// FromPage: the page's own metadata (meta tags, JSON-LD, <time>).
	FromPage TimeSource = "page"
	// FromFeed: the date of the feed item that carried the article.
	FromFeed TimeSource = "feed"
	// FromInput: given with the article by whoever supplied it (a JSON
	// Lines "published" or "first_seen" field, an API request).
	FromInput TimeSource = "input"
	// FromCrawl: when a crawler captured the page (a WARC record's date).
	FromCrawl TimeSource = "crawl"
	// FromFetch: when wiretrace fetched the page.
	FromFetch TimeSource = "fetch"
	// FromAdd: when the article was stored, for lack of an earlier
	// observation.
	FromAdd TimeSource = "added"
)

// Observed reports whether times from s were observed by a crawler or by
// wiretrace rather than claimed by the article or its supplier.
func (s TimeSource) Observed() bool { return s == FromCrawl || s == FromFetch || s == FromAdd }

// BylineUse is how many stored articles of one site name an author.
type BylineUse struct {
	Site     string `json:"site"`
	Articles int    `json:"articles"`
}

// BylineKey is the form in which stores compare author names: lower case,
// letters and digits only, words separated by one space ("Dana Whitlock",
// "DANA  WHITLOCK." and "dana whitlock" are one name).
func BylineKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// BylineKeys returns the distinct, non-empty BylineKeys of names, sorted.
func BylineKeys(names []string) []string {
	var keys []string
	for _, n := range names {
		if k := BylineKey(n); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
