package postgres

import (
	"context"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
)

// scanPage is how many articles Scan reads a statement.
const scanPage = 500

// Scan calls fn with each stored article whose Seq is at least from, with
// its appearances, in the order of storing, until the articles end or fn
// returns an error, which Scan returns. It reads a page of articles a
// statement, each page one state of the store: an article added meanwhile
// is seen if its Seq is past the page being read. It is how a store is
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
	if from > math.MaxInt64 {
		return nil
	}
	next := int64(from)
	for {
		rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.seq >= $1 ORDER BY a.seq LIMIT $2`, next, scanPage)
		if err != nil {
			return err
		}
		page, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (stored, error) { return scanArticle(row) })
		if err != nil {
			return err
		}
		for _, st := range page {
			if err := fn(uint64(st.seq), st.Article); err != nil {
				return err
			}
		}
		if len(page) < scanPage {
			return nil
		}
		next = page[len(page)-1].seq + 1
	}
}
