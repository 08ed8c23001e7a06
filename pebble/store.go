package pebble

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

// ErrClosed is wrapped by the errors of every method but Close once a Store
// is closed.
var ErrClosed = errors.New("pebble: store closed")

var errEmptyID = errors.New("article has no ID")

// Option changes how Open opens a store.
type Option func(*config)

type config struct {
	cacheSize int64
	logger    *slog.Logger
}

// DefaultCacheSize is the size of the block cache unless WithCacheSize
// says otherwise.
const DefaultCacheSize = 256 << 20

// WithCacheSize sets the size in bytes of the cache of decompressed blocks
// that reads go through. It bounds the store's memory for reads, not for
// writes.
func WithCacheSize(bytes int64) Option {
	return func(c *config) { c.cacheSize = bytes }
}

// WithLogger sends pebble's own messages to l: its events (flushes,
// compactions, log recovery) at Debug level and background errors at
// Error level. Without it they are discarded. The store logs nothing else.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// Store is a wiretrace.Store kept in a Pebble directory. It is safe for
// concurrent use; writes are serialised, reads run in parallel. A directory
// must not be opened by two Stores at once (Open fails on the lock).
type Store struct {
	db  *pebbledb.DB
	dir string
	fs  *walFS

	// closeMu is held for reading by every operation and for writing by
	// Close, so Close waits for operations in flight and none starts after.
	closeMu sync.RWMutex
	closed  bool

	// mu serialises writers: the duplicate and ID checks and the write they
	// allow must not interleave with another writer's.
	mu      sync.Mutex
	nextDoc uint64 // next doc number to hand out; past maxDoc when exhausted
	count   atomic.Int64
	buf     articleBuffers          // reused under mu
	fps     []wiretrace.Fingerprint // distinct fingerprints, reused under mu
}

// articleBuffers are the buffers an article's keys and record are built in.
type articleBuffers struct {
	rec, key []byte
}

// putArticle passes to set every key and value that store article a as doc
// d: its record, its ID key, its text hash key, one posting per
// fingerprint and one byline posting per distinct byline key, in that
// order. fps must be distinct and ascending. set must
// copy what it keeps. This is the one place that says what an article's
// keys are.
func (buf *articleBuffers) putArticle(set func(key, value []byte) error, d doc, a *wiretrace.Article, hash xxh3.Uint128, fps []wiretrace.Fingerprint) error {
	var docBuf [docSize]byte
	docValue := appendDoc(docBuf[:0], d)
	buf.rec = appendRecord(buf.rec[:0], a, fps)
	buf.key = articleKey(buf.key[:0], d)
	err := set(buf.key, buf.rec)
	buf.key = idKey(buf.key[:0], a.ID)
	err = cmp.Or(err, set(buf.key, docValue))
	buf.key = hashKey(buf.key[:0], hash)
	err = cmp.Or(err, set(buf.key, docValue))
	for _, fp := range fps {
		buf.key = postingKey(buf.key[:0], fp, d)
		err = cmp.Or(err, set(buf.key, nil))
	}
	for _, name := range wiretrace.BylineKeys(a.Byline) {
		buf.key = bylineKey(buf.key[:0], name, d)
		err = cmp.Or(err, set(buf.key, []byte(a.Site)))
	}
	return err
}

var _ wiretrace.Store = (*Store)(nil)

// writeOpts commits a write so that it survives the process being killed:
// see walFS for why this is pebble's Sync and still costs no fsync.
var writeOpts = pebbledb.Sync

// Open opens the store in dir, creating the directory and an empty store
// if needed. It refuses a directory that holds other files. It returns an error wrapping wiretrace.ErrFormatVersion if the
// directory holds a store of another format version, or keys that are not
// a wiretrace store.
func Open(dir string, opts ...Option) (*Store, error) {
	cfg := config{cacheSize: DefaultCacheSize}
	for _, o := range opts {
		o(&cfg)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("pebble: open %s: %w", dir, err)
	}
	if err := checkDir(dir); err != nil {
		return nil, fmt.Errorf("pebble: open %s: %w", dir, err)
	}
	wfs := newWALFS(vfs.Default)
	po := pebbleOptions(cfg, wfs)
	db, err := pebbledb.Open(dir, po)
	if err != nil {
		return nil, fmt.Errorf("pebble: open %s: %w", dir, err)
	}
	s := &Store{db: db, dir: dir, fs: wfs}
	if err := s.load(); err != nil {
		return nil, errors.Join(fmt.Errorf("pebble: open %s: %w", dir, err), db.Close())
	}
	return s, nil
}

