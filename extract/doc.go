// Package extract turns an HTML news page into the text wiretrace indexes
// and the page's metadata: title, byline, published time, site name,
// canonical URL and language.
//
// The main text is found with go-readability (a port of Mozilla's
// Readability) after page furniture that it tends to keep is removed:
// cookie and subscription banners, related-links lists, comment threads,
// share bars and "Advertisement" labels. The text it returns is what
// reports' byte offsets refer to, so it is built deterministically: the
// headline, the byline when the body does not already carry it, then the
// body's paragraphs, separated by blank lines.
//
// A page is measured (Measure: decoded, its elements, attributes and text
// counted) before its tree is built (Document.Extract), and refused past
// the limits of measure.go with the limit named, so that one hostile page
// cannot take hundreds of megabytes; a caller extracting many pages at
// once can budget them by Document.Cost.
//
// It does no I/O: callers hand it bytes and say where they came from. Times
// without a zone are read as UTC, never as the machine's local time.
package extract
