package extract

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is what HTML finds in a page.
type Page struct {
	Title  string `json:"title,omitempty"`
	Byline string `json:"byline,omitempty"`
	// Published is zero when the page does not say.
	Published time.Time `json:"published,omitzero"`
	SiteName  string    `json:"site_name,omitempty"`
	// Canonical is the page's own statement of its URL (link
	// rel=canonical, else og:url), resolved against the page URL.
	Canonical string `json:"canonical,omitempty"`
	Language  string `json:"language,omitempty"`
	// Text is the headline, the byline and the body's paragraphs,
	// separated by blank lines.
	Text string `json:"text"`
}

var (
	// ErrNoText: the page has no main text (an index page, a page made
	// only of scripts, not HTML at all).
	ErrNoText = errors.New("no article text found")
	// ErrTooComplex: the page is past one of the limits of measure.go;
	// the error is a *LimitError naming it.
	ErrTooComplex = errors.New("page too complex")
)

// HTML extracts the article in raw, an HTML page: Measure, then Extract.
// contentType is the page's Content-Type header, if known, for its
// charset; pageURL, if not nil, resolves relative links such as the
// canonical URL.
func HTML(raw []byte, contentType string, pageURL *url.URL) (Page, error) {
	d, err := Measure(raw, contentType)
	if err != nil {
		return Page{}, err
	}
	return d.Extract(pageURL)
}

// Extract finds the article in the page. pageURL, if not nil, resolves
// relative links such as the canonical URL.
func (d *Document) Extract(pageURL *url.URL) (Page, error) {
	doc, err := parse(d.html)
	if err != nil {
		return Page{}, err
	}
	m := scanMeta(doc)
	p := Page{Language: m.lang, Published: m.published().UTC()}
	if m.canonical != "" {
		p.Canonical = resolve(pageURL, m.canonical)
	}
	removeFurniture(doc)

	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, pageURL)
	if err != nil {
		return Page{}, fmt.Errorf("%w: %w", ErrNoText, err)
	}
	if art.Node == nil {
		return Page{}, ErrNoText
	}
	p.Title = oneLine(art.Title())
	p.Byline = oneLine(art.Byline())
	p.SiteName = oneLine(art.SiteName())
	if p.Language == "" {
		p.Language = oneLine(art.Language())
	}
	body := paragraphs(render.InnerText(art.Node))
	if len(body) == 0 {
		return Page{}, ErrNoText
	}
	p.Text = compose(p.Title, p.Byline, body)
	return p, nil
}

// Fragment returns the text of an HTML fragment, such as the content of a
// feed item, in paragraphs separated by blank lines, with advertisement
// labels and similar furniture dropped. It returns "" when the fragment
// has no text.
func Fragment(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(strings.ToValidUTF8(s, "\uFFFD")), &html.Node{
		Type: html.ElementNode, Data: "body", DataAtom: atom.Body,
	})
	if err != nil {
		return ""
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	removeFurniture(root)
	return strings.Join(paragraphs(render.InnerText(root)), "\n\n")
}

// FragmentArticle returns the text of an article whose body is an HTML
// fragment, such as a feed item's content: the headline, the byline and
// the body composed as HTML composes a page's. It returns "" when the
// fragment has no text.
func FragmentArticle(title, byline, fragment string) string {
	body := strings.Split(Fragment(fragment), "\n\n")
	if len(body) == 0 || body[0] == "" {
		return ""
	}
	return compose(oneLine(title), oneLine(byline), body)
}

func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// compose joins the headline, the byline and the body. Either is left out
// when the body already starts with or holds it.
func compose(title, byline string, body []string) string {
	var parts []string
	if title != "" && !strings.EqualFold(body[0], title) {
		parts = append(parts, title)
	}
	if byline != "" && !containsFold(body, byline) {
		parts = append(parts, byline)
	}
	return strings.Join(append(parts, body...), "\n\n")
}

func containsFold(paras []string, s string) bool {
	s = strings.ToLower(s)
	for _, p := range paras {
		if strings.Contains(strings.ToLower(p), s) {
			return true
		}
	}
	return false
}

// paragraphs splits rendered text into trimmed paragraphs with collapsed
// spaces, dropping empty ones and furniture labels.
func paragraphs(s string) []string {
	var out []string
	for block := range strings.SplitSeq(s, "\n") {
		p := oneLine(block)
		if p == "" || !hasLetterOrDigit(p) || isFurniture(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// oneLine collapses runs of white space and control characters, including
// no-break spaces, to one space and trims the ends.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u00a0' || r == '\ufeff'
	}), " ")
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// furniture matches whole paragraphs that label or advertise rather than
// report. Only short paragraphs are tested.
var furniture = regexp.MustCompile(`(?i)^(` +
	`advertisement|advertising|ad|adverts?|sponsored( content)?|` +
	`(story|article) continues (below|after)( (this )?(advertisement|ad))?|` +
	`continue reading( (below|the main story))?|scroll (down )?to continue( reading)?|` +
	`read more( stories)?|see also|related( (articles|stories|coverage|content))?|` +
	`(related|read more|see also|more)\s?:.*|` +
	`subscribe( now| today| to .*)?|sign up( (now|today|for .*))?|` +
	`already (a subscriber|have an account)\??.*|log ?in to (continue|read).*|` +
	`this (article|story|content) is (only )?(for|available to) (subscribers|members).*|` +
	`share( this( article| story| page)?)?( on .*)?|` +
	`we use cookies.*|.*accept (all )?cookies.*|(manage )?cookie (settings|preferences)` +
	`)[.!:]?$`)

func isFurniture(p string) bool {
	return len(p) <= 120 && furniture.MatchString(p)
}
