// Package backend opens the store a location names: a directory holds the
// embedded store (package pebble); a postgres:// or postgresql:// URL names
// a PostgreSQL store (package postgres), a schema in a database that many
// processes share. It is the one place that knows every backend, so that
// the command line and the server open stores the same way.
//
// It opens stores with the fingerprint scheme of this build
// (fingerprint.Scheme): a store built with another is refused.
package backend

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/pebble"
	"github.com/wiretrace/wiretrace/postgres"
)

// Mode says whether Open may create a store.
type Mode int

const (
	// Create opens the store, creating an empty one where there is none:
	// for commands that write.
	Create Mode = iota
	// Existing opens the store and fails with wiretrace.ErrNoStore where
	// there is none: so that a mistyped location is an error, not an empty
	// store that answers "no sources".
	Existing
	// ReadOnly is Existing for commands that only read: the store writes
	// nothing, so that it opens on a full disk too.
	ReadOnly
)

// Options tune Open.
type Options struct {
	// Logger receives the backend's own messages; nil discards them.
	Logger *slog.Logger
	// CacheBytes bounds the embedded store's read cache; 0 is its
	// default. A PostgreSQL store's cache is the server's.
	CacheBytes int64
}

// EnvDB is the environment variable naming the default store.
const EnvDB = "WIRETRACE_DB"

// DefaultLocation is the store used when none is named: $WIRETRACE_DB, else
// $XDG_DATA_HOME/wiretrace/db, else ~/.local/share/wiretrace/db.
func DefaultLocation() string {
	if d := os.Getenv(EnvDB); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "wiretrace", "db")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "wiretrace", "db")
	}
	return "wiretrace.db"
}

// ErrUnsupported: the location names a kind of store this build cannot
// open.
var ErrUnsupported = errors.New("unsupported store location")

// Display returns location as messages may show it: a URL without its
// password.
func Display(location string) string {
	if postgres.IsLocation(location) {
		return postgres.Redact(location)
	}
	return location
}

// Open opens the store at location. Its errors wrap wiretrace.ErrNoStore,
// ErrLocked, ErrScheme, ErrFormatVersion or ErrUnsupported where those
// apply, and name the location (without a password).
func Open(location string, mode Mode, o Options) (wiretrace.Store, error) {
	if location == "" {
		return nil, fmt.Errorf("no store location given: %w", wiretrace.ErrNoStore)
	}
	if postgres.IsLocation(location) {
		var opts []postgres.Option
		if mode == Existing || mode == ReadOnly {
			// A PostgreSQL store has no read-only mode of its own: the
			// server's disk is not the reader's.
			opts = append(opts, postgres.MustExist())
		}
		if o.Logger != nil {
			opts = append(opts, postgres.WithLogger(o.Logger))
		}
		return postgres.Open(location, fingerprint.Scheme, opts...)
	}
	if scheme, _, ok := strings.Cut(location, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		return nil, fmt.Errorf("store %s: %q stores: %w", location, scheme, ErrUnsupported)
	}
	var opts []pebble.Option
	switch mode {
	case Existing:
		opts = append(opts, pebble.MustExist())
	case ReadOnly:
		opts = append(opts, pebble.ReadOnly())
	}
	if o.Logger != nil {
		opts = append(opts, pebble.WithLogger(o.Logger))
	}
	if o.CacheBytes > 0 {
		opts = append(opts, pebble.WithCacheSize(o.CacheBytes))
	}
	return pebble.Open(location, fingerprint.Scheme, opts...)
}

// Repair rebuilds the store at location from what can be read of it,
// keeping the damaged store beside the new one; see pebble.Repair. Only
// the embedded store can be repaired this way.
func Repair(ctx context.Context, location string, progress func(string)) (*pebble.RepairReport, error) {
	if scheme, _, ok := strings.Cut(location, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		return nil, fmt.Errorf("repair %s: %q stores: %w", Display(location), scheme, ErrUnsupported)
	}
	return pebble.Repair(ctx, location, fingerprint.Scheme, progress)
}
