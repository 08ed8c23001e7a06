package postgres

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/wiretrace/wiretrace"
)

// distribution is each big table's partition key: the column a
// distributed deployment hashes its rows on. Co-located tables hash the
// same values: an article's appearances land in the partition of its
// row, so that their foreign key holds within one partition.
var distribution = []struct{ table, key string }{
	{"articles", "seq"},
	{"appearances", "article"},
	{"ids", "id"},
	{"texts", "hash"},
	{"postings", "fingerprint"},
	{"bylines", "name"},
}

// ShardOptions say how Shard lays a store out.
type ShardOptions struct {
	// Shards are postgres:// URLs of databases on other servers (or the
	// same server) that hold the partitions. The coordinator's server
	// reaches them through postgres_fdw with the host, port, database,
	// user and password of each URL.
	Shards []string
	// Partitions is how many hash partitions each big table has, spread
	// over the shards in turn: partition r lives on shard r mod
	// len(Shards). More partitions than shards let partitions move to new
	// servers later without rehashing. 0 means twice the shards.
	Partitions int
}

// Shard creates an empty store at location whose big tables (articles,
// appearances, ids, texts, postings, bylines) are hash-partitioned, each
// partition a foreign table on one of the shard servers; the small ones
// (meta, sites, notes, the sequence) stay on the coordinator, the server of
// location. It is the layout Citus or a hash-sharded CockroachDB or
// YugabyteDB table would give the same schema, built from stock
// PostgreSQL with postgres_fdw (docs/scale.md).
//
// On each shard, partition r is a schema named after the store's with
// _p<r> appended, made by the same migrations as a single-server store
// (less those of tables kept on the coordinator, such as notes): its
// tables have the same keys and constraints, and the foreign key from
// appearances to articles holds within it. The coordinator's tables are
// partitioned parents with the same columns. Open then opens the store as
// any other.
//
// What this layout does not give: a transaction that writes to several
// shards commits on each in turn (postgres_fdw has no two-phase commit),
// so a coordinator or shard that fails during a commit can leave an add
// half written, which Verify reports. Citus, CockroachDB and YugabyteDB
// commit across shards atomically.
//
// Creating foreign servers needs a superuser on the coordinator, and the
// postgres_fdw extension (in PostgreSQL's contrib).
func Shard(location string, scheme wiretrace.Scheme, o ShardOptions) error {
	if err := shard(context.Background(), location, scheme, o); err != nil {
		return fmt.Errorf("shard store %s: %w", Redact(location), err)
	}
	return nil
}

