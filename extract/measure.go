package extract

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/wiretrace/wiretrace/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Limits of one page. The tree x/net/html builds, and Readability's work
// on it, cost memory in proportion to a page's elements and attributes
// (about 600 and 400 bytes each), not to its size: a 6 MB page of a
// million attributes took over 500 MB. Measure counts them with the
// tokenizer alone, which holds one tag at a time, and refuses a page past
// a limit before any tree is built. The limits are many times what real
// news pages have (a few thousand elements, tens of thousands of
// attributes, tens of kilobytes of text).
const (
	// MaxElements bounds a page's elements.
	MaxElements = 100_000
	// MaxAttributes bounds the attributes of all a page's elements.
	MaxAttributes = 200_000
	// MaxTextBytes bounds the text of a page outside scripts and styles:
	// past it a page is a book or a dump, not a story.
	MaxTextBytes = 4 << 20
	// MaxDepth is how deep x/net/html nests elements; it refuses a page
	// that nests deeper even after Extract has flattened it.
	MaxDepth = 512
)

// LimitError is the error of a page past one of the limits above. It
// wraps ErrTooComplex.
type LimitError struct {
	// Limit names what was counted: "elements", "attributes", "bytes of
	// text", "levels of nesting".
	Limit string
	// Max is the limit.
	Max int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s: more than %d %s (the limit)", ErrTooComplex, e.Max, e.Limit)
}

func (e *LimitError) Unwrap() error { return ErrTooComplex }

// Counts are what Measure counted of a page.
type Counts struct {
	Elements, Attributes int
	// TextBytes are the bytes of text outside scripts and styles.
	TextBytes int
}

// Document is an HTML page decoded and counted but not yet parsed. The
// two steps are apart so that a caller extracting many pages at once can
// bound the memory they take together by each one's Cost before building
// its tree.
type Document struct {
	html     string
	counts   Counts
	decoding text.Decoding
}

// Measure decodes raw, an HTML page whose Content-Type header, if known,
// is contentType, and counts its elements, attributes and text. A page
// past a limit fails with a *LimitError.
func Measure(raw []byte, contentType string) (*Document, error) {
	s, dec := decode(raw, contentType)
	c, err := count(s)
	if err != nil {
		return nil, err
	}
	return &Document{html: s, counts: c, decoding: dec}, nil
}

// Decoding says how the page's bytes were read: Replaced counts the bytes
// of a UTF-8 page that were not valid UTF-8, replaced with U+FFFD. Its
// Encoding is set only when the page declared no charset and was read as
// Windows-1252 for want of valid UTF-8.
func (d *Document) Decoding() text.Decoding { return d.decoding }

// Cost estimates the bytes of memory Extract takes for the page at most:
// its tree and Readability's copies of parts of it, measured on pages of
// many elements and of many attributes, and the text a few times over.
func (d *Document) Cost() int64 {
	return int64(d.counts.Elements)*600 + int64(d.counts.Attributes)*400 + int64(len(d.html))*4
}

// rawTextElements hold text that the tokenizer reads up to their end tag
// without looking for tags in it; only title and textarea hold page text.
var rawTextElements = map[string]bool{
	"script": true, "style": true, "xmp": true, "iframe": true, "noembed": true,
	"noframes": true, "noscript": true, "plaintext": true, "title": true, "textarea": true,
}

// count counts the elements, attributes and text of s, stopping at the
// first limit passed. It follows x/net/html's tokenizer through tags,
// comments and raw text without its cost: the tokenizer keeps a set of
// each tag's attribute names, which for one element of a million
// attributes took 300 MB before a limit could be checked. A duplicate
// attribute, which the tokenizer drops, is counted; broken markup may be
// counted a little differently, which matters only at a limit.
func count(s string) (Counts, error) {
	var c Counts
	check := func() error {
		switch {
		case c.Elements > MaxElements:
			return &LimitError{Limit: "elements", Max: MaxElements}
		case c.Attributes > MaxAttributes:
			return &LimitError{Limit: "attributes", Max: MaxAttributes}
		case c.TextBytes > MaxTextBytes:
			return &LimitError{Limit: "bytes of text", Max: MaxTextBytes}
		}
		return nil
	}
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			c.TextBytes += len(s) - i
			break
		}
		c.TextBytes += lt
		i += lt
		if i+1 == len(s) {
			c.TextBytes++
			break
		}
		switch ch := s[i+1]; {
		case 'a' <= ch|0x20 && ch|0x20 <= 'z':
			name, attrs, end := scanStartTag(s, i+1)
			c.Elements++
			c.Attributes += attrs
			i = end
			if lower := strings.ToLower(name); rawTextElements[lower] {
				stop := rawTextEnd(s, i, lower)
				if lower == "title" || lower == "textarea" {
					c.TextBytes += stop - i
				}
				i = stop
			}
		case ch == '/':
			i = skipPast(s, i+2, ">")
		case ch == '!' && strings.HasPrefix(s[i:], "<!--"):
			i = skipPast(s, i+4, "-->")
		case ch == '!' || ch == '?':
			i = skipPast(s, i+2, ">")
		default:
			// A '<' that starts no tag is text.
			c.TextBytes++
			i++
		}
		if err := check(); err != nil {
			return c, err
		}
	}
	return c, check()
}

// skipPast returns the index just past the first end in s from i, or
// len(s) when there is none.
func skipPast(s string, i int, end string) int {
	if i >= len(s) {
		return len(s)
	}
	if k := strings.Index(s[i:], end); k >= 0 {
		return i + k + len(end)
	}
	return len(s)
}

