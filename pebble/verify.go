package pebble

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

// Verify reads every key of the store and checks the invariants that tie
// them together (docs/format.md): every record decodes and has its ID
// key, its text hash key, its byline postings and, unless they are still
// buffered, one posting per fingerprint of its text; every key names a
// record that has it; the counts agree. It returns what it found wrong,
// each problem naming the key; an error only when it could not read.
func (s *Store) Verify(ctx context.Context) (wiretrace.Verification, error) {
	if err := s.enter(); err != nil {
		return wiretrace.Verification{}, fmt.Errorf("verify: %w", err)
	}
	defer s.closeMu.RUnlock()
	// A consistent state: no writer between the reads.
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.verify(ctx)
	if err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	return v, nil
}

// verified is what Verify knows of one record.
type verified struct {
	id, text, site []byte
	bylines        []string
	// times are the record's time index keys.
	times [][]byte
	// appearances are the IDs of its appearances, with whether their ID
	// key was found.
	appearances map[string]bool
	// keys counts the keys found that name the record: ID, hash, byline
	// postings.
	keys     int
	postings int
	want     []wiretrace.Fingerprint
}

func (s *Store) verify(ctx context.Context) (wiretrace.Verification, error) {
	var out wiretrace.Verification
	problem := func(format string, args ...any) {
		out.Problems = append(out.Problems, fmt.Sprintf(format, args...))
	}
	s.bufMu.RLock()
	posted := s.pending.lo
	s.bufMu.RUnlock()

	records := map[doc]*verified{}
	sites := map[string]uint64{}
	meta := map[string][]byte{}
	n := 0
	// Each kind of key is read on its own, in key order, so that a part
	// that cannot be read is reported and the others are still checked.
	kinds := []byte{prefixArticle, prefixByline, prefixAppearance, prefixHash, prefixID, prefixMeta, prefixPosting, prefixSegment, prefixSite, prefixSeen, prefixPublished, prefixNote}
	var k, val []byte
	var scanErr error
	// postingsUnread: the postings could not all be read, so that
	// articles missing some is what that problem means, not more.
	postingsUnread := false
	scan := func(prefix byte, fn func()) error {
		it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{LowerBound: []byte{prefix}, UpperBound: []byte{prefix + 1}})
		if err != nil {
			return err
		}
		defer it.Close()
		var last []byte
		for ok := it.First(); ok; ok = it.Next() {
			if n++; n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			k = it.Key()
			if val, scanErr = it.ValueAndErr(); scanErr != nil {
				break
			}
			fn()
			last = append(last[:0], k...)
		}
		if err := cmp.Or(scanErr, it.Error()); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			problem("keys %q after %x cannot be read: %v", string(prefix), last, err)
			if prefix == prefixSegment {
				postingsUnread = true
			}
			if prefix == prefixArticle {
				s.probeArticles(last, func(d doc, err error) { problem("article %d cannot be read: %v", d, err) })
			}
		}
		return nil
	}
	for _, prefix := range kinds {
		if err := scan(prefix, func() { s.verifyKey(k, val, posted, records, sites, meta, &out, problem) }); err != nil {
			return out, err
		}
	}
	return s.verifyRecords(records, sites, meta, postingsUnread, &out, problem)
}

// probeArticles reads one by one the records past last, the last one read
// before damage stopped a scan, and reports those that cannot be read.
func (s *Store) probeArticles(last []byte, report func(doc, error)) {
	from := doc(0)
	if d, err := articleDoc(last); err == nil {
		from = d + 1
	}
	for d := from; uint64(d) < s.nextDoc; d++ {
		_, done, err := s.getRecord(d)
		switch {
		case errors.Is(err, pebbledb.ErrNotFound):
		case err != nil:
			report(d, err)
		default:
			done()
		}
	}
}