// checkDir refuses a directory that holds files but no store, so that a
// mistyped path does not fill someone's documents with pebble files. A
// store whose creation was interrupted has at least pebble's LOCK file.
func checkDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return err
	}
	desc, err := pebbledb.Peek(dir, vfs.Default)
	if err != nil {
		return err
	}
	if desc.Exists {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "LOCK")); err == nil {
		return nil
	}
	return errors.New("directory is neither empty nor a store")
}

// pebbleOptions returns the options the store opens pebble with.
func pebbleOptions(cfg config, fs vfs.FS) *pebbledb.Options {
	po := &pebbledb.Options{
		FS:        fs,
		CacheSize: cfg.cacheSize,
		Logger:    pebbleLogger{l: cfg.logger},
		// Pinned, and below pebble.FormatWALSyncChunks: that format records
		// in the log how far it was synced, which walFS makes untrue.
		FormatMajorVersion: pebbledb.FormatColumnarBlocks,
		// Every Add inserts about 150 postings at random places in the
		// memtable. Measured with 150-fingerprint articles, 8 to 16 MB
		// cost the least CPU per Add: larger memtables make each insert
		// slower (cache misses in a larger skiplist) more than they save in
		// flushes and compactions.
		MemTableSize: 16 << 20,
	}
	for i := range po.Levels {
		// Adds look up text hashes and IDs that are mostly absent.
		po.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
	}
	if cfg.logger != nil {
		// Flushes, compactions and file deletions too, not only errors.
		el := pebbledb.MakeLoggingEventListener(po.Logger)
		po.EventListener = &el
	}
	return po
}

// load checks the format version, creating it in an empty store, and reads
// the article count and the next doc number.
func (s *Store) load() error {
	v, found, err := s.get(keyFormat)
	if err != nil {
		return err
	}
	if !found {
		return s.create()
	}
	version, n := binary.Uvarint(v)
	if n <= 0 || n != len(v) {
		return fmt.Errorf("format version %x: %w", v, errCorrupt)
	}
	if version != formatVersion && version != 1 {
		return fmt.Errorf("format version %d, this build reads 1 and %d: %w", version, formatVersion, wiretrace.ErrFormatVersion)
	}
	v, found, err = s.get(keyCount)
	if err != nil {
		return err
	}
	count, n := binary.Uvarint(v)
	if !found || n <= 0 || n != len(v) {
		return fmt.Errorf("article count %x: %w", v, errCorrupt)
	}
	s.count.Store(int64(count))

	it, err := s.db.NewIter(&pebbledb.IterOptions{
		LowerBound: []byte{prefixArticle},
		UpperBound: []byte{prefixArticle + 1},
	})
	if err != nil {
		return err
	}
	if it.Last() {
		k := it.Key()
		if len(k) != articleKeySize {
			return errors.Join(fmt.Errorf("article key %x: %w", k, errCorrupt), it.Close())
		}
		s.nextDoc = uint64(binary.BigEndian.Uint32(k[1:])) + 1
	}
	if err := it.Close(); err != nil {
		return err
	}
	if version == 1 {
		return s.upgradeV1()
	}
	return nil
}

// upgradeV1 turns a version 1 store into a version 2 store. A version 1
// record is a version 2 record without the metadata section, and its
// articles have no byline names to post, so only the version changes; from
// then on a version 1 build refuses the store instead of missing the keys
// version 2 adds.
func (s *Store) upgradeV1() error {
	b := s.db.NewBatch()
	defer b.Close()
	_ = b.Set(keyFormat, binary.AppendUvarint(nil, formatVersion), nil)
	if err := b.Commit(pebbledb.Sync); err != nil {
		return fmt.Errorf("upgrade from format version 1: %w", err)
	}
	return nil
}

