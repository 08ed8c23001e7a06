package pebble

import (
	"bytes"
	"context"
	"encoding/binary"
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
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return out, err
	}
	defer it.Close()
	s.bufMu.RLock()
	posted := s.pending.lo
	s.bufMu.RUnlock()

	records := map[doc]*verified{}
	sites := map[string]uint64{}
	meta := map[string][]byte{}
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return out, err
			}
		}
		k := it.Key()
		val, err := it.ValueAndErr()
		if err != nil {
			return out, err
		}
		switch k[0] {
		case prefixArticle:
			d, err := articleDoc(k)
			if err != nil {
				problem("%v", err)
				continue
			}
			r, err := decodeRecord(val)
			if err != nil {
				problem("article %d: %v", d, err)
				continue
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
				continue
			}
			e := records[d]
			switch {
			case e == nil:
				problem("key %q names missing article %d", k, d)
			case k[0] == prefixID && string(k[1:]) != string(e.id):
				if seen, ok := e.appearances[string(k[1:])]; ok && !seen {
					e.appearances[string(k[1:])] = true
					continue
				}
				problem("key %q names article %d of id %q", k, d, e.id)
			case k[0] == prefixHash && !bytes.Equal(k, hashKey(nil, xxh3.Hash128(e.text))):
				problem("hash key %x names article %d of another text", k, d)
			default:
				e.keys++
			}
		case prefixPosting:
			out.Postings++
			d, err := postingDoc(k)
			if err != nil {
				problem("%v", err)
				continue
			}
			fp := wiretrace.Fingerprint(binary.BigEndian.Uint64(k[1:]))
			e := records[d]
			switch {
			case e == nil:
				problem("posting %x to missing article %d", k, d)
			case d >= posted:
				problem("posting %x to article %d, whose postings are not written yet", k, d)
			case !slices.Contains(e.want, fp):
				problem("posting %x: article %d (%q) lacks the fingerprint", k, d, e.id)
			default:
				e.postings++
			}
		case prefixByline:
			name, d, err := bylineDoc(k)
			if err != nil {
				problem("%v", err)
				continue
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
		case prefixAppearance:
			d, _, err := appearanceOf(k)
			if err != nil {
				problem("%v", err)
				continue
			}
			ap, err := decodeAppearance(val)
			if err != nil {
				problem("appearance %x: %v", k, err)
				continue
			}
			e := records[d]
			if e == nil {
				problem("appearance %x of missing article %d", k, d)
				continue
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
				continue
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
				continue
			}
			if have := sites[string(k[1:])]; have != c {
				problem("site %q counts %d articles, the store has %d", k[1:], c, have)
			}
			delete(sites, string(k[1:]))
		default:
			problem("unknown key %x", k)
		}
	}
	if err := it.Error(); err != nil {
		return out, err
	}
	for site, c := range sites {
		problem("site %q has %d articles but no count", site, c)
	}
	var last doc
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
			problem("article %d (%q) has %d of its %d postings", d, e.id, e.postings, len(e.want))
		}
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
	return out, nil
}
