package postgres

import (
	"context"
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

// TestShardedUpgradeFromFormat1 takes a sharded store back to format 1 (no
// notes table on the coordinator) and opens it: the migrations it lacks
// touch the coordinator only, so it is upgraded there. Its partitions
// have no notes table: notes stay on the coordinator.
func TestShardedUpgradeFromFormat1(t *testing.T) {
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
	if _, err := s.pool.Exec(ctx, `DROP TABLE notes; UPDATE meta SET value = '1' WHERE key = 'format'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for k, u := range shards {
		var n int
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		err = conn.QueryRow(ctx, `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relname = 'notes' AND n.nspname LIKE $1`, s.schema+`\_p%`).Scan(&n)
		conn.Close(ctx)
		if err != nil || n != 0 {
			t.Errorf("shard %d: %d notes tables in the partitions (%v), want none", k, n, err)
		}
	}

	s, err = Open(loc, genScheme, MustExist())
	if err != nil {
		t.Fatalf("open of a sharded store of format 1: %v", err)
	}
	defer s.Close()
	if m, err := readMeta(ctx, s.pool); err != nil || m.format != FormatVersion || m.layout != layoutSharded {
		t.Fatalf("after the upgrade: %+v, %v", m, err)
	}
	if err := s.PutNotes(ctx, []wiretrace.Note{{Key: "fam/a", Value: []byte("1")}}); err != nil {
		t.Fatal(err)
	}
	if v, found, err := s.GetNote(ctx, "fam/a"); err != nil || !found || string(v) != "1" {
		t.Fatalf("GetNote = %q, %v, %v", v, found, err)
	}
	if got, err := s.Get(ctx, "before"); err != nil || got.Seq == 0 {
		t.Fatalf("Get after the upgrade = %+v, %v", got, err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
}
