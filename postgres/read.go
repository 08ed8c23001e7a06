package postgres

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
)

// recordColumns are the columns of an article's row that scanArticle
// reads, of articles as a, before its appearances.
const recordColumns = `a.seq, a.id, a.url, a.site, a.title, a.published, a.published_from, a.first_seen,
	a.first_seen_from, a.byline, a.language, a.canonical, a.slug, a.body, a.fingerprints`

// appearancesJSON aggregates rows of appearances as ap into the JSON
// array scanArticle reads, in the order they were added.
const appearancesJSON = `json_agg(json_build_object('id', ap.id, 'url', ap.url, 'site', ap.site,
	'published', ap.published, 'published_from', ap.published_from,
	'first_seen', ap.first_seen, 'first_seen_from', ap.first_seen_from, 'canonical_url', nullif(ap.canonical, '')) ORDER BY ap.pos)`

// articleColumns are the columns scanArticle reads, of articles as a: the
// record, its fingerprint count and its appearances.
const articleColumns = recordColumns + `, (SELECT ` + appearancesJSON + ` FROM appearances ap WHERE ap.article = a.seq)`

// stored is an article as read, with its seq (also in Article.Seq) and
// fingerprint count.
type stored struct {
	wiretrace.Article
	seq          int64
	fingerprints int
}

// scanArticle reads the articleColumns of one row, after dest.
func scanArticle(row pgx.CollectableRow, dest ...any) (stored, error) {
	var st stored
	a := &st.Article
	var published, firstSeen *time.Time
	var pubFrom, seenFrom string
	var body, appearances []byte
	var fps int32
	dest = append(dest, &st.seq, &a.ID, &a.URL, &a.Site, &a.Title, &published, &pubFrom, &firstSeen,
		&seenFrom, &a.Byline, &a.Language, &a.Canonical, &a.Slug, &body, &fps, &appearances)
	if err := row.Scan(dest...); err != nil {
		return st, err
	}
	a.Published, a.PublishedFrom = utc(published), wiretrace.TimeSource(pubFrom)
	a.FirstSeen, a.FirstSeenFrom = utc(firstSeen), wiretrace.TimeSource(seenFrom)
	a.Text = string(body)
	a.Seq = uint64(st.seq)
	if len(a.Byline) == 0 {
		a.Byline = nil
	}
	st.fingerprints = int(fps)
	var err error
	a.Appearances, err = decodeAppearances(st.seq, appearances)
	return st, err
}

// decodeAppearances reads the appearancesJSON of article seq, nil for
// none.
func decodeAppearances(seq int64, b []byte) ([]wiretrace.Appearance, error) {
	if b == nil {
		return nil, nil
	}
	var aps []wiretrace.Appearance
	if err := json.Unmarshal(b, &aps); err != nil {
		return nil, fmt.Errorf("appearances of article %d: %w", seq, err)
	}
	for i := range aps {
		ap := &aps[i]
		ap.Published, ap.FirstSeen = ap.Published.UTC(), ap.FirstSeen.UTC()
	}
	return aps, nil
}

// Appearances returns the Seq and the appearances of the article stored
// under id, or under an appearance's id, in one statement that reads
// neither its row nor its body, as wiretrace.Store documents.
func (s *Store) Appearances(ctx context.Context, id string) (uint64, []wiretrace.Appearance, error) {
	seq, aps, err := s.appearances(ctx, id)
	if err != nil {
		return 0, nil, fmt.Errorf("appearances of %q: %w", id, err)
	}
	return seq, aps, nil
}

func (s *Store) appearances(ctx context.Context, id string) (uint64, []wiretrace.Appearance, error) {
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	if err := s.enter(); err != nil {
		return 0, nil, err
	}
	defer s.closeMu.RUnlock()
	if unstorableString(id) {
		return 0, nil, wiretrace.ErrNotFound
	}
	var seq int64
	var list []byte
	err := s.pool.QueryRow(ctx, `SELECT i.seq, (SELECT `+appearancesJSON+` FROM appearances ap WHERE ap.article = i.seq)
		FROM ids i WHERE i.id = $1`, id).Scan(&seq, &list)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil, wiretrace.ErrNotFound
	}
	if err != nil {
		return 0, nil, err
	}
	aps, err := decodeAppearances(seq, list)
	return uint64(seq), aps, err
}

