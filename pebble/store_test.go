package pebble

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

var update = flag.Bool("update", false, "rewrite the format fixture of the current version, testdata/v6")

func openTest(t *testing.T, dir string, opts ...Option) *Store {
	t.Helper()
	s, err := openScheme(dir, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	for _, flush := range []int{defaultFlushPostings, 3} {
		t.Run(fmt.Sprintf("flush%d", flush), func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) func(wiretrace.Scheme) (wiretrace.Store, error) {
				dir := t.TempDir()
				var last wiretrace.Scheme
				t.Cleanup(func() {
					// Every test of the suite leaves a consistent store.
					s, err := Open(dir, last, MustExist())
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
					s, err := Open(dir, scheme, withFlushPostings(flush))
					if err == nil {
						last = scheme
					}
					return s, err
				}
			})
		})
	}
}

// withFlushPostings sets how many buffered postings make the store write
// them, so that tests cross the flush with few articles.
func withFlushPostings(n int) Option { return func(c *config) { c.flushPostings = n } }

// verify runs Verify and turns its problems into an error.
func verify(s *Store) error {
	v, err := s.Verify(context.Background())
	if err != nil {
		return err
	}
	if len(v.Problems) > 0 {
		return fmt.Errorf("%d problems: %s", len(v.Problems), strings.Join(v.Problems, "; "))
	}
	return nil
}

// dump lists every key and value.
func (s *Store) dump() ([][2][]byte, error) { return dumpDB(s.db) }

// dumpDB lists every key and value of db.
func dumpDB(db *pebbledb.DB) ([][2][]byte, error) {
	it, err := db.NewIter(nil)
	if err != nil {
		return nil, err
	}
	var kvs [][2][]byte
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.ValueAndErr()
		if err != nil {
			return nil, errors.Join(err, it.Close())
		}
		kvs = append(kvs, [2][]byte{bytes.Clone(it.Key()), bytes.Clone(v)})
	}
	return kvs, it.Close()
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := openScheme(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b", "c"} {
		if _, err := add(s, wiretrace.Article{ID: id, Text: "text " + id}, 1); err != nil {
			t.Fatal(err)
		}
	}
	// Removing the newest article frees the highest doc number.
	if err := s.Remove(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openTest(t, dir)
	// New articles must not reuse the doc numbers of stored ones.
	for _, id := range []string{"d", "e"} {
		if _, err := add(s, wiretrace.Article{ID: id, Text: "text " + id}, 1); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"a", "b", "d", "e"} {
		a, err := s.Get(ctx, id)
		if err != nil || a.Text != "text "+id {
			t.Errorf("Get(%s) = %+v, %v", id, a, err)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 4 {
		t.Errorf("Stats = %+v, %v; want 4 articles", st, err)
	}
	got, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1}, Limit: 10, MaxPostings: 10})
	if err != nil || len(got) != 4 {
		t.Errorf("Candidates = %+v, %v; want 4", got, err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
}

func TestFormatVersionMismatch(t *testing.T) {
	dir := t.TempDir()
	s, err := openScheme(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Set(keyFormat, binary.AppendUvarint(nil, formatVersion+1), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = openScheme(dir)
	if !errors.Is(err, wiretrace.ErrFormatVersion) {
		t.Fatalf("Open of a version %d store = %v, want ErrFormatVersion", formatVersion+1, err)
	}
	if s != nil {
		t.Fatal("Open returned a store with its error")
	}
	// The refused store was closed: it can be opened again (and refused
	// again) in the same process.
	if _, err := openScheme(dir); !errors.Is(err, wiretrace.ErrFormatVersion) {
		t.Fatalf("second Open = %v, want ErrFormatVersion", err)
	}
}

func TestOpenForeignKeys(t *testing.T) {
	dir := t.TempDir()
	s, err := openScheme(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A pebble store with keys but without the format key is not ours.
	if err := s.db.Delete(keyFormat, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := openScheme(dir); !errors.Is(err, wiretrace.ErrFormatVersion) {
		t.Fatalf("Open = %v, want ErrFormatVersion", err)
	}
}

func TestOpenCreatesDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	openTest(t, dir)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("Stat(%s) = %v, %v", dir, fi, err)
	}
}

func TestOpenRefusesOtherDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := openScheme(dir); err == nil {
		s.Close()
		t.Fatal("Open made a store in a directory of other files")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("Open left %d files in the directory, want only the one there", len(entries))
	}
}

func TestOpenTwice(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir)
	if s, err := openScheme(dir); err == nil {
		s.Close()
		t.Fatal("a second Open of a store in use succeeded")
	}
}

func TestCorruptRecord(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	if _, err := add(s, wiretrace.Article{ID: "a", Text: "text"}, 7); err != nil {
		t.Fatal(err)
	}
	// A record whose text length runs past its end.
	bad := binary.AppendUvarint(nil, 1)
	bad = append(bad, 'a', 0, 0, 0, 0, 200)
	if err := s.db.Set(articleKey(nil, 0), bad, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "a"); !errors.Is(err, errCorrupt) {
		t.Errorf("Get = %v, want a corrupt-store error", err)
	}
	if _, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{7}, Limit: 10, MaxPostings: 10}); !errors.Is(err, errCorrupt) {
		t.Errorf("Candidates = %v, want a corrupt-store error", err)
	}
	if err := s.Remove(ctx, "a"); !errors.Is(err, errCorrupt) {
		t.Errorf("Remove = %v, want a corrupt-store error", err)
	}
	if _, err := add(s, wiretrace.Article{ID: "b", Text: "text"}); !errors.Is(err, errCorrupt) {
		t.Errorf("Add of the same text = %v, want a corrupt-store error", err)
	}
}

