package pebble

// The format fixtures: stores written by earlier builds, in testdata,
// which every later build must read (and upgrade), and the current
// format's, which a fresh store must reproduce byte for byte.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/wiretrace/wiretrace"
)

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

// fixtureV5Articles are the content of testdata/v5: version 3's (which
// are also version 4's), then articles with the slug version 5 adds: two
// takes of one wire story that share no sentence, and one removed.
var fixtureV5Articles = append(slices.Clone(fixtureV3Articles), fixture{
	{wiretrace.Article{
		ID: "meridian/courts", URL: "https://www.meridianwire.example/courts", Site: "meridianwire.example",
		Title: "Judge adjourns fraud trial", Byline: []string{"Ines Darrow"}, Slug: "COURTS Axe",
		Published: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromFeed,
		Text: "A judge adjourned the fraud trial of two former bank executives until May.",
	}, []wiretrace.Fingerprint{42, 3000, 3001}},
	{wiretrace.Article{
		ID: "meridian/courts-2", Site: "meridianwire.example", Slug: "COURTS Axe",
		FirstSeen: time.Date(2026, 3, 4, 12, 30, 0, 0, time.UTC), FirstSeenFrom: wiretrace.FromAdd,
		Text: "Lawyers for both men said they would appeal against the ruling.",
	}, []wiretrace.Fingerprint{3002}},
	{wiretrace.Article{ID: "removed-with-slug", Site: "gone.example", Slug: "BC-EU-Ελλάδα-Debt",
		Text: "Removed before the fixture was closed, with its slug."}, []wiretrace.Fingerprint{6}},
}...)

