package backend

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/pgtest"
	"github.com/wiretrace/wiretrace/pebble"
	"github.com/wiretrace/wiretrace/postgres"
)

func TestOpenPicksTheBackend(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	if _, err := Open(dir, Existing, Options{}); !errors.Is(err, wiretrace.ErrNoStore) {
		t.Fatalf("Open(Existing) of no directory = %v, want ErrNoStore", err)
	}
	s, err := Open(dir, Create, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*pebble.Store); !ok {
		t.Errorf("a directory opened a %T", s)
	}
	s.Close()
	for _, loc := range []string{"mysql://h/db", "s3://bucket/x"} {
		if _, err := Open(loc, Create, Options{}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Open(%s) = %v, want ErrUnsupported", loc, err)
		}
	}
}

func TestOpenPostgres(t *testing.T) {
	loc := pgtest.Store(t)
	for _, mode := range []Mode{Existing, ReadOnly} {
		if _, err := Open(loc, mode, Options{}); !errors.Is(err, wiretrace.ErrNoStore) {
			t.Fatalf("Open(mode %d) of an empty schema = %v, want ErrNoStore", mode, err)
		}
	}
	s, err := Open(loc, Create, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.(*postgres.Store); !ok {
		t.Errorf("a postgres:// URL opened a %T", s)
	}
}

func TestDisplayHidesPasswords(t *testing.T) {
	got := Display("postgres://reader:hunter2@db.internal/news?schema=wire")
	if strings.Contains(got, "hunter2") || !strings.Contains(got, "db.internal/news") {
		t.Errorf("Display = %q", got)
	}
	_, err := Open("postgres://reader:hunter2@/news?host=/nonexistent&connect_timeout=1", Existing, Options{})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error of a failed open: %v", err)
	}
	_, err = Repair(context.Background(), "postgres://reader:hunter2@db.internal/news", nil)
	if !errors.Is(err, ErrUnsupported) || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("Repair of a PostgreSQL store = %v, want ErrUnsupported without the password", err)
	}
	if got := Display("/var/lib/wiretrace/db"); got != "/var/lib/wiretrace/db" {
		t.Errorf("Display of a directory = %q", got)
	}
}