func shard(ctx context.Context, location string, scheme wiretrace.Scheme, o ShardOptions) error {
	if len(o.Shards) == 0 {
		return errors.New("no shard servers given")
	}
	if o.Partitions == 0 {
		o.Partitions = 2 * len(o.Shards)
	}
	if o.Partitions < len(o.Shards) {
		return fmt.Errorf("%d partitions for %d shards: want at least one each", o.Partitions, len(o.Shards))
	}
	pc, schema, err := poolConfig(location)
	if err != nil {
		return err
	}
	all, err := storeMigrations()
	if err != nil {
		return err
	}
	shards := make([]*pgx.ConnConfig, len(o.Shards))
	for k, u := range o.Shards {
		if !IsLocation(u) {
			return fmt.Errorf("shard %d: not a postgres:// URL", k)
		}
		c, err := pgx.ParseConfig(u)
		if err != nil {
			return fmt.Errorf("shard %d: bad URL", k)
		}
		shards[k] = c
	}

	// The partitions first: the coordinator's foreign tables need them.
	for k, sc := range shards {
		if err := createPartitions(ctx, sc, schema, scheme, all, k, len(shards), o.Partitions); err != nil {
			return fmt.Errorf("shard %d (%s): %w", k, Redact(o.Shards[k]), err)
		}
	}
	conn, err := pgx.ConnectConfig(ctx, pc.ConnConfig)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if m, err := readMeta(ctx, tx); err != nil {
		return err
	} else if m.found {
		return fmt.Errorf("schema %s holds a store already", schema)
	}
	if _, err := tx.Exec(ctx, "CREATE SCHEMA "+quoteIdent(schema)); err != nil {
		return err
	}
	// The single-server layout, whose big tables then give way to
	// partitioned parents with the same columns.
	for _, m := range all {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	var ddl []string
	for _, d := range distribution {
		cols, err := columns(ctx, tx, schema, d.table)
		if err != nil {
			return err
		}
		ddl = append(ddl, fmt.Sprintf("CREATE TABLE %s (%s) PARTITION BY HASH (%s)", d.table, strings.Join(cols, ", "), d.key))
	}
	tables := make([]string, len(distribution))
	for i, d := range distribution {
		tables[i] = d.table
	}
	ddl = append([]string{"DROP VIEW sizes", "DROP TABLE " + strings.Join(tables, ", ")}, ddl...)
	ddl = append(ddl, "CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA public")
	for k, sc := range shards {
		server := quoteIdent(serverName(schema, k))
		ddl = append(ddl,
			fmt.Sprintf("CREATE SERVER %s FOREIGN DATA WRAPPER postgres_fdw OPTIONS (%s)", server, serverOptions(&sc.Config)),
			fmt.Sprintf("CREATE USER MAPPING FOR CURRENT_USER SERVER %s OPTIONS (%s)", server, userOptions(&sc.Config)))
	}
	var sizes []string
	for r := range o.Partitions {
		server := quoteIdent(serverName(schema, r%len(shards)))
		part := partitionSchema(schema, r)
		for _, d := range distribution {
			ddl = append(ddl, fmt.Sprintf(
				"CREATE FOREIGN TABLE %s PARTITION OF %s FOR VALUES WITH (MODULUS %d, REMAINDER %d) SERVER %s OPTIONS (schema_name %s, table_name %s)",
				quoteIdent(fmt.Sprintf("%s_p%d", d.table, r)), d.table, o.Partitions, r, server, quoteLiteral(part), quoteLiteral(d.table)))
		}
		ft := quoteIdent(fmt.Sprintf("sizes_p%d", r))
		ddl = append(ddl, fmt.Sprintf("CREATE FOREIGN TABLE %s (text_bytes bigint, index_bytes bigint) SERVER %s OPTIONS (schema_name %s, table_name 'partition_sizes')",
			ft, server, quoteLiteral(part)))
		sizes = append(sizes, "SELECT text_bytes, index_bytes FROM "+ft)
	}
	// The store's size: the partitions' and the coordinator's own tables.
	sizes = append(sizes, `SELECT 0, coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'S')`)
	ddl = append(ddl,
		"CREATE VIEW sizes AS SELECT sum(text_bytes)::bigint AS text_bytes, sum(index_bytes)::bigint AS index_bytes FROM ("+strings.Join(sizes, " UNION ALL ")+") AS s",
		fmt.Sprintf("INSERT INTO meta (key, value) VALUES ('%s', '%d'), ('%s', %s), ('%s', '%s'), ('shards', '%d'), ('partitions', '%d')",
			metaFormat, len(all), metaScheme, quoteLiteral(scheme.Name), metaLayout, layoutSharded, len(shards), o.Partitions))
	for _, q := range ddl {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", strings.Join(strings.Fields(q)[:3], " "), err)
		}
	}
	return tx.Commit(ctx)
}

// createPartitions creates the partitions of shard k of n in its
// database: one schema each, with the store's layout.
func createPartitions(ctx context.Context, sc *pgx.ConnConfig, schema string, scheme wiretrace.Scheme, all []migration, k, n, partitions int) error {
	conn, err := pgx.ConnectConfig(ctx, sc)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for r := k; r < partitions; r += n {
		part := partitionSchema(schema, r)
		stmts := []string{"CREATE SCHEMA " + quoteIdent(part), "SET LOCAL search_path = " + quoteIdent(part)}
		for _, m := range all {
			if !coordinatorMigrations[m.version] {
				stmts = append(stmts, m.sql)
			}
		}
		stmts = append(stmts,
			fmt.Sprintf("INSERT INTO meta (key, value) VALUES ('%s', '%d'), ('%s', %s), ('%s', 'partition %d of %d')",
				metaFormat, len(all), metaScheme, quoteLiteral(scheme.Name), metaLayout, r, partitions),
			// The size of the partition's big tables, for the
			// coordinator's sizes view: postgres_fdw's sessions search
			// pg_catalog only, so the schema is named.
			fmt.Sprintf(`CREATE VIEW partition_sizes AS
				SELECT coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname IN ('articles', 'appearances')), 0)::bigint AS text_bytes,
				       coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname IN ('ids', 'texts', 'postings', 'bylines')), 0)::bigint AS index_bytes
				FROM pg_class c WHERE c.relnamespace = %s::regnamespace AND c.relkind = 'r'`, quoteLiteral(quoteIdent(part))))
		for _, q := range stmts {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("partition %d: %s: %w", r, strings.Join(strings.Fields(q)[:2], " "), err)
			}
		}
	}
	return tx.Commit(ctx)
}

