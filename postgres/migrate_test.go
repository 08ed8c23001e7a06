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
	"0001_store.sql":                "79b6ba342666df3132b4048a701fb5179641a8dba57cb851f7d2dc5d9c514d26",
	"0002_notes.sql":                "8349e9fd5e46cd6dc608acb64622fe7388a56bca35940cdd4090030c2337ca0d",
	"0003_slug.sql":                 "457dde870d8722b4631a18a2e5c479808ad3df97025318d831f76e6d05a6b80b",
	"0004_appearance_canonical.sql": "01f9b0c79f51885ed8e0847fadee947f1227ccca6556c091a9b326e54d36cb99",
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

// formatUndo takes a store of each format back to the format before:
// what the format's migration made, dropped. A store taken back keeps its
// articles, as a store of that format holds them.
var formatUndo = map[int]string{
	2: `DROP TABLE notes`,
	3: `ALTER TABLE articles DROP COLUMN slug`,
	4: `ALTER TABLE appearances DROP COLUMN canonical`,
}

// TestUpgradeFromOlderFormats takes a store with an article back to each
// older format, opens it from several goroutines at once with this
// build, and checks that it was upgraded once, keeps its article and
// takes notes and slugs.
func TestUpgradeFromOlderFormats(t *testing.T) {
	for format := 1; format < FormatVersion; format++ {
		t.Run(fmt.Sprintf("format%d", format), func(t *testing.T) { testUpgradeFrom(t, format) })
	}
}

func testUpgradeFrom(t *testing.T, format int) {
	loc := freshStore(t)
	sc := storetest.NewScheme()
	s, err := Open(loc, sc.Scheme())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Add(ctx, []wiretrace.Entry{sc.Entry(wiretrace.Article{ID: "old", Text: "Stored before the upgrade."}, 1, 2)}); err != nil {
		t.Fatal(err)
	}
	for v := FormatVersion; v > format; v-- {
		undo, ok := formatUndo[v]
		if !ok {
			t.Fatalf("no way to take a store of format %d back to %d: add one to formatUndo", v, v-1)
		}
		if _, err := s.pool.Exec(ctx, undo); err != nil {
			t.Fatalf("back to format %d: %v", v-1, err)
		}
	}
	if _, err := s.pool.Exec(ctx, `UPDATE meta SET value = $1 WHERE key = 'format'`, fmt.Sprint(format)); err != nil {
		t.Fatal(err)
	}
	if format < 2 {
		if err := s.PutNotes(ctx, []wiretrace.Note{{Key: "k", Value: []byte("v")}}); err == nil {
			t.Fatalf("PutNotes on a format %d store: no error (no notes table yet)", format)
		}
	}
	s.Close()

	stores := make([]*Store, 4)
	errs := make([]error, len(stores))
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(loc, sc.Scheme(), MustExist()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d of a format %d store: %v", i, format, err)
		}
		defer stores[i].Close()
	}
	s = stores[0]
	m, err := readMeta(ctx, s.pool)
	if err != nil || m.format != FormatVersion {
		t.Fatalf("after the upgrade: %+v, %v; want format %d", m, err, FormatVersion)
	}
	a, err := s.Get(ctx, "old")
	if err != nil || a.Text != "Stored before the upgrade." || a.Seq == 0 || a.Slug != "" {
		t.Fatalf("Get of an article stored at format %d = %+v, %v", format, a, err)
	}
	if err := stores[1].PutNotes(ctx, []wiretrace.Note{{Key: "fam/x", Value: []byte("1")}}); err != nil {
		t.Fatalf("PutNotes after the upgrade: %v", err)
	}
	if v, found, err := stores[2].GetNote(ctx, "fam/x"); err != nil || !found || string(v) != "1" {
		t.Fatalf("GetNote after the upgrade = %q, %v, %v", v, found, err)
	}
	slugged := wiretrace.Article{ID: "new", Slug: "COURTS Axe", Text: "Stored after the upgrade, with a slug."}
	if _, err := stores[3].Add(ctx, []wiretrace.Entry{sc.Entry(slugged, 3)}); err != nil {
		t.Fatalf("Add after the upgrade: %v", err)
	}
	if a, err := s.Get(ctx, "new"); err != nil || a.Slug != slugged.Slug {
		t.Fatalf("Get of an article with a slug after the upgrade = %+v, %v", a, err)
	}
	if err := verify(s); err != nil {
		t.Errorf("after the upgrade: %v", err)
	}
}

func TestCoordinatorOnly(t *testing.T) {
	if !coordinatorOnly(FormatVersion) {
		t.Error("a store of this build's format lacks migrations")
	}
	if !coordinatorMigrations[2] {
		t.Error("migration 2 (notes) needs the shards")
	}
	for _, format := range []int{1, 2} {
		if coordinatorOnly(format) {
			t.Errorf("format %d to %d (the articles' slug) needs no shards", format, FormatVersion)
		}
	}
	if coordinatorOnly(0) {
		t.Error("format 0 to 1 (the big tables) needs no shards")
	}
}
