package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
)

// FormatVersion is the version of the store's layout this build writes:
// the number of the last migration. Stores of lower versions are
// upgraded when opened; higher ones are refused.
const FormatVersion = 4

// coordinatorMigrations are the migrations that only create tables a
// sharded store keeps on its coordinator (notes, small and read by key):
// its partitions are made without them, and a sharded store that lacks
// only these is upgraded when opened, as a store on one server is.
var coordinatorMigrations = map[int]bool{2: true}

// The meta keys.
const (
	metaFormat = "format"
	metaScheme = "scheme"
	// metaLayout is "sharded" for a store whose big tables are foreign
	// partitions on other servers (Shard); absent otherwise.
	metaLayout = "layout"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one step of the layout: the SQL that takes a store from
// version-1 to version.
type migration struct {
	version int
	name    string
	sql     string
}

// readMigrations reads the migrations of dir in fsys, named
// NNNN_what.sql and numbered from 1 without gaps.
func readMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d", m.name, i+1)
		}
	}
	return out, nil
}

// storeMigrations are this build's migrations.
func storeMigrations() ([]migration, error) { return readMigrations(migrationFiles, "migrations") }

// meta is what a schema's meta table says.
type meta struct {
	found  bool
	format int
	scheme string
	layout string
}

// readMeta reads the store's meta table, if the schema has one.
func readMeta(ctx context.Context, q querier) (meta, error) {
	var m meta
	if err := q.QueryRow(ctx, `SELECT to_regclass('meta') IS NOT NULL`).Scan(&m.found); err != nil || !m.found {
		return m, err
	}
	rows, err := q.Query(ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return m, err
	}
	kv, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ K, V string }])
	if err != nil {
		return m, err
	}
	format := ""
	for _, r := range kv {
		switch r.K {
		case metaFormat:
			format = r.V
		case metaScheme:
			m.scheme = r.V
		case metaLayout:
			m.layout = r.V
		}
	}
	if m.format, err = strconv.Atoi(format); err != nil || m.format < 1 {
		return m, fmt.Errorf("meta format %q: %w", format, wiretrace.ErrCorrupt)
	}
	return m, nil
}

// querier is what reading meta needs: a pool, a connection or a
// transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// load checks the store's format and scheme, creating the store or
// applying the migrations it lacks first.
func (s *Store) load(ctx context.Context, mustExist bool) error {
	m, err := readMeta(ctx, s.pool)
	if err != nil {
		return err
	}
	if !m.found {
		if mustExist {
			return wiretrace.ErrNoStore
		}
		if err := s.migrate(ctx, true); err != nil {
			return err
		}
		if m, err = readMeta(ctx, s.pool); err != nil {
			return err
		}
	}
	switch {
	case m.format > FormatVersion:
		return fmt.Errorf("store format %d, this build reads 1 to %d; use a newer wiretrace: %w", m.format, FormatVersion, wiretrace.ErrFormatVersion)
	case m.format < FormatVersion && m.layout == layoutSharded && !coordinatorOnly(m.format):
		return fmt.Errorf("sharded store of format %d, this build needs %d: apply the migrations to every shard (docs/scale.md): %w", m.format, FormatVersion, wiretrace.ErrFormatVersion)
	case m.format < FormatVersion:
		if err := s.migrate(ctx, false); err != nil {
			return err
		}
	}
	if m.scheme != s.scheme.Name {
		return fmt.Errorf("postings made with scheme %q, this build uses %q; add the articles again into a new store: %w", m.scheme, s.scheme.Name, wiretrace.ErrScheme)
	}
	s.sharded = m.layout == layoutSharded
	return nil
}

// coordinatorOnly reports whether every migration after format touches
// only tables a sharded store keeps on its coordinator.
func coordinatorOnly(format int) bool {
	for v := format + 1; v <= FormatVersion; v++ {
		if !coordinatorMigrations[v] {
			return false
		}
	}
	return true
}

// migrate creates the store (create) or upgrades it, in one transaction
// under a lock that other processes opening the same schema take too:
// the first creates or upgrades, the others find it done.
func (s *Store) migrate(ctx context.Context, create bool) error {
	all, err := storeMigrations()
	if err != nil {
		return err
	}
	return s.migrateWith(ctx, all, create)
}

// layoutSharded is the meta layout of a sharded store.
const layoutSharded = "sharded"

func (s *Store) migrateWith(ctx context.Context, all []migration, create bool) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// A session lock, taken before the transaction begins: a transaction
	// begun before another process created the schema would go on
	// resolving names as if it did not exist.
	const lockKey = `hashtext('wiretrace schema ' || $1)`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+lockKey+`)`, s.schema); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+lockKey+`)`, s.schema)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	m, err := readMeta(ctx, tx)
	if err != nil {
		return err
	}
	from := 0
	switch {
	case m.found && create:
		return nil // another process created it meanwhile
	case m.found:
		from = m.format
		if from >= len(all) {
			return nil // another process upgraded it meanwhile
		}
	default:
		var others []string
		rows, err := tx.Query(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 ORDER BY 1 LIMIT 5`, s.schema)
		if err != nil {
			return err
		}
		if others, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			return err
		}
		if len(others) > 0 {
			return fmt.Errorf("schema %s holds tables (%s) but no wiretrace store; name another schema with ?schema=", s.schema, strings.Join(others, ", "))
		}
		if _, err := tx.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+quoteIdent(s.schema)); err != nil {
			return fmt.Errorf("create schema %s: %w", s.schema, err)
		}
	}
	for _, mg := range all[from:] {
		if _, err := tx.Exec(ctx, mg.sql); err != nil {
			return fmt.Errorf("migration %s: %w", mg.name, err)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaFormat, strconv.Itoa(len(all))); err != nil {
		return err
	}
	if !m.found {
		if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2)`, metaScheme, s.scheme.Name); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	if m.found {
		s.log.Info("store upgraded", "schema", s.schema, "from", from, "to", len(all))
	} else {
		s.log.Info("store created", "schema", s.schema, "format", len(all))
	}
	return nil
}
