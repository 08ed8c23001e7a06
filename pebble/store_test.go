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
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
	"github.com/zeebo/xxh3"
)

var update = flag.Bool("update", false, "rewrite the format fixture of the current version, testdata/v2")

func openTest(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
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
	storetest.Run(t, func(t *testing.T) wiretrace.Store {
		s := openTest(t, t.TempDir())
		t.Cleanup(func() {
			// Every test of the suite leaves a consistent store.
			if err := verify(s); err != nil {
				t.Errorf("store inconsistent after the test: %v", err)
			}
		})
		return s
	})
}

// verify checks every invariant of the format that ties keys together: it
// is what "no half-written article" means.
func verify(s *Store) error {
	kvs, err := s.dump()
	if err != nil {
		return err
	}
	type entry struct {
		rec   record
		found int // references found: id key, hash key, postings
	}
	articles := map[doc]*entry{}
	for _, kv := range kvs {
		k, v := kv[0], kv[1]
		if k[0] != prefixArticle {
			continue
		}
		if len(k) != articleKeySize {
			return fmt.Errorf("article key %x", k)
		}
		r, err := decodeRecord(v)
		if err != nil {
			return fmt.Errorf("article key %x: %w", k, err)
		}
		articles[doc(binary.BigEndian.Uint32(k[1:]))] = &entry{rec: r}
	}
	var count uint64
	for _, kv := range kvs {
		k, v := kv[0], kv[1]
		switch k[0] {
		case prefixArticle:
		case prefixMeta:
			if bytes.Equal(k, keyCount) {
				count, _ = binary.Uvarint(v)
			}
		case prefixID, prefixHash:
			d, err := parseDoc(v)
			if err != nil {
				return fmt.Errorf("key %q: %w", k, err)
			}
			e := articles[d]
			if e == nil {
				return fmt.Errorf("key %q names missing article %d", k, d)
			}
			if k[0] == prefixID && string(k[1:]) != string(e.rec.id) {
				return fmt.Errorf("key %q names article %d of id %q", k, d, e.rec.id)
			}
			if k[0] == prefixHash && !bytes.Equal(k, hashKey(nil, xxh3.Hash128(e.rec.text))) {
				return fmt.Errorf("hash key %x names article %d of another text", k, d)
			}
			e.found++
		case prefixPosting:
			d, err := postingDoc(k)
			if err != nil {
				return err
			}
			e := articles[d]
			if e == nil {
				return fmt.Errorf("posting %x to missing article %d", k, d)
			}
			fp := wiretrace.Fingerprint(binary.BigEndian.Uint64(k[1:]))
			if !hasFingerprint(&e.rec, fp) {
				return fmt.Errorf("posting %x: article %d lacks the fingerprint", k, d)
			}
			e.found++
		case prefixByline:
			name, d, err := bylineDoc(k)
			if err != nil {
				return err
			}
			e := articles[d]
			if e == nil {
				return fmt.Errorf("byline posting %q to missing article %d", k, d)
			}
			if !slices.Contains(e.rec.bylineKeys(), name) {
				return fmt.Errorf("byline posting %q: article %d lacks the name", k, d)
			}
			if !bytes.Equal(v, e.rec.site) {
				return fmt.Errorf("byline posting %q holds site %q, article %d has %q", k, v, d, e.rec.site)
			}
			e.found++
		default:
			return fmt.Errorf("unknown key %x", k)
		}
	}
	for d, e := range articles {
		if want := 2 + e.rec.numFingerprints() + len(e.rec.bylineKeys()); e.found != want {
			return fmt.Errorf("article %d (%q) has %d of its %d keys", d, e.rec.id, e.found, want)
		}
	}
	if count != uint64(len(articles)) {
		return fmt.Errorf("count key says %d articles, store has %d", count, len(articles))
	}
	if n := s.count.Load(); n != int64(count) {
		return fmt.Errorf("Store.count is %d, count key %d", n, count)
	}
	return nil
}

func hasFingerprint(r *record, fp wiretrace.Fingerprint) bool {
	for i := range r.numFingerprints() {
		if r.fingerprint(i) == fp {
			return true
		}
	}
	return false
}

