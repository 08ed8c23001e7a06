package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/fetch"
	"github.com/wiretrace/wiretrace/text"
)

// MaxArticleBytes caps one article: a plain file, an HTML page (in a WARC
// record too), or one line of JSON Lines. Longer inputs are not news
// articles, and reading them whole would let one stray file exhaust memory.
const MaxArticleBytes = 8 << 20

// MaxTitleBytes caps the title taken from a plain file's first line.
const MaxTitleBytes = 200

// Errors of Read, carried by Item.Err and wrapped with details. Besides
// these, Item.Err may be a *Skip, or wrap text.ErrEmpty, text.ErrBinary,
// ErrFeed, warc.ErrTruncated or warc.ErrCorrupt, extract.ErrNoText, an
// error of package fetch, or an *fs.PathError (fs.ErrNotExist,
// fs.ErrPermission) for a path that cannot be opened.
var (
	// ErrTooLarge: an article is longer than MaxArticleBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrInvalidJSON: a line of JSON Lines is not a JSON object with
	// fields of the expected types.
	ErrInvalidJSON = errors.New("invalid JSON")
	// ErrNoText: a line of JSON Lines has neither a "text" nor an "html"
	// field, or only null ones.
	ErrNoText = errors.New(`no "text" field (nor "html")`)
	// ErrInvalidUTF8: the text of a line of JSON Lines is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
	// ErrPublished: the "published" field is not an RFC 3339 time.
	ErrPublished = errors.New("invalid published time")
	// ErrFirstSeen: the "first_seen" field is not an RFC 3339 time.
	ErrFirstSeen = errors.New("invalid first_seen time")
	// ErrNotRegular: a directory holds something that is neither a
	// regular file nor a directory (a device, a socket, a pipe).
	ErrNotRegular = errors.New("not a regular file")
	// ErrSymlinkLoop: a symbolic link leads back to a directory being
	// walked.
	ErrSymlinkLoop = errors.New("symbolic link loop")
	// ErrNoStdin: "-" was named but there is no standard input to read.
	ErrNoStdin = errors.New("no standard input")
	// ErrNoFetch: a URL was named but the reader was given no Fetcher.
	ErrNoFetch = errors.New("URLs cannot be read here")
)

// Item is one article read from an input, or the error that stopped it.
type Item struct {
	// Input names where the item came from: "path", "path:line" for
	// JSON Lines, "path@offset" for a WARC record (the byte offset of the
	// record, or of its gzip member), "path#n" for the nth item of a
	// feed, the URL for a fetched page; "-" (and "-:line", ...) for
	// standard input.
	Input string
	// Format is how the input was read: "text", "jsonl", "html",
	// "warc" or "feed".
	Format string
	// Article is the article read. Its ID may be empty: the index derives
	// one from the text. Its Site is set when its URL or the options give
	// one; its Published falls back on the crawl date of a WARC record.
	Article wiretrace.Article
	// Meta is what an HTML page or a feed item says about itself beyond
	// the article's fields; nil for plain text.
	Meta *wiretrace.PageMeta
	// Decoding says how the bytes of a plain-text input or an HTML page
	// were decoded: its Note is "" for valid UTF-8.
	Decoding text.Decoding
	// Unsegmented is nil, or the *text.UnsegmentedError of an article
	// mostly in a script written without spaces that wiretrace cannot
	// split into words: it is stored, but will be found only by copies
	// of whole runs of it.
	Unsegmented error
	// Err names the problem; Input names where. A *Skip error marks an
	// input that is fine but not an article (a redirect or an image in
	// a crawl, say).
	Err error
	// siteHint is the site to use when nothing better names one: a feed
	// item's feed.
	siteHint string
}

// Read walks paths and calls fn for every item, in order, on the
// caller's goroutine, reading one input at a time. It is ReadWith with one
// worker.
func Read(ctx context.Context, paths []string, stdin io.Reader, fn func(Item) error) error {
	return ReadWith(ctx, paths, stdin, Options{Workers: 1}, fn)
}

// Options tune ReadWith.
type Options struct {
	// Workers decode and extract inputs in parallel. Items still reach
	// fn in input order, one at a time. Zero means one per CPU.
	Workers int
	// Site is given to every article whose input names no site of its
	// own, before the site is derived from the article's URL.
	Site string
	// Fetch fetches the paths that are http or https URLs; when nil, such
	// paths fail with ErrNoFetch.
	Fetch Fetcher
	// Progress, when set, is called with the number of input bytes just
	// read (compressed bytes for compressed files), from the goroutine
	// that reads.
	Progress func(n int64)
	// inFlightBudget and extractBudget replace the budgets of budget.go
	// when set: tests make them small.
	inFlightBudget, extractBudget int64
}