func TestClosed(t *testing.T) {
	ctx := context.Background()
	s, err := openScheme(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	_, err = add(s, wiretrace.Article{ID: "a", Text: "a"})
	for name, err := range map[string]error{
		"Add":    err,
		"Get":    second(s.Get(ctx, "a")),
		"Remove": s.Remove(ctx, "a"),
		"Cands":  second(s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1}, Limit: 1, MaxPostings: 1})),
		"Stats":  second(s.Stats(ctx)),
		"Sync":   s.Sync(),
	} {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close = %v, want ErrClosed", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestQuiet checks that pebble's flushes and compactions print nothing
// unless a logger is given, and go to that logger when one is.
func TestQuiet(t *testing.T) {
	var std bytes.Buffer
	log.SetOutput(&std)
	defer log.SetOutput(os.Stderr)
	churn := func(s *Store) {
		for i := range 50 {
			a, fps := genArticle(i, benchID(i))
			if _, err := add(s, a, fps...); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.db.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := s.db.Compact(context.Background(), []byte{0}, []byte{0xff}, false); err != nil {
			t.Fatal(err)
		}
	}

	s := openTest(t, t.TempDir())
	churn(s)
	if std.Len() > 0 {
		t.Errorf("pebble wrote to the standard logger:\n%s", std.String())
	}

	var logged bytes.Buffer
	l := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := openScheme(t.TempDir(), WithLogger(l))
	if err != nil {
		t.Fatal(err)
	}
	churn(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logged.String(), "flush") {
		t.Errorf("the given logger got no flush message:\n%s", logged.String())
	}
	if std.Len() > 0 {
		t.Errorf("pebble wrote to the standard logger:\n%s", std.String())
	}
}

func TestCandidatesTopHits(t *testing.T) {
	// Many articles tie at the cut: every tied one must be resolved so the
	// first stored win, whatever their IDs.
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	for i := 99; i >= 0; i-- {
		fps := []wiretrace.Fingerprint{1, wiretrace.Fingerprint(1000 + i)}
		if i%10 == 0 {
			fps = append(fps, 2)
		}
		if _, err := add(s, wiretrace.Article{ID: fmt.Sprintf("%03d", i), Text: fmt.Sprint(i)}, fps...); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{1, 2}, Limit: 13})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range got {
		ids = append(ids, c.Article.ID)
	}
	want := []string{"090", "080", "070", "060", "050", "040", "030", "020", "010", "000", "099", "098", "097"}
	if !slices.Equal(ids, want) {
		t.Errorf("Candidates = %v, want %v", ids, want)
	}
}

// TestPostingsBuffered crosses posting flushes while reading: every
// article is a candidate of its fingerprints whether its postings are
// buffered, being written or written, and a crash (a store not closed)
// loses none of them.
func TestPostingsBuffered(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := openScheme(dir, withFlushPostings(500))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 100)
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			// Every stored article of story 0 holds its pool: a reader
			// must never see an article twice or a count above 150.
			got, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: genFingerprintsFor(3), Limit: 1000})
			if err != nil {
				errs <- err
				return
			}
			seen := map[string]bool{}
			for _, c := range got {
				if seen[c.Article.ID] || c.Shared > genFingerprints {
					errs <- fmt.Errorf("candidate %s seen twice or with %d shared", c.Article.ID, c.Shared)
					return
				}
				seen[c.Article.ID] = true
			}
		}
	})
	const n = 62 // not a multiple of the articles a flush takes
	for i := range n {
		a, fps := genArticle(i, benchID(i))
		if _, err := add(s, a, fps...); err != nil {
			t.Fatal(err)
		}
		if i == 30 {
			if err := s.Remove(ctx, benchID(3)); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
	check := func(s *Store) {
		t.Helper()
		for i := range n {
			got, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: genFingerprintsFor(i), Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case i == 3:
				if len(got) > 0 && got[0].Article.ID == benchID(3) {
					t.Errorf("removed article 3 is still a candidate")
				}
			case len(got) != 1 || got[0].Article.ID != benchID(i) || got[0].Shared != genFingerprints:
				t.Errorf("article %d: candidates %+v", i, got)
			}
		}
	}
	check(s)
	// Postings still buffered when the process dies are remade from the
	// texts on the next open.
	s.bufMu.RLock()
	buffered := s.pending.len()
	s.bufMu.RUnlock()
	if buffered == 0 {
		t.Fatal("no postings buffered at the end: the test crosses no crash")
	}
	if err := errors.Join(s.db.Close(), s.lock.Close()); err != nil { // not Close: the buffer is lost
		t.Fatal(err)
	}
	s = openTest(t, dir)
	check(s)
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

func TestCompact(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	for i := range 200 {
		id := fmt.Sprintf("c%03d", i)
		if _, err := add(s, wiretrace.Article{ID: id, Text: "compacted text " + id}, 7, wiretrace.Fingerprint(i+100)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Remove(ctx, "c010"); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx); err != nil {
		t.Fatalf("Compact: %v", err)
	}
	if a, err := s.Get(ctx, "c150"); err != nil || a.Text != "compacted text c150" {
		t.Fatalf("after Compact, Get = %+v, %v", a, err)
	}
	got, err := s.Candidates(ctx, wiretrace.CandidateQuery{Fingerprints: []wiretrace.Fingerprint{7}, Limit: 500, MaxPostings: 1000})
	if err != nil || len(got) != 199 {
		t.Fatalf("after Compact, %d candidates, %v; want 199", len(got), err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
	// The load was the whole store: level 0, where the last flush went,
	// is compacted down.
	if n := s.db.Metrics().Levels[0].TablesCount; n != 0 {
		t.Errorf("after Compact of a load that made the store, %d tables in level 0, want 0", n)
	}
	// A load of less than a quarter of the store leaves its flush there,
	// for Pebble to compact when it would.
	for i := range 20 {
		id := fmt.Sprintf("d%03d", i)
		if _, err := add(s, wiretrace.Article{ID: id, Text: "later text " + id}, 8, wiretrace.Fingerprint(i+400)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Compact(ctx); err != nil {
		t.Fatalf("Compact: %v", err)
	}
	if n := s.db.Metrics().Levels[0].TablesCount; n == 0 {
		t.Error("after Compact of a small load into a larger store, no table in level 0: it was compacted down")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("Compact after Close: %v, want ErrClosed", err)
	}
}
