package postgres

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

func TestMigrationsNumbered(t *testing.T) {
	all, err := storeMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != FormatVersion {
		t.Fatalf("%d migrations, FormatVersion %d: a new migration raises the format", len(all), FormatVersion)
	}
}

// releasedMigrations are the SHA-256 of every migration stores may have
// run. A released migration never changes: stores that ran it would not
// run it again, and would differ from new ones. A change is a new
// migration.
var releasedMigrations = map[string]string{
	"0001_store.sql": "79b6ba342666df3132b4048a701fb5179641a8dba57cb851f7d2dc5d9c514d26",
}

func TestReleasedMigrationsUnchanged(t *testing.T) {
	all, err := storeMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		want, released := releasedMigrations[m.name]
		if !released {
			continue // new in this build; add it here when released
		}
		if got := fmt.Sprintf("%x", sha256.Sum256([]byte(m.sql))); got != want {
			t.Errorf("migration %s changed (sha256 %s, released as %s): add a new migration instead", m.name, got, want)
		}
	}
}

func TestReadMigrationsRefusesGaps(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":      {"m/0001_a.sql": {}, "m/0003_c.sql": {}},
		"not sql":  {"m/0001_a.txt": {}},
		"unnumber": {"m/first.sql": {}},
	} {
		if _, err := readMigrations(fsys, "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestLocation(t *testing.T) {
	for loc, want := range map[string]bool{
		"postgres://h/db":          true,
		"postgresql://u@h:5/db?x=": true,
		"postgres:/h/db":           false,
		"/var/lib/wiretrace":       false,
		"mysql://h/db":             false,
	} {
		if got := IsLocation(loc); got != want {
			t.Errorf("IsLocation(%q) = %v", loc, got)
		}
	}
	for loc, want := range map[string]string{
		"postgres://u:secret@h/db?schema=x":    "postgres://u:xxxxx@h/db?schema=x",
		"postgres://u@h/db?password=secret":    "postgres://u@h/db?password=xxxxx",
		"postgres://h/db?host=/tmp/s&port=5":   "postgres://h/db?host=/tmp/s&port=5",
		"postgres://u:p%40ss@h/db?schema=news": "postgres://u:xxxxx@h/db?schema=news",
	} {
		if got := Redact(loc); got != want {
			t.Errorf("Redact(%q) = %q, want %q", loc, got, want)
		}
	}
	for _, schema := range []string{"News", "1st", "a-b", "a;drop", strings.Repeat("a", 64)} {
		if _, _, err := poolConfig("postgres://h/db?schema=" + schema); err == nil {
			t.Errorf("schema %q accepted", schema)
		}
	}
	pc, schema, err := poolConfig("postgres://h/db")
	if err != nil || schema != DefaultSchema || pc.ConnConfig.RuntimeParams["search_path"] != DefaultSchema {
		t.Errorf("default schema: %q, %v, %v", schema, pc.ConnConfig.RuntimeParams, err)
	}
}

func TestMustExist(t *testing.T) {
	loc := freshStore(t)
	sc := storetest.NewScheme().Scheme()
	if _, err := Open(loc, sc, MustExist()); !errors.Is(err, wiretrace.ErrNoStore) {
		t.Fatalf("Open(MustExist) of no store = %v, want ErrNoStore", err)
	}
	s, err := Open(loc, sc)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(loc, sc, MustExist())
	if err != nil {
		t.Fatalf("Open(MustExist) of a store: %v", err)
	}
	s.Close()
}

func TestNewerFormatRefused(t *testing.T) {
	loc := freshStore(t)
	sc := storetest.NewScheme().Scheme()
	s, err := Open(loc, sc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(context.Background(), `UPDATE meta SET value = $1 WHERE key = 'format'`, "99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(loc, sc)
	if !errors.Is(err, wiretrace.ErrFormatVersion) || !strings.Contains(err.Error(), "format 99") {
		t.Fatalf("Open of a format 99 store = %v, want ErrFormatVersion naming it", err)
	}
}

func TestSchemaWithOtherTables(t *testing.T) {
	base := testURL(t)
	schema := freshSchema(t, base)
	execSQL(t, base, `CREATE SCHEMA `+schema)
	execSQL(t, base, `CREATE TABLE `+schema+`.invoices (n int)`)
	_, err := Open(withSchema(t, base, schema), storetest.NewScheme().Scheme())
	if err == nil || !strings.Contains(err.Error(), "invoices") {
		t.Fatalf("Open of a schema holding other tables = %v, want a refusal naming them", err)
	}
}

// TestUpgrade runs the migration runner over a layout of two versions:
// a store made at version 1 is taken to version 2 when opened by a build
// that has both, once, however many processes open it at once.
func TestUpgrade(t *testing.T) {
	loc := freshStore(t)
	fsys := fstest.MapFS{
		"m/0001_first.sql":  {Data: []byte(`CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL); CREATE TABLE one (n int);`)},
		"m/0002_second.sql": {Data: []byte(`CREATE TABLE two (n int); INSERT INTO one VALUES (1);`)},
	}
	all, err := readMigrations(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(loc, storetest.NewScheme().Scheme())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	// Start over in the schema with the test's layout.
	execSQL(t, testURL(t), `DROP SCHEMA `+s.schema+` CASCADE`)
	if err := s.migrateWith(ctx, all[:1], true); err != nil {
		t.Fatalf("create at version 1: %v", err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { errs[i] = s.migrateWith(ctx, all, false) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("upgrade: %v", err)
		}
	}
	m, err := readMeta(ctx, s.pool)
	if err != nil || m.format != 2 {
		t.Fatalf("after upgrade: %+v, %v", m, err)
	}
	var ones int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM one`).Scan(&ones); err != nil || ones != 1 {
		t.Errorf("migration 2 ran %d times (%v), want once", ones, err)
	}
}

// TestConcurrentCreate opens one new store from many goroutines at once:
// one creates it, the others find it.
func TestConcurrentCreate(t *testing.T) {
	loc := freshStore(t)
	sc := storetest.NewScheme().Scheme()
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			s, err := Open(loc, sc)
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