// scanStartTag reads the start tag whose name begins at s[i] and returns
// the name, the number of attributes and the index past the tag.
func scanStartTag(s string, i int) (name string, attrs, end int) {
	start := i
	for i < len(s) && !isTagSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	name = s[start:i]
	for i < len(s) {
		switch c := s[i]; {
		case c == '>':
			return name, attrs, i + 1
		case isTagSpace(c) || c == '/':
			i++
			continue
		}
		// An attribute: its name, then maybe = and a value.
		attrs++
		for i < len(s) && !isTagSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		for i < len(s) && isTagSpace(s[i]) {
			i++
		}
		if i == len(s) || s[i] != '=' {
			continue
		}
		i++
		for i < len(s) && isTagSpace(s[i]) {
			i++
		}
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			if k := strings.IndexByte(s[i+1:], s[i]); k >= 0 {
				i += k + 2
			} else {
				i = len(s)
			}
			continue
		}
		for i < len(s) && !isTagSpace(s[i]) && s[i] != '>' {
			i++
		}
	}
	return name, attrs, len(s)
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// rawTextEnd returns where the raw text of element name that starts at
// s[i] ends: at its end tag ("</script" in any case), or at the end of s.
func rawTextEnd(s string, i int, name string) int {
	if name == "plaintext" {
		return len(s)
	}
	for i < len(s) {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return len(s)
		}
		i += k
		if rest := s[i+2:]; len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) &&
			(len(rest) == len(name) || isTagSpace(rest[len(name)]) || rest[len(name)] == '/' || rest[len(name)] == '>') {
			return i
		}
		i += 2
	}
	return len(s)
}

// decode turns raw into UTF-8 using, in order, a byte-order mark, the
// Content-Type charset and the page's meta charset; undeclared pages are
// UTF-8 when they are mostly valid UTF-8 (text.MostlyUTF8: any bytes that
// are not are replaced where they stand) and Windows-1252 otherwise.
// x/net/html/charset decides on the first 1024 bytes alone, where one
// stray byte would make a UTF-8 page Windows-1252 and garble every
// accent in it. Bytes that do not decode become U+FFFD.
func decode(raw []byte, contentType string) (string, text.Decoding) {
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if name == "utf-8" || !certain && text.MostlyUTF8(raw) {
		s, dec := text.ReplaceInvalid(bytes.TrimPrefix(raw, []byte("\ufeff")))
		dec.Encoding = ""
		return s, dec
	}
	var dec text.Decoding
	if !certain && name == "windows-1252" && !declaresCharset(raw) {
		dec.Encoding = text.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), dec
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), dec
}

// declaresCharset reports whether the head of a page names a charset, as
// a meta element does: then Windows-1252 was declared, not guessed.
func declaresCharset(raw []byte) bool {
	return bytes.Contains(bytes.ToLower(raw[:min(len(raw), 1024)]), []byte("charset"))
}

// errDepth is how x/net/html says a page nests too deeply; it is a
// recovered panic, so its text is all there is to know it by.
const errDepth = "open stack of elements exceeds"

func isDepthError(err error) bool {
	return err != nil && strings.Contains(err.Error(), errDepth)
}

// flattenDepth is how deep flatten lets elements nest; a variable so that
// a test can make flattening fail.
var flattenDepth = 256

// flatten returns s with the start tags that would nest elements deeper
// than flattenDepth left out, and the end tags that close them: their
// text stays where it was. Old pages open a <font> or <b> on every line
// and never close it, so that x/net/html, which stops at MaxDepth open
// elements, refuses a 10 KB page of 600 such lines. The depth is counted
// the simple way (a stack of open elements, closed by their end tag, with
// the implied ends of p, li, dt, dd, option and table cells), which
// overcounts the parser's in most pages (it misses the tbody the parser
// adds to a table); flatten runs only on pages the parser refused.
func flatten(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	var open []string
	dropped := map[string]int{}
	closeTo := func(name string, stop ...string) {
		for i := len(open) - 1; i >= 0; i-- {
			switch n := open[i]; {
			case n == name:
				open = open[:i]
				return
			case containsString(stop, n):
				return
			}
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			// In HTML "<div/>" opens a div like "<div>" does.
			raw := string(z.Raw())
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			if voidElements[name] {
				b.WriteString(raw)
				continue
			}
			switch name {
			case "p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "pre":
				closeTo("p", "div", "td", "th", "li", "table", "section", "article", "body")
			case "li":
				closeTo("li", "ul", "ol")
			case "dt", "dd":
				closeTo("dt", "dl")
				closeTo("dd", "dl")
			case "option":
				closeTo("option", "select")
			case "tr":
				closeTo("tr", "table")
			case "td", "th":
				closeTo("td", "tr", "table")
				closeTo("th", "tr", "table")
			}
			// Elements whose content the tokenizer reads as raw text
			// are kept whatever the depth, or their content would
			// become page text.
			if len(open) >= flattenDepth && !rawTextElements[name] {
				dropped[name]++
				continue
			}
			open = append(open, name)
			b.WriteString(raw)
		case html.EndTagToken:
			raw := string(z.Raw())
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			if dropped[name] > 0 {
				dropped[name]--
				continue
			}
			closeTo(name)
			b.WriteString(raw)
		default:
			b.Write(z.Raw())
		}
	}
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"param": true, "keygen": true,
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parse builds the page's tree, flattening a page nested deeper than the
// parser allows; a page still too deep fails with a *LimitError.
func parse(s string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if isDepthError(err) {
		doc, err = html.Parse(strings.NewReader(flatten(s)))
		if isDepthError(err) {
			return nil, &LimitError{Limit: "levels of nesting", Max: MaxDepth}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}