// columns returns the column definitions of table in schema, as CREATE
// TABLE takes them: name, type, collation, NOT NULL.
func columns(ctx context.Context, tx pgx.Tx, schema, table string) ([]string, error) {
	rows, err := tx.Query(ctx, `
		SELECT format('%I %s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
		              CASE WHEN co.collname IS NOT NULL AND co.collname <> 'default' THEN format(' COLLATE %I', co.collname) ELSE '' END,
		              CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END)
		FROM pg_attribute a
		LEFT JOIN pg_collation co ON co.oid = a.attcollation
		WHERE a.attrelid = format('%I.%I', $1::text, $2::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`, schema, table)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// serverName is the coordinator's name for shard k of the store in
// schema; partitionSchema the schema of partition r on its shard.
func serverName(schema string, k int) string      { return fmt.Sprintf("%s_shard%d", schema, k) }
func partitionSchema(schema string, r int) string { return fmt.Sprintf("%s_p%d", schema, r) }

// serverOptions are the options of a shard's foreign server. Inserts go
// in batches and scans fetch many rows at once, scans of several shards
// run at once (async_capable), and a commit reaches the shards at once
// (parallel_commit).
func serverOptions(c *pgconn.Config) string {
	opts := []string{
		"host " + quoteLiteral(c.Host),
		"port " + quoteLiteral(strconv.Itoa(int(c.Port))),
		"dbname " + quoteLiteral(c.Database),
		"batch_size '1000'",
		"fetch_size '1000'",
		"async_capable 'true'",
		"parallel_commit 'true'",
	}
	return strings.Join(opts, ", ")
}

func userOptions(c *pgconn.Config) string {
	opts := []string{"user " + quoteLiteral(c.User)}
	if c.Password != "" {
		opts = append(opts, "password "+quoteLiteral(c.Password))
	}
	return strings.Join(opts, ", ")
}

// quoteLiteral quotes an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// Drop deletes the store at location with everything in it: its schema,
// and for a sharded store its foreign servers and, on each of shards,
// its partitions. It is for tests, benchmarks and stores given up on;
// nothing asks for confirmation.
func Drop(location string, shards []string) error {
	if err := drop(context.Background(), location, shards); err != nil {
		return fmt.Errorf("drop store %s: %w", Redact(location), err)
	}
	return nil
}

func drop(ctx context.Context, location string, shards []string) error {
	pc, schema, err := poolConfig(location)
	if err != nil {
		return err
	}
	conn, err := pgx.ConnectConfig(ctx, pc.ConnConfig)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+quoteIdent(schema)+" CASCADE"); err != nil {
		return err
	}
	err = dropEach(ctx, conn, "DROP SERVER IF EXISTS", `SELECT srvname FROM pg_foreign_server WHERE srvname LIKE $1`, strings.ReplaceAll(schema, "_", `\_`)+`\_shard%`)
	if err != nil {
		return err
	}
	for k, u := range shards {
		if err := dropPartitions(ctx, u, schema); err != nil {
			return fmt.Errorf("shard %d: %w", k, err)
		}
	}
	return nil
}

func dropPartitions(ctx context.Context, location, schema string) error {
	conn, err := pgx.Connect(ctx, location)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return dropEach(ctx, conn, "DROP SCHEMA", `SELECT nspname FROM pg_namespace WHERE nspname ~ $1`, "^"+schema+`_p[0-9]+$`)
}

// dropEach drops, with the statement drop ("DROP SCHEMA"), each object the
// query (of one argument, arg) names, and what it holds.
func dropEach(ctx context.Context, conn *pgx.Conn, drop, query, arg string) error {
	rows, err := conn.Query(ctx, query, arg)
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := conn.Exec(ctx, drop+" "+quoteIdent(n)+" CASCADE"); err != nil {
			return err
		}
	}
	return nil
}

// ServerPIDs returns the process IDs of the server that location's
// database lives on, where it runs on this machine: the processes
// pg_stat_activity lists (client backends, the checkpointer, the writers)
// and their parent, the postmaster. The benchmark adds up their memory.
// Seeing other users' processes takes pg_read_all_stats or a superuser.
func ServerPIDs(location string) ([]int, error) {
	pc, _, err := poolConfig(location)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	conn, err := pgx.ConnectConfig(ctx, pc.ConnConfig)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil || len(pids) == 0 {
		return pids, err
	}
	// The fourth field of /proc/PID/stat, after the command in
	// parentheses, is the parent's PID.
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pids[0]))
	if err != nil {
		return pids, nil // another machine: the caller measures nothing
	}
	if _, rest, ok := strings.Cut(string(b), ") "); ok {
		if f := strings.Fields(rest); len(f) > 1 {
			if ppid, err := strconv.Atoi(f[1]); err == nil {
				pids = append(pids, ppid)
			}
		}
	}
	return pids, nil
}
