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
// its appearances and Seq, in the order of storing, until the articles
// end or fn returns an error, which Scan returns as it is. It reads a
// page of articles a statement, each page one state of the store: an
// article added meanwhile is seen if its Seq is past the page being read.
// The engine links story families through it, and wiretrace copy copies
// a store with it, resuming at the Seq after the last one done.
func (s *Store) Scan(ctx context.Context, from uint64, fn func(wiretrace.Article) error) error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer s.closeMu.RUnlock()
	if from > math.MaxInt64 {
		return nil
	}
	next := int64(from)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.seq >= $1 ORDER BY a.seq LIMIT $2`, next, scanPage)
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		page, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (stored, error) { return scanArticle(row) })
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		for _, st := range page {
			if err := fn(st.Article); err != nil {
				return err
			}
		}
		if len(page) < scanPage {
			return nil
		}
		next = page[len(page)-1].seq + 1
	}
}
