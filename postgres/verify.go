package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
)

// maxProblems bounds the problems Verify lists; it counts the rest.
const maxProblems = 1000

// Verify checks the invariants that tie the store's tables together, in
// one snapshot (a read-only REPEATABLE READ transaction, so writers go on
// meanwhile): every article has its ID row, its text row with the hash of
// its text, one posting per fingerprint the scheme gives its text and
// one byline row per author key; every row of ids, texts, appearances,
// postings and bylines belongs to an article that has it; the site
// counts are the articles' and appearances'. It reads every row: it is a
// check to run after an incident or a migration, not on every start.
func (s *Store) Verify(ctx context.Context) (wiretrace.Verification, error) {
	if err := s.enter(); err != nil {
		return wiretrace.Verification{}, fmt.Errorf("verify: %w", err)
	}
	defer s.closeMu.RUnlock()
	v, err := s.verify(ctx)
	if err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	return v, nil
}

// consistencyChecks are statements that each return the rows breaking
// one invariant, as one text column describing the row.
var consistencyChecks = []struct{ what, sql string }{
	{"article without its id row", `
		SELECT format('article %s (seq %s)', a.id, a.seq) FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM ids i WHERE i.id = a.id AND i.seq = a.seq)`},
	{"article without its text row", `
		SELECT format('article %s (seq %s)', a.id, a.seq) FROM articles a
		WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.hash = a.text_hash AND t.seq = a.seq)`},
	{"article whose text hash is not its text's", `
		SELECT format('article %s (seq %s)', a.id, a.seq) FROM articles a WHERE a.text_hash <> sha256(a.body)`},
	{"id row naming neither an article nor an appearance", `
		SELECT format('id %s -> seq %s', i.id, i.seq) FROM ids i
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = i.seq AND a.id = i.id)
		  AND NOT EXISTS (SELECT 1 FROM appearances ap WHERE ap.article = i.seq AND ap.id = i.id)`},
	{"appearance without its id row", `
		SELECT format('appearance %s of seq %s', ap.id, ap.article) FROM appearances ap
		WHERE NOT EXISTS (SELECT 1 FROM ids i WHERE i.id = ap.id AND i.seq = ap.article)`},
	{"appearance of no article", `
		SELECT format('appearance %s of seq %s', ap.id, ap.article) FROM appearances ap
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = ap.article)`},
	{"text row naming no article with that text", `
		SELECT format('text %s -> seq %s', encode(t.hash, 'hex'), t.seq) FROM texts t
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = t.seq AND a.text_hash = t.hash)`},
	{"postings of no article", `
		SELECT format('seq %s: %s postings', p.seq, count(*)) FROM postings p
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = p.seq) GROUP BY p.seq`},
	{"article whose posting count is not its fingerprint count", `
		SELECT format('article %s (seq %s): %s postings, %s fingerprints', a.id, a.seq, coalesce(c.n, 0), a.fingerprints)
		FROM articles a LEFT JOIN (SELECT seq, count(*) AS n FROM postings GROUP BY seq) c ON c.seq = a.seq
		WHERE coalesce(c.n, 0) <> a.fingerprints`},
	{"byline row of no article", `
		SELECT format('byline %s of seq %s', b.name, b.seq) FROM bylines b
		WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = b.seq AND a.site = b.site)`},
	{"site count that is not the site's articles and appearances", `
		WITH counted AS (
			SELECT site, sum(a)::bigint AS articles, sum(p)::bigint AS appearances FROM (
				SELECT site, 1 AS a, 0 AS p FROM articles
				UNION ALL SELECT site, 0, 1 FROM appearances
			) x GROUP BY site
		)
		SELECT format('site %L: counted %s articles and %s appearances, found %s and %s',
		              coalesce(s.site, c.site), coalesce(s.articles, 0), coalesce(s.appearances, 0),
		              coalesce(c.articles, 0), coalesce(c.appearances, 0))
		FROM sites s FULL JOIN counted c ON c.site = s.site
		WHERE coalesce(s.articles, 0) <> coalesce(c.articles, 0) OR coalesce(s.appearances, 0) <> coalesce(c.appearances, 0)`},
}

