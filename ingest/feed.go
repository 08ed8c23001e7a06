package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/byline"
	"github.com/wiretrace/wiretrace/extract"
)

// MaxFeedBytes caps a feed file: feeds with full content run to a few
// megabytes.
const MaxFeedBytes = 64 << 20

// MinDescriptionBytes is the least text a feed item's description must
// have to stand for the article when the item has no content field.
const MinDescriptionBytes = 500

// ErrFeed: a feed file does not parse as RSS, Atom or JSON Feed.
var ErrFeed = errors.New("invalid feed")

// feed reads an RSS, Atom or JSON feed: each item with content is an
// article, named "input#n" for the nth item.
func (r *reader) feed(input string, raw []byte) error {
	f, err := parseFeed(raw)
	if err != nil {
		return r.fail(input, err)
	}
	for i, fi := range f.Items {
		if fi == nil {
			continue
		}
		in := input + "#" + strconv.Itoa(i+1)
		item := *fi
		siteName := strings.TrimSpace(f.Title)
		feedLink := f.Link
		if err := r.submit(len(item.Content)+len(item.Description), func() Item { return feedItem(in, &item, siteName, feedLink) }); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed parses a feed; the parser is not trusted not to panic on
// hostile input.
func parseFeed(raw []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%w: %v", ErrFeed, p)
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFeed, err)
	}
	return f, nil
}

func feedItem(input string, fi *gofeed.Item, siteName, feedLink string) Item {
	it := Item{Input: input, Format: "feed"}
	content := fi.Content
	if strings.TrimSpace(content) == "" && len(extract.Fragment(fi.Description)) >= MinDescriptionBytes {
		// Many feeds put the whole article in the description; a
		// short one is a teaser, which would pass for a partial copy of
		// the article it teases.
		content = fi.Description
	}
	var firstAuthor string
	var names []string
	for _, p := range fi.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			if firstAuthor == "" {
				firstAuthor = strings.TrimSpace(p.Name)
			}
			for _, n := range byline.Names(p.Name) {
				if !containsFold(names, n) {
					names = append(names, n)
				}
			}
		}
	}
	text := extract.FragmentArticle(fi.Title, firstAuthor, content)
	if text == "" || strings.TrimSpace(content) == "" {
		it.Err = &Skip{Reason: SkipNoContent}
		return it
	}
	a := wiretrace.Article{
		URL:    strings.TrimSpace(fi.Link),
		Title:  strings.Join(strings.Fields(fi.Title), " "),
		Byline: names,
		Text:   text,
	}
	for _, s := range []string{fi.Published, fi.Updated} {
		if t, ok := extract.ParseTime(s); ok {
			a.Published = t.UTC()
			break
		}
	}
	if a.Published.IsZero() && fi.PublishedParsed != nil {
		a.Published = fi.PublishedParsed.UTC()
	}
	if !a.Published.IsZero() {
		a.PublishedFrom = wiretrace.FromFeed
	}
	it.Article = a
	it.Meta = &wiretrace.PageMeta{Byline: firstAuthor, SiteName: siteName}
	it.siteHint = SiteOf(feedLink)
	return it
}