// Fetcher fetches a URL; *fetch.Client is one.
type Fetcher interface {
	Get(ctx context.Context, url string) (*fetch.Page, error)
}

// ReadWith walks paths and calls fn for every item, in input order. A path
// is a file, a directory, an http(s) URL or "-" for stdin; a URL of another
// scheme ("file://", "ftp://") that names no file is an item failing with
// fetch.ErrScheme.
//
// What a file holds is told by its name, after any ".gz": .jsonl, .ndjson
// and .json-lines are JSON Lines (one article a line, with "text" or
// "html"); .html, .htm, .xhtml and .shtml are HTML pages; .warc is a web
// archive (one article per HTML response); .rss, .atom and .xml are feeds;
// .txt is plain text. Any other file, standard input and fetched pages are
// recognised from their first bytes, and are plain text when nothing else
// fits. Gzip-compressed content is decompressed whatever the name.
// Directories are read recursively in lexical order, skipping names that
// start with '.'.
//
// A path that cannot be read, a file that is empty or binary, a broken
// line or WARC record is an Item with Err, and reading goes on; so is an
// input that is no article (Err is then a *Skip). ReadWith stops early
// only when fn returns an error, which it returns, or when ctx is done,
// when it returns ctx.Err().
func ReadWith(ctx context.Context, paths []string, stdin io.Reader, opts Options, fn func(Item) error) error {
	r := &reader{ctx: ctx, stdin: stdin, fn: fn, limit: MaxArticleBytes, opts: opts,
		extraction: newBudget(cmp.Or(opts.extractBudget, extractBudget))}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 {
		for _, p := range paths {
			if err := r.path(p); err != nil {
				return err
			}
		}
		return nil
	}
	return r.parallel(paths, workers)
}

// reader holds what a Read call shares. Its methods return an error only
// to stop the whole walk.
type reader struct {
	ctx   context.Context
	stdin io.Reader
	fn    func(Item) error
	opts  Options
	// limit is MaxArticleBytes; tests lower it.
	limit int
	// bufSize is the read buffer of JSON Lines, 64 KiB when zero; tests
	// lower it to make lines span several reads.
	bufSize int
	// pipe, when set, takes items and work to the workers.
	pipe *pipeline
	// extraction is the budget of HTML trees being built at once (see
	// budget.go).
	extraction *budget
}

// emit hands on an item that needs no more work.
func (r *reader) emit(it Item) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if r.pipe != nil {
		return r.pipe.ready(r.finish(it))
	}
	return r.fn(r.finish(it))
}

// submit hands on work that makes an item: decoding, extraction. It runs
// on a worker when there are several, once size bytes of input (what the
// work holds) fit in the in-flight budget.
func (r *reader) submit(size int, work func() Item) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if r.pipe != nil {
		return r.pipe.submit(int64(size)*inFlightPerByte, func() Item { return r.finish(work()) })
	}
	return r.fn(r.finish(work()))
}

func (r *reader) fail(input string, err error) error {
	return r.emit(Item{Input: input, Err: err})
}

// finish gives an article its site and, failing a published time, the
// time a crawler first saw it, and says whether its script is one
// wiretrace splits into words. It runs on a worker for the items
// submitted.
func (r *reader) finish(it Item) Item {
	if it.Err != nil {
		// Only the URL is kept, so that a record skipped in a crawl can
		// be found again.
		it.Article = wiretrace.Article{URL: it.Article.URL}
		return it
	}
	a := &it.Article
	it.Unsegmented = text.Unsegmented(a.Text)
	if a.Site == "" {
		a.Site = r.opts.Site
	}
	if a.Site == "" {
		a.Site = SiteOf(a.URL)
	}
	if a.Site == "" {
		a.Site = SiteOf(a.Canonical)
	}
	if a.Site == "" {
		a.Site = it.siteHint
	}
	return it
}

// path reads one path as the user named it: hidden names are read too.
func (r *reader) path(p string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if p == "-" {
		return r.readStdin()
	}
	if isURL(p) {
		return r.url(p)
	}
	fi, err := os.Stat(p)
	if scheme, ok := urlScheme(p); ok && err != nil {
		// Not a file of that name: a URL wiretrace does not fetch.
		return r.fail(p, fmt.Errorf("%w %q: only http and https URLs are fetched (name a local file by its path)", fetch.ErrScheme, scheme))
	}
	if err != nil {
		return r.fail(p, err)
	}
	if fi.IsDir() {
		return r.dir(p, []fs.FileInfo{fi})
	}
	return r.file(p, fi)
}

