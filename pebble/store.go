package pebble

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/wiretrace/wiretrace"
)

// ErrClosed is wrapped by the errors of every method but Close once a Store
// is closed.
var ErrClosed = wiretrace.ErrClosed

// Option changes how Open opens a store.
type Option func(*config)

type config struct {
	cacheSize int64
	logger    *slog.Logger
	mustExist bool
	readOnly  bool
	// flushPostings is how many buffered postings make the store write
	// them out; tests lower it.
	flushPostings int
}

// DefaultCacheSize is the size of the block cache unless WithCacheSize
// says otherwise.
const DefaultCacheSize = 256 << 20

// defaultFlushPostings is how many postings the store buffers before it
// writes them: 4M postings are about 90,000 news articles, and each flush
// adds a segment to every bucket (segment.go), which a lookup reads.
// Measured with the bench at a million articles on one core, against a
// million: adds 8,900 a second against 7,900, checks 4.4 ms p50 against
// 5.2, the index 279 bytes an article against 366, for a peak RSS of 800
// MB against 595 (the buffer, and when that was measured a sorted copy
// of it made to write it, which forBuckets no longer needs).
const defaultFlushPostings = 4 << 20

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

// MustExist makes Open fail with wiretrace.ErrNoStore instead of creating
// a store where there is none.
func MustExist() Option {
	return func(c *config) { c.mustExist = true }
}

// ReadOnly opens an existing store for reading only: it writes nothing,
// not even the settling of its log, so that it opens on a full disk, and
// its writes fail with wiretrace.ErrReadOnly. A store of an older format,
// which must be upgraded, is opened for writing once to upgrade it.
func ReadOnly() Option {
	return func(c *config) { c.readOnly, c.mustExist = true, true }
}

// Store is a wiretrace.Store kept in a Pebble directory. It is safe for
// concurrent use; writes are serialised, reads run in parallel. A directory
// must not be opened by two Stores at once (Open fails with
// wiretrace.ErrLocked).
type Store struct {
	db     *pebbledb.DB
	lock   *pebbledb.Lock
	dir    string
	scheme wiretrace.Scheme
	cfg    config

	// closeMu is held for reading by every operation and for writing by
	// Close, so Close waits for operations in flight and none starts after.
	closeMu sync.RWMutex
	closed  bool

	// mu serialises writers: the duplicate and ID checks and the write they
	// allow must not interleave with another writer's, and postings are
	// flushed under it.
	mu      sync.Mutex
	nextDoc uint64 // next doc number to hand out
	count   atomic.Int64
	buf     articleBuffers // reused under mu
	// settled is the article count when the store was opened or last
	// compacted its level 0 down (see Compact).
	settled atomic.Int64

	// bufMu guards the posting buffers: pending takes the postings of new
	// articles; flushing, while a flush writes it, holds the previous
	// pending buffer. Readers hold bufMu for reading while they open
	// their view of the store and read the buffers, so that a posting is
	// seen exactly once: in a buffer or in the keys.
	bufMu    sync.RWMutex
	pending  *postingBuffer
	flushing *postingBuffer
}

var _ wiretrace.Store = (*Store)(nil)
var _ wiretrace.Compacter = (*Store)(nil)

// writeOpts commits an acknowledged write: synced to disk, so that it
// survives the process being killed and the machine losing power. Bulk
// loads pay one fsync per batch of articles (about half a millisecond
// here), a single add one per add.
var writeOpts = pebbledb.Sync

// Open opens the store in dir, built with scheme, creating the directory
// and an empty store if needed (unless MustExist). It refuses a directory
// that holds other files, a store written by another format version
// (wiretrace.ErrFormatVersion) or with another fingerprint scheme
// (wiretrace.ErrScheme), and a store another process holds
// (wiretrace.ErrLocked). A store of an older format version is upgraded.
func Open(dir string, scheme wiretrace.Scheme, opts ...Option) (*Store, error) {
	s, err := open(dir, scheme, opts)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return s, nil
}

