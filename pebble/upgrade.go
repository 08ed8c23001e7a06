package pebble

import (
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
	_ = b.Set(keyFormat, binary.AppendUvarint(nil, formatVersion), nil)
	return b.Commit(pebbledb.Sync)
}
