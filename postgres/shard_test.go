package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/pgtest"
)

// shardedStore returns the opener of a new sharded store: its first call
// lays the store out over the test's shard servers, in four partitions.
// The store and its partitions are dropped when the test ends.
func shardedStore(t *testing.T, shards []string) (location string, open func(wiretrace.Scheme) (*Store, error)) {
	t.Helper()
	base := pgtest.URL(t)
	loc := withSchema(t, base, freshSchema(t, base))
	t.Cleanup(func() {
		if err := Drop(loc, shards); err != nil {
			t.Errorf("drop: %v", err)
		}
	})
	created := false
	return loc, func(scheme wiretrace.Scheme) (*Store, error) {
		if !created {
			if err := Shard(loc, scheme, ShardOptions{Shards: shards, Partitions: 4}); err != nil {
				return nil, err
			}
			created = true
		}
		return Open(loc, scheme)
	}
}

// TestShardedStore runs the conformance suite on a store whose big tables
// are foreign partitions on other servers.
func TestShardedStore(t *testing.T) {
	shards := pgtest.Shards(t)
	runVerified(t, func(t *testing.T) (string, func(wiretrace.Scheme) (*Store, error)) {
		return shardedStore(t, shards)
	})
}

// TestShardedSpread checks that a sharded store's rows are spread over
// its partitions, on both shards, and that its size counts them.
func TestShardedSpread(t *testing.T) {
	shards := pgtest.Shards(t)
	_, open := shardedStore(t, shards)
	s, err := open(genScheme)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var entries []wiretrace.Entry
	for n := range 200 {
		a, fps := genArticle(n, "a"+string(rune('a'+n%26))+string(rune('a'+n/26)))
		entries = append(entries, wiretrace.Entry{Article: a, Fingerprints: fps})
	}
	if _, err := s.Add(ctx, entries); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"articles", "ids", "texts", "postings", "bylines"} {
		rows, err := s.pool.Query(ctx, `SELECT tableoid::regclass::text, count(*) FROM `+table+` GROUP BY 1 ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var part string
			var count int
			if err := rows.Scan(&part, &count); err != nil {
				t.Fatal(err)
			}
			n++
		}
		want := 4
		if table == "bylines" {
			want = 2 // seven authors only
		}
		if rows.Err() != nil || n < want {
			t.Errorf("%s: rows in %d partitions (%v), want %d", table, n, rows.Err(), want)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 200 || st.TextBytes < 200*1000 || st.IndexBytes <= 0 {
		t.Errorf("Stats = %+v, %v; want 200 articles of more than 1 KB each", st, err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
}

// TestShardedOlderFormat takes a sharded store back to format 2 (no slug
// column in its partitions or on the coordinator, no canonical URL of an
// appearance) and opens it: the migrations it lacks change articles and
// appearances, whose rows are on the shards, so Open refuses it and
// writes nothing. Applied by hand, to every partition and then to the
// coordinator, as docs/scale.md says, they make a store that opens, keeps
// its articles and takes slugs and appearances' canonical URLs. The
// partitions never have a notes table: notes stay on the coordinator.
func TestShardedOlderFormat(t *testing.T) {
	shards := pgtest.Shards(t)
	loc, open := shardedStore(t, shards)
	s, err := open(genScheme)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, fps := genArticle(1, "before")
	if _, err := s.Add(ctx, []wiretrace.Entry{{Article: a, Fingerprints: fps}}); err != nil {
		t.Fatal(err)
	}
	schema := s.schema
	s.Close()
	all, err := storeMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if slug, canonical := all[2], all[3]; !strings.Contains(slug.sql, "slug") || !strings.Contains(canonical.sql, "appearances ADD COLUMN canonical") {
		t.Fatalf("migrations 3 and 4 are %s and %s", slug.name, canonical.name)
	}

	// On every shard, in every partition: the statements, then the format.
	eachPartition := func(stmts ...string) {
		t.Helper()
		for k, u := range shards {
			conn, err := pgx.Connect(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := conn.Query(ctx, `SELECT nspname FROM pg_namespace WHERE nspname ~ $1 ORDER BY 1`, "^"+schema+`_p[0-9]+$`)
			if err != nil {
				t.Fatal(err)
			}
			parts, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil || len(parts) == 0 {
				t.Fatalf("shard %d: partitions %v, %v", k, parts, err)
			}
			var notes int
			err = conn.QueryRow(ctx, `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE c.relname = 'notes' AND n.nspname = ANY($1)`, parts).Scan(&notes)
			if err != nil || notes != 0 {
				t.Errorf("shard %d: %d notes tables in the partitions (%v), want none", k, notes, err)
			}
			conn.Close(ctx)
			for _, part := range parts {
				execIn(t, u, part, stmts...)
			}
		}
	}
	base := pgtest.URL(t)
	onCoordinator := func(stmts ...string) {
		t.Helper()
		execIn(t, base, schema, stmts...)
	}
	var undo []string
	for v := FormatVersion; v > 2; v-- {
		undo = append(undo, formatUndo[v])
	}
	undo = append(undo, `UPDATE meta SET value = '2' WHERE key = 'format'`)
	eachPartition(undo...)
	onCoordinator(undo...)

	_, err = Open(loc, genScheme, MustExist())
	if !errors.Is(err, wiretrace.ErrFormatVersion) || !strings.Contains(err.Error(), "sharded store of format 2") || !strings.Contains(err.Error(), "apply the migrations to every shard") {
		t.Fatalf("Open of a sharded store of format 2 = %v, want ErrFormatVersion asking for the migrations on every shard", err)
	}
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	var format string
	err = conn.QueryRow(ctx, `SELECT value FROM `+quoteIdent(schema)+`.meta WHERE key = 'format'`).Scan(&format)
	conn.Close(ctx)
	if err != nil || format != "2" {
		t.Fatalf("after the refused Open: format %q, %v; want 2, untouched", format, err)
	}

	var redo []string
	for _, m := range all[2:] {
		redo = append(redo, m.sql)
	}
	redo = append(redo, fmt.Sprintf(`UPDATE meta SET value = '%d' WHERE key = 'format'`, FormatVersion))
	eachPartition(redo...)
	onCoordinator(redo...)
	s, err = Open(loc, genScheme, MustExist())
	if err != nil {
		t.Fatalf("open of a sharded store upgraded by hand: %v", err)
	}
	defer s.Close()
	if m, err := readMeta(ctx, s.pool); err != nil || m.format != FormatVersion || m.layout != layoutSharded {
		t.Fatalf("after the upgrade: %+v, %v", m, err)
	}
	if got, err := s.Get(ctx, "before"); err != nil || got.Seq == 0 || got.Slug != "" {
		t.Fatalf("Get after the upgrade = %+v, %v", got, err)
	}
	b, fps := genArticle(2, "after")
	b.Slug = "COURTS Axe"
	if _, err := s.Add(ctx, []wiretrace.Entry{{Article: b, Fingerprints: fps}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, "after"); err != nil || got.Slug != b.Slug {
		t.Fatalf("Get of an article with a slug = %+v, %v", got, err)
	}
	again := b
	again.ID, again.Site, again.Canonical = "after-again", "harbourledger.example", "https://www.meridianwire.example/after"
	if _, err := s.Add(ctx, []wiretrace.Entry{{Article: again, Fingerprints: fps}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, "after-again"); err != nil || got.ID != "after" || len(got.Appearances) != 1 || got.Appearances[0].Canonical != again.Canonical {
		t.Fatalf("Get of an appearance with a canonical URL = %+v, %v", got, err)
	}
	if err := s.PutNotes(ctx, []wiretrace.Note{{Key: "fam/a", Value: []byte("1")}}); err != nil {
		t.Fatal(err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
}

// execIn runs the statements in one transaction in the database at url,
// in schema.
func execIn(t *testing.T, url, schema string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, q := range append([]string{"SET LOCAL search_path = " + quoteIdent(schema)}, stmts...) {
		if _, err := tx.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %s: %v", schema, q, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}