// create writes the meta keys of a new store, refusing a directory that
// holds other keys.
func (s *Store) create() error {
	it, err := s.db.NewIter(nil)
	if err != nil {
		return err
	}
	if it.First() {
		k := slices.Clone(it.Key())
		return errors.Join(fmt.Errorf("no format version but key %q: %w", k, wiretrace.ErrFormatVersion), it.Close())
	}
	if err := it.Close(); err != nil {
		return err
	}
	b := s.db.NewBatch()
	defer b.Close()
	_ = b.Set(keyFormat, binary.AppendUvarint(nil, formatVersion), nil)
	_ = b.Set(keyCount, binary.AppendUvarint(nil, 0), nil)
	return b.Commit(pebbledb.Sync)
}

// enter starts an operation; the caller must call s.closeMu.RUnlock when
// it returns nil.
func (s *Store) enter() error {
	s.closeMu.RLock()
	if s.closed {
		s.closeMu.RUnlock()
		return ErrClosed
	}
	return nil
}

// get reads a value, copying it.
func (s *Store) get(key []byte) (value []byte, found bool, err error) {
	v, closer, err := s.db.Get(key)
	if errors.Is(err, pebbledb.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	value = slices.Clone(v)
	return value, true, closer.Close()
}

// getDoc reads a value that is a doc number.
func (s *Store) getDoc(key []byte) (d doc, found bool, err error) {
	v, closer, err := s.db.Get(key)
	if errors.Is(err, pebbledb.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	d, err = parseDoc(v)
	return d, err == nil, errors.Join(err, closer.Close())
}

// getRecord reads and decodes an article record. The record aliases
// memory that is valid until closer is closed.
func (s *Store) getRecord(d doc) (r record, closer func() error, err error) {
	var buf [articleKeySize]byte
	v, c, err := s.db.Get(articleKey(buf[:0], d))
	if err != nil {
		return record{}, nil, err
	}
	r, err = decodeRecord(v)
	if err != nil {
		return record{}, nil, errors.Join(fmt.Errorf("article %d: %w", d, err), c.Close())
	}
	return r, c.Close, nil
}

// blank reports whether text has no characters but white space.
func blank(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return !unicode.IsSpace(r) }) < 0
}

// Add stores a with its fingerprints in one batch, as wiretrace.Store
// documents. Fingerprints given twice are stored once.
func (s *Store) Add(ctx context.Context, a wiretrace.Article, fps []wiretrace.Fingerprint) (wiretrace.AddResult, error) {
	res, err := s.add(ctx, &a, fps)
	if err != nil {
		return wiretrace.AddResult{}, fmt.Errorf("pebble: add %q: %w", a.ID, err)
	}
	return res, nil
}

func (s *Store) add(ctx context.Context, a *wiretrace.Article, fps []wiretrace.Fingerprint) (wiretrace.AddResult, error) {
	if err := ctx.Err(); err != nil {
		return wiretrace.AddResult{}, err
	}
	if blank(a.Text) {
		return wiretrace.AddResult{}, wiretrace.ErrEmptyText
	}
	if a.ID == "" {
		return wiretrace.AddResult{}, errEmptyID
	}
	hash := xxh3.HashString128(a.Text)

	if err := s.enter(); err != nil {
		return wiretrace.AddResult{}, err
	}
	defer s.closeMu.RUnlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	// The wait for the lock may have outlived the context.
	if err := ctx.Err(); err != nil {
		return wiretrace.AddResult{}, err
	}

	s.buf.key = hashKey(s.buf.key[:0], hash)
	d, found, err := s.getDoc(s.buf.key)
	if err != nil {
		return wiretrace.AddResult{}, fmt.Errorf("text hash: %w", err)
	}
	if found {
		r, done, err := s.getRecord(d)
		if err != nil {
			return wiretrace.AddResult{}, fmt.Errorf("duplicate: %w", err)
		}
		id := string(r.id)
		return wiretrace.AddResult{ID: id, Duplicate: true}, done()
	}
	s.buf.key = idKey(s.buf.key[:0], a.ID)
	if _, found, err := s.getDoc(s.buf.key); err != nil {
		return wiretrace.AddResult{}, fmt.Errorf("id: %w", err)
	} else if found {
		return wiretrace.AddResult{}, wiretrace.ErrIDConflict
	}
	if s.nextDoc > maxDoc {
		return wiretrace.AddResult{}, fmt.Errorf("all %d doc numbers used", uint64(maxDoc)+1)
	}
	d = doc(s.nextDoc)

	s.fps = append(s.fps[:0], fps...)
	slices.Sort(s.fps)
	s.fps = slices.Compact(s.fps)

	b := s.db.NewBatchWithSize(len(a.Text) + 2*len(a.ID) + len(s.fps)*(postingKeySize+16) + 256)
	defer b.Close()
	set := func(key, value []byte) error { return b.Set(key, value, nil) }
	if err := s.buf.putArticle(set, d, a, hash, s.fps); err != nil {
		return wiretrace.AddResult{}, err
	}
	s.buf.key = binary.AppendUvarint(s.buf.key[:0], uint64(s.count.Load()+1))
	if err := b.Set(keyCount, s.buf.key, nil); err != nil {
		return wiretrace.AddResult{}, err
	}
	if err := b.Commit(writeOpts); err != nil {
		return wiretrace.AddResult{}, err
	}
	s.nextDoc++
	s.count.Add(1)
	return wiretrace.AddResult{ID: a.ID}, nil
}