// fixtureV6Articles are the content of testdata/v6: version 5's, then the
// text of one of them added again from other pages, which version 6 keeps
// as appearances with their canonical URL: one naming the original's
// page, one naming none.
var fixtureV6Articles = append(slices.Clone(fixtureV5Articles), fixture{
	{wiretrace.Article{
		ID: "harbour/flood", URL: "https://harbourledger.example/news/flood", Site: "harbourledger.example",
		Canonical: "https://www.meridianwire.example/flood",
		Published: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), PublishedFrom: wiretrace.FromPage,
		Text: "The river burst its banks overnight, forcing thousands from their homes.",
	}, []wiretrace.Fingerprint{42, 2000, 2001}},
	{wiretrace.Article{
		ID: "valley/flood", Site: "valleycourier.example",
		Text: "The river burst its banks overnight, forcing thousands from their homes.",
	}, []wiretrace.Fingerprint{42, 2000, 2001}},
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

// checkFixture checks that s holds the fixture's articles: a text given
// again is an appearance of the article first given it.
func checkFixture(t *testing.T, s *Store, articles fixture) {
	t.Helper()
	ctx := context.Background()
	want := map[string]*wiretrace.Article{}
	first := map[string]*wiretrace.Article{}
	for _, f := range articles {
		if strings.HasPrefix(f.a.ID, fixtureRemoved) {
			continue
		}
		if a, ok := first[f.a.Text]; ok {
			a.Appearances = append(a.Appearances, wiretrace.AppearanceOf(f.a))
			want[f.a.ID] = a
			continue
		}
		a := f.a
		first[a.Text], want[a.ID] = &a, &a
	}
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
		if !reflect.DeepEqual(got, *want[f.a.ID]) {
			t.Errorf("Get(%q):\n got %+v\nwant %+v", f.a.ID, got, *want[f.a.ID])
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
	s, upgraded, freshKeys := fixtureAndFresh(t, "testdata/v3", fixtureV3Articles)
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
// upgrades it) holding articles, checks its articles and candidates, and
// returns it with its keys and those of a fresh store given the same
// articles.
func fixtureAndFresh(t *testing.T, fixtureDir string, articles fixture) (*Store, [][2][]byte, [][2][]byte) {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, fixtureDir, dir)
	registerFixture(dir, articles)
	s := openTest(t, dir)
	checkFixture(t, s, articles)
	want := []string{"meridian/flood:2/3", "farm/flood:1/2"}
	if got := candidateIDs(t, s, 2000, 2001); !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
	fixtureKeys, err := s.dump()
	if err != nil {
		t.Fatal(err)
	}
	freshDir := t.TempDir()
	registerFixture(freshDir, articles)
	fresh := openTest(t, freshDir)
	writeFixtureOf(t, fresh, articles)
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
	_, whole, _ := fixtureAndFresh(t, "testdata/v3", fixtureV3Articles)
	if !slices.EqualFunc(resumed, whole, func(a, b [2][]byte) bool {
		return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("a resumed upgrade left other keys than a whole one:\nresumed %x\n  whole %x", resumed, whole)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// TestFixtureV4 opens the committed version-4 store, written by the last
// build of that format. Its records are those of version 5 without the
// optional fields, so the upgrade writes the version and nothing else,
// and the store then holds, byte for byte, the keys a fresh store given
// the same articles holds. Never rewrite the fixture.
func TestFixtureV4(t *testing.T) {
	s, _ := upgradedByVersionAlone(t, "testdata/v4", 4, fixtureV3Articles)
	// It takes an article with a slug, and a removal.
	courts := fixtureV5Articles[len(fixtureV3Articles)]
	if _, err := add(s, courts.a, courts.fps...); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(context.Background(), "farm/flood"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(context.Background(), courts.a.ID); err != nil || got.Slug != courts.a.Slug {
		t.Errorf("Get(%q) = %+v, %v; want slug %q", courts.a.ID, got, err, courts.a.Slug)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// upgradedByVersionAlone opens a copy of the fixture in dir, of format
// version from, holding articles, and checks that the upgrade changed the
// version key and nothing else, and that the store then holds the keys
// and values, byte for byte, of a fresh store given the same articles. It
// returns the store and its keys.
func upgradedByVersionAlone(t *testing.T, dir string, from byte, articles fixture) (*Store, [][2][]byte) {
	t.Helper()
	before := rawDump(t, dir)
	s, upgraded, freshKeys := fixtureAndFresh(t, dir, articles)
	want := slices.Clone(before)
	for i, kv := range want {
		if bytes.Equal(kv[0], keyFormat) {
			if !bytes.Equal(kv[1], []byte{from}) {
				t.Fatalf("the fixture's format version is %x, want %d", kv[1], from)
			}
			want[i][1] = []byte{formatVersion}
		}
	}
	same := func(a, b [2][]byte) bool { return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1]) }
	if !slices.EqualFunc(upgraded, want, same) {
		t.Errorf("the upgrade changed more than the format version:\nupgraded %x\n  before %x", upgraded, before)
	}
	if !slices.EqualFunc(upgraded, freshKeys, same) {
		t.Errorf("the upgraded version %d fixture's keys differ from a fresh store's:\nupgraded %x\n   fresh %x", from, upgraded, freshKeys)
	}
	return s, upgraded
}

// TestFixtureV4ReadOnly opens a copy of the version-4 store for reading
// only: as for any older format, it is upgraded once, then read.
func TestFixtureV4ReadOnly(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/v4", dir)
	registerFixture(dir, fixtureV3Articles)
	s := openTest(t, dir, ReadOnly())
	checkFixture(t, s, fixtureV3Articles)
	if v, _, err := s.get(keyFormat); err != nil || !bytes.Equal(v, []byte{formatVersion}) {
		t.Errorf("format version after a read-only Open = %x, %v; want %d", v, err, formatVersion)
	}
	if _, err := add(s, wiretrace.Article{ID: "new", Text: "Not added to a read-only store."}, 1); !errors.Is(err, wiretrace.ErrReadOnly) {
		t.Errorf("Add to a read-only store = %v, want ErrReadOnly", err)
	}
}

// rawDump returns every key and value of a copy of the store in dir, read
// by Pebble alone, without the upgrade Open would make.
func rawDump(t *testing.T, dir string) [][2][]byte {
	t.Helper()
	cp := t.TempDir()
	copyDir(t, dir, cp)
	po := pebbleOptions(config{cacheSize: DefaultCacheSize}, vfs.Default)
	po.ReadOnly = true
	db, err := openPebble(cp, po)
	if err != nil {
		t.Fatal(err)
	}
	kvs, err := dumpDB(db)
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatal(err)
	}
	return kvs
}

// TestFixtureV5 opens the committed version-5 store, which holds articles
// with slugs. Version 6 added an optional field to appearances only, so
// the upgrade writes the version and nothing else, and the store then
// holds, byte for byte, the keys a fresh store given the same articles
// holds. Never rewrite the fixture.
func TestFixtureV5(t *testing.T) {
	s, upgraded := upgradedByVersionAlone(t, "testdata/v5", 5, fixtureV5Articles)
	// The fixture holds records with a slug field, so that their layout
	// is what this test pins down.
	slugs := 0
	for _, kv := range upgraded {
		if kv[0][0] != prefixArticle {
			continue
		}
		r, err := decodeRecord(kv[1])
		if err != nil {
			t.Fatalf("article key %x: %v", kv[0], err)
		}
		if len(r.slug) > 0 {
			slugs++
		}
	}
	if slugs != 2 {
		t.Errorf("%d records with a slug in the fixture, want 2", slugs)
	}
	if got, want := candidateIDs(t, s, 3000, 3002), []string{"meridian/courts:1/3", "meridian/courts-2:1/1"}; !slices.Equal(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
	// It takes an appearance with a canonical URL, and a removal.
	harbour := fixtureV6Articles[len(fixtureV5Articles)]
	if _, err := add(s, harbour.a, harbour.fps...); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(context.Background(), harbour.a.ID); err != nil || len(got.Appearances) != 1 || got.Appearances[0].Canonical != harbour.a.Canonical {
		t.Errorf("Get(%q) = %+v, %v; want an appearance with canonical URL %q", harbour.a.ID, got, err, harbour.a.Canonical)
	}
	if err := s.Remove(context.Background(), "meridian/courts"); err != nil {
		t.Fatal(err)
	}
	if got, want := candidateIDs(t, s, 3000, 3002), []string{"meridian/courts-2:1/1"}; !slices.Equal(got, want) {
		t.Errorf("Candidates after a removal = %v, want %v", got, want)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}

// TestFixtureV6 opens the committed version-6 store, which holds
// appearances with and without a canonical URL. With -update it rewrites
// the fixture first; do that only when starting a new format version's
// fixture, never to make this test pass.
func TestFixtureV6(t *testing.T) {
	const fixtureDir = "testdata/v6"
	if *update {
		if err := os.RemoveAll(fixtureDir); err != nil {
			t.Fatal(err)
		}
		registerFixture(fixtureDir, fixtureV6Articles)
		s, err := openScheme(fixtureDir)
		if err != nil {
			t.Fatal(err)
		}
		writeFixtureOf(t, s, fixtureV6Articles)
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
	s, fixtureKeys, freshKeys := fixtureAndFresh(t, fixtureDir, fixtureV6Articles)
	if !slices.EqualFunc(fixtureKeys, freshKeys, func(a, b [2][]byte) bool {
		return bytes.Equal(a[0], b[0]) && bytes.Equal(a[1], b[1])
	}) {
		t.Errorf("a fresh store's keys differ from the version 6 fixture's:\nfixture %x\n  fresh %x", fixtureKeys, freshKeys)
	}
	// The fixture holds appearances with and without a canonical URL, so
	// that their layout is what this test pins down.
	var canonicals []string
	for _, kv := range fixtureKeys {
		if kv[0][0] != prefixAppearance {
			continue
		}
		ap, err := decodeAppearance(kv[1])
		if err != nil {
			t.Fatalf("appearance key %x: %v", kv[0], err)
		}
		canonicals = append(canonicals, ap.Canonical)
	}
	if want := []string{"https://www.meridianwire.example/flood", ""}; !slices.Equal(canonicals, want) {
		t.Errorf("the fixture's appearances have canonical URLs %q, want %q", canonicals, want)
	}
	// It takes removals like any store: one appearance, then the article
	// with the other.
	ctx := context.Background()
	if err := s.Remove(ctx, "valley/flood"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, "harbour/flood"); err != nil || got.ID != "meridian/flood" || len(got.Appearances) != 1 || got.Appearances[0].Canonical == "" {
		t.Errorf("Get(harbour/flood) after removing the other appearance = %+v, %v", got, err)
	}
	if err := s.Remove(ctx, "meridian/flood"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "harbour/flood"); !errors.Is(err, wiretrace.ErrNotFound) {
		t.Errorf("Get(harbour/flood) after removing its article = %v, want ErrNotFound", err)
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}
