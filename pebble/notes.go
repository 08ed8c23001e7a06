package pebble

import (
	"context"
	"fmt"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
)

// prefixNote starts the keys of the engine's notes: derived data the
// store keeps as given (see wiretrace.Store.PutNotes).
const prefixNote = 'x'

func noteKey(key string) []byte { return append([]byte{prefixNote}, key...) }

// PutNotes writes the notes in one synced batch.
func (s *Store) PutNotes(ctx context.Context, notes []wiretrace.Note) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.enterWrite(); err != nil {
		return fmt.Errorf("put notes: %w", err)
	}
	defer s.closeMu.RUnlock()
	b := s.db.NewBatch()
	defer b.Close()
	size := int64(0)
	for _, n := range notes {
		var err error
		if n.Value == nil {
			err = b.Delete(noteKey(n.Key), nil)
		} else {
			err = b.Set(noteKey(n.Key), n.Value, nil)
		}
		if err != nil {
			return fmt.Errorf("put notes: %w", err)
		}
		size += int64(len(n.Key) + len(n.Value))
	}
	if err := s.room(size * 3); err != nil {
		return fmt.Errorf("put notes: %w", err)
	}
	if err := b.Commit(writeOpts); err != nil {
		return fmt.Errorf("put notes: %w", err)
	}
	return nil
}

// GetNote returns a note's value.
func (s *Store) GetNote(ctx context.Context, key string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if err := s.enter(); err != nil {
		return nil, false, fmt.Errorf("get note: %w", err)
	}
	defer s.closeMu.RUnlock()
	v, found, err := s.get(noteKey(key))
	if err != nil {
		return nil, false, fmt.Errorf("get note %q: %w", key, err)
	}
	return v, found, nil
}

// ScanNotes calls fn for the notes under prefix, in key order.
func (s *Store) ScanNotes(ctx context.Context, prefix string, fn func(key string, value []byte) error) error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("scan notes: %w", err)
	}
	defer s.closeMu.RUnlock()
	lower := noteKey(prefix)
	upper := prefixUpper(lower)
	it, err := s.db.NewIterWithContext(ctx, &pebbledb.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return fmt.Errorf("scan notes: %w", err)
	}
	defer it.Close()
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		v, err := it.ValueAndErr()
		if err != nil {
			return fmt.Errorf("scan notes: %w", err)
		}
		if err := fn(string(it.Key()[1:]), v); err != nil {
			return err
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("scan notes: %w", err)
	}
	return nil
}

// prefixUpper returns the least key above every key starting with p.
func prefixUpper(p []byte) []byte {
	up := append([]byte(nil), p...)
	for i := len(up) - 1; i >= 0; i-- {
		if up[i] < 0xff {
			up[i]++
			return up[:i+1]
		}
	}
	return nil
}
