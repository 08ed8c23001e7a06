package pebble

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cockroachdb/pebble/v2/objstorage/objstorageprovider"
	"github.com/cockroachdb/pebble/v2/sstable"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/wiretrace/wiretrace"
	"github.com/zeebo/xxh3"
)

func benchID(n int) string { return fmt.Sprintf("bench-%08d", n) }

// bulkLoad fills the new store in dir with generated articles 0 to n-1,
// as doc numbers 0 to n-1. It writes the keys Add would write (see
// TestBulkLoadMatchesAdd) into sorted sstables and ingests them into the
// bottom level, which takes seconds where n Adds and the compactions after
// them take minutes. It is for benchmarks that need a large store.
func bulkLoad(dir string, n int) error {
	s, err := openScheme(dir)
	if err != nil {
		return err
	}
	defer s.Close()
	tmp, err := os.MkdirTemp("", "wiretrace-bulk-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	po := pebbleOptions(config{}, vfs.Default)
	po.EnsureDefaults()
	wopts := po.MakeWriterOptions(6, s.db.TableFormat())
	var paths []string
	newTable := func() (*sstable.Writer, error) {
		path := filepath.Join(tmp, fmt.Sprintf("%06d.sst", len(paths)))
		f, err := vfs.Default.Create(path, vfs.WriteCategoryUnspecified)
		if err != nil {
			return nil, err
		}
		paths = append(paths, path)
		return sstable.NewWriter(objstorageprovider.NewFileWritable(f), wopts), nil
	}

	// Records come in doc order, which is key order; the other keys are
	// kept and sorted.
	postings := make([]posting, 0, n*genFingerprints)
	var hashKeys, idKeys [][2][]byte
	sites := map[string]uint64{}
	articles, err := newTable()
	if err != nil {
		return err
	}
	var buf articleBuffers
	for i := range n {
		a, fps := genArticle(i, benchID(i))
		slices.Sort(fps)
		fps = slices.Compact(fps)
		err := buf.putArticle(func(k, v []byte) error {
			switch k[0] {
			case prefixArticle:
				return articles.Set(k, v)
			case prefixHash:
				hashKeys = append(hashKeys, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
			case prefixID:
				idKeys = append(idKeys, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
			}
			return nil
		}, doc(i), &a, xxh3.HashString128(a.Text), len(fps))
		if err != nil {
			return err
		}
		for _, fp := range fps {
			postings = append(postings, posting{fp, doc(i)})
		}
		sites[a.Site]++
	}
	byKey := func(a, b [2][]byte) int { return bytes.Compare(a[0], b[0]) }
	slices.SortFunc(hashKeys, byKey)
	slices.SortFunc(idKeys, byKey)
	for _, kv := range slices.Concat(hashKeys, idKeys) {
		if err := articles.Set(kv[0], kv[1]); err != nil {
			return err
		}
	}
	for _, kv := range [][2][]byte{
		{keyCount, binary.AppendUvarint(nil, uint64(n))},
		{keyNextDoc, binary.AppendUvarint(nil, uint64(n))},
		{keyPosted, binary.AppendUvarint(nil, uint64(n))},
	} {
		if err := articles.Set(kv[0], kv[1]); err != nil {
			return err
		}
	}
	if err := articles.Close(); err != nil {
		return err
	}

	slices.SortFunc(postings, func(a, b posting) int {
		return cmp.Or(cmp.Compare(a.fp, b.fp), cmp.Compare(a.doc, b.doc))
	})
	// One flush of every posting, named as Add's last flush would be.
	const perTable = 2_000_000
	var w *sstable.Writer
	inTable := 0
	var key, val []byte
	err = forSegments(postings, func(bucket uint16, ps []posting) error {
		if w == nil || inTable >= perTable {
			if w != nil {
				if err := w.Close(); err != nil {
					return err
				}
			}
			if w, err = newTable(); err != nil {
				return err
			}
			inTable = 0
		}
		inTable += len(ps)
		key = segmentKey(key[:0], bucket, uint32(n))
		val = appendSegment(val[:0], ps)
		return w.Set(key, val)
	})
	if err != nil {
		return err
	}
	if w != nil {
		if err := w.Close(); err != nil {
			return err
		}
	}
	if w, err = newTable(); err != nil {
		return err
	}
	for _, site := range slices.Sorted(maps.Keys(sites)) {
		if err := w.Set(siteKey(nil, site), binary.AppendUvarint(nil, sites[site])); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := s.db.Ingest(context.Background(), paths); err != nil {
		return err
	}
	// The store read its counts when it opened: open it again.
	return nil
}

func TestBulkLoadMatchesAdd(t *testing.T) {
	const n = 50
	bulkDir := t.TempDir()
	if err := bulkLoad(bulkDir, n); err != nil {
		t.Fatal(err)
	}
	bulk := openTest(t, bulkDir)
	added := openTest(t, t.TempDir())
	for i := range n {
		a, fps := genArticle(i, benchID(i))
		if _, err := added.Add(context.Background(), []wiretrace.Entry{{Article: a, Fingerprints: fps}}); err != nil {
			t.Fatal(err)
		}
	}
	// Write the buffered postings as keys.
	if err := added.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	want, err := added.dump()
	if err != nil {
		t.Fatal(err)
	}
	got, err := bulk.dump()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("bulk load wrote %d keys, Add %d", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i][0], want[i][0]) || !bytes.Equal(got[i][1], want[i][1]) {
			t.Fatalf("key %d: bulk load wrote %x = %x, Add %x = %x", i, got[i][0], got[i][1], want[i][0], want[i][1])
		}
	}
	if err := verify(bulk); err != nil {
		t.Fatal(err)
	}
	// The reopened store goes on numbering after the loaded articles.
	a, fps := genArticle(n, benchID(n))
	if _, err := bulk.Add(context.Background(), []wiretrace.Entry{{Article: a, Fingerprints: fps}}); err != nil {
		t.Fatal(err)
	}
	if err := verify(bulk); err != nil {
		t.Fatal(err)
	}
	if m := bulk.db.Metrics(); m.Levels[6].TablesCount == 0 {
		t.Errorf("the bulk load did not reach the bottom level")
	}
}