// Get returns the article stored under id, or an error wrapping
// wiretrace.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (wiretrace.Article, error) {
	a, err := s.getArticle(ctx, id)
	if err != nil {
		return wiretrace.Article{}, fmt.Errorf("pebble: get %q: %w", id, err)
	}
	return a, nil
}

func (s *Store) getArticle(ctx context.Context, id string) (wiretrace.Article, error) {
	if err := ctx.Err(); err != nil {
		return wiretrace.Article{}, err
	}
	if err := s.enter(); err != nil {
		return wiretrace.Article{}, err
	}
	defer s.closeMu.RUnlock()
	d, found, err := s.getDoc(idKey(nil, id))
	if err != nil {
		return wiretrace.Article{}, err
	}
	if !found {
		return wiretrace.Article{}, wiretrace.ErrNotFound
	}
	r, done, err := s.getRecord(d)
	if errors.Is(err, pebbledb.ErrNotFound) {
		// Removed between the two reads.
		return wiretrace.Article{}, wiretrace.ErrNotFound
	}
	if err != nil {
		return wiretrace.Article{}, err
	}
	if string(r.id) != id {
		return wiretrace.Article{}, errors.Join(fmt.Errorf("id maps to article %d of id %q: %w", d, r.id, errCorrupt), done())
	}
	a := r.article()
	return a, done()
}

// Remove deletes the article stored under id and its postings in one
// batch, or returns an error wrapping wiretrace.ErrNotFound.
func (s *Store) Remove(ctx context.Context, id string) error {
	if err := s.remove(ctx, id); err != nil {
		return fmt.Errorf("pebble: remove %q: %w", id, err)
	}
	return nil
}

func (s *Store) remove(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.enter(); err != nil {
		return err
	}
	defer s.closeMu.RUnlock()
	s.mu.Lock()
	defer s.mu.Unlock()

	idk := idKey(nil, id)
	d, found, err := s.getDoc(idk)
	if err != nil {
		return err
	}
	if !found {
		return wiretrace.ErrNotFound
	}
	r, done, err := s.getRecord(d)
	if err != nil {
		return err
	}
	defer done()
	if string(r.id) != id {
		return fmt.Errorf("id maps to article %d of id %q: %w", d, r.id, errCorrupt)
	}

	b := s.db.NewBatchWithSize(r.numFingerprints()*(postingKeySize+8) + 128)
	defer b.Close()
	s.buf.key = articleKey(s.buf.key[:0], d)
	err = b.Delete(s.buf.key, nil)
	err = cmp.Or(err, b.Delete(idk, nil))
	// The hash key goes only if it names this article: a store must never
	// lose another article's duplicate check.
	s.buf.key = hashKey(s.buf.key[:0], xxh3.Hash128(r.text))
	hd, found, herr := s.getDoc(s.buf.key)
	if herr != nil {
		return fmt.Errorf("text hash: %w", herr)
	}
	if found && hd == d {
		err = cmp.Or(err, b.Delete(s.buf.key, nil))
	}
	for i := range r.numFingerprints() {
		s.buf.key = postingKey(s.buf.key[:0], r.fingerprint(i), d)
		err = cmp.Or(err, b.Delete(s.buf.key, nil))
	}
	for _, name := range r.bylineKeys() {
		s.buf.key = bylineKey(s.buf.key[:0], name, d)
		err = cmp.Or(err, b.Delete(s.buf.key, nil))
	}
	s.buf.key = binary.AppendUvarint(s.buf.key[:0], uint64(max(s.count.Load()-1, 0)))
	err = cmp.Or(err, b.Set(keyCount, s.buf.key, nil))
	if err != nil {
		return err
	}
	if err := b.Commit(writeOpts); err != nil {
		return err
	}
	s.count.Store(max(s.count.Load()-1, 0))
	return nil
}

