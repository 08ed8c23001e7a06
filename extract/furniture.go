package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Class and id words that mark page furniture. Readability scores such
// blocks down but keeps them when they sit inside the article's container,
// as comment threads, share bars and "related" lists often do.
var furnitureWords = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"comment": true, "comments": true, "disqus": true,
	"ad": true, "ads": true, "advert": true, "advertisement": true, "adslot": true, "dfp": true,
	"outbrain": true, "taboola": true, "sponsored": true, "promo": true,
	"newsletter": true, "share": true, "sharing": true, "social": true,
	"related": true, "recommended": true, "trending": true, "popular": true, "mostread": true,
}

// Words that mark furniture only when the block is short: sites also put
// them on the container of a metered article's whole text.
var shortFurnitureWords = map[string]bool{
	"paywall": true, "regwall": true, "subscribe": true, "subscription": true, "piano": true,
}

// Elements that never hold article text.
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Button: true, atom.Script: true, atom.Style: true, atom.Template: true,
	atom.Iframe: true, atom.Select: true, atom.Dialog: true,
}

// removeFurniture deletes furniture blocks from the tree. It keeps JSON-LD
// scripts, which readability reads for metadata, and never removes a block
// that holds the page's <article>, <main> or <h1>.
func removeFurniture(root *html.Node) {
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && isFurnitureNode(c) {
				doomed = append(doomed, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

func isFurnitureNode(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Article, atom.Main, atom.H1, atom.Meta, atom.Link, atom.Title:
		return false
	case atom.Script:
		return !strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json")
	}
	if furnitureTags[n.DataAtom] || attr(n, "hidden") != "" || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return !holdsArticle(n)
	}
	strong, short := false, false
	for _, w := range classWords(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "data-component")) {
		strong = strong || furnitureWords[w]
		short = short || shortFurnitureWords[w]
	}
	switch {
	case strong:
		return !holdsArticle(n)
	case short:
		return !holdsArticle(n) && textLen(n, 400) < 400
	}
	return false
}

// classWords splits class and id values into lower-case words at spaces,
// hyphens and underscores, and also yields "mostread" for "most-read".
func classWords(s string) []string {
	s = strings.ToLower(s)
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n' })
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "most" {
			words = append(words, "most"+words[i+1])
		}
	}
	return words
}

func holdsArticle(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Article || c.DataAtom == atom.Main || c.DataAtom == atom.H1) {
			return true
		}
		if holdsArticle(c) {
			return true
		}
	}
	return false
}

// textLen counts the text bytes under n, stopping at limit.
func textLen(n *html.Node, limit int) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && total < limit; c = c.NextSibling {
			if c.Type == html.TextNode {
				total += len(strings.TrimSpace(c.Data))
			}
			walk(c)
		}
	}
	walk(n)
	return total
}
