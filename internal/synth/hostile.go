package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// Hostile pages: HTML built to cost a parser as much memory or depth as
// its size allows, for the tests and measurements of per-page limits. Each
// carries a short article so that a page which gets through the limits
// still has text to find.

// articleHTML is the readable part of every hostile page.
const articleHTML = `<article><h1>Harbour ferry returns after storm</h1>
<p>The ferry between Northgate and the island resumed on Monday morning after three days of storms, the port authority said.</p>
<p>Engineers checked the landing stages overnight and found no damage to the piers, a spokeswoman for the authority told reporters.</p>
<p>Timetables are back to normal, although the late sailing on Friday will leave twenty minutes early while repairs continue.</p>
</article>`

// ManyAttributesOneElement is a page whose body holds one element with n
// attributes, each with a distinct short name.
func ManyAttributesOneElement(n int) []byte {
	var b strings.Builder
	b.Grow(n * 7)
	b.WriteString("<!doctype html><html><head><title>Harbour ferry</title></head><body>")
	b.WriteString(articleHTML)
	b.WriteString("<div")
	for i := range n {
		b.WriteString(" a")
		b.WriteString(strconv.FormatInt(int64(i), 36))
	}
	b.WriteString("></div></body></html>")
	return []byte(b.String())
}

// ManyAttributes is a page of elements with perElement attributes each,
// n attributes in all.
func ManyAttributes(n, perElement int) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>Harbour ferry</title></head><body>")
	b.WriteString(articleHTML)
	for i := 0; i < n; i += perElement {
		b.WriteString("<i")
		for k := range min(perElement, n-i) {
			fmt.Fprintf(&b, " a%d", k)
		}
		b.WriteString("></i>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// ManyElements is a page of n empty elements side by side.
func ManyElements(n int) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>Harbour ferry</title></head><body>")
	b.WriteString(articleHTML)
	for range n {
		b.WriteString("<b></b>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// Unclosed is a page with n start tags of tag that are never closed, each
// followed by a few words, as old hand-written pages have (<font> opened
// on every line and never closed).
func Unclosed(tag string, n int) []byte {
	var b strings.Builder
	b.WriteString("<html><head><title>Harbour ferry</title></head><body>")
	b.WriteString(articleHTML)
	for i := range n {
		fmt.Fprintf(&b, "<%s>line %d ", tag, i)
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// Nested is a page with n elements of tag each inside the last, closed
// properly.
func Nested(tag string, n int) []byte {
	var b strings.Builder
	b.WriteString("<html><head><title>Harbour ferry</title></head><body>")
	b.WriteString(articleHTML)
	b.WriteString(strings.Repeat("<"+tag+">", n))
	b.WriteString("deep")
	b.WriteString(strings.Repeat("</"+tag+">", n))
	b.WriteString("</body></html>")
	return []byte(b.String())
}
