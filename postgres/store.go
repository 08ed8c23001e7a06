package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/wiretrace/wiretrace"
)

// DefaultSchema is the schema of a store whose URL names none.
const DefaultSchema = "wiretrace"

// Option changes how Open opens a store.
type Option func(*config)

type config struct {
	logger    *slog.Logger
	mustExist bool
	// connectTimeout bounds Open's connecting and checking.
	connectTimeout time.Duration
}

// WithLogger sends the store's own messages (migrations applied, adds run
// again after a race) to l. Without it they are discarded.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// MustExist makes Open fail with wiretrace.ErrNoStore instead of creating
// a store where there is none.
func MustExist() Option { return func(c *config) { c.mustExist = true } }

// Store is a wiretrace.Store in a PostgreSQL schema. It is safe for
// concurrent use, and any number of Stores, in any number of processes,
// may use one schema at once.
type Store struct {
	pool   *pgxpool.Pool
	schema string
	scheme wiretrace.Scheme
	log    *slog.Logger
	// sharded is true for a store whose big tables are foreign
	// partitions (Shard).
	sharded bool

	// closeMu is held for reading by every operation and for writing by
	// Close, so that Close waits for operations in flight and none starts
	// after.
	closeMu sync.RWMutex
	closed  bool
}

var (
	_ wiretrace.Store     = (*Store)(nil)
	_ wiretrace.Verifier  = (*Store)(nil)
	_ wiretrace.Compacter = (*Store)(nil)
)

// IsLocation reports whether location names a PostgreSQL store: a
// postgres:// or postgresql:// URL.
func IsLocation(location string) bool {
	scheme, _, ok := strings.Cut(location, "://")
	return ok && (scheme == "postgres" || scheme == "postgresql")
}

// Redact returns location without its password, to be shown in messages.
func Redact(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// schemaName is what a schema parameter may hold: an SQL identifier that
// needs no quoting, so that it reads the same in psql as in the URL.
var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Open opens the store at location, a postgres:// URL, built with scheme,
// creating its schema and tables if needed (unless MustExist). It refuses
// a schema that holds other tables, a store of a newer format
// (wiretrace.ErrFormatVersion) and one built with another fingerprint
// scheme (wiretrace.ErrScheme), and applies the migrations an older store
// lacks. Errors name the location without its password.
func Open(location string, scheme wiretrace.Scheme, opts ...Option) (*Store, error) {
	s, err := open(location, scheme, opts)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", Redact(location), err)
	}
	return s, nil
}

func open(location string, scheme wiretrace.Scheme, opts []Option) (*Store, error) {
	cfg := config{connectTimeout: 30 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	if scheme.Name == "" || scheme.Fingerprints == nil {
		return nil, errors.New("no fingerprint scheme given")
	}
	pc, schema, err := poolConfig(location)
	if err != nil {
		return nil, err
	}
	log := cfg.logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.connectTimeout)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, err
	}
	s := &Store{pool: pool, schema: schema, scheme: scheme, log: log}
	if err := s.load(ctx, cfg.mustExist); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// poolConfig parses a store URL into the driver's configuration and the
// store's schema.
func poolConfig(location string) (*pgxpool.Config, string, error) {
	if !IsLocation(location) {
		return nil, "", fmt.Errorf("not a postgres:// URL")
	}
	pc, err := pgxpool.ParseConfig(location)
	if err != nil {
		// The driver's message quotes the URL, password included.
		var pe *pgconn.ParseConfigError
		if errors.As(err, &pe) && pe.Unwrap() != nil {
			return nil, "", fmt.Errorf("bad URL: %w", pe.Unwrap())
		}
		return nil, "", errors.New("bad URL")
	}
	params := pc.ConnConfig.RuntimeParams
	schema := params["schema"]
	delete(params, "schema")
	if schema == "" {
		schema = DefaultSchema
	}
	if !schemaName.MatchString(schema) {
		return nil, "", fmt.Errorf("schema %q: want lower-case letters, digits and _, not starting with a digit", schema)
	}
	// Every statement names its tables unqualified: the store is the
	// schema the connection searches.
	params["search_path"] = schema
	// Times go to the driver as instants; UTC keeps what the server
	// prints (JSON of appearances) in the form the store parses.
	params["timezone"] = "UTC"
	// A sharded store's tables are partitioned: counts, minima and joins
	// of co-located tables are then worked out by each partition's
	// server. Stores of one server have no partitioned tables.
	params["plan_cache_mode"] = "force_custom_plan"
	params["enable_partitionwise_aggregate"] = "on"
	params["enable_partitionwise_join"] = "on"
	if params["application_name"] == "" {
		params["application_name"] = "wiretrace"
	}
	return pc, schema, nil
}