// Get returns the article stored under id, or under an appearance's id,
// in one statement, or an error wrapping wiretrace.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (wiretrace.Article, error) {
	a, err := s.get(ctx, id)
	if err != nil {
		return wiretrace.Article{}, fmt.Errorf("get %q: %w", id, err)
	}
	return a, nil
}

func (s *Store) get(ctx context.Context, id string) (wiretrace.Article, error) {
	// No unstorable ID can have been stored.
	st, err := s.articleBy(ctx, `SELECT seq FROM ids WHERE id = $1`, id, !unstorableString(id))
	if err == nil && st.ID != id && !slices.ContainsFunc(st.Appearances, func(ap wiretrace.Appearance) bool { return ap.ID == id }) {
		return wiretrace.Article{}, fmt.Errorf("id %q names article %d of id %q: %w", id, st.seq, st.ID, wiretrace.ErrCorrupt)
	}
	return st.Article, err
}

// FindText returns the stored article whose text is text, found by its
// text hash, as wiretrace.Store documents.
func (s *Store) FindText(ctx context.Context, text string) (wiretrace.Article, error) {
	h := sha256.Sum256([]byte(text))
	st, err := s.articleBy(ctx, `SELECT seq FROM texts WHERE hash = $1`, h[:], !unstorableString(text))
	switch {
	case errors.Is(err, wiretrace.ErrNotFound):
		return wiretrace.Article{}, err
	case err != nil:
		return wiretrace.Article{}, fmt.Errorf("find text: %w", err)
	case st.Text != text:
		return wiretrace.Article{}, fmt.Errorf("find text: article %d holds another text under its hash: %w", st.seq, wiretrace.ErrCorrupt)
	}
	return st.Article, nil
}

