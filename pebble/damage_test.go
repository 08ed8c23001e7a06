package pebble

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace"
)

// damageStore builds a real store to damage copies of: articles in tables
// (written and compacted) and more in the live write-ahead log only, with
// appearances with a canonical URL, some with a slug. It returns the directory, closed, and the
// IDs stored.
func damageStore(t *testing.T) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := openScheme(dir, withFlushPostings(2000))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 400 {
		a, fps := genArticle(i, benchID(i))
		a.Slug = damageSlug(i)
		if _, err := add(s, a, fps...); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
		if i%50 == 0 {
			// The same text under another ID: an appearance.
			a.ID, a.Site, a.Canonical = a.ID+"-copy", "copy.example", damageCanonical(a.ID)
			if r, err := add(s, a, fps...); err != nil || !r.Appeared {
				t.Fatalf("appearance: %+v, %v", r, err)
			}
		}
		if i == 300 {
			if err := s.Compact(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Closing flushes the buffered postings into the log, not into
	// tables: the newest articles live in the log only.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, ids
}

// damageCanonical is the canonical URL of the appearance of article id.
func damageCanonical(id string) string { return "https://wire.example/" + id }

// damageSlug is the slug damageStore gives article i: every fourth has
// one, so that repair is seen to keep it.
func damageSlug(i int) string {
	if i%4 != 0 {
		return ""
	}
	return fmt.Sprintf("STORY-%d", i/genStorySize)
}

// damagedCopy copies the store and damages the copy with fn, which gets
// the copy's directory and its files' names.
func damagedCopy(t *testing.T, src string, fn func(dir string, names []string)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "db")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyDir(t, src, dir)
	testSchemes.Store(dir, schemeOf(&Store{dir: src}))
	names, err := dirNames(dir)
	if err != nil {
		t.Fatal(err)
	}
	fn(dir, names)
	return dir
}

// biggest returns the largest file of dir with the suffix.
func biggest(t *testing.T, dir string, names []string, suffix string) string {
	t.Helper()
	best, size := "", int64(-1)
	for _, n := range names {
		if !strings.HasSuffix(n, suffix) {
			continue
		}
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > size {
			best, size = n, fi.Size()
		}
	}
	if best == "" {
		t.Fatalf("no %s file in %v", suffix, names)
	}
	return best
}

// flip flips one byte of the file, at off or, when negative, off from
// its end.
func flip(t *testing.T, path string, off int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if off < 0 {
		off += len(b)
	}
	b[off] ^= 0x55
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// loggedSync returns the highest offset up to which the write-ahead log at
// path says, in its chunk headers, that it was synced (Pebble's WAL sync
// wire format: a 19-byte header ending with that offset). Damage before
// it is damage; after it, it looks like a torn write.
func loggedSync(t *testing.T, path string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const block = 32 << 10
	var synced uint64
	for start := 0; start < len(b); start += block {
		blk := b[start:min(start+block, len(b))]
		for off := 0; off+7 <= len(blk); {
			length, enc := int(binary.LittleEndian.Uint16(blk[off+4:])), blk[off+6]
			header := 7
			switch {
			case enc == 0:
				off = len(blk)
				continue
			case enc >= 9 && enc <= 12:
				header = 19
				if off+header <= len(blk) {
					synced = max(synced, binary.LittleEndian.Uint64(blk[off+11:]))
				}
			case enc >= 5 && enc <= 8:
				header = 11
			}
			off += header + length
		}
	}
	if synced < 10000 {
		t.Fatalf("%s records a sync at %d only", path, synced)
	}
	return int64(synced)
}

// liveLog returns the write-ahead log that holds the newest writes: the
// newest log with more than a few records in it (older ones may be kept
// for reuse, their writes already in tables).
func liveLog(t *testing.T, dir string, names []string) string {
	t.Helper()
	for i := len(names) - 1; i >= 0; i-- {
		n := names[i]
		if !strings.HasSuffix(n, ".log") {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && fi.Size() > 4096 {
			return n
		}
	}
	t.Fatalf("no live log in %v", names)
	return ""
}

// TestDamage damages copies of a real store the ways disks and people do
// and checks what each gives: opening fails with an error naming the file
// and changes nothing, or the damage shows when read, as an error and in
// Verify; Repair then rebuilds what can be read and says what was lost.
func TestDamage(t *testing.T) {
	src, ids := damageStore(t)
	cases := []struct {
		name   string
		damage func(t *testing.T, dir string, names []string)
		// file is what the open error names; "" when the store opens.
		file string
		// lost says whether repair may lose articles.
		lost bool
	}{
		{"marker gone", func(t *testing.T, dir string, names []string) {
			for _, n := range names {
				if strings.HasPrefix(n, "marker.manifest.") {
					os.Remove(filepath.Join(dir, n))
				}
			}
		}, "marker.manifest.*", false},
		{"log byte flipped near the end", func(t *testing.T, dir string, names []string) {
			// Near the end of what the log records as synced: the
			// bytes after that point cannot be told from a write cut
			// short, and their loss is TestTornLogEnd's.
			l := filepath.Join(dir, liveLog(t, dir, names))
			flip(t, l, int(loggedSync(t, l))-5000)
		}, ".log", true},
		{"log byte flipped in the middle", func(t *testing.T, dir string, names []string) {
			l := filepath.Join(dir, liveLog(t, dir, names))
			fi, _ := os.Stat(l)
			flip(t, l, int(fi.Size()/2))
		}, ".log", true},
		{"table byte flipped", func(t *testing.T, dir string, names []string) {
			tb := filepath.Join(dir, biggest(t, dir, names, ".sst"))
			fi, _ := os.Stat(tb)
			flip(t, tb, int(fi.Size()/3))
		}, "", true},
		{"table cut short", func(t *testing.T, dir string, names []string) {
			tb := filepath.Join(dir, biggest(t, dir, names, ".sst"))
			b, _ := os.ReadFile(tb)
			os.WriteFile(tb, b[:len(b)/2], 0o644)
		}, ".sst", true},
		{"table missing", func(t *testing.T, dir string, names []string) {
			os.Remove(filepath.Join(dir, biggest(t, dir, names, ".sst")))
		}, ".sst", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := damagedCopy(t, src, func(dir string, names []string) { tc.damage(t, dir, names) })
			before, _ := dirNames(dir)
			s, err := openScheme(dir)
			if tc.file != "" {
				var de *DamageError
				if !errors.As(err, &de) || !errors.Is(err, wiretrace.ErrCorrupt) || !strings.HasSuffix(de.File, strings.TrimPrefix(tc.file, "*")) && de.File != tc.file {
					if err == nil {
						s.Close()
					}
					t.Fatalf("Open = %v, want damage naming %s", err, tc.file)
				}
				if after, _ := dirNames(dir); !slices.Equal(before, after) {
					t.Fatalf("a refused open changed the directory:\n%v\n%v", before, after)
				}
			} else {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				// Reading the damage is an error, never a panic.
				failed := 0
				for _, id := range ids {
					if _, err := s.Get(context.Background(), id); err != nil {
						failed++
					}
				}
				v, err := s.Verify(context.Background())
				if err != nil || len(v.Problems) == 0 {
					t.Fatalf("Verify = %+v, %v; want problems", v, err)
				}
				t.Logf("%d of %d articles cannot be read; verify: %s", failed, len(ids), v.Problems[0])
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
			}

			rep, err := Repair(context.Background(), dir, schemeOf(&Store{dir: src}).scheme(), nil)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if _, err := os.Stat(rep.Damaged); err != nil {
				t.Fatalf("the damaged store was not kept: %v", err)
			}
			s = openTest(t, dir)
			if err := verify(s); err != nil {
				t.Fatalf("repaired store: %v", err)
			}
			st, err := s.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, id := range ids {
				a, err := s.Get(context.Background(), id)
				switch {
				case errors.Is(err, wiretrace.ErrNotFound):
				case err != nil:
					t.Fatal(err)
				default:
					got++
					want, _ := genArticle(idNumber(t, id), id)
					if a.Text != want.Text {
						t.Fatalf("%s came back with another text", id)
					}
					if want := damageSlug(idNumber(t, id)); a.Slug != want {
						t.Fatalf("%s came back with slug %q, want %q", id, a.Slug, want)
					}
					for _, ap := range a.Appearances {
						if want := damageCanonical(id); ap.Canonical != want || a.Canonical != "" {
							t.Fatalf("%s came back with canonical URL %q, its appearance %s with %q; want none and %q", id, a.Canonical, ap.ID, ap.Canonical, want)
						}
					}
				}
			}
			t.Logf("repair: %d of %d articles back, %d appearances, %d lost by ID, %d unnamed, unreadable: %v", got, len(ids), rep.Appearances, len(rep.Lost), rep.LostUnnamed, rep.Unreadable)
			if int64(got) != st.Articles || got != rep.Articles {
				t.Errorf("%d articles found, store counts %d, repair says %d", got, st.Articles, rep.Articles)
			}
			switch {
			case !tc.lost && got != len(ids):
				t.Errorf("%d of %d articles after repairing a store that lost none", got, len(ids))
			case got == 0:
				t.Error("repair read nothing back")
			}
			// Every article gone is reported lost: by its ID when its ID
			// key could be read, else counted.
			gone := 0
			for _, id := range ids {
				if _, err := s.Get(context.Background(), id); errors.Is(err, wiretrace.ErrNotFound) {
					gone++
				}
			}
			if reported := len(rep.Lost) + rep.LostUnnamed; tc.file != ".log" && reported != gone {
				t.Errorf("%d articles gone, %d reported lost (%d by ID)", gone, reported, len(rep.Lost))
			}
		})
	}
}

func idNumber(t *testing.T, id string) int {
	var n int
	if _, err := fmt.Sscanf(id, "bench-%d", &n); err != nil {
		t.Fatalf("id %q: %v", id, err)
	}
	return n
}

// TestTornLogEnd: the last write of the log cut short, as a power loss
// leaves it, is dropped without a word, and nothing acknowledged goes
// with it: the final record of a closed store is an empty sync.
func TestTornLogEnd(t *testing.T) {
	src, ids := damageStore(t)
	dir := damagedCopy(t, src, func(dir string, names []string) {
		flip(t, filepath.Join(dir, liveLog(t, dir, names)), -20)
	})
	s := openTest(t, dir)
	for _, id := range ids {
		if _, err := s.Get(context.Background(), id); err != nil {
			t.Fatalf("%s after a torn last record: %v", id, err)
		}
	}
	if err := verify(s); err != nil {
		t.Fatal(err)
	}
}
