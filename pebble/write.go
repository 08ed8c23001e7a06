package pebble

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

// articleBuffers are the buffers an article's keys and record are built in.
type articleBuffers struct {
	rec, key []byte
}

// putArticle passes to set every key and value that store article a as doc
// d, but its postings, which are buffered: its record, its ID key, its
// text hash key, one byline posting per distinct byline key and its places
// in the time indexes, in that order. set must copy what it keeps. This is
// the one place that says what an article's keys are.
func (buf *articleBuffers) putArticle(set func(key, value []byte) error, d doc, a *wiretrace.Article, hash xxh3.Uint128, fingerprints int) error {
	var docBuf [docSize]byte
	docValue := appendDoc(docBuf[:0], d)
	buf.rec = appendRecord(buf.rec[:0], a, fingerprints)
	buf.key = articleKey(buf.key[:0], d)
	err := set(buf.key, buf.rec)
	buf.key = idKey(buf.key[:0], a.ID)
	err = cmp.Or(err, set(buf.key, docValue))
	buf.key = hashKey(buf.key[:0], hash)
	err = cmp.Or(err, set(buf.key, docValue))
	for _, name := range wiretrace.BylineKeys(a.Byline) {
		buf.key = bylineKey(buf.key[:0], name, d)
		err = cmp.Or(err, set(buf.key, []byte(a.Site)))
	}
	for _, k := range timeKeys(buf.key[:0], a.FirstSeen, a.Published, d) {
		err = cmp.Or(err, set(k, nil))
	}
	return err
}

// timeKeys returns the time index keys of an article with those times,
// built in dst: none for a zero time.
func timeKeys(dst []byte, firstSeen, published time.Time, d doc) [][]byte {
	var keys [][]byte
	if !firstSeen.IsZero() {
		dst = timeKey(dst, prefixSeen, firstSeen, d)
		keys = append(keys, dst)
	}
	if !published.IsZero() {
		dst = timeKey(dst[len(dst):], prefixPublished, published, d)
		keys = append(keys, dst)
	}
	return keys
}

// Add stores the entries in one batch, as wiretrace.Store documents.
// Fingerprints given twice are stored once.
func (s *Store) Add(ctx context.Context, entries []wiretrace.Entry) ([]wiretrace.AddResult, error) {
	res, err := s.add(ctx, entries)
	if err != nil {
		return nil, fmt.Errorf("add: %w", err)
	}
	return res, nil
}

// added is an entry the batch stores.
type added struct {
	doc doc
	fps []wiretrace.Fingerprint
}

