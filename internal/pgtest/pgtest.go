// Package pgtest gives tests the PostgreSQL databases they need: a
// throwaway schema in the database named by $WIRETRACE_TEST_POSTGRES, and
// the shard servers named by $WIRETRACE_TEST_POSTGRES_SHARDS. A test that
// needs one skips, saying which variable to set, when it is not set:
// go test ./... needs no server. .ci/run starts the servers and sets both.
//
// It is for tests only and knows nothing of the store's layout.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// The environment variables that switch the PostgreSQL tests on.
const (
	// EnvURL is a postgres:// URL of a database in which the tests may
	// create and drop schemas.
	EnvURL = "WIRETRACE_TEST_POSTGRES"
	// EnvShards is a comma-separated list of postgres:// URLs of other
	// servers' databases, for the sharded layout's tests; the server of
	// EnvURL must reach them (postgres_fdw).
	EnvShards = "WIRETRACE_TEST_POSTGRES_SHARDS"
)

// URL returns the test database's URL, or skips the test.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		t.Skipf("needs a PostgreSQL database: set %s to a postgres:// URL of one the tests may create schemas in (scripts/postgres.sh starts a throwaway server; .ci/run does)", EnvURL)
	}
	return u
}

// Shards returns the shard servers' URLs, or skips the test.
func Shards(t testing.TB) []string {
	t.Helper()
	URL(t)
	s := os.Getenv(EnvShards)
	if s == "" {
		t.Skipf("needs PostgreSQL shard servers: set %s to postgres:// URLs, comma-separated, of databases on servers the one of %s reaches (.ci/run starts two)", EnvShards, EnvURL)
	}
	return strings.Split(s, ",")
}

// WithSchema returns the store URL of schema in the database at base.
func WithSchema(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	q := u.Query()
	q.Set("schema", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Schema returns the name of a schema nothing uses yet in the database at
// base, and drops it, with what it holds, when the test ends.
func Schema(t testing.TB, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() { Exec(t, base, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`) })
	return schema
}

// Store returns the URL of a new store's schema in the test database.
func Store(t testing.TB) string {
	t.Helper()
	base := URL(t)
	return WithSchema(t, base, Schema(t, base))
}

// Exec runs sql in the database at base on a connection of its own.
func Exec(t testing.TB, base, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", strings.Fields(sql)[0], err)
	}
}