func (s *Store) verify(ctx context.Context) (wiretrace.Verification, error) {
	var out wiretrace.Verification
	more := 0
	problem := func(format string, args ...any) {
		if len(out.Problems) < maxProblems {
			out.Problems = append(out.Problems, fmt.Sprintf(format, args...))
		} else {
			more++
		}
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return out, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM postings)`).Scan(&out.Articles, &out.Postings); err != nil {
		return out, err
	}
	for _, c := range consistencyChecks {
		rows, err := tx.Query(ctx, c.sql)
		if err != nil {
			return out, fmt.Errorf("%s: %w", c.what, err)
		}
		found, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return out, fmt.Errorf("%s: %w", c.what, err)
		}
		for _, f := range found {
			problem("%s: %s", c.what, f)
		}
	}
	if err := s.verifyTexts(ctx, tx, problem); err != nil {
		return out, err
	}
	if more > 0 {
		out.Problems = append(out.Problems, fmt.Sprintf("and %d more problems", more))
	}
	return out, nil
}

// verifyTexts reads every article, a page at a time in the order of
// storing, and checks that its postings are its text's fingerprints and
// that it has a byline row for each of its author keys: what the counts
// alone cannot tell. (A byline row too many is found once its article is
// gone; finding it before would take an index on bylines by seq.)
func (s *Store) verifyTexts(ctx context.Context, tx pgx.Tx, problem func(string, ...any)) error {
	const page = 512
	after := int64(-1) << 63
	for {
		rows, err := tx.Query(ctx, `SELECT seq, id, body, byline, site, fingerprints FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2`, after, page)
		if err != nil {
			return err
		}
		type article struct {
			Seq          int64
			ID           string
			Body         []byte
			Byline       []string
			Site         string
			Fingerprints int32
		}
		arts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[article])
		if err != nil || len(arts) == 0 {
			return err
		}
		after = arts[len(arts)-1].Seq
		var fps, fpSeqs, nameSeqs []int64
		var names, sites []string
		bySeq := map[int64]*article{}
		for i := range arts {
			a := &arts[i]
			bySeq[a.Seq] = a
			want := postingsOf(s.scheme.Fingerprints(string(a.Body)))
			if len(want) != int(a.Fingerprints) {
				problem("article %s (seq %d): the scheme gives its text %d fingerprints, %d were posted", a.ID, a.Seq, len(want), a.Fingerprints)
			}
			for _, fp := range want {
				fps = append(fps, fp)
				fpSeqs = append(fpSeqs, a.Seq)
			}
			for _, k := range wiretrace.BylineKeys(a.Byline) {
				names = append(names, k)
				nameSeqs = append(nameSeqs, a.Seq)
				sites = append(sites, a.Site)
			}
		}
		b := &pgx.Batch{}
		b.Queue(`
			SELECT x.seq, count(*) FROM unnest($1::bigint[], $2::bigint[]) AS x(fp, seq)
			WHERE NOT EXISTS (SELECT 1 FROM postings p WHERE p.fingerprint = x.fp AND p.seq = x.seq)
			GROUP BY x.seq ORDER BY x.seq`, fps, fpSeqs).Query(func(rows pgx.Rows) error {
			var seq, n int64
			_, err := pgx.ForEachRow(rows, []any{&seq, &n}, func() error {
				problem("article %s (seq %d): %d fingerprints of its text not posted", bySeq[seq].ID, seq, n)
				return nil
			})
			return err
		})
		b.Queue(`
			SELECT x.seq, x.name FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(name, seq, site)
			WHERE NOT EXISTS (SELECT 1 FROM bylines b WHERE b.name = x.name AND b.seq = x.seq AND b.site = x.site)
			ORDER BY x.seq, x.name`, names, nameSeqs, sites).Query(func(rows pgx.Rows) error {
			var seq int64
			var name string
			_, err := pgx.ForEachRow(rows, []any{&seq, &name}, func() error {
				problem("article %s (seq %d): no byline row for %q", bySeq[seq].ID, seq, name)
				return nil
			})
			return err
		})
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		if len(arts) < page {
			return nil
		}
	}
}