func open(dir string, scheme wiretrace.Scheme, opts []Option) (*Store, error) {
	cfg := config{cacheSize: DefaultCacheSize, flushPostings: defaultFlushPostings}
	for _, o := range opts {
		o(&cfg)
	}
	if scheme.Name == "" || scheme.Fingerprints == nil {
		return nil, errors.New("no fingerprint scheme given")
	}
	exists, err := checkDir(dir)
	if err != nil {
		return nil, err
	}
	if !exists && cfg.mustExist {
		return nil, wiretrace.ErrNoStore
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := pebbledb.LockDirectory(dir, vfs.Default)
	if err != nil {
		if errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) || strings.Contains(err.Error(), "lock held by current process") {
			return nil, wiretrace.ErrLocked
		}
		return nil, err
	}
	if !cfg.readOnly {
		if err := roomToOpen(dir); err != nil {
			return nil, errors.Join(err, lock.Close())
		}
	}
	po := pebbleOptions(cfg, vfs.Default)
	po.Lock = lock
	po.ReadOnly = cfg.readOnly
	db, err := openPebble(dir, po)
	if err != nil {
		return nil, errors.Join(openDamage(dir, err), lock.Close())
	}
	s := &Store{db: db, lock: lock, dir: dir, scheme: scheme, cfg: cfg}
	if err := s.load(); err != nil {
		err = errors.Join(err, db.Close(), lock.Close())
		if cfg.readOnly && errors.Is(err, errNeedsUpgrade) {
			// Upgraded once, then read.
			cfg.readOnly = false
			w, err := open(dir, scheme, []Option{func(c *config) { *c = cfg }})
			if err != nil {
				return nil, err
			}
			if err := w.Close(); err != nil {
				return nil, err
			}
			return open(dir, scheme, opts)
		}
		return nil, err
	}
	return s, nil
}

// checkDir reports whether dir holds a store. It refuses a directory that
// holds files but no store, so that a mistyped path does not fill
// someone's documents with pebble files, and a store whose manifest marker
// is gone, which pebble would take for a new store, deleting the tables it
// no longer knows. A store whose creation was interrupted has only
// pebble's LOCK file.
func checkDir(dir string) (exists bool, err error) {
	names, err := dirNames(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil || len(names) == 0 {
		return false, err
	}
	if err := missingMarker(dir, names); err != nil {
		return false, err
	}
	desc, err := pebbledb.Peek(dir, vfs.Default)
	if err != nil {
		return false, openDamage(dir, err)
	}
	if desc.Exists {
		return true, nil
	}
	if slices.Equal(names, []string{"LOCK"}) {
		return false, nil
	}
	return false, errors.New("directory is neither empty nor a store")
}

// openPebble opens pebble, turning a panic on damaged files into an error.
func openPebble(dir string, po *pebbledb.Options) (db *pebbledb.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return pebbledb.Open(dir, po)
}

// pebbleOptions returns the options the store opens pebble with.
func pebbleOptions(cfg config, fs vfs.FS) *pebbledb.Options {
	po := &pebbledb.Options{
		FS:        fs,
		CacheSize: cfg.cacheSize,
		Logger:    pebbleLogger{l: cfg.logger},
		// Pinned: a store is never raised past the version this build
		// tested. Stores written at an older version (19, by format 2 of
		// wiretrace) are raised to it when opened. Since version 20 the
		// write-ahead log records how far it was synced, so that damage
		// before that point is reported, not taken for a torn end.
		FormatMajorVersion: pebbledb.FormatValueSeparation,
		MemTableSize:       16 << 20,
	}
	// Values stay in sstables: Pebble's blob files (value separation)
	// were measured too, and bought no clear gain in add or check speed
	// on a 100,000-article bulk load, while they keep the records where
	// a damaged store cannot be read back without the whole LSM.
	//
	// Blocks of the two bottom levels, where a settled store keeps almost
	// everything, are compressed with zstd (level 1 above the last, 3 in
	// it), the others with pebble's fastest codec. Measured with the
	// bench at 100,000 articles: 1,164 bytes an article on disk against
	// 1,608 with pebble's default (index 551 against 770, records 614
	// against 837), candidate lookups and record reads no slower
	// (benchstat of BenchmarkCandidates and BenchmarkGet: -16% and -34%,
	// as fewer blocks are read), adds within the run-to-run noise.
	po.ApplyCompressionSettings(func() pebbledb.DBCompressionSettings { return pebbledb.DBCompressionGood })
	// The postings' segments take pebble's fastest codec on every level:
	// a lookup decompresses a block or more for each fingerprint of the
	// suspect, and zstd's decompression was an eighth of a first-pass
	// check at a million articles. Measured with the bench at a million
	// (four pairs, one core, in turn): first-pass p99 11.0 to 14.2 ms
	// against 14.4 to 16.5, the lookup's share of a check 46% to 48%
	// against 51% to 53%, for 293 bytes of index an article against 262.
	// The records, whose texts zstd shrinks most, keep it.
	po.Experimental.SpanPolicyFunc = pebbledb.MakeStaticSpanPolicyFunc(pebbledb.DefaultComparer.Compare,
		pebbledb.KeyRange{Start: []byte{prefixSegment}, End: []byte{prefixSegment + 1}},
		pebbledb.SpanPolicy{PreferFastCompression: true})
	for i := range po.Levels {
		// Adds look up text hashes and IDs that are mostly absent.
		po.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
	}
	// Damaged data is reported by the read that met it, as an error
	// wrapping pebble's corruption error; pebble's default would end the
	// process.
	el := pebbledb.EventListener{}
	if cfg.logger != nil {
		// Flushes, compactions and file deletions too, not only errors.
		el = pebbledb.MakeLoggingEventListener(po.Logger)
	}
	el.DataCorruption = func(info pebbledb.DataCorruptionInfo) {
		if cfg.logger != nil {
			cfg.logger.Error("damaged data", "file", info.Path, "error", info.Details)
		}
	}
	po.EventListener = &el
	return po
}

// load checks the format version and the scheme, creating them in an
// empty store and upgrading an older one, reads the article count and the
// next doc number, and buffers again the postings a crash left unwritten.
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
	switch {
	case version >= 1 && version < formatVersion && s.cfg.readOnly:
		return errNeedsUpgrade
	case version >= 1 && version < formatVersion:
		if version < 3 {
			if err := s.upgradeV2(version); err != nil {
				return fmt.Errorf("upgrade from format version %d: %w", version, err)
			}
		}
		if version < 4 {
			if err := s.upgradeV3(); err != nil {
				return fmt.Errorf("upgrade from format version %d: %w", version, err)
			}
		}
		if err := s.upgradeOptional(); err != nil {
			return fmt.Errorf("upgrade from format version %d: %w", version, err)
		}
	case version != formatVersion:
		return fmt.Errorf("format version %d, this build reads 1 to %d: %w", version, formatVersion, wiretrace.ErrFormatVersion)
	}
	scheme, _, err := s.get(keyScheme)
	if err != nil {
		return err
	}
	if string(scheme) != s.scheme.Name {
		return fmt.Errorf("postings made with scheme %q, this build uses %q; add the articles again into a new store: %w", scheme, s.scheme.Name, wiretrace.ErrScheme)
	}
	count, err := s.getUvarint(keyCount)
	if err != nil {
		return err
	}
	s.count.Store(int64(count))
	s.settled.Store(int64(count))
	if s.nextDoc, err = s.getUvarint(keyNextDoc); err != nil {
		return err
	}
	posted, err := s.getUvarint(keyPosted)
	if err != nil {
		return err
	}
	if posted > s.nextDoc {
		return fmt.Errorf("postings written up to article %d of %d: %w", posted, s.nextDoc, errCorrupt)
	}
	s.pending = newPostingBuffer(doc(posted))
	return s.repost(doc(posted))
}

