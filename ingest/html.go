package ingest

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/extract"
	"github.com/wiretrace/wiretrace/text"
)

// Skip is the error of an input that is readable but holds no article:
// a redirect or an image in a crawl, a page without main text. Reason is
// short and fixed, for counting; Detail says more.
type Skip struct {
	Reason string
	Detail string
	// Routine marks what every input of its kind holds beside its
	// articles (a crawl's requests, metadata and DNS lookups): worth
	// counting, not worth a line each.
	Routine bool
}

func (s *Skip) Error() string {
	if s.Detail == "" {
		return s.Reason
	}
	return s.Reason + ": " + s.Detail
}

// Skip reasons.
const (
	SkipNotHTML   = "not HTML"
	SkipRedirect  = "redirect"
	SkipStatus    = "HTTP error status"
	SkipNoText    = "no article text"
	SkipTooLarge  = "too large"
	SkipEncoding  = "unsupported content encoding"
	SkipNoContent = "feed item without content"
	SkipAsset     = "not an article file"
	// SkipNotHTTP: a WARC response record that holds neither an HTTP
	// message nor a page.
	SkipNotHTTP = "not an HTTP response"
	// SkipDNS: a crawler's DNS lookup, stored as a response (routine).
	SkipDNS = "DNS record"
	// SkipRevisit: a WARC revisit record, a capture whose content is
	// stored with an earlier one.
	SkipRevisit = "revisit of an earlier capture"
	// SkipRecordType: a WARC record of a type no page comes in
	// (conversion, continuation, unknown).
	SkipRecordType = "unsupported record type"
	// The WARC request, metadata and warcinfo records are skipped as
	// routine with the reasons "request record", "metadata record" and
	// "warcinfo record".
)

// IsRoutine reports whether err is a routine *Skip.
func IsRoutine(err error) bool {
	var s *Skip
	return errors.As(err, &s) && s.Routine
}

// SkipReason returns the reason of a *Skip error, or "" for any other.
func SkipReason(err error) string {
	var s *Skip
	if errors.As(err, &s) {
		return s.Reason
	}
	return ""
}

// htmlItem extracts the article of an HTML page. pageURL is where the page
// was found, if known; firstSeen is its crawl date. In a crawl, a page
// without main text is skipped rather than failed. The page is measured
// first and its tree built once its cost fits in the extraction budget;
// r may be nil, for no budget.
func (r *reader) htmlItem(input string, raw []byte, contentType, pageURL string, seen time.Time, seenFrom wiretrace.TimeSource, crawl bool) Item {
	it := Item{Input: input, Format: "html"}
	if crawl {
		it.Format = "warc"
	}
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	page, dec, err := r.extract(raw, contentType, base)
	it.Decoding = dec
	if err != nil {
		if crawl && errors.Is(err, extract.ErrNoText) {
			it.Err = &Skip{Reason: SkipNoText}
		} else {
			it.Err = fmt.Errorf("html: %w", err)
		}
		return it
	}
	it.Article = wiretrace.Article{
		URL:   pageURL,
		Title: page.Title,
		Text:  page.Text,
	}
	if !page.Published.IsZero() {
		it.Article.Published, it.Article.PublishedFrom = page.Published, wiretrace.FromPage
	}
	if !seen.IsZero() {
		it.Article.FirstSeen, it.Article.FirstSeenFrom = seen.UTC(), seenFrom
	}
	if it.Article.URL == "" {
		it.Article.URL = page.Canonical
	}
	it.Article.Byline = byline.Names(page.Byline)
	it.Article.Language = page.Language
	it.Article.Canonical = page.Canonical
	it.Meta = &wiretrace.PageMeta{Byline: page.Byline, SiteName: page.SiteName}
	return it
}

// extract measures a page, waits for its cost to fit in the extraction
// budget, and extracts it.
func (r *reader) extract(raw []byte, contentType string, base *url.URL) (extract.Page, text.Decoding, error) {
	doc, err := extract.Measure(raw, contentType)
	if err != nil {
		return extract.Page{}, text.Decoding{}, err
	}
	if r != nil && r.extraction != nil {
		n, err := r.extraction.acquire(r.ctx, doc.Cost())
		if err != nil {
			return extract.Page{}, doc.Decoding(), err
		}
		defer r.extraction.release(n)
	}
	page, err := doc.Extract(base)
	return page, doc.Decoding(), err
}

func containsFold(names []string, n string) bool {
	for _, m := range names {
		if strings.EqualFold(m, n) {
			return true
		}
	}
	return false
}
