package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/net/publicsuffix"
)

// inputKind is what an input holds.
type inputKind int

const (
	kindUnknown inputKind = iota
	kindText
	kindJSONL
	kindHTML
	kindWARC
	kindFeed
	// kindXML is a .xml file: a feed if it looks like one, else text.
	kindXML
)

// kindOfName tells an input's kind from its name, without any ".gz".
func kindOfName(name string) inputKind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json-lines":
		return kindJSONL
	case ".html", ".htm", ".xhtml", ".shtml":
		return kindHTML
	case ".warc":
		return kindWARC
	case ".rss", ".atom":
		return kindFeed
	case ".xml":
		return kindXML
	case ".txt", ".text":
		return kindText
	}
	return kindUnknown
}

// assetExts are the files a saved web page brings along that hold no
// article: images, styles, scripts, fonts, media, documents.
var assetExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true, ".ico": true, ".bmp": true,
	".css": true, ".js": true, ".mjs": true, ".map": true, ".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true,
	".mp3": true, ".mp4": true, ".webm": true, ".ogg": true, ".wav": true, ".pdf": true, ".zip": true, ".wasm": true,
}

// isAsset reports whether a file found in a directory is, by its name,
// no article: an asset a saved page brings along, or a file with an
// extension no article comes in (README.md, main.go, data.csv). Files
// without an extension are read and sniffed; files named on the command
// line are read whatever their name.
func isAsset(name string) bool {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	return ext != "" && kindOfName(ext) == kindUnknown || assetExts[strings.ToLower(filepath.Ext(name))]
}

// kindOfMediaType tells a fetched page's kind from its media type.
func kindOfMediaType(mt string) inputKind {
	switch mt {
	case "text/html", "application/xhtml+xml":
		return kindHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml":
		return kindFeed
	case "text/plain":
		return kindText
	case "application/warc":
		return kindWARC
	}
	return kindUnknown
}

var bom = []byte("\ufeff")

// sniff looks at the first bytes in br's buffer, decompressing a copy
// when they are gzip, and tells the kind of input they start. Plain text
// is the kind when nothing else fits.
func sniff(br *bufio.Reader) (k inputKind, gzipped bool) {
	// What has arrived, at least one byte: waiting for a whole buffer
	// would hold back a stream's first articles until 64 KB came.
	br.Peek(1)
	head, _ := br.Peek(max(br.Buffered(), min(512, br.Size())))
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		gzipped = true
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return kindText, true
		}
		buf := make([]byte, 4096)
		n, _ := io.ReadFull(zr, buf)
		head = buf[:n]
	}
	return sniffHead(head), gzipped
}

func sniffHead(head []byte) inputKind {
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return kindWARC
	}
	head = bytes.TrimPrefix(head, bom)
	head = bytes.TrimLeftFunc(head, unicode.IsSpace)
	if len(head) > 0 && head[0] == '{' {
		return kindJSONL
	}
	if len(head) == 0 || head[0] != '<' {
		return kindText
	}
	lower := bytes.ToLower(head[:min(len(head), 1024)])
	for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if bytes.Contains(lower, []byte(tag)) {
			return kindFeed
		}
	}
	if bytes.Contains(lower, []byte("<html")) {
		return kindHTML
	}
	for _, tag := range []string{"<!doctype html", "<head", "<body", "<meta", "<title", "<article", "<p>", "<div", "<!--"} {
		if bytes.HasPrefix(lower, []byte(tag)) {
			return kindHTML
		}
	}
	return kindText
}

// isURL reports whether a path names an http or https URL.
func isURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// urlScheme returns the scheme of a path written as a URL with another
// scheme than http or https ("file:///srv/a.html", "ftp://host/x"), and
// false for anything else.
func urlScheme(p string) (string, bool) {
	scheme, rest, ok := strings.Cut(p, "://")
	if !ok || scheme == "" || rest == "" {
		return "", false
	}
	for i, c := range scheme {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", false
		}
	}
	return strings.ToLower(scheme), true
}

// SiteOf returns the site of an article at rawURL: the registrable domain
// of its host by the public-suffix list ("bbc.co.uk" for
// https://www.bbc.co.uk/news/x), the host itself when it has none (an IP
// address, "localhost"), and "" when rawURL has no host.
func SiteOf(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return ""
	}
	if net.ParseIP(host) != nil {
		return host
	}
	site, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return site
}
