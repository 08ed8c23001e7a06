package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
)

// notesPage is how many notes ScanNotes reads a statement.
const notesPage = 1000

// putNotes deletes the keys $1 and writes the keys $2 with the values $3,
// in one statement: one transaction, one round trip. The keys are
// distinct, so the delete and the insert touch different rows; rows are
// written in key order, so that two writers lock common keys in the same
// order.
const putNotes = `
WITH deleted AS (
	DELETE FROM notes WHERE key = ANY ($1::bytea[])
)
INSERT INTO notes (key, value)
SELECT k, v FROM unnest($2::bytea[], $3::bytea[]) AS n(k, v)
ORDER BY k
ON CONFLICT (key) DO UPDATE SET value = excluded.value`

// PutNotes writes the notes in one statement, atomically: a note with a
// nil Value is deleted. Of several notes with one key, the last counts.
func (s *Store) PutNotes(ctx context.Context, notes []wiretrace.Note) error {
	if err := s.putNotes(ctx, notes); err != nil {
		return fmt.Errorf("put notes: %w", err)
	}
	return nil
}

func (s *Store) putNotes(ctx context.Context, notes []wiretrace.Note) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.enter(); err != nil {
		return err
	}
	defer s.closeMu.RUnlock()
	if len(notes) == 0 {
		return nil
	}
	// The last note of each key, in key order.
	last := make(map[string]int, len(notes))
	for i, n := range notes {
		last[n.Key] = i
	}
	keys := make([]string, 0, len(last))
	for k := range last {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var del, put, val [][]byte
	for _, k := range keys {
		n := notes[last[k]]
		switch {
		case n.Value == nil:
			del = append(del, []byte(k))
		case len(n.Value) == 0:
			// Empty, not NULL: an empty value is a value.
			put, val = append(put, []byte(k)), append(val, []byte{})
		default:
			put, val = append(put, []byte(k)), append(val, n.Value)
		}
	}
	return s.retry(ctx, "put notes", func() error {
		_, err := s.pool.Exec(ctx, putNotes, del, put, val)
		return err
	})
}

// GetNote returns a note's value, or found false.
func (s *Store) GetNote(ctx context.Context, key string) ([]byte, bool, error) {
	v, found, err := s.getNote(ctx, key)
	if err != nil {
		return nil, false, fmt.Errorf("get note %q: %w", key, err)
	}
	return v, found, nil
}

func (s *Store) getNote(ctx context.Context, key string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if err := s.enter(); err != nil {
		return nil, false, err
	}
	defer s.closeMu.RUnlock()
	var v []byte
	err := s.pool.QueryRow(ctx, `SELECT value FROM notes WHERE key = $1`, []byte(key)).Scan(&v)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	case v == nil:
		v = []byte{}
	}
	return v, true, nil
}

// ScanNotes calls fn for every note whose key starts with prefix, in key
// order (bytewise), until fn returns an error, which it returns as it is.
// It reads a page of notes a statement, each from just after the last
// key read, so fn may write notes meanwhile: a note written past the last
// key read is seen, one written before it is not.
func (s *Store) ScanNotes(ctx context.Context, prefix string, fn func(key string, value []byte) error) error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("scan notes: %w", err)
	}
	defer s.closeMu.RUnlock()
	lower := []byte(prefix)
	upper := prefixUpper(lower) // nil: no bound
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := s.pool.Query(ctx, `
			SELECT key, value FROM notes
			WHERE key >= $1 AND ($2::bytea IS NULL OR key < $2)
			ORDER BY key LIMIT $3`, lower, upper, notesPage)
		if err != nil {
			return fmt.Errorf("scan notes: %w", err)
		}
		type note struct{ key, value []byte }
		page, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (note, error) {
			var n note
			err := row.Scan(&n.key, &n.value)
			return n, err
		})
		if err != nil {
			return fmt.Errorf("scan notes: %w", err)
		}
		for _, n := range page {
			if n.value == nil {
				n.value = []byte{}
			}
			if err := fn(string(n.key), n.value); err != nil {
				return err
			}
		}
		if len(page) < notesPage {
			return nil
		}
		// The least key after the last one read.
		lower = append(page[len(page)-1].key, 0)
	}
}

// prefixUpper returns the least key above every key starting with p, or
// nil when there is none (p is empty or all 0xff).
func prefixUpper(p []byte) []byte {
	up := slices.Clone(p)
	for i := len(up) - 1; i >= 0; i-- {
		if up[i] < 0xff {
			up[i]++
			return up[:i+1]
		}
	}
	return nil
}