// dir reads a directory's entries in lexical order. ancestors are the
// directories from the named path down to p, to stop symlink loops.
func (r *reader) dir(p string, ancestors []fs.FileInfo) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		// ReadDir returns the entries it read before failing: report
		// the failure and read those.
		if err := r.fail(p, fmt.Errorf("cannot list directory: %w", err)); err != nil {
			return err
		}
	}
	for _, e := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		full := filepath.Join(p, e.Name())
		fi, err := os.Stat(full) // follows symbolic links
		if err != nil {
			if err := r.fail(full, err); err != nil {
				return err
			}
			continue
		}
		switch {
		case fi.IsDir():
			if loops(ancestors, fi) {
				err = r.fail(full, ErrSymlinkLoop)
			} else {
				err = r.dir(full, append(ancestors, fi))
			}
		case fi.Mode().IsRegular() && isAsset(e.Name()):
			err = r.emit(Item{Input: full, Err: &Skip{Reason: SkipAsset, Detail: filepath.Ext(e.Name())}})
		case fi.Mode().IsRegular():
			err = r.file(full, fi)
		default:
			err = r.fail(full, fmt.Errorf("%w: %s", ErrNotRegular, kind(fi.Mode())))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// kind names a file type that is neither a regular file nor a directory.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return m.Type().String()
}

func loops(ancestors []fs.FileInfo, fi fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, fi) {
			return true
		}
	}
	return false
}

// file reads a file that is not a directory. Named pipes and devices the
// user names are read too, within the size cap.
func (r *reader) file(p string, fi fs.FileInfo) error {
	f, err := os.Open(p)
	if err != nil {
		return r.fail(p, err)
	}
	defer f.Close()
	var rd io.Reader = f
	if r.opts.Progress != nil {
		rd = &progressReader{r: f, fn: r.opts.Progress}
	}
	name := strings.ToLower(p)
	compressed := strings.HasSuffix(name, ".gz")
	kind := kindOfName(strings.TrimSuffix(name, ".gz"))
	if kind == kindText && !compressed && fi.Mode().IsRegular() && fi.Size() > int64(r.limit) {
		return r.fail(p, r.tooLarge(fi.Size()))
	}
	return r.stream(p, bufio.NewReaderSize(rd, 64<<10), kind)
}