// enter starts an operation; the caller must call s.closeMu.RUnlock when
// it returns nil.
func (s *Store) enter() error {
	s.closeMu.RLock()
	if s.closed {
		s.closeMu.RUnlock()
		return wiretrace.ErrClosed
	}
	return nil
}

// Stats returns the article count, kept per site in the store, the size
// of the store's tables with their indexes, and its time ranges, read
// from the time indexes.
func (s *Store) Stats(ctx context.Context) (wiretrace.Stats, error) {
	st, err := s.stats(ctx)
	if err != nil {
		return wiretrace.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

func (s *Store) stats(ctx context.Context) (wiretrace.Stats, error) {
	if err := ctx.Err(); err != nil {
		return wiretrace.Stats{}, err
	}
	if err := s.enter(); err != nil {
		return wiretrace.Stats{}, err
	}
	defer s.closeMu.RUnlock()
	st := wiretrace.Stats{Scheme: s.scheme.Name, Format: FormatVersion}
	var fsMin, fsMax, pMin, pMax *time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT (SELECT coalesce(sum(articles), 0)::bigint FROM sites),
		       text_bytes, index_bytes,
		       (SELECT min(first_seen) FROM articles WHERE first_seen IS NOT NULL),
		       (SELECT max(first_seen) FROM articles WHERE first_seen IS NOT NULL),
		       (SELECT min(published) FROM articles WHERE published IS NOT NULL),
		       (SELECT max(published) FROM articles WHERE published IS NOT NULL)
		FROM sizes`).Scan(&st.Articles, &st.TextBytes, &st.IndexBytes, &fsMin, &fsMax, &pMin, &pMax)
	if err != nil {
		return wiretrace.Stats{}, err
	}
	st.Bytes = st.TextBytes + st.IndexBytes
	st.FirstSeenMin, st.FirstSeenMax = utc(fsMin), utc(fsMax)
	st.PublishedMin, st.PublishedMax = utc(pMin), utc(pMax)
	return st, nil
}

// utc returns *t in UTC, or the zero time for nil.
func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// Sync returns once every acknowledged write is durable: at once, since
// an Add is acknowledged after its commit, which is as durable as the
// server's synchronous_commit makes it (on, by default: flushed to the
// server's disk).
func (s *Store) Sync() error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	s.closeMu.RUnlock()
	return nil
}

// Compact has the server vacuum and analyse the store's tables after a
// bulk load: the postings' visibility map lets checks read them from the
// index alone, and fresh statistics keep the planner on the indexes.
// Tables on other servers (foreign partitions) are left to those
// servers' autovacuum.
func (s *Store) Compact(ctx context.Context) error {
	if err := s.enter(); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	defer s.closeMu.RUnlock()
	tables := "articles, appearances, ids, texts, postings, bylines, sites, notes"
	if s.sharded {
		tables = "sites, notes"
	}
	if _, err := s.pool.Exec(ctx, "VACUUM (ANALYZE) "+tables); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	return nil
}

// Close waits for the operations in flight and closes the store's
// connections. Later calls return ErrClosed; closing twice returns nil.
func (s *Store) Close() error {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.pool.Close()
	return nil
}

// retryable reports whether err is a failure that running the same
// transaction again may not meet: a unique or foreign key violation from
// a race with another writer, a deadlock or a serialization failure.
func retryable(err error) bool {
	if errors.Is(err, errRaced) {
		return true
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "23505", "23503", "40P01", "40001":
		return true
	}
	return false
}

// maxAttempts bounds how often a write runs again after races. Each
// attempt after a race sees the winner's rows, so a second attempt
// nearly always succeeds; many in a row mean something else is wrong.
const maxAttempts = 20

// retry runs fn until it succeeds, fails with an error that is not
// retryable, or has run maxAttempts times, waiting a little longer after
// each race.
func (s *Store) retry(ctx context.Context, what string, fn func() error) error {
	var err error
	for attempt := range maxAttempts {
		if err = fn(); err == nil || !retryable(err) {
			return err
		}
		s.log.Debug("write ran into another writer; running it again", "what", what, "attempt", attempt+1, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * time.Millisecond):
		}
	}
	return fmt.Errorf("%s: still racing after %d attempts: %w", what, maxAttempts, err)
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(name string) string { return pgx.Identifier{name}.Sanitize() }
