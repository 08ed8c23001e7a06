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
	"sync"
	"testing"
	"time"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/internal/storetest"
)

var update = flag.Bool("update", false, "rewrite the format fixture of the current version, testdata/v4")

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

// fixtureArticles are the content of testdata/v1, added in this order.
var fixtureArticles = fixture{
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
var fixtureV2Articles = append(slices.Clone(fixtureArticles), fixture{
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

// fixture is the content of a format fixture, added in this order, then
// the articles whose ID starts with fixtureRemoved removed.
type fixture = []struct {
	a   wiretrace.Article
	fps []wiretrace.Fingerprint
}

// fixtureV3Articles are the content of testdata/v3: version 2's, then
// articles with the times and sources version 3 adds.
var fixtureV3Articles = append(slices.Clone(fixtureV2Articles), fixture{
	{wiretrace.Article{
		ID: "meridian/flood", URL: "https://www.meridianwire.example/flood", Site: "meridianwire.example",
		Title: "River bursts its banks", Byline: []string{"Ines Darrow"},
		Published: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage,
		FirstSeen: time.Date(2026, 3, 2, 9, 5, 30, 250000000, time.UTC), FirstSeenFrom: wiretrace.FromCrawl,
		Text: "The river burst its banks overnight, forcing thousands from their homes.",
	}, []wiretrace.Fingerprint{42, 2000, 2001}},
	{wiretrace.Article{
		ID: "farm/flood", Site: "farm.example",
		FirstSeen: time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC), FirstSeenFrom: wiretrace.FromAdd,
		Text: "The river burst its banks overnight, compelling thousands from their dwellings.",
	}, []wiretrace.Fingerprint{2000, 2002}},
}...)

// registerFixture makes the test scheme of dir give each fixture text its
// fingerprints.
func registerFixture(dir string, articles fixture) {
	ts := newTestScheme()
	for _, f := range articles {
		ts.entry(f.a, f.fps...)
	}
	testSchemes.Store(dir, ts)
}

// writeFixtureOf writes the fixture's content into s the way a user
// would, and its postings as keys.
func writeFixtureOf(t *testing.T, s *Store, articles fixture) {
	ctx := context.Background()
	for _, f := range articles {
		if _, err := add(s, f.a, f.fps...); err != nil {
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
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.flushPostings(); err != nil {
		t.Fatal(err)
	}
}

// checkFixture checks that s holds the fixture's articles.
func checkFixture(t *testing.T, s *Store, articles fixture) {
	t.Helper()
	ctx := context.Background()
	for _, f := range articles {
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
		got.Seq = 0
		if !reflect.DeepEqual(got, f.a) {
			t.Errorf("Get(%q):\n got %+v\nwant %+v", f.a.ID, got, f.a)
		}
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// candidateIDs returns the IDs and shared counts of the candidates of fps.
func candidateIDs(t *testing.T, s *Store, fps ...wiretrace.Fingerprint) []string {
	t.Helper()
	got, err := s.Candidates(context.Background(), wiretrace.CandidateQuery{Fingerprints: fps, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range got {
		out = append(out, fmt.Sprintf("%s:%d/%d", c.Article.ID, c.Shared, c.Fingerprints))
	}
	return out
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
	testOldFixture(t, "testdata/v1", fixtureArticles)
}

// TestFixtureV2 opens the committed version-2 store, which holds articles
// with metadata and byline postings. Never rewrite it.
func TestFixtureV2(t *testing.T) {
	s := testOldFixture(t, "testdata/v2", fixtureV2Articles)
	uses, err := s.Bylines(context.Background(), "Dana Whitlock", 10)
	want := []wiretrace.BylineUse{{Site: "farm.example", Articles: 1}, {Site: "meridianwire.example", Articles: 1}}
	if err != nil || !slices.Equal(uses, want) {
		t.Errorf("Bylines = %+v, %v; want %+v", uses, err, want)
	}
}

// testOldFixture opens a copy of a fixture of format version 1 or 2,
// which upgrades it, and checks that it reads, finds and takes writes as a
// store of this version would.
func testOldFixture(t *testing.T, fixtureDir string, articles fixture) *Store {
	ctx := context.Background()
	dir := t.TempDir()
	copyDir(t, fixtureDir, dir)
	registerFixture(dir, articles)
	s := openTest(t, dir)
	checkFixture(t, s, articles)
	if v, _, err := s.get(keyFormat); err != nil || !bytes.Equal(v, []byte{formatVersion}) {
		t.Fatalf("format version after Open = %x, %v; want %d", v, err, formatVersion)
	}
	want := []string{"reuters/2024-03-05/floods:2/3", "local/floods-copy:2/3", "ελληνικά:1/2"}
	if len(articles) > len(fixtureArticles) {
		want = append(want, "meridian/strike:1/2", "farm/strike:1/2")
	}
	if got := candidateIDs(t, s, 0x0123456789abcdef, 42, 99, 0); !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
	// The upgraded store takes writes; the new article's Seq follows the
	// old ones.
	if _, err := add(s, wiretrace.Article{ID: "new", Text: "Added to an old store."}, 42); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, "local/floods-copy"); err != nil {
		t.Fatal(err)
	}
	want = []string{"reuters/2024-03-05/floods:1/3"}
	if len(articles) > len(fixtureArticles) {
		want = append(want, "meridian/strike:1/2", "farm/strike:1/2")
	}
	want = append(want, "new:1/1")
	if got := candidateIDs(t, s, 42); !slices.Equal(got, want) {
		t.Errorf("Candidates after writes = %v, want %v", got, want)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOldFixtureOtherScheme checks that an old store is not upgraded for a
// scheme whose fingerprints are not the ones it lists.
func TestOldFixtureOtherScheme(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/v2", dir)
	testSchemes.Store(dir, newTestScheme()) // knows none of its texts
	if s, err := openScheme(dir); !errors.Is(err, wiretrace.ErrScheme) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open = %v, want ErrScheme", err)
	}
	registerFixture(dir, fixtureV2Articles)
	checkFixture(t, openTest(t, dir), fixtureV2Articles)
}

// TestFixtureV3 opens the committed version-3 store, whose postings are
// one key each: Open rewrites them as segments. The upgraded store holds
// the keys a fresh store given the same articles holds, but for the name
// of the flush in its segments' keys. Never rewrite the fixture.
func TestFixtureV3(t *testing.T) {
	s, upgraded, freshKeys := fixtureAndFresh(t, "testdata/v3")
	unnamed := func(k []byte) []byte {
		if len(k) == segmentKeySize && k[0] == prefixSegment {
			return k[:3]
		}
		return k
	}
	if !slices.EqualFunc(upgraded, freshKeys, func(a, b [2][]byte) bool {
		return bytes.Equal(unnamed(a[0]), unnamed(b[0])) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("the upgraded version 3 fixture's keys differ from a fresh store's:\nupgraded %x\n   fresh %x", upgraded, freshKeys)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
	// It takes writes and removals like any store.
	if err := s.Remove(context.Background(), "farm/flood"); err != nil {
		t.Fatal(err)
	}
	if got, want := candidateIDs(t, s, 2000, 2001), []string{"meridian/flood:2/3"}; !slices.Equal(got, want) {
		t.Errorf("Candidates after a removal = %v, want %v", got, want)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// fixtureAndFresh opens a copy of a fixture of version 3 or later (which
// upgrades it), checks its articles and candidates, and returns it with
// its keys and those of a fresh store given the same articles.
func fixtureAndFresh(t *testing.T, fixtureDir string) (*Store, [][2][]byte, [][2][]byte) {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, fixtureDir, dir)
	registerFixture(dir, fixtureV3Articles)
	s := openTest(t, dir)
	checkFixture(t, s, fixtureV3Articles)
	want := []string{"meridian/flood:2/3", "farm/flood:1/2"}
	if got := candidateIDs(t, s, 2000, 2001); !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
	fixtureKeys, err := s.dump()
	if err != nil {
		t.Fatal(err)
	}
	freshDir := t.TempDir()
	registerFixture(freshDir, fixtureV3Articles)
	fresh := openTest(t, freshDir)
	writeFixtureOf(t, fresh, fixtureV3Articles)
	freshKeys, err := fresh.dump()
	if err != nil {
		t.Fatal(err)
	}
	return s, fixtureKeys, freshKeys
}

// TestUpgradeV3Resumes: an upgrade cut short after some buckets were
// rewritten (their segments written, their posting keys deleted, the
// version still 3) is finished by the next Open, which leaves those
// segments as they are: the store ends as a whole upgrade leaves it.
func TestUpgradeV3Resumes(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/v3", dir)
	db, err := openPebble(dir, pebbleOptions(config{cacheSize: DefaultCacheSize}, vfs.Default))
	if err != nil {
		t.Fatal(err)
	}
	// The first bucket's postings, as upgradeV3's first batch writes them.
	it, err := db.NewIter(&pebbledb.IterOptions{LowerBound: []byte{prefixPosting}, UpperBound: []byte{prefixPosting + 1}})
	if err != nil {
		t.Fatal(err)
	}
	var first []posting
	for ok := it.First(); ok; ok = it.Next() {
		d, err := postingDoc(it.Key())
		if err != nil {
			t.Fatal(err)
		}
		fp := wiretrace.Fingerprint(binary.BigEndian.Uint64(it.Key()[1:]))
		if len(first) > 0 && bucketOf(fp) != bucketOf(first[0].fp) {
			break
		}
		first = append(first, posting{fp, d})
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if len(first) == 0 {
		t.Fatal("the fixture has no posting keys")
	}
	b := db.NewBatch()
	_ = b.Set(segmentKey(nil, bucketOf(first[0].fp), 0), appendSegment(nil, first), nil)
	_ = b.DeleteRange(postingPrefix(nil, first[0].fp), postingPrefix(nil, first[len(first)-1].fp+1), nil)
	if err := b.Commit(pebbledb.Sync); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	registerFixture(dir, fixtureV3Articles)
	s := openTest(t, dir)
	resumed, err := s.dump()
	if err != nil {
		t.Fatal(err)
	}
	_, whole, _ := fixtureAndFresh(t, "testdata/v3")
	if !slices.EqualFunc(resumed, whole, func(a, b [2][]byte) bool {
		return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("a resumed upgrade left other keys than a whole one:\nresumed %x\n  whole %x", resumed, whole)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// TestFixtureV4 opens the committed version-4 store. With -update it
// rewrites the fixture first; do that only when starting a new format
// version's fixture, never to make this test pass.
func TestFixtureV4(t *testing.T) {
	const fixtureDir = "testdata/v4"
	if *update {
		if err := os.RemoveAll(fixtureDir); err != nil {
			t.Fatal(err)
		}
		registerFixture(fixtureDir, fixtureV3Articles)
		s, err := openScheme(fixtureDir)
		if err != nil {
			t.Fatal(err)
		}
		writeFixtureOf(t, s, fixtureV3Articles)
		// Flush so the fixture holds sstables, not only a log.
		if err := s.db.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(fixtureDir, "LOCK")); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	// A fresh store given the same articles holds the same keys, byte for
	// byte. If this fails, the format changed: give it the next version
	// number, keep reading this one, and add a fixture; do not rewrite
	// this one.
	_, fixtureKeys, freshKeys := fixtureAndFresh(t, fixtureDir)
	if !slices.EqualFunc(fixtureKeys, freshKeys, func(a, b [2][]byte) bool {
		return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("a fresh store's keys differ from the version 4 fixture's:\nfixture %x\n  fresh %x", fixtureKeys, freshKeys)
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
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx); !errors.Is(err, ErrClosed) {
		t.Fatalf("Compact after Close: %v, want ErrClosed", err)
	}
}