// repost buffers again the postings of the stored articles from doc lo on,
// remade from their texts: a crash lost them with the buffer.
func (s *Store) repost(lo doc) error {
	var key [articleKeySize]byte
	it, err := s.db.NewIter(&pebbledb.IterOptions{
		LowerBound: articleKey(key[:0], lo),
		UpperBound: []byte{prefixArticle + 1},
	})
	if err != nil {
		return err
	}
	for ok := it.First(); ok; ok = it.Next() {
		d, err := articleDoc(it.Key())
		if err != nil {
			return errors.Join(err, it.Close())
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return errors.Join(err, it.Close())
		}
		r, err := decodeRecord(v)
		if err != nil {
			return errors.Join(fmt.Errorf("article %d: %w", d, err), it.Close())
		}
		s.pending.add(d, s.scheme.Fingerprints(string(r.text)))
	}
	return errors.Join(it.Error(), it.Close())
}

// create writes the meta keys of a new store, refusing a store that holds
// other keys.
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
	_ = b.Set(keyScheme, []byte(s.scheme.Name), nil)
	_ = b.Set(keyCount, binary.AppendUvarint(nil, 0), nil)
	_ = b.Set(keyNextDoc, binary.AppendUvarint(nil, 0), nil)
	_ = b.Set(keyPosted, binary.AppendUvarint(nil, 0), nil)
	if err := b.Commit(pebbledb.Sync); err != nil {
		return err
	}
	s.pending = newPostingBuffer(0)
	return nil
}

// errNeedsUpgrade: a store opened for reading only is of an older format.
var errNeedsUpgrade = errors.New("store of an older format, to be upgraded")