func (s *Store) add(ctx context.Context, entries []wiretrace.Entry) ([]wiretrace.AddResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.enterWrite(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	// The wait for the lock may have outlived the context.
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	results := make([]wiretrace.AddResult, len(entries))
	var stored []added
	// Texts and IDs the batch's own entries took, so that an entry
	// repeating an earlier one of the same call is a duplicate, an
	// appearance or a conflict.
	type owner struct {
		id  string // the article's own ID
		doc doc
	}
	batchHashes := map[xxh3.Uint128]owner{}
	batchIDs := map[string]doc{}
	// nextAppearance numbers the appearances written per doc.
	nextAppearance := map[doc]uint32{}
	sites := map[string]int64{}
	size := 0
	for i := range entries {
		size += len(entries[i].Article.Text) + 64*len(entries[i].Article.ID) + 256
	}
	b := s.db.NewBatchWithSize(size)
	defer b.Close()
	set := func(key, value []byte) error { return b.Set(key, value, nil) }
	next := s.nextDoc
	for i := range entries {
		a := &entries[i].Article
		r := &results[i]
		r.ID = a.ID
		if r.Err = wiretrace.Unstorable(a); r.Err != nil {
			continue
		}
		hash := xxh3.HashString128(a.Text)
		// Who has the text: an earlier entry of the batch, or a stored
		// article.
		own, dup := batchHashes[hash]
		if !dup {
			s.buf.key = hashKey(s.buf.key[:0], hash)
			d, found, err := s.getDoc(s.buf.key)
			if err != nil {
				return nil, fmt.Errorf("text hash: %w", err)
			}
			if found {
				rec, done, err := s.getRecord(d)
				if err != nil {
					return nil, fmt.Errorf("duplicate of article %d: %w", d, err)
				}
				own, dup = owner{string(rec.id), d}, true
				if err := done(); err != nil {
					return nil, err
				}
			}
		}
		// Who has the ID.
		idDoc, idTaken := batchIDs[a.ID]
		if !idTaken {
			s.buf.key = idKey(s.buf.key[:0], a.ID)
			d, found, err := s.getDoc(s.buf.key)
			if err != nil {
				return nil, fmt.Errorf("id: %w", err)
			}
			idDoc, idTaken = d, found
		}
		switch {
		case dup && (a.ID == own.id || idTaken && idDoc == own.doc):
			// The article itself, or an appearance already known.
			r.ID, r.Duplicate = own.id, true
			continue
		case idTaken:
			r.Err = fmt.Errorf("article %q: %w", a.ID, wiretrace.ErrIDConflict)
			continue
		case dup:
			n, ok := nextAppearance[own.doc]
			if !ok {
				var err error
				if n, err = s.nextAppearance(own.doc); err != nil {
					return nil, err
				}
			}
			nextAppearance[own.doc] = n + 1
			ap := wiretrace.AppearanceOf(*a)
			s.buf.rec = appendAppearance(s.buf.rec[:0], &ap)
			err := set(appearanceKey(s.buf.key[:0], own.doc, n), s.buf.rec)
			err = cmp.Or(err, set(idKey(s.buf.key[:0], a.ID), appendDoc(nil, own.doc)))
			if err != nil {
				return nil, err
			}
			batchIDs[a.ID] = own.doc
			sites[a.Site]++
			r.ID, r.Duplicate, r.Appeared = own.id, true, true
			continue
		}
		if next > maxDoc {
			return nil, fmt.Errorf("all %d doc numbers used", uint64(maxDoc)+1)
		}
		fps := slices.Clone(entries[i].Fingerprints)
		slices.Sort(fps)
		fps = slices.Compact(fps)
		if err := s.buf.putArticle(set, doc(next), a, hash, len(fps)); err != nil {
			return nil, err
		}
		batchHashes[hash] = owner{a.ID, doc(next)}
		batchIDs[a.ID] = doc(next)
		stored = append(stored, added{doc(next), fps})
		sites[a.Site]++
		next++
	}
	if b.Empty() {
		return results, nil
	}
	if err := s.addSiteCounts(b, sites); err != nil {
		return nil, err
	}
	count := s.count.Load() + int64(len(stored))
	_ = b.Set(keyCount, binary.AppendUvarint(nil, uint64(count)), nil)
	_ = b.Set(keyNextDoc, binary.AppendUvarint(nil, next), nil)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Room for the batch, its postings and the memtable flush it may
	// cause: a full disk is an error here, before the write, not a
	// failure inside the store's log.
	if err := s.room(int64(b.Len()) * 3); err != nil {
		return nil, err
	}
	if err := b.Commit(writeOpts); err != nil {
		return nil, err
	}
	s.nextDoc = next
	s.count.Store(count)

	s.bufMu.Lock()
	for _, a := range stored {
		s.pending.add(a.doc, a.fps)
	}
	full := s.pending.len() >= s.cfg.flushPostings
	s.bufMu.Unlock()
	if full {
		if err := s.flushPostings(); err != nil {
			// The articles are stored; their postings are remade from
			// their texts when the store is opened again.
			return results, fmt.Errorf("write postings: %w", err)
		}
	}
	return results, nil
}

// nextAppearance returns the number the next appearance of doc d gets:
// one past its last.
func (s *Store) nextAppearance(d doc) (uint32, error) {
	lower, upper := appearanceRange(d)
	it, err := s.db.NewIter(&pebbledb.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return 0, err
	}
	defer it.Close()
	if !it.Last() {
		return 0, it.Error()
	}
	_, n, err := appearanceOf(it.Key())
	return n + 1, err
}

// addSiteCounts adds delta articles to each site's count in b.
func (s *Store) addSiteCounts(b *pebbledb.Batch, delta map[string]int64) error {
	for site, n := range delta {
		s.buf.key = siteKey(s.buf.key[:0], site)
		v, found, err := s.get(s.buf.key)
		if err != nil {
			return fmt.Errorf("site count: %w", err)
		}
		var have uint64
		if found {
			var size int
			if have, size = binary.Uvarint(v); size <= 0 || size != len(v) {
				return fmt.Errorf("site %q count %x: %w", site, v, errCorrupt)
			}
		}
		total := int64(have) + n
		switch {
		case total < 0:
			return fmt.Errorf("site %q count below zero: %w", site, errCorrupt)
		case total == 0:
			_ = b.Delete(s.buf.key, nil)
		default:
			_ = b.Set(s.buf.key, binary.AppendUvarint(nil, uint64(total)), nil)
		}
	}
	return nil
}

// flushPostings writes the pending postings as segments (one key per
// bucket of fingerprints) in one batch, with keyPosted moved past them.
// Callers hold s.mu. Readers go on meanwhile: they read the buffer being
// written until the segments are in their view.
func (s *Store) flushPostings() error {
	s.bufMu.Lock()
	buf := s.pending
	if buf.len() == 0 && buf.lo == doc(s.nextDoc) {
		s.bufMu.Unlock()
		return nil
	}
	s.flushing = buf
	s.pending = newPostingBuffer(doc(s.nextDoc))
	s.bufMu.Unlock()

	// A segment holds a posting in a few bytes; 16 is ample, three times
	// over for the log, the flush and a compaction.
	if err := s.room(int64(buf.len()) * 16 * 3); err != nil {
		s.bufMu.Lock()
		s.pending = mergeBuffers(buf, s.pending)
		s.flushing = nil
		s.bufMu.Unlock()
		return err
	}
	b := s.db.NewBatchWithSize(buf.len()*4 + 64)
	defer b.Close()
	var key, val []byte
	flush := uint32(s.nextDoc)
	err := buf.forBuckets(func(bucket uint16, ps []posting) error {
		key = segmentKey(key[:0], bucket, flush)
		val = appendSegment(val[:0], ps)
		return b.Set(key, val, nil)
	})
	err = cmp.Or(err, b.Set(keyPosted, binary.AppendUvarint(nil, s.nextDoc), nil))
	if err == nil {
		// Synced like every write, though a crash before the log reaches
		// the disk would only leave keyPosted behind them, to be remade:
		// a log whose every record was synced tells damage in its middle
		// from a write cut short at its end. A flush is one sync per
		// 90,000 articles or so.
		err = b.Commit(pebbledb.Sync)
	}
	s.bufMu.Lock()
	if err != nil {
		// Keep them buffered: the next flush retries.
		s.pending = mergeBuffers(buf, s.pending)
	}
	s.flushing = nil
	s.bufMu.Unlock()
	return err
}

// mergeBuffers returns old with the postings of newer added after its own.
func mergeBuffers(old, newer *postingBuffer) *postingBuffer {
	byDoc := map[doc][]wiretrace.Fingerprint{}
	var docs []doc
	for _, sl := range newer.slots {
		for e := sl.head; e != 0; e = newer.entries[e-1].next {
			d := newer.entries[e-1].doc
			if _, ok := byDoc[d]; !ok {
				docs = append(docs, d)
			}
			byDoc[d] = append(byDoc[d], sl.fp)
		}
	}
	slices.Sort(docs)
	for _, d := range docs {
		old.add(d, byDoc[d])
	}
	for d := range newer.removed {
		old.remove(d)
	}
	return old
}

// Remove deletes the article stored under id, its keys and its postings in
// one batch, or returns an error wrapping wiretrace.ErrNotFound.
func (s *Store) Remove(ctx context.Context, id string) error {
	if err := s.remove(ctx, id); err != nil {
		return fmt.Errorf("remove %q: %w", id, err)
	}
	return nil
}

func (s *Store) remove(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.enterWrite(); err != nil {
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
	aps, err := s.appearanceKeys(d)
	if err != nil {
		return err
	}
	b := s.db.NewBatchWithSize(r.fingerprints*32 + 128)
	defer b.Close()
	if string(r.id) != id {
		// One appearance of the article goes, not the article.
		for _, ap := range aps {
			if ap.ID == id {
				err = b.Delete(ap.key, nil)
				err = cmp.Or(err, b.Delete(idk, nil))
				err = cmp.Or(err, s.addSiteCounts(b, map[string]int64{ap.Site: -1}))
				return cmp.Or(err, b.Commit(writeOpts))
			}
		}
		return fmt.Errorf("id maps to article %d of id %q: %w", d, r.id, errCorrupt)
	}
	s.buf.key = articleKey(s.buf.key[:0], d)
	err = b.Delete(s.buf.key, nil)
	err = cmp.Or(err, b.Delete(idk, nil))
	// The article's appearances go with it.
	sites := map[string]int64{string(r.site): -1}
	for _, ap := range aps {
		err = cmp.Or(err, b.Delete(ap.key, nil), b.Delete(idKey(nil, ap.ID), nil))
		sites[ap.Site]--
	}
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
	s.bufMu.RLock()
	buffered := s.pending.holds(d)
	s.bufMu.RUnlock()
	if !buffered {
		err = cmp.Or(err, s.unpost(ctx, b, d, s.fingerprintsOf(&r)))
	}
	for _, name := range r.bylineKeys() {
		s.buf.key = bylineKey(s.buf.key[:0], name, d)
		err = cmp.Or(err, b.Delete(s.buf.key, nil))
	}
	for _, k := range timeKeys(s.buf.key[:0], r.firstSeen, r.published, d) {
		err = cmp.Or(err, b.Delete(k, nil))
	}
	err = cmp.Or(err, s.addSiteCounts(b, sites))
	count := max(s.count.Load()-1, 0)
	err = cmp.Or(err, b.Set(keyCount, binary.AppendUvarint(nil, uint64(count)), nil))
	if err != nil {
		return err
	}
	if err := b.Commit(writeOpts); err != nil {
		return err
	}
	s.count.Store(count)
	if buffered {
		s.bufMu.Lock()
		s.pending.remove(d)
		s.bufMu.Unlock()
	}
	return nil
}

// storedAppearance is an appearance with its key.
type storedAppearance struct {
	wiretrace.Appearance
	key []byte
}

// appearanceKeys reads doc d's appearances with their keys.
func (s *Store) appearanceKeys(d doc) ([]storedAppearance, error) {
	lower, upper := appearanceRange(d)
	it, err := s.db.NewIter(&pebbledb.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []storedAppearance
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, err
		}
		ap, err := decodeAppearance(v)
		if err != nil {
			return nil, fmt.Errorf("appearance %x: %w", it.Key(), err)
		}
		out = append(out, storedAppearance{ap, slices.Clone(it.Key())})
	}
	return out, it.Error()
}

// fingerprintsOf returns the fingerprints a record is posted under: the
// list a version 1 or 2 record carries, else the scheme's of its text.
func (s *Store) fingerprintsOf(r *record) []wiretrace.Fingerprint {
	if r.oldFingerprints == nil {
		return s.scheme.Fingerprints(string(r.text))
	}
	fps := make([]wiretrace.Fingerprint, len(r.oldFingerprints)/8)
	for i := range fps {
		fps[i] = wiretrace.Fingerprint(binary.BigEndian.Uint64(r.oldFingerprints[8*i:]))
	}
	return fps
}

// unpost adds to b what takes doc d's postings out of the segments of the
// buckets of fps (d's fingerprints): each segment holding any of them is
// written again without them, or deleted when nothing is left.
func (s *Store) unpost(ctx context.Context, b *pebbledb.Batch, d doc, fps []wiretrace.Fingerprint) error {
	fps = slices.Clone(fps)
	slices.Sort(fps)
	it, err := s.db.NewIter(&pebbledb.IterOptions{})
	if err != nil {
		return err
	}
	var kept []posting
	err = eachSegment(ctx, it, fps, func(bucket uint16, i, j int, key, v []byte) error {
		kept = kept[:0]
		dropped := false
		err := readSegment(bucket, v, func(fp wiretrace.Fingerprint, pd doc) bool {
			if pd == d {
				if _, mine := slices.BinarySearch(fps[i:j], fp); mine {
					dropped = true
					return true
				}
			}
			kept = append(kept, posting{fp, pd})
			return true
		})
		switch {
		case err != nil:
			return err
		case !dropped:
			return nil
		case len(kept) == 0:
			return b.Delete(key, nil)
		}
		return b.Set(key, appendSegment(nil, kept), nil)
	})
	return errors.Join(err, it.Close())
}
