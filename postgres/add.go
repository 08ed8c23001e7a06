package postgres

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/wiretrace/wiretrace"
)

// errUnstorable is why an entry whose metadata PostgreSQL cannot hold is
// refused: text columns take no NUL byte and only valid UTF-8, and
// timestamptz spans 4713 BC to 294276 AD.
var errUnstorable = errors.New("PostgreSQL cannot store it")

// Add stores the entries in one transaction, as wiretrace.Store documents.
// Fingerprints given twice are stored once. The transaction runs again
// when it lost a race with another writer (a unique or foreign key
// violation): the second time, the winner's rows are read first, and the
// entries they concern become duplicates, appearances or conflicts.
func (s *Store) Add(ctx context.Context, entries []wiretrace.Entry) ([]wiretrace.AddResult, error) {
	res, err := s.add(ctx, entries)
	if err != nil {
		return nil, fmt.Errorf("add: %w", err)
	}
	return res, nil
}

// pending is an entry that passed the checks that need no database.
type pending struct {
	i    int // its place in the call
	hash []byte
	fps  []int64
}

func (s *Store) add(ctx context.Context, entries []wiretrace.Entry) ([]wiretrace.AddResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.enter(); err != nil {
		return nil, err
	}
	defer s.closeMu.RUnlock()

	checked := make([]wiretrace.AddResult, len(entries))
	var todo []pending
	for i := range entries {
		a := &entries[i].Article
		r := &checked[i]
		r.ID = a.ID
		if r.Err = wiretrace.Unstorable(a); r.Err != nil {
			continue
		}
		if field := unstorable(a); field != "" {
			r.Err = fmt.Errorf("article %q: %s: %w", a.ID, field, errUnstorable)
			continue
		}
		h := sha256.Sum256([]byte(a.Text))
		todo = append(todo, pending{i: i, hash: h[:], fps: postingsOf(entries[i].Fingerprints)})
	}
	if len(todo) == 0 {
		return checked, nil
	}
	var results []wiretrace.AddResult
	err := s.retry(ctx, "add", func() error {
		results = slices.Clone(checked)
		return s.addOnce(ctx, entries, todo, results)
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// owner is the article that holds a text.
type owner struct {
	id  string
	seq int64
}

// addOnce reads what the store holds of the entries' texts and IDs,
// decides each entry's fate and writes the batch in one transaction.
func (s *Store) addOnce(ctx context.Context, entries []wiretrace.Entry, todo []pending, results []wiretrace.AddResult) error {
	hashes := make([][]byte, len(todo))
	ids := make([]string, len(todo))
	for k, p := range todo {
		hashes[k] = p.hash
		ids[k] = entries[p.i].Article.ID
	}
	// One round trip: who holds the texts, who holds the IDs, and a seq
	// for every entry (those of duplicates go unused).
	b := &pgx.Batch{}
	storedTexts := map[string]owner{}
	storedIDs := map[string]int64{}
	var seqs []int64
	// The owners' rows by seq = ANY(...), as candidatesQuery reads them.
	b.Queue(`
		WITH t AS MATERIALIZED (SELECT hash, seq FROM texts WHERE hash = ANY($1))
		SELECT t.hash, a.seq, a.id FROM t JOIN articles a ON a.seq = t.seq
		WHERE a.seq = ANY (ARRAY(SELECT seq FROM t))`, hashes).Query(func(rows pgx.Rows) error {
		var h []byte
		var o owner
		_, err := pgx.ForEachRow(rows, []any{&h, &o.seq, &o.id}, func() error {
			storedTexts[string(h)] = o
			return nil
		})
		return err
	})
	b.Queue(`SELECT id, seq FROM ids WHERE id = ANY($1)`, ids).Query(func(rows pgx.Rows) error {
		var id string
		var seq int64
		_, err := pgx.ForEachRow(rows, []any{&id, &seq}, func() error {
			storedIDs[id] = seq
			return nil
		})
		return err
	})
	b.Queue(`SELECT nextval('stored') FROM generate_series(1, $1)`, len(todo)).Query(func(rows pgx.Rows) error {
		var err error
		seqs, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	if err := s.pool.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	if len(seqs) != len(todo) {
		return fmt.Errorf("%d seqs for %d entries", len(seqs), len(todo))
	}
	// The sequence gives each call's values in order; sorting makes sure.
	slices.Sort(seqs)

	var w writes
	batchTexts := map[string]owner{}
	batchIDs := map[string]int64{}
	for k, p := range todo {
		a := &entries[p.i].Article
		r := &results[p.i]
		own, dup := batchTexts[string(p.hash)]
		if !dup {
			own, dup = storedTexts[string(p.hash)]
		}
		idSeq, idTaken := batchIDs[a.ID]
		if !idTaken {
			idSeq, idTaken = storedIDs[a.ID]
		}
		switch {
		case dup && (a.ID == own.id || idTaken && idSeq == own.seq):
			// The article itself, or an appearance already known.
			r.ID, r.Duplicate = own.id, true
		case idTaken:
			r.Err = fmt.Errorf("article %q: %w", a.ID, wiretrace.ErrIDConflict)
		case dup:
			w.appearance(own.seq, seqs[k], a)
			batchIDs[a.ID] = own.seq
			r.ID, r.Duplicate, r.Appeared = own.id, true, true
		default:
			w.article(seqs[k], a, p.hash, p.fps)
			batchTexts[string(p.hash)] = owner{a.ID, seqs[k]}
			batchIDs[a.ID] = seqs[k]
		}
	}
	if w.empty() {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Once sent, the transaction is waited for even if ctx ends: an error
	// must mean that nothing was stored, and a cancelled wait could not
	// tell whether the commit happened.
	return s.write(context.WithoutCancel(ctx), &w)
}

// write writes w in one transaction. On one server the postings, most of
// the rows, go by COPY, which writes heap pages a batch of rows at a time
// (a fifth less server CPU per article than INSERT ... unnest, measured
// on bulk adds); the rest is pipelined. Into foreign partitions COPY
// sends a row a round trip, where postgres_fdw batches INSERTs: a sharded
// store sends everything as one pipelined implicit transaction.
func (s *Store) write(ctx context.Context, w *writes) error {
	if s.sharded {
		b := &pgx.Batch{}
		w.queueRows(b)
		w.queuePostings(b)
		queueSites(b, w.sites)
		return s.pool.SendBatch(ctx, b).Close()
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	b := &pgx.Batch{}
	w.queueRows(b)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	if len(w.postings.fp) > 0 {
		w.sortPostings()
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"postings"}, []string{"fingerprint", "seq"}, pgx.CopyFromSlice(len(w.postings.fp), func(i int) ([]any, error) {
			return []any{w.postings.fp[i], w.postings.seq[i]}, nil
		}))
		if err != nil {
			return err
		}
	}
	// The site counts last: their rows are the ones concurrent adds share,
	// locked from here to the commit.
	b = &pgx.Batch{}
	queueSites(b, w.sites)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// writes are the rows one Add writes, column by column.
type writes struct {
	texts struct {
		hash [][]byte
		seq  []int64
	}
	ids struct {
		id  []string
		seq []int64
	}
	articles struct {
		seq                                     []int64
		id, url, site, title, pubFrom, seenFrom []string
		lang, canonical, slug                   []string
		hash, body                              [][]byte
		fingerprints                            []int32
		published, firstSeen                    []pgtype.Timestamptz
		byline                                  []pgtype.Text
	}
	appearances struct {
		article, pos                                []int64
		id, url, site, pubFrom, seenFrom, canonical []string
		published, firstSeen                        []pgtype.Timestamptz
	}
	postings struct{ fp, seq []int64 }
	bylines  struct {
		name, site []string
		seq        []int64
	}
	// sites counts the articles and appearances added per site.
	sites map[string][2]int64
}

func (w *writes) empty() bool { return len(w.ids.id) == 0 }

// article adds the rows of a new article stored as seq.
func (w *writes) article(seq int64, a *wiretrace.Article, hash []byte, fps []int64) {
	w.texts.hash = append(w.texts.hash, hash)
	w.texts.seq = append(w.texts.seq, seq)
	w.ids.id = append(w.ids.id, a.ID)
	w.ids.seq = append(w.ids.seq, seq)
	r := &w.articles
	r.seq = append(r.seq, seq)
	r.id = append(r.id, a.ID)
	r.hash = append(r.hash, hash)
	r.fingerprints = append(r.fingerprints, int32(len(fps)))
	r.url = append(r.url, a.URL)
	r.site = append(r.site, a.Site)
	r.title = append(r.title, a.Title)
	r.published = append(r.published, timestamptz(a.Published))
	r.pubFrom = append(r.pubFrom, string(a.PublishedFrom))
	r.firstSeen = append(r.firstSeen, timestamptz(a.FirstSeen))
	r.seenFrom = append(r.seenFrom, string(a.FirstSeenFrom))
	var byline pgtype.Text
	if len(a.Byline) > 0 {
		j, _ := json.Marshal(a.Byline) // strings always marshal
		byline = pgtype.Text{String: string(j), Valid: true}
	}
	r.byline = append(r.byline, byline)
	r.lang = append(r.lang, a.Language)
	r.canonical = append(r.canonical, a.Canonical)
	r.slug = append(r.slug, a.Slug)
	r.body = append(r.body, []byte(a.Text))
	for _, fp := range fps {
		w.postings.fp = append(w.postings.fp, fp)
		w.postings.seq = append(w.postings.seq, seq)
	}
	for _, name := range wiretrace.BylineKeys(a.Byline) {
		w.bylines.name = append(w.bylines.name, name)
		w.bylines.seq = append(w.bylines.seq, seq)
		w.bylines.site = append(w.bylines.site, a.Site)
	}
	w.count(a.Site, 0)
}

// appearance adds the rows of a's appearance, placed pos, of the article
// stored as article.
func (w *writes) appearance(article, pos int64, a *wiretrace.Article) {
	w.ids.id = append(w.ids.id, a.ID)
	w.ids.seq = append(w.ids.seq, article)
	r := &w.appearances
	r.article = append(r.article, article)
	r.pos = append(r.pos, pos)
	r.id = append(r.id, a.ID)
	r.url = append(r.url, a.URL)
	r.site = append(r.site, a.Site)
	r.published = append(r.published, timestamptz(a.Published))
	r.pubFrom = append(r.pubFrom, string(a.PublishedFrom))
	r.firstSeen = append(r.firstSeen, timestamptz(a.FirstSeen))
	r.seenFrom = append(r.seenFrom, string(a.FirstSeenFrom))
	r.canonical = append(r.canonical, a.Canonical)
	w.count(a.Site, 1)
}

// count adds one article (kind 0) or appearance (kind 1) to site.
func (w *writes) count(site string, kind int) {
	if w.sites == nil {
		w.sites = map[string][2]int64{}
	}
	c := w.sites[site]
	c[kind]++
	w.sites[site] = c
}

// queueRows queues the statements that write w's rows but its postings
// and site counts. Rows whose keys other writers may race for go first
// and in key order (texts by hash, then IDs; the site counts come last),
// so that two adds wait for each other in one direction only and cannot
// deadlock. Before them, the add takes a transaction lock on each of
// those keys, in one order for all writers: on a sharded store the rows
// go to other servers, in an order the foreign partitions choose, and a
// wait on one server for a writer waiting on another is a deadlock no
// server sees. The locks are the coordinator's own, so two adds of one
// key wait there, in one direction.
func (w *writes) queueRows(b *pgx.Batch) {
	if keys := w.raceKeys(); len(keys) > 0 {
		b.Queue(`SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`, keys)
	}
	if len(w.texts.hash) > 0 {
		sortBy(w.texts.hash, func(i, j int) int { return strings.Compare(string(w.texts.hash[i]), string(w.texts.hash[j])) }, &w.texts.seq)
		b.Queue(`INSERT INTO texts (hash, seq) SELECT * FROM unnest($1::bytea[], $2::bigint[])`, w.texts.hash, w.texts.seq)
	}
	sortBy(w.ids.id, func(i, j int) int { return strings.Compare(w.ids.id[i], w.ids.id[j]) }, &w.ids.seq)
	b.Queue(`INSERT INTO ids (id, seq) SELECT * FROM unnest($1::text[], $2::bigint[])`, w.ids.id, w.ids.seq)
	if r := &w.articles; len(r.seq) > 0 {
		b.Queue(`
			INSERT INTO articles (seq, id, text_hash, fingerprints, url, site, title, published, published_from,
			                      first_seen, first_seen_from, byline, language, canonical, slug, body)
			SELECT seq, id, h, n, url, site, title, pub, pub_from, seen, seen_from,
			       CASE WHEN byline IS NULL THEN NULL
			            ELSE ARRAY(SELECT e FROM jsonb_array_elements_text(byline::jsonb) WITH ORDINALITY AS b(e, i) ORDER BY i) END,
			       lang, canonical, slug, body
			FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::int[], $5::text[], $6::text[], $7::text[],
			            $8::timestamptz[], $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::text[],
			            $14::text[], $15::text[], $16::bytea[])
			  AS x(seq, id, h, n, url, site, title, pub, pub_from, seen, seen_from, byline, lang, canonical, slug, body)`,
			r.seq, r.id, r.hash, r.fingerprints, r.url, r.site, r.title, r.published, r.pubFrom,
			r.firstSeen, r.seenFrom, r.byline, r.lang, r.canonical, r.slug, r.body)
	}
	// After the articles: an appearance may be of an article of the batch.
	if r := &w.appearances; len(r.article) > 0 {
		b.Queue(`
			INSERT INTO appearances (article, pos, id, url, site, published, published_from, first_seen, first_seen_from, canonical)
			SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
			                     $7::text[], $8::timestamptz[], $9::text[], $10::text[])`,
			r.article, r.pos, r.id, r.url, r.site, r.published, r.pubFrom, r.firstSeen, r.seenFrom, r.canonical)
	}
	if len(w.bylines.name) > 0 {
		b.Queue(`INSERT INTO bylines (name, seq, site) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])`, w.bylines.name, w.bylines.seq, w.bylines.site)
	}
}

// queuePostings queues the insert of w's postings.
func (w *writes) queuePostings(b *pgx.Batch) {
	if len(w.postings.fp) > 0 {
		w.sortPostings()
		b.Queue(`INSERT INTO postings (fingerprint, seq) SELECT * FROM unnest($1::bigint[], $2::bigint[])`, w.postings.fp, w.postings.seq)
	}
}

// sortPostings puts w's postings in key order: the inserts then walk the
// index's pages once, left to right, instead of jumping between them.
func (w *writes) sortPostings() {
	sortBy(w.postings.fp, func(i, j int) int {
		return cmp.Or(cmp.Compare(w.postings.fp[i], w.postings.fp[j]), cmp.Compare(w.postings.seq[i], w.postings.seq[j]))
	}, &w.postings.seq)
}

// queueSites queues the change of the site counts, in site order.
func queueSites(b *pgx.Batch, delta map[string][2]int64) {
	sites := make([]string, 0, len(delta))
	for site := range delta {
		sites = append(sites, site)
	}
	slices.Sort(sites)
	articles := make([]int64, len(sites))
	appearances := make([]int64, len(sites))
	for i, site := range sites {
		articles[i], appearances[i] = delta[site][0], delta[site][1]
	}
	b.Queue(`
		INSERT INTO sites (site, articles, appearances)
		SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
		ON CONFLICT (site) DO UPDATE
		SET articles = sites.articles + excluded.articles, appearances = sites.appearances + excluded.appearances`,
		sites, articles, appearances)
}

// sortBy sorts keys with cmp, moving the values of vals with them.
func sortBy[K, V any](keys []K, cmp func(i, j int) int, vals *[]V) {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, cmp)
	k2 := make([]K, len(keys))
	v2 := make([]V, len(keys))
	for to, from := range idx {
		k2[to], v2[to] = keys[from], (*vals)[from]
	}
	copy(keys, k2)
	*vals = v2
}

// postingsOf returns the distinct fingerprints of fps, as the bigints
// they are stored as.
func postingsOf(fps []wiretrace.Fingerprint) []int64 {
	out := make([]int64, len(fps))
	for i, fp := range fps {
		out[i] = int64(fp)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// timestamptz returns t to the microsecond, NULL for the zero time.
func timestamptz(t time.Time) pgtype.Timestamptz {
	if t.IsZero() {
		return pgtype.Timestamptz{}
	}
	return pgtype.Timestamptz{Time: t.Truncate(time.Microsecond), Valid: true}
}

// unstorable names the first field of a that PostgreSQL cannot hold, or
// returns "". The text itself is stored as bytes and always fits.
func unstorable(a *wiretrace.Article) string {
	bad := func(s string) bool { return strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) }
	for _, f := range []struct{ name, v string }{
		{"id", a.ID}, {"url", a.URL}, {"site", a.Site}, {"title", a.Title},
		{"published_from", string(a.PublishedFrom)}, {"first_seen_from", string(a.FirstSeenFrom)},
		{"language", a.Language}, {"canonical_url", a.Canonical}, {"slug", a.Slug},
	} {
		if bad(f.v) {
			return f.name
		}
	}
	for _, n := range a.Byline {
		if bad(n) {
			return "byline"
		}
	}
	for _, t := range []struct {
		name string
		v    time.Time
	}{{"published", a.Published}, {"first_seen", a.FirstSeen}} {
		if !t.v.IsZero() && (t.v.Year() < -4712 || t.v.Year() > 294275) {
			return t.name
		}
	}
	return ""
}

// raceKeys returns the advisory lock keys of the texts and IDs w writes,
// sorted: a text's are the first 8 bytes of its hash, an ID's those of
// the SHA-256 of the ID with a prefix of its own. Two keys that meet
// (one in 2^64) only make two adds wait for each other.
func (w *writes) raceKeys() []int64 {
	keys := make([]int64, 0, len(w.texts.hash)+len(w.ids.id))
	for _, h := range w.texts.hash {
		keys = append(keys, lockKey(h))
	}
	for _, id := range w.ids.id {
		h := sha256.Sum256([]byte("id\x00" + id))
		keys = append(keys, lockKey(h[:]))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func lockKey(h []byte) int64 {
	var k uint64
	for _, c := range h[:8] {
		k = k<<8 | uint64(c)
	}
	return int64(k)
}