// stream reads one input of the given kind, or of the kind its first
// bytes show when kind is kindUnknown or kindXML, decompressing gzip.
func (r *reader) stream(input string, br *bufio.Reader, kind inputKind) error {
	sniffed, gzipped := sniff(br)
	if kind == kindUnknown || kind == kindXML && sniffed == kindFeed {
		kind = sniffed
	}
	if kind == kindXML {
		kind = kindText
	}
	if kind == kindWARC {
		// The WARC reader undoes gzip itself, record by record, to
		// report each record's offset in the file.
		return r.warc(input, br)
	}
	if gzipped {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.fail(input, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
		if kind == kindUnknown {
			kind, _ = sniff(br)
		}
	}
	switch kind {
	case kindJSONL:
		return r.jsonLines(input, br)
	case kindHTML:
		raw, err := r.readCapped(br, r.limit)
		if err != nil {
			return r.fail(input, err)
		}
		return r.submit(len(raw), func() Item { return r.htmlItem(input, raw, "", "", time.Time{}, "", false) })
	case kindFeed:
		raw, err := r.readCapped(br, MaxFeedBytes)
		if err != nil {
			return r.fail(input, err)
		}
		return r.feed(input, raw)
	}
	raw, err := r.readCapped(br, r.limit)
	if err != nil {
		return r.fail(input, err)
	}
	return r.submit(len(raw), func() Item { return textItem(input, raw) })
}

// readCapped reads all of rd, failing with ErrTooLarge past limit bytes.
func (r *reader) readCapped(rd io.Reader, limit int) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(rd, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(raw) > limit {
		// The size is not known without reading the rest.
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return raw, nil
}

func (r *reader) readStdin() error {
	if r.stdin == nil {
		return r.fail("-", ErrNoStdin)
	}
	rd := r.stdin
	if r.opts.Progress != nil {
		rd = &progressReader{r: rd, fn: r.opts.Progress}
	}
	return r.stream("-", bufio.NewReaderSize(rd, 64<<10), kindUnknown)
}

// url fetches a page and reads it as its media type says, or as its first
// bytes show.
func (r *reader) url(u string) error {
	if r.opts.Fetch == nil {
		return r.fail(u, ErrNoFetch)
	}
	fetched := time.Now()
	page, err := r.opts.Fetch.Get(r.ctx, u)
	if err != nil {
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		return r.fail(u, err)
	}
	if r.opts.Progress != nil {
		r.opts.Progress(int64(len(page.Body)))
	}
	switch kindOfMediaType(page.MediaType()) {
	case kindHTML:
		return r.submit(len(page.Body), func() Item {
			return r.htmlItem(u, page.Body, page.ContentType, page.URL, fetched, wiretrace.FromFetch, false)
		})
	case kindFeed:
		return r.feed(u, page.Body)
	case kindText:
		return r.submit(len(page.Body), func() Item {
			it := textItem(u, page.Body)
			it.Article.FirstSeen, it.Article.FirstSeenFrom = fetched.UTC(), wiretrace.FromFetch
			return it
		})
	}
	br := bufio.NewReader(bytes.NewReader(page.Body))
	if kind, _ := sniff(br); kind == kindHTML {
		return r.submit(len(page.Body), func() Item {
			return r.htmlItem(u, page.Body, page.ContentType, page.URL, fetched, wiretrace.FromFetch, false)
		})
	}
	return r.stream(u, br, kindUnknown)
}

// textItem decodes raw as one plain-text article.
func textItem(input string, raw []byte) Item {
	s, dec, err := text.Decode(raw)
	if err != nil {
		return Item{Input: input, Format: "text", Decoding: dec, Err: err}
	}
	return Item{
		Input:    input,
		Format:   "text",
		Article:  wiretrace.Article{Title: firstLine(s), Text: s},
		Decoding: dec,
	}
}

// progressReader reports the bytes read through it.
type progressReader struct {
	r  io.Reader
	fn func(int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.fn(int64(n))
	}
	return n, err
}

func (r *reader) tooLarge(size int64) error {
	return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, r.limit)
}

// firstLine returns the first line with anything but spaces on it,
// trimmed and cut to MaxTitleBytes at a rune boundary.
func firstLine(s string) string {
	for line := range strings.Lines(s) {
		t := strings.TrimFunc(line, isSpaceOrBOM)
		if t == "" {
			continue
		}
		if len(t) > MaxTitleBytes {
			n := MaxTitleBytes
			for n > 0 && !utf8.RuneStart(t[n]) {
				n--
			}
			t = strings.TrimRightFunc(t[:n], isSpaceOrBOM)
		}
		return t
	}
	return ""
}

func isSpaceOrBOM(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }

// ErrSeveral: an input that must hold one article holds several.
var ErrSeveral = errors.New("holds several articles; name one (a single page, file or line)")

// One reads the article the input name holds: a file, a page, a URL, a
// JSON Lines file of one line, or "-" for stdin, read as ReadWith reads it
// with opts (its Workers aside). An input holding several articles fails
// with ErrSeveral, one holding none with the reason it gave, or
// wiretrace.ErrEmptyText. Errors name the input.
func One(ctx context.Context, name string, stdin io.Reader, opts Options) (Item, error) {
	var got []Item
	var firstErr error
	stop := errors.New("stop")
	opts.Workers = 1
	err := ReadWith(ctx, []string{name}, stdin, opts, func(it Item) error {
		if it.Err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", it.Input, it.Err)
			}
			return nil
		}
		got = append(got, it)
		if len(got) > 1 {
			return stop
		}
		return nil
	})
	switch {
	case err != nil && err != stop:
		return Item{}, fmt.Errorf("%s: %w", name, err)
	case len(got) > 1:
		return Item{}, fmt.Errorf("%s: %w", name, ErrSeveral)
	case len(got) == 0 && firstErr != nil:
		return Item{}, firstErr
	case len(got) == 0:
		return Item{}, fmt.Errorf("%s: %w", name, wiretrace.ErrEmptyText)
	}
	return got[0], nil
}

// Extracted returns the item as results show an article whose text was
// extracted from a page, or nil when its text is the input's own (plain
// text, a JSON Lines "text" field).
func (it Item) Extracted() *wiretrace.Extracted {
	if it.Meta == nil {
		return nil
	}
	meta := *it.Meta
	return &wiretrace.Extracted{Input: it.Input, Article: it.Article, Page: &meta}
}
