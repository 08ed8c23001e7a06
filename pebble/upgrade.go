package pebble

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
)

// upgradeV2 turns a store of format version 1 or 2 into version 3 in one
// synced batch. Its records and postings stay as they are: records of
// versions 1 and 2 are read as they are, and every posting of theirs is
// already a key. What version 3 adds is written: the scheme, the next doc
// number, the posted mark past every article, the site counts and the
// published time index (old records have no first-seen time). The
// scheme is checked first against the fingerprints the old records list,
// so a store is never claimed for a scheme that did not build it.
func (s *Store) upgradeV2(version uint64) error {
	it, err := s.db.NewIter(&pebbledb.IterOptions{
		LowerBound: []byte{prefixArticle},
		UpperBound: []byte{prefixArticle + 1},
	})
	if err != nil {
		return err
	}
	sites := map[string]uint64{}
	var published [][]byte
	var next uint64
	checked := false
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
		sites[string(r.site)]++
		if !r.published.IsZero() {
			published = append(published, timeKey(nil, prefixPublished, r.published, d))
		}
		next = uint64(d) + 1
		if !checked && r.fingerprints > 0 {
			checked = true
			if want := s.fingerprintsOf(&r); !slices.Equal(s.scheme.Fingerprints(string(r.text)), want) {
				return errors.Join(fmt.Errorf("the fingerprints of article %q are not those of scheme %q: %w", r.id, s.scheme.Name, wiretrace.ErrScheme), it.Close())
			}
		}
	}
	if err := errors.Join(it.Error(), it.Close()); err != nil {
		return err
	}
	b := s.db.NewBatch()
	defer b.Close()
	for site, n := range sites {
		_ = b.Set(siteKey(nil, site), binary.AppendUvarint(nil, n), nil)
	}
	for _, k := range published {
		_ = b.Set(k, nil, nil)
	}
	_ = b.Set(keyScheme, []byte(s.scheme.Name), nil)
	_ = b.Set(keyNextDoc, binary.AppendUvarint(nil, next), nil)
	_ = b.Set(keyPosted, binary.AppendUvarint(nil, next), nil)
	_ = b.Set(keyFormat, binary.AppendUvarint(nil, 3), nil)
	return b.Commit(pebbledb.Sync)
}

// upgradeBatch is how many postings one batch of upgradeV3 rewrites, at
// least: whole buckets are written together.
const upgradeBatch = 1 << 20

// upgradeV3 turns a store of format version 3 into version 4: its
// postings, one key each, become segments, one key per bucket of
// fingerprints, named flush 0 (later flushes are named by a next doc
// number, above 0 once anything is stored). Buckets are rewritten in
// order, whole ones in each synced batch, which deletes the posting keys
// it rewrote: a crash leaves a store of version 3 whose remaining
// posting keys the next Open rewrites, without touching the segments
// written before. The version is raised to 4 last.
func (s *Store) upgradeV3() error {
	it, err := s.db.NewIter(&pebbledb.IterOptions{
		LowerBound: []byte{prefixPosting},
		UpperBound: []byte{prefixPosting + 1},
	})
	if err != nil {
		return err
	}
	var pending []posting
	write := func(upper []byte) error {
		if len(pending) == 0 {
			return nil
		}
		b := s.db.NewBatch()
		defer b.Close()
		var key, val []byte
		err := forSegments(pending, func(bucket uint16, ps []posting) error {
			key = segmentKey(key[:0], bucket, 0)
			val = appendSegment(val[:0], ps)
			return b.Set(key, val, nil)
		})
		err = cmp.Or(err, b.DeleteRange(postingPrefix(nil, pending[0].fp), upper, nil))
		if err == nil {
			err = b.Commit(pebbledb.Sync)
		}
		pending = pending[:0]
		return err
	}
	for ok := it.First(); ok; ok = it.Next() {
		k := it.Key()
		d, err := postingDoc(k)
		if err != nil {
			return errors.Join(err, it.Close())
		}
		fp := wiretrace.Fingerprint(binary.BigEndian.Uint64(k[1:]))
		if len(pending) >= upgradeBatch && bucketOf(fp) != bucketOf(pending[len(pending)-1].fp) {
			// The keys up to this bucket's first are rewritten.
			if err := write(postingPrefix(nil, fp)); err != nil {
				return errors.Join(err, it.Close())
			}
		}
		pending = append(pending, posting{fp, d})
	}
	if err := errors.Join(it.Error(), it.Close()); err != nil {
		return err
	}
	if err := write([]byte{prefixPosting + 1}); err != nil {
		return err
	}
	return s.db.Set(keyFormat, binary.AppendUvarint(nil, 4), pebbledb.Sync)
}

// upgradeOptional turns a store of format version 4 or 5 into the
// current one by writing the version alone. Each of those versions added
// optional fields only, none of which an older store holds: a record of
// version 5 is one of version 4 followed by the slug, an appearance of
// version 6 one of version 5 followed by its canonical URL. So every key
// and value of the older store is already one of this version. The
// version is raised because a build that reads the older one would refuse
// the values that have such fields as damaged.
func (s *Store) upgradeOptional() error {
	return s.db.Set(keyFormat, binary.AppendUvarint(nil, formatVersion), pebbledb.Sync)
}