// dump lists every key and value.
func (s *Store) dump() ([][2][]byte, error) {
	it, err := s.db.NewIter(nil)
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
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b", "c"} {
		if _, err := s.Add(ctx, wiretrace.Article{ID: id, Text: "text " + id}, []wiretrace.Fingerprint{1}); err != nil {
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
		if _, err := s.Add(ctx, wiretrace.Article{ID: id, Text: "text " + id}, []wiretrace.Fingerprint{1}); err != nil {
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
	got, err := s.Candidates(ctx, []wiretrace.Fingerprint{1}, 10, 10)
	if err != nil || len(got) != 4 {
		t.Errorf("Candidates = %+v, %v; want 4", got, err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
}

func TestFormatVersionMismatch(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Set(keyFormat, binary.AppendUvarint(nil, formatVersion+1), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if !errors.Is(err, wiretrace.ErrFormatVersion) {
		t.Fatalf("Open of a version %d store = %v, want ErrFormatVersion", formatVersion+1, err)
	}
	if s != nil {
		t.Fatal("Open returned a store with its error")
	}
	// The refused store was closed: it can be opened again (and refused
	// again) in the same process.
	if _, err := Open(dir); !errors.Is(err, wiretrace.ErrFormatVersion) {
		t.Fatalf("second Open = %v, want ErrFormatVersion", err)
	}
}

func TestOpenForeignKeys(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
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
	if _, err := Open(dir); !errors.Is(err, wiretrace.ErrFormatVersion) {
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
	if s, err := Open(dir); err == nil {
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
	if s, err := Open(dir); err == nil {
		s.Close()
		t.Fatal("a second Open of a store in use succeeded")
	}
}

func TestCorruptRecord(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	if _, err := s.Add(ctx, wiretrace.Article{ID: "a", Text: "text"}, []wiretrace.Fingerprint{7}); err != nil {
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
	if _, err := s.Candidates(ctx, []wiretrace.Fingerprint{7}, 10, 10); !errors.Is(err, errCorrupt) {
		t.Errorf("Candidates = %v, want a corrupt-store error", err)
	}
	if err := s.Remove(ctx, "a"); !errors.Is(err, errCorrupt) {
		t.Errorf("Remove = %v, want a corrupt-store error", err)
	}
	if _, err := s.Add(ctx, wiretrace.Article{ID: "b", Text: "text"}, nil); !errors.Is(err, errCorrupt) {
		t.Errorf("Add of the same text = %v, want a corrupt-store error", err)
	}
}

func TestClosed(t *testing.T) {
	ctx := context.Background()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	_, err = s.Add(ctx, wiretrace.Article{ID: "a", Text: "a"}, nil)
	for name, err := range map[string]error{
		"Add":    err,
		"Get":    second(s.Get(ctx, "a")),
		"Remove": s.Remove(ctx, "a"),
		"Cands":  second(s.Candidates(ctx, []wiretrace.Fingerprint{1}, 1, 1)),
		"Stats":  second(s.Stats(ctx)),
		"Sync":   s.Sync(),
	} {
		if !errors.Is(err, ErrClosed) {
			t.Errorf("%s after Close = %v, want ErrClosed", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestWALSyncs(t *testing.T) {
	s := openTest(t, t.TempDir())
	if n := s.fs.opened.Load(); n == 0 {
		t.Fatal("no write-ahead log file went through walFS: every Add would pay an fsync")
	}
	synced := s.fs.synced.Load()
	for i := range 10 {
		if _, err := s.Add(context.Background(), wiretrace.Article{ID: fmt.Sprint(i), Text: fmt.Sprint(i)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Each Add waited for its log write (a sync request walFS skipped),
	// and none paid for an fsync.
	if n := s.fs.skipped.Load(); n < 10 {
		t.Errorf("%d log syncs requested by 10 Adds, want at least 10", n)
	}
	if n := s.fs.synced.Load(); n != synced {
		t.Errorf("Adds fsynced the log %d times", n-synced)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if n := s.fs.synced.Load(); n == synced {
		t.Error("Sync did not fsync the log")
	}
}

// TestQuiet checks that pebble's flushes and compactions print nothing
// unless a logger is given, and go to that logger when one is.
func TestQuiet(t *testing.T) {
	var std bytes.Buffer
	log.SetOutput(&std)
	defer log.SetOutput(os.Stderr)
	churn := func(s *Store) {
		for i := range 50 {
			a, fps := genArticle(i, benchID(i))
			if _, err := s.Add(context.Background(), a, fps); err != nil {
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
	s, err := Open(t.TempDir(), WithLogger(l))
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
	// lowest IDs win, whatever their doc numbers.
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	for i := 99; i >= 0; i-- {
		fps := []wiretrace.Fingerprint{1, wiretrace.Fingerprint(1000 + i)}
		if i%10 == 0 {
			fps = append(fps, 2)
		}
		if _, err := s.Add(ctx, wiretrace.Article{ID: fmt.Sprintf("%03d", i), Text: fmt.Sprint(i)}, fps); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Candidates(ctx, []wiretrace.Fingerprint{1, 2}, 13, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	want := []string{"000", "010", "020", "030", "040", "050", "060", "070", "080", "090", "001", "002", "003"}
	if !slices.Equal(ids, want) {
		t.Errorf("Candidates = %v, want %v", ids, want)
	}
	if got, _ := s.Candidates(ctx, []wiretrace.Fingerprint{1}, 0, 0); len(got) != 0 {
		t.Errorf("Candidates with limit 0 = %v", got)
	}
}

// fixtureArticles are the content of testdata/v1, added in this order.
var fixtureArticles = []struct {
	a   wiretrace.Article
	fps []wiretrace.Fingerprint
}{
	{wiretrace.Article{
		ID: "reuters/2024-03-05/floods", URL: "https://wire.example/floods", Site: "wire.example",
		Title: "Floods hit the valley", Published: time.Date(2024, 3, 5, 13, 30, 15, 123456000, time.UTC),
		Text: "Floods hit the valley on Tuesday, forcing hundreds of residents from their homes.",
	}, []wiretrace.Fingerprint{0x0123456789abcdef, 0xfedcba9876543210, 42, 42}},
	{wiretrace.Article{
		ID: "local/floods-copy", Site: "local.example",
		Text: "Floods hit the valley on Tuesday, forcing hundreds from their homes, the agency said.",
	}, []wiretrace.Fingerprint{0x0123456789abcdef, 42, 7}},
	{wiretrace.Article{
		ID: "ελληνικά", Title: "Πλημμύρες", Published: time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC),
		Text: "Πλημμύρες χτύπησαν την κοιλάδα. 洪水 🌊",
	}, []wiretrace.Fingerprint{0, 1<<64 - 1}},
	{wiretrace.Article{ID: "removed", Text: "An article removed before the fixture was closed."},
		[]wiretrace.Fingerprint{42, 99}},
}

const fixtureRemoved = "removed"

// fixtureV2Articles are the content of testdata/v2, added in this order:
// version 1's, then articles with metadata.
var fixtureV2Articles = append(slices.Clone(fixtureArticles), []struct {
	a   wiretrace.Article
	fps []wiretrace.Fingerprint
}{
	{wiretrace.Article{
		ID: "meridian/strike", URL: "https://www.meridianwire.example/strike", Site: "meridianwire.example",
		Title: "Harbour workers strike", Byline: []string{"Dana Whitlock", "Sam Okafor"}, Language: "en",
		Canonical: "https://www.meridianwire.example/strike",
		Text:      "Harbour workers walked out on Monday over pay, the union said.",
	}, []wiretrace.Fingerprint{42, 1000}},
	{wiretrace.Article{
		ID: "farm/strike", Site: "farm.example", Byline: []string{"DANA WHITLOCK"},
		Text: "Harbour workers walked out on Monday over pay, the union said, in a move.",
	}, []wiretrace.Fingerprint{42, 1001}},
	{wiretrace.Article{ID: "removed-with-byline", Site: "gone.example", Byline: []string{"Dana Whitlock"}, Language: "de",
		Text: "Removed before the fixture was closed, with its byline."}, []wiretrace.Fingerprint{5}},
}...)

// writeFixture writes the fixture's content into s the way a user would.
func writeFixture(t *testing.T, s *Store) {
	writeFixtureOf(t, s, fixtureArticles)
}

func writeFixtureOf(t *testing.T, s *Store, articles []struct {
	a   wiretrace.Article
	fps []wiretrace.Fingerprint
}) {
	ctx := context.Background()
	for _, f := range articles {
		if _, err := s.Add(ctx, f.a, f.fps); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range articles {
		if strings.HasPrefix(f.a.ID, fixtureRemoved) {
			if err := s.Remove(ctx, f.a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// copyDir copies the regular files of src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFixtureV1 opens the committed version-1 store, written by the first
// build of the format, so that every later build keeps reading (and
// upgrading) stores written by it. Never rewrite it.
func TestFixtureV1(t *testing.T) {
	const fixture = "testdata/v1"
	ctx := context.Background()
	dir := t.TempDir()
	copyDir(t, fixture, dir)
	s := openTest(t, dir)

	for _, f := range fixtureArticles {
		got, err := s.Get(ctx, f.a.ID)
		if f.a.ID == fixtureRemoved {
			if !errors.Is(err, wiretrace.ErrNotFound) {
				t.Errorf("Get(%q) = %v, want ErrNotFound", f.a.ID, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Get(%q): %v", f.a.ID, err)
		}
		if !reflect.DeepEqual(got, f.a) {
			t.Errorf("Get(%q):\n got %+v\nwant %+v", f.a.ID, got, f.a)
		}
	}
	got, err := s.Candidates(ctx, []wiretrace.Fingerprint{0x0123456789abcdef, 42, 99, 0}, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []wiretrace.Candidate{
		{ID: "local/floods-copy", Shared: 2, Fingerprints: 3},
		{ID: "reuters/2024-03-05/floods", Shared: 2, Fingerprints: 3},
		{ID: "ελληνικά", Shared: 1, Fingerprints: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Candidates:\n got %+v\nwant %+v", got, want)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
	if v, _, err := s.get(keyFormat); err != nil || !bytes.Equal(v, []byte{formatVersion}) {
		t.Fatalf("format version after Open = %x, %v; want %d", v, err, formatVersion)
	}

	// The fixture, upgraded, holds exactly the keys this build writes for the same
	// content: version 2 wrote version 1's keys for articles without
	// metadata. If this fails, the format changed: bump formatVersion and
	// keep reading version 1, do not rewrite the fixture.
	fixtureKeys, err := s.dump()
	if err != nil {
		t.Fatal(err)
	}
	fresh := openTest(t, t.TempDir())
	writeFixture(t, fresh)
	freshKeys, err := fresh.dump()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(fixtureKeys, freshKeys, func(a, b [2][]byte) bool {
		return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("a fresh store's keys differ from the version 1 fixture's:\nfixture %x\n  fresh %x", fixtureKeys, freshKeys)
	}

	// The old store stays writable.
	if _, err := s.Add(ctx, wiretrace.Article{ID: "new", Text: "Added to an old store."}, []wiretrace.Fingerprint{42}); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, "local/floods-copy"); err != nil {
		t.Fatal(err)
	}
	got, err = s.Candidates(ctx, []wiretrace.Fingerprint{42}, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	want = []wiretrace.Candidate{
		{ID: "new", Shared: 1, Fingerprints: 1},
		{ID: "reuters/2024-03-05/floods", Shared: 1, Fingerprints: 3},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Candidates after writes:\n got %+v\nwant %+v", got, want)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// TestFixtureV2 opens the committed version-2 store, which holds articles
// with metadata and byline postings. With -update it rewrites the fixture
// first; do that only when starting a new format version's fixture, never
// to make this test pass.
func TestFixtureV2(t *testing.T) {
	const fixture = "testdata/v2"
	if *update {
		if err := os.RemoveAll(fixture); err != nil {
			t.Fatal(err)
		}
		s, err := Open(fixture)
		if err != nil {
			t.Fatal(err)
		}
		writeFixtureOf(t, s, fixtureV2Articles)
		// Flush so the fixture holds sstables, not only a log.
		if err := s.db.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(fixture, "LOCK")); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}

	ctx := context.Background()
	dir := t.TempDir()
	copyDir(t, fixture, dir)
	s := openTest(t, dir)
	for _, f := range fixtureV2Articles {
		got, err := s.Get(ctx, f.a.ID)
		if strings.HasPrefix(f.a.ID, fixtureRemoved) {
			if !errors.Is(err, wiretrace.ErrNotFound) {
				t.Errorf("Get(%q) = %v, want ErrNotFound", f.a.ID, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Get(%q): %v", f.a.ID, err)
		}
		if !reflect.DeepEqual(got, f.a) {
			t.Errorf("Get(%q):\n got %+v\nwant %+v", f.a.ID, got, f.a)
		}
	}
	uses, err := s.Bylines(ctx, "Dana Whitlock", 10)
	want := []wiretrace.BylineUse{{Site: "farm.example", Articles: 1}, {Site: "meridianwire.example", Articles: 1}}
	if err != nil || !slices.Equal(uses, want) {
		t.Errorf("Bylines = %+v, %v; want %+v", uses, err, want)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
	fixtureKeys, err := s.dump()
	if err != nil {
		t.Fatal(err)
	}
	fresh := openTest(t, t.TempDir())
	writeFixtureOf(t, fresh, fixtureV2Articles)
	freshKeys, err := fresh.dump()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(fixtureKeys, freshKeys, func(a, b [2][]byte) bool {
		return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("a fresh store's keys differ from the version 2 fixture's:\nfixture %x\n  fresh %x", fixtureKeys, freshKeys)
	}
}

func TestCompact(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir())
	for i := range 200 {
		id := fmt.Sprintf("c%03d", i)
		if _, err := s.Add(ctx, wiretrace.Article{ID: id, Text: "compacted text " + id}, []wiretrace.Fingerprint{7, wiretrace.Fingerprint(i + 100)}); err != nil {
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
	got, err := s.Candidates(ctx, []wiretrace.Fingerprint{7}, 500, 1000)
	if err != nil || len(got) != 199 {
		t.Fatalf("after Compact, %d candidates, %v; want 199", len(got), err)
	}
	if err := verify(s); err != nil {
		t.Error(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("Compact after Close: %v, want ErrClosed", err)
	}
}
