package pebble

import (
	"context"
	"fmt"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
)

// Scan calls fn with each stored article whose Seq is at least from, with
// its appearances, in the order of storing, until the articles end or fn
// returns an error, which Scan returns. It reads one state of the store:
// articles added or removed meanwhile are not seen. It is how a store is
// copied (wiretrace copy) and resumed at the Seq after the last one done.
func (s *Store) Scan(ctx context.Context, from uint64, fn func(seq uint64, a wiretrace.Article) error) error {
	if err := s.scan(ctx, from, fn); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}

func (s *Store) scan(ctx context.Context, from uint64, fn func(seq uint64, a wiretrace.Article) error) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.closeMu.RUnlock()
	if from > maxDoc {
		return nil
	}
	snap := s.db.NewSnapshot()
	defer snap.Close()
	var lower [articleKeySize]byte
	it, err := snap.NewIterWithContext(ctx, &pebbledb.IterOptions{
		LowerBound: articleKey(lower[:0], doc(from)),
		UpperBound: []byte{prefixArticle + 1},
	})
	if err != nil {
		return err
	}
	defer it.Close()
	aps, err := snap.NewIterWithContext(ctx, &pebbledb.IterOptions{})
	if err != nil {
		return err
	}
	defer aps.Close()
	for ok := it.First(); ok; ok = it.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := articleDoc(it.Key())
		if err != nil {
			return err
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return err
		}
		r, err := decodeRecord(v)
		if err != nil {
			return fmt.Errorf("article %d: %w", d, err)
		}
		a := r.article()
		if a.Appearances, err = readAppearances(aps, d); err != nil {
			return err
		}
		if err := fn(uint64(d), a); err != nil {
			return err
		}
	}
	return it.Error()
}