// verifyKey checks one key against what was read before it.
func (s *Store) verifyKey(k, val []byte, posted doc, records map[doc]*verified, sites map[string]uint64, meta map[string][]byte, out *wiretrace.Verification, problem func(string, ...any)) {
	{
		switch k[0] {
		case prefixArticle:
			d, err := articleDoc(k)
			if err != nil {
				problem("%v", err)
				return
			}
			r, err := decodeRecord(val)
			if err != nil {
				problem("article %d: %v", d, err)
				return
			}
			out.Articles++
			e := &verified{id: bytes.Clone(r.id), text: bytes.Clone(r.text), site: bytes.Clone(r.site), bylines: r.bylineKeys(),
				times: timeKeys(nil, r.firstSeen, r.published, d)}
			if d < posted {
				e.want = s.fingerprintsOf(&r)
				if r.oldFingerprints == nil && len(e.want) != r.fingerprints {
					problem("article %d (%q): record counts %d fingerprints, its text has %d", d, r.id, r.fingerprints, len(e.want))
				}
			}
			records[d] = e
			sites[string(r.site)]++
		case prefixMeta:
			meta[string(k[1:])] = bytes.Clone(val)
		case prefixID, prefixHash:
			d, err := parseDoc(val)
			if err != nil {
				problem("key %q: %v", k, err)
				return
			}
			e := records[d]
			switch {
			case e == nil:
				problem("key %q names missing article %d", k, d)
			case k[0] == prefixID && string(k[1:]) != string(e.id):
				if seen, ok := e.appearances[string(k[1:])]; ok && !seen {
					e.appearances[string(k[1:])] = true
					return
				}
				problem("key %q names article %d of id %q", k, d, e.id)
			case k[0] == prefixHash && !bytes.Equal(k, hashKey(nil, xxh3.Hash128(e.text))):
				problem("hash key %x names article %d of another text", k, d)
			default:
				e.keys++
			}
		case prefixPosting:
			// Postings as keys are version 3's; a store of this version
			// has them in segments.
			problem("posting key %x in a store whose postings are in segments", k)
		case prefixSegment:
			bucket, err := segmentBucket(k)
			if err != nil {
				problem("%v", err)
				return
			}
			err = readSegment(bucket, val, func(fp wiretrace.Fingerprint, d doc) bool {
				out.Postings++
				e := records[d]
				switch {
				case e == nil:
					problem("posting %x of segment %x to missing article %d", uint64(fp), k, d)
				case d >= posted:
					problem("posting %x of segment %x to article %d, whose postings are not written yet", uint64(fp), k, d)
				case !slices.Contains(e.want, fp):
					problem("posting %x of segment %x: article %d (%q) lacks the fingerprint", uint64(fp), k, d, e.id)
				default:
					e.postings++
				}
				return true
			})
			if err != nil {
				problem("segment %x: %v", k, err)
			}
		case prefixByline:
			name, d, err := bylineDoc(k)
			if err != nil {
				problem("%v", err)
				return
			}
			e := records[d]
			switch {
			case e == nil:
				problem("byline posting %q to missing article %d", k, d)
			case !slices.Contains(e.bylines, name):
				problem("byline posting %q: article %d lacks the name", k, d)
			case !bytes.Equal(val, e.site):
				problem("byline posting %q holds site %q, article %d has %q", k, val, d, e.site)
			default:
				e.keys++
			}
		case prefixNote:
			// The engine's; the store does not read them.
		case prefixAppearance:
			d, _, err := appearanceOf(k)
			if err != nil {
				problem("%v", err)
				return
			}
			ap, err := decodeAppearance(val)
			if err != nil {
				problem("appearance %x: %v", k, err)
				return
			}
			e := records[d]
			if e == nil {
				problem("appearance %x of missing article %d", k, d)
				return
			}
			if e.appearances == nil {
				e.appearances = map[string]bool{}
			}
			if _, dup := e.appearances[ap.ID]; dup || ap.ID == string(e.id) {
				problem("appearance %x repeats id %q of article %d", k, ap.ID, d)
			}
			e.appearances[ap.ID] = false
			sites[ap.Site]++
		case prefixSeen, prefixPublished:
			_, d, err := timeOfKey(k)
			if err != nil {
				problem("%v", err)
				return
			}
			e := records[d]
			switch {
			case e == nil:
				problem("time key %x names missing article %d", k, d)
			case !slices.ContainsFunc(e.times, func(t []byte) bool { return bytes.Equal(t, k) }):
				problem("time key %x: article %d (%q) has no such time", k, d, e.id)
			default:
				e.keys++
			}
		case prefixSite:
			c, size := binary.Uvarint(val)
			if size <= 0 || size != len(val) {
				problem("site %q count %x", k[1:], val)
				return
			}
			if have := sites[string(k[1:])]; have != c {
				problem("site %q counts %d articles, the store has %d", k[1:], c, have)
			}
			delete(sites, string(k[1:]))
		default:
			problem("unknown key %x", k)
		}
	}
}

// verifyRecords checks what every record needs once all keys are read.
func (s *Store) verifyRecords(records map[doc]*verified, sites map[string]uint64, meta map[string][]byte, postingsUnread bool, out *wiretrace.Verification, problem func(string, ...any)) (wiretrace.Verification, error) {
	for site, c := range sites {
		problem("site %q has %d articles but no count", site, c)
	}
	var last doc
	short := 0
	for d, e := range records {
		last = max(last, d)
		if want := 2 + len(e.bylines) + len(e.times); e.keys != want {
			problem("article %d (%q) has %d of its %d keys", d, e.id, e.keys, want)
		}
		for id, seen := range e.appearances {
			if !seen {
				problem("appearance %q of article %d has no id key", id, d)
			}
		}
		if e.postings != len(e.want) {
			if postingsUnread {
				short++
				continue
			}
			problem("article %d (%q) has %d of its %d postings", d, e.id, e.postings, len(e.want))
		}
	}
	if short > 0 {
		problem("%d articles lack postings in the part that cannot be read", short)
	}
	count, _ := binary.Uvarint(meta["count"])
	if count != uint64(len(records)) {
		problem("count key says %d articles, store has %d", count, len(records))
	}
	if c := s.count.Load(); c != int64(count) {
		problem("the open store counts %d articles, its count key %d", c, count)
	}
	next, _ := binary.Uvarint(meta["next"])
	if len(records) > 0 && next <= uint64(last) {
		problem("next doc number %d is not past the last article's, %d", next, last)
	}
	if string(meta["scheme"]) != s.scheme.Name {
		problem("scheme key %q, store opened with %q", meta["scheme"], s.scheme.Name)
	}
	return *out, nil
}