// enterWrite starts a write: enter, and fails on a store opened for
// reading only.
func (s *Store) enterWrite() error {
	if s.cfg.readOnly {
		return wiretrace.ErrReadOnly
	}
	return s.enter()
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

// getUvarint reads a meta value that must be there and be a uvarint.
func (s *Store) getUvarint(key []byte) (uint64, error) {
	v, found, err := s.get(key)
	if err != nil {
		return 0, err
	}
	n, size := binary.Uvarint(v)
	if !found || size <= 0 || size != len(v) {
		return 0, fmt.Errorf("meta key %q = %x: %w", key[1:], v, errCorrupt)
	}
	return n, nil
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

// Stats returns the article count, kept in the store, the size of the
// store's directory and the part of it that holds records.
func (s *Store) Stats(ctx context.Context) (wiretrace.Stats, error) {
	st, err := s.stats(ctx)
	if err != nil {
		return wiretrace.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

func (s *Store) stats(ctx context.Context) (wiretrace.Stats, error) {
	if err := ctx.Err(); err != nil {
		return wiretrace.Stats{}, err
	}
	if err := s.enter(); err != nil {
		return wiretrace.Stats{}, err
	}
	defer s.closeMu.RUnlock()
	size, err := dirSize(s.dir)
	if err != nil {
		return wiretrace.Stats{}, err
	}
	text, err := s.db.EstimateDiskUsage([]byte{prefixArticle}, []byte{prefixArticle + 1})
	if err != nil {
		return wiretrace.Stats{}, err
	}
	text = min(text, uint64(size))
	st := wiretrace.Stats{
		Articles:   s.count.Load(),
		Bytes:      size,
		TextBytes:  int64(text),
		IndexBytes: size - int64(text),
		Scheme:     s.scheme.Name,
		Format:     formatVersion,
	}
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return st, err
	}
	defer it.Close()
	for _, r := range []struct {
		prefix   byte
		min, max *time.Time
	}{
		{prefixSeen, &st.FirstSeenMin, &st.FirstSeenMax},
		{prefixPublished, &st.PublishedMin, &st.PublishedMax},
	} {
		it.SetBounds([]byte{r.prefix}, []byte{r.prefix + 1})
		for k, end := range map[*time.Time]bool{r.min: false, r.max: true} {
			ok := it.First()
			if end {
				ok = it.Last()
			}
			if !ok {
				continue
			}
			if *k, _, err = timeOfKey(it.Key()); err != nil {
				return st, err
			}
		}
	}
	return st, it.Error()
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
		return fmt.Errorf("sync: %w", err)
	}
	defer s.closeMu.RUnlock()
	if err := s.sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	return nil
}

func (s *Store) sync() error {
	if s.cfg.readOnly {
		return nil
	}
	// Commits are synced already; this syncs what flushes of postings
	// wrote without a sync.
	return s.db.LogData(nil, pebbledb.Sync)
}

// Compact writes the buffered postings, flushes the memtable and waits
// until the store's background compactions have caught up. After a bulk
// load this does while the loader waits the work the store would
// otherwise do during the next checks, competing with them for the
// processor; after a load that made a quarter or more of the store it
// also compacts level 0 down (below).
func (s *Store) Compact(ctx context.Context) error {
	if err := s.enterWrite(); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	defer s.closeMu.RUnlock()
	s.mu.Lock()
	err := s.flushPostings()
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	if err := s.db.Flush(); err != nil {
		return fmt.Errorf("compact: flush: %w", err)
	}
	// Pebble starts the next compaction as soon as one ends if any level
	// needs it: a store with none running for a few polls in a row has
	// settled.
	for idle := 0; idle < 3; {
		if s.db.Metrics().Compact.NumInProgress == 0 {
			idle++
		} else {
			idle = 0
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("compact: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	// Tables left in level 0 overlap one another, so every lookup looks
	// through each of them, and Pebble compacts them only once there
	// are four. After a load that made a quarter or more of the store,
	// the key range is compacted down: the last flushes' tables with
	// what they overlap, which is everything. At a million articles
	// (one bench run each) this cost the load no time it showed (89 s
	// against 91 and 92) and took the first pass of checks from 2.80 /
	// 18.1 and 2.78 / 18.9 ms (p50 / p99) to 2.38 / 15.8; at 100,000 it
	// cost 0.6 s of an 8 s load and the checks were within the noise
	// (three pairs). Pebble told to compact level 0 at one table did
	// less for more (2.60 / 16.9 and 2.57 / 17.4 ms, loads of 108 and
	// 96 s). A smaller load into a large store leaves its tables to
	// Pebble: compacting everything after each would rewrite the store.
	n := s.count.Load()
	if s.db.Metrics().Levels[0].TablesCount > 0 && 4*(n-s.settled.Load()) >= n {
		if err := s.db.Compact(ctx, []byte{0}, []byte{0xff}, true); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
		s.settled.Store(n)
	}
	return nil
}

// Close writes the buffered postings, syncs and closes the store. It
// waits for operations in flight; later calls return ErrClosed. Closing
// twice returns nil.
func (s *Store) Close() error {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var err error
	if !s.cfg.readOnly {
		s.mu.Lock()
		err = s.flushPostings()
		s.mu.Unlock()
		err = errors.Join(err, s.sync())
	}
	err = errors.Join(err, s.db.Close(), s.lock.Close())
	if err != nil {
		return fmt.Errorf("close: %w", err)
	}
	return nil
}
