package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

// EnvTestURL names the database the tests use: a postgres:// URL of a
// database in which they may create and drop schemas. .ci/run starts a
// throwaway server and sets it.
const EnvTestURL = "WIRETRACE_TEST_POSTGRES"

// testURL returns the test database's URL, or skips the test.
func testURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvTestURL)
	if u == "" {
		t.Skipf("needs a PostgreSQL database: set %s to a postgres:// URL of one the tests may create schemas in (scripts/postgres.sh starts a throwaway server)", EnvTestURL)
	}
	return u
}

// withSchema returns the store URL of schema in the database at base.
func withSchema(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvTestURL, err)
	}
	q := u.Query()
	q.Set("schema", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// freshSchema returns the name of a schema no store uses yet, and drops
// it when the test ends.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() { dropSchema(t, base, schema) })
	return schema
}

func dropSchema(t testing.TB, base, schema string) {
	t.Helper()
	execSQL(t, base, `DROP SCHEMA IF EXISTS `+quoteIdent(schema)+` CASCADE`)
}

// execSQL runs sql in the database at base on a connection of its own.
func execSQL(t testing.TB, base, sql string, args ...any) {
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

// freshStore returns the URL of a new store's schema in the test
// database.
func freshStore(t testing.TB) string {
	base := testURL(t)
	return withSchema(t, base, freshSchema(t, base))
}

// verify runs Verify and turns its problems into an error.
func verify(s *Store) error {
	v, err := s.Verify(context.Background())
	if err != nil {
		return err
	}
	if len(v.Problems) > 0 {
		return errors.New(strings.Join(v.Problems, "\n"))
	}
	return nil
}

func TestStore(t *testing.T) {
	base := testURL(t)
	storetest.Run(t, func(t *testing.T) func(wiretrace.Scheme) (wiretrace.Store, error) {
		loc := withSchema(t, base, freshSchema(t, base))
		var last wiretrace.Scheme
		t.Cleanup(func() {
			// Every test of the suite leaves a consistent store.
			s, err := Open(loc, last, MustExist())
			if err != nil {
				if !errors.Is(err, wiretrace.ErrNoStore) {
					t.Errorf("reopen to verify: %v", err)
				}
				return
			}
			defer s.Close()
			if err := verify(s); err != nil {
				t.Errorf("store inconsistent after the test: %v", err)
			}
		})
		return func(scheme wiretrace.Scheme) (wiretrace.Store, error) {
			s, err := Open(loc, scheme)
			if err == nil {
				last = scheme
			}
			return s, err
		}
	})
}