// Candidates returns up to limit stored articles sharing the most distinct
// fingerprints with fps, as wiretrace.Store documents. A fingerprint
// posted to more than maxPostings articles is skipped after reading
// maxPostings+1 of its postings; maxPostings <= 0 skips none. A limit <= 0
// returns nothing. All reads see one consistent state of the store.
func (s *Store) Candidates(ctx context.Context, fps []wiretrace.Fingerprint, limit, maxPostings int) ([]wiretrace.Candidate, error) {
	c, err := s.candidates(ctx, fps, limit, maxPostings)
	if err != nil {
		return nil, fmt.Errorf("pebble: candidates: %w", err)
	}
	return c, nil
}

// hit is an article found by Candidates, before its ID is read.
type hit struct {
	doc    doc
	shared int
}

func (s *Store) candidates(ctx context.Context, fps []wiretrace.Fingerprint, limit, maxPostings int) (_ []wiretrace.Candidate, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 || len(fps) == 0 {
		return nil, nil
	}
	if maxPostings <= 0 {
		maxPostings = math.MaxInt
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()

	query := slices.Clone(fps)
	slices.Sort(query)
	query = slices.Compact(query)

	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return nil, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()

	shared := make(map[doc]int)
	var keyBuf [2 * postingKeySize]byte
	var docs []doc // postings of one fingerprint
	for i, fp := range query {
		if i%64 == 63 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		// Bounds let pebble stop at the end of fp's postings without
		// reading the next key, which may be in another block.
		it.SetBounds(postingRange(keyBuf[:0], fp))
		docs = docs[:0]
		for ok := it.First(); ok && len(docs) <= maxPostings; ok = it.Next() {
			d, err := postingDoc(it.Key())
			if err != nil {
				return nil, err
			}
			docs = append(docs, d)
		}
		if err := it.Error(); err != nil {
			return nil, err
		}
		if len(docs) > maxPostings {
			continue
		}
		for _, d := range docs {
			shared[d]++
		}
	}
	if len(shared) == 0 {
		return nil, nil
	}

	hits := make([]hit, 0, len(shared))
	for d, n := range shared {
		hits = append(hits, hit{d, n})
	}
	hits = topHits(hits, limit, len(query))

	out := make([]wiretrace.Candidate, 0, len(hits))
	for _, h := range hits {
		k := articleKey(keyBuf[:0], h.doc)
		it.SetBounds(k, append(k, 0))
		if !it.First() {
			if err := it.Error(); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("posting to missing article %d: %w", h.doc, errCorrupt)
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, err
		}
		r, err := decodeRecord(v)
		if err != nil {
			return nil, fmt.Errorf("article %d: %w", h.doc, err)
		}
		out = append(out, wiretrace.Candidate{ID: string(r.id), Shared: h.shared, Fingerprints: r.numFingerprints()})
	}
	slices.SortFunc(out, func(a, b wiretrace.Candidate) int {
		return cmp.Or(cmp.Compare(b.Shared, a.Shared), strings.Compare(a.ID, b.ID))
	})
	return out[:min(limit, len(out))], nil
}

// topHits keeps the hits that can be among the first limit once ties are
// broken by ID: those sharing at least as much as the limit-th best. IDs
// are read only for these. maxShared bounds every hit's shared count.
func topHits(hits []hit, limit, maxShared int) []hit {
	if len(hits) <= limit {
		return hits
	}
	histogram := make([]int, maxShared+1)
	for _, h := range hits {
		histogram[h.shared]++
	}
	cut, above := maxShared, 0
	for ; cut > 1; cut-- {
		above += histogram[cut]
		if above >= limit {
			break
		}
	}
	kept := hits[:0]
	for _, h := range hits {
		if h.shared >= cut {
			kept = append(kept, h)
		}
	}
	return kept
}

// Bylines returns the sites under which stored articles name the author,
// as wiretrace.Store documents: one scan of the name's byline postings,
// whose values are the articles' sites. A limit <= 0 returns nothing.
func (s *Store) Bylines(ctx context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	uses, err := s.bylines(ctx, name, limit)
	if err != nil {
		return nil, fmt.Errorf("pebble: bylines %q: %w", name, err)
	}
	return uses, nil
}

func (s *Store) bylines(ctx context.Context, name string, limit int) (_ []wiretrace.BylineUse, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key := wiretrace.BylineKey(name)
	if limit <= 0 || key == "" {
		return nil, nil
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	lower, upper := bylineRange(key)
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, err
	}
	defer func() { err = cmp.Or(err, it.Close()) }()
	counts := map[string]int{}
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if _, _, err := bylineDoc(it.Key()); err != nil {
			return nil, err
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, err
		}
		counts[string(v)]++
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	out := make([]wiretrace.BylineUse, 0, len(counts))
	for site, n := range counts {
		out = append(out, wiretrace.BylineUse{Site: site, Articles: n})
	}
	slices.SortFunc(out, func(a, b wiretrace.BylineUse) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Site, b.Site))
	})
	return out[:min(limit, len(out))], nil
}

