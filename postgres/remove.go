package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/wiretrace/wiretrace"
)

// errRaced: what a write read changed before it could lock it; the write
// runs again.
var errRaced = errors.New("changed by another writer meanwhile")

// Remove deletes what id names, in one transaction, or returns an error
// wrapping wiretrace.ErrNotFound: an article with its postings,
// appearances and other rows, or one appearance. The postings to delete
// are the scheme's fingerprints of the article's text.
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
	if err := s.enter(); err != nil {
		return err
	}
	defer s.closeMu.RUnlock()
	if unstorableString(id) {
		return wiretrace.ErrNotFound
	}
	return s.retry(ctx, "remove", func() error { return s.removeOnce(ctx, id) })
}

func (s *Store) removeOnce(ctx context.Context, id string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var seq int64
	if err := tx.QueryRow(ctx, `SELECT seq FROM ids WHERE id = $1`, id).Scan(&seq); errors.Is(err, pgx.ErrNoRows) {
		return wiretrace.ErrNotFound
	} else if err != nil {
		return err
	}
	// The article's row lock comes first: an add of an appearance of it
	// waits for this removal (its foreign key), and so does another
	// removal of it or of one of its appearances.
	var own, site string
	var body, hash []byte
	var byline []string
	var fingerprints int32
	err = tx.QueryRow(ctx, `SELECT id, site, body, text_hash, byline, fingerprints FROM articles WHERE seq = $1 FOR UPDATE`, seq).
		Scan(&own, &site, &body, &hash, &byline, &fingerprints)
	if errors.Is(err, pgx.ErrNoRows) {
		return errRaced // removed meanwhile; the next attempt finds the ID gone
	}
	if err != nil {
		return err
	}
	// The ID must still name the article now that it is locked.
	if tag, err := tx.Exec(ctx, `DELETE FROM ids WHERE id = $1 AND seq = $2`, id, seq); err != nil {
		return err
	} else if tag.RowsAffected() != 1 {
		return errRaced
	}
	sites := map[string][2]int64{}
	if own != id {
		// One appearance goes, not the article.
		var apSite string
		err := tx.QueryRow(ctx, `DELETE FROM appearances WHERE article = $1 AND id = $2 RETURNING site`, seq, id).Scan(&apSite)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("id %q names article %d of id %q, which has no such appearance: %w", id, seq, own, wiretrace.ErrCorrupt)
		}
		if err != nil {
			return err
		}
		sites[apSite] = [2]int64{0, -1}
		return commitSites(ctx, tx, &pgx.Batch{}, sites)
	}
	// The article's appearances go with it, and their IDs.
	rows, err := tx.Query(ctx, `
		WITH gone AS (DELETE FROM appearances WHERE article = $1 RETURNING id, site),
		     gone_ids AS (DELETE FROM ids WHERE id IN (SELECT id FROM gone) AND seq = $1)
		SELECT site FROM gone`, seq)
	if err != nil {
		return err
	}
	apSites, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	sites[site] = [2]int64{-1, 0}
	for _, s := range apSites {
		c := sites[s]
		c[1]--
		sites[s] = c
	}
	fps := postingsOf(s.scheme.Fingerprints(string(body)))
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM texts WHERE hash = $1 AND seq = $2`, hash, seq)
	b.Queue(`DELETE FROM postings WHERE fingerprint = ANY($1) AND seq = $2`, fps, seq).Exec(func(tag pgconn.CommandTag) error {
		if n := tag.RowsAffected(); n != int64(fingerprints) {
			// Postings not made by the scheme stay behind; Verify
			// reports them. They point to no article and are never
			// returned.
			s.log.Warn("article's postings are not its text's fingerprints", "id", id, "seq", seq, "removed", n, "posted", fingerprints)
		}
		return nil
	})
	if keys := wiretrace.BylineKeys(byline); len(keys) > 0 {
		b.Queue(`DELETE FROM bylines WHERE name = ANY($1) AND seq = $2`, keys, seq)
	}
	b.Queue(`DELETE FROM articles WHERE seq = $1`, seq)
	return commitSites(ctx, tx, b, sites)
}

// commitSites queues the change of the site counts after b, drops the
// counts that reach zero, sends b and commits. Once the writes are sent,
// they are waited for even if ctx ends, so that an error means nothing
// was removed.
func commitSites(ctx context.Context, tx pgx.Tx, b *pgx.Batch, delta map[string][2]int64) error {
	ctx = context.WithoutCancel(ctx)
	queueSites(b, delta)
	sites := make([]string, 0, len(delta))
	for site := range delta {
		sites = append(sites, site)
	}
	b.Queue(`DELETE FROM sites WHERE site = ANY($1) AND articles = 0 AND appearances = 0`, sites)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