// articleBy returns the article whose seq seqQuery (a statement on one
// key, $1 being key) selects, or ErrNotFound, without asking when the key
// cannot have been stored (storable false). The seq comes by a scalar
// subquery, not a join: a sharded store's planner then asks one partition
// for one row.
func (s *Store) articleBy(ctx context.Context, seqQuery string, key any, storable bool) (stored, error) {
	if err := ctx.Err(); err != nil {
		return stored{}, err
	}
	if err := s.enter(); err != nil {
		return stored{}, err
	}
	defer s.closeMu.RUnlock()
	if !storable {
		return stored{}, wiretrace.ErrNotFound
	}
	rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles a WHERE a.seq = (`+seqQuery+`)`, key)
	if err != nil {
		return stored{}, err
	}
	st, err := pgx.CollectExactlyOneRow(rows, func(row pgx.CollectableRow) (stored, error) { return scanArticle(row) })
	if errors.Is(err, pgx.ErrNoRows) {
		return stored{}, wiretrace.ErrNotFound
	}
	return st, err
}

// unstorableString reports whether PostgreSQL text cannot hold s.
func unstorableString(s string) bool {
	a := wiretrace.Article{ID: s}
	return unstorable(&a) != ""
}

// candidatesQuery ranks the stored articles by the number of the query's
// fingerprints they share and returns the best with their records, in one
// statement. For each fingerprint it reads at most $2 postings, through
// the primary key; a fingerprint with $2 or more is boilerplate and is
// skipped. Then it counts per article stored before $5 (any when $5 is
// 0), keeps those sharing at least $3,
// takes the best $4 (most shared, then lowest seq) and reads their rows
// and appearances by seq = ANY(the best): index lookups on one server,
// one query per partition when sharded. (Joined on seq instead, the
// planner of a sharded store, with no statistics of the foreign tables,
// read every article of every shard: 4 s a check at 100,000 articles.)
const candidatesQuery = `
WITH posted AS (
	SELECT unnest(p.seqs) AS seq
	FROM unnest($1::bigint[]) AS q(fp)
	CROSS JOIN LATERAL (
		SELECT array_agg(seq) AS seqs
		FROM (SELECT seq FROM postings WHERE fingerprint = q.fp LIMIT $2) AS f
	) AS p
	WHERE cardinality(p.seqs) < $2
), ranked AS (
	SELECT seq, count(*) AS shared
	FROM posted
	WHERE $5 = 0 OR seq < $5
	GROUP BY seq
	HAVING count(*) >= $3
	ORDER BY shared DESC, seq
	LIMIT $4
), best AS MATERIALIZED (
	SELECT ARRAY(SELECT seq FROM ranked) AS seqs
), seen AS (
	SELECT ap.article, ` + appearancesJSON + ` AS list
	FROM appearances ap
	WHERE ap.article = ANY ((SELECT seqs FROM best)::bigint[])
	GROUP BY ap.article
)
SELECT r.shared, ` + recordColumns + `, seen.list
FROM ranked r
JOIN articles a ON a.seq = r.seq
LEFT JOIN seen ON seen.article = r.seq
WHERE a.seq = ANY ((SELECT seqs FROM best)::bigint[])
ORDER BY r.shared DESC, r.seq`

// Candidates returns the stored articles sharing the most distinct
// fingerprints with the query, with their records, as wiretrace.Store
// documents: one statement, one round trip. A fingerprint posted to more
// than MaxPostings articles is skipped after reading MaxPostings+1 of its
// postings.
func (s *Store) Candidates(ctx context.Context, q wiretrace.CandidateQuery) ([]wiretrace.Candidate, error) {
	c, err := s.candidates(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("candidates: %w", err)
	}
	return c, nil
}

func (s *Store) candidates(ctx context.Context, q wiretrace.CandidateQuery) ([]wiretrace.Candidate, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if q.Limit <= 0 || len(q.Fingerprints) == 0 {
		return nil, nil
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	read := int64(math.MaxInt64)
	if q.MaxPostings > 0 {
		read = int64(q.MaxPostings) + 1
	}
	before := int64(0)
	if q.Before > 0 {
		before = int64(min(q.Before, math.MaxInt64))
	}
	rows, err := s.pool.Query(ctx, candidatesQuery, postingsOf(q.Fingerprints), read, max(q.MinShared, 1), q.Limit, before)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (wiretrace.Candidate, error) {
		var shared int64
		st, err := scanArticle(row, &shared)
		if err != nil {
			return wiretrace.Candidate{}, err
		}
		return wiretrace.Candidate{Article: st.Article, Seq: uint64(st.seq), Shared: int(shared), Fingerprints: st.fingerprints}, nil
	})
}

// Bylines returns the sites under which stored articles name the author,
// as wiretrace.Store documents: one statement over the name's rows of
// bylines. A limit <= 0 returns nothing.
func (s *Store) Bylines(ctx context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	uses, err := s.bylines(ctx, name, limit)
	if err != nil {
		return nil, fmt.Errorf("bylines %q: %w", name, err)
	}
	return uses, nil
}

func (s *Store) bylines(ctx context.Context, name string, limit int) ([]wiretrace.BylineUse, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key := wiretrace.BylineKey(name)
	if limit <= 0 || key == "" || unstorableString(key) {
		return nil, nil
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	rows, err := s.pool.Query(ctx, `
		SELECT site, count(*) AS n FROM bylines WHERE name = $1
		GROUP BY site ORDER BY n DESC, site LIMIT $2`, key, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (wiretrace.BylineUse, error) {
		var u wiretrace.BylineUse
		var n int64
		err := row.Scan(&u.Site, &n)
		u.Articles = int(n)
		return u, err
	})
}

// Sites returns every site with its count of articles and appearances, as
// wiretrace.Store documents: a read of the counts the adds keep.
func (s *Store) Sites(ctx context.Context) ([]wiretrace.SiteStats, error) {
	sites, err := s.sites(ctx)
	if err != nil {
		return nil, fmt.Errorf("sites: %w", err)
	}
	return sites, nil
}

func (s *Store) sites(ctx context.Context) ([]wiretrace.SiteStats, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()
	rows, err := s.pool.Query(ctx, `SELECT site, articles + appearances FROM sites WHERE articles + appearances > 0`)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[wiretrace.SiteStats])
	if err != nil {
		return nil, err
	}
	// Sorted here, byte by byte as Go compares, whatever the server's
	// collation.
	slices.SortFunc(out, func(a, b wiretrace.SiteStats) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Site, b.Site))
	})
	return out, nil
}