// Stats returns the article count, kept in the store, and the size of the
// store's directory.
func (s *Store) Stats(ctx context.Context) (wiretrace.Stats, error) {
	if err := ctx.Err(); err != nil {
		return wiretrace.Stats{}, fmt.Errorf("pebble: stats: %w", err)
	}
	if err := s.enter(); err != nil {
		return wiretrace.Stats{}, fmt.Errorf("pebble: stats: %w", err)
	}
	defer s.closeMu.RUnlock()
	size, err := dirSize(s.dir)
	if err != nil {
		return wiretrace.Stats{}, fmt.Errorf("pebble: stats: %w", err)
	}
	return wiretrace.Stats{Articles: s.count.Load(), Bytes: size}, nil
}

// dirSize adds up the sizes of the files under dir. Files that vanish
// during the walk, as pebble deletes obsolete ones, are not counted.
func dirSize(dir string) (int64, error) {
	var size int64
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || e.IsDir() {
			return err
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		size += info.Size()
		return nil
	})
	return size, err
}

// Sync makes every acknowledged write durable against power loss.
func (s *Store) Sync() error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("pebble: sync: %w", err)
	}
	defer s.closeMu.RUnlock()
	if err := s.sync(); err != nil {
		return fmt.Errorf("pebble: sync: %w", err)
	}
	return nil
}

func (s *Store) sync() error {
	// A Sync commit returns once pebble has written its log buffer to the
	// file; syncLogs then makes the files durable.
	if err := s.db.LogData(nil, pebbledb.Sync); err != nil {
		return err
	}
	return s.fs.syncLogs()
}

// Compact flushes the memtable and rewrites the whole store into its
// settled shape. After a bulk load this does at once, while the loader
// waits, the compactions the store would otherwise run in the background
// during the next checks, competing with them for the processor.
func (s *Store) Compact(ctx context.Context) error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("pebble: compact: %w", err)
	}
	defer s.closeMu.RUnlock()
	if err := s.db.Flush(); err != nil {
		return fmt.Errorf("pebble: compact: flush: %w", err)
	}
	if err := s.db.Compact(ctx, []byte{0}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, true); err != nil {
		return fmt.Errorf("pebble: compact: %w", err)
	}
	return nil
}

// Close syncs and closes the store. It waits for operations in flight;
// later calls return ErrClosed. Closing twice returns nil.
func (s *Store) Close() error {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.sync()
	if cerr := s.db.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		return fmt.Errorf("pebble: close: %w", err)
	}
	return nil
}
