package pebble

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	pebbledb "github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/batchrepr"
	"github.com/cockroachdb/pebble/v2/sstable"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/cockroachdb/pebble/v2/wal"
	"github.com/wiretrace/wiretrace"
)

// RepairReport says what Repair found and did.
type RepairReport struct {
	// Articles and Appearances are how many were read back and stored in
	// the new store.
	Articles    int `json:"articles"`
	Appearances int `json:"appearances"`
	// Tables and Logs are how many files were read.
	Tables int `json:"tables"`
	Logs   int `json:"logs"`
	// Unreadable lists what could not be read, each naming the file.
	Unreadable []string `json:"unreadable"`
	// Lost lists the IDs of articles the store named (in its ID keys) but
	// whose records could not be read back. LostUnnamed counts the
	// articles its count key says it held beyond those read back and
	// those named: their ID keys were lost with them.
	Lost        []string `json:"lost"`
	LostUnnamed int      `json:"lost_unnamed"`
	// Damaged is where the damaged store was moved; the repaired one is
	// in the directory it was in.
	Damaged string `json:"damaged"`
}

// salvaged is the newest version of a key found in the files.
type salvaged struct {
	seq   uint64
	value []byte // nil for a deletion
}

// Repair rebuilds the store in dir from everything it can read, file by
// file, whatever state the store is in: it reads every table and every
// write-ahead log directly (not through the manifest, which may be the
// damaged part), keeps the newest version of each article record,
// appearance and ID key, and stores the articles, in their order of
// storing, with their appearances and fingerprints remade with scheme,
// in a new store. The damaged store is then moved beside the new one
// (dir + ".damaged", numbered if taken) and the new one takes its place:
// nothing is deleted. The process must hold no store open in dir.
//
// What it cannot read it reports: files or parts of files that do not
// decode, and the IDs of articles whose records were in them. A record
// removed shortly before the damage may come back, from an older table
// the store had not deleted yet.
func Repair(ctx context.Context, dir string, scheme wiretrace.Scheme, progress func(string)) (*RepairReport, error) {
	if progress == nil {
		progress = func(string) {}
	}
	names, err := dirNames(dir)
	if err != nil {
		return nil, fmt.Errorf("repair %s: %w", dir, err)
	}
	if !slices.ContainsFunc(names, storeFile) {
		return nil, fmt.Errorf("repair %s: %w", dir, wiretrace.ErrNoStore)
	}
	rep := &RepairReport{Unreadable: []string{}, Lost: []string{}}
	keys := map[string]salvaged{}
	keep := func(key []byte, seq uint64, value []byte, deleted bool) {
		switch key[0] {
		case prefixArticle, prefixAppearance, prefixID, prefixMeta:
		default:
			return // remade from the records
		}
		if old, ok := keys[string(key)]; ok && old.seq >= seq {
			return
		}
		v := salvaged{seq: seq}
		if !deleted {
			v.value = bytes.Clone(value)
		}
		keys[string(key)] = v
	}
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !strings.HasSuffix(n, ".sst") {
			continue
		}
		progress("reading " + n)
		rep.Tables++
		if err := readTable(filepath.Join(dir, n), keep); err != nil {
			rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("%s: %v", n, err))
		}
	}
	progress("reading the write-ahead logs")
	logs, err := wal.Scan(wal.Dir{FS: vfs.Default, Dirname: dir})
	if err != nil {
		rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("write-ahead logs: %v", err))
	}
	for _, l := range logs {
		rep.Logs++
		if err := readLog(l, keep); err != nil {
			rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("%s.log: %v", l.Num, err))
		}
	}
	if v, ok := keys[string(keyScheme)]; ok && v.value != nil && string(v.value) != scheme.Name {
		return nil, fmt.Errorf("repair %s: postings made with scheme %q, this build uses %q: %w", dir, v.value, scheme.Name, wiretrace.ErrScheme)
	}

	// The records, by doc, and what names them.
	type numbered struct {
		n  uint32
		ap wiretrace.Appearance
	}
	type found struct {
		a           wiretrace.Article
		appearances []numbered
	}
	docs := map[doc]*found{}
	ids := map[string]doc{}
	for k, v := range keys {
		if v.value == nil {
			continue
		}
		key := []byte(k)
		switch key[0] {
		case prefixArticle:
			d, err := articleDoc(key)
			if err != nil {
				continue
			}
			r, err := decodeRecord(v.value)
			if err != nil {
				rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("article %d: %v", d, err))
				continue
			}
			if f := docs[d]; f != nil {
				f.a = r.article()
			} else {
				docs[d] = &found{a: r.article()}
			}
		case prefixID:
			if d, err := parseDoc(v.value); err == nil {
				ids[k[1:]] = d
			}
		}
	}
	for k, v := range keys {
		if v.value == nil || k[0] != prefixAppearance {
			continue
		}
		d, n, err := appearanceOf([]byte(k))
		if err != nil || docs[d] == nil {
			continue
		}
		ap, err := decodeAppearance(v.value)
		if err != nil {
			rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("appearance %d/%d: %v", d, n, err))
			continue
		}
		docs[d].appearances = append(docs[d].appearances, numbered{n, ap})
	}
	for id, d := range ids {
		if docs[d] == nil {
			rep.Lost = append(rep.Lost, id)
		}
	}
	slices.Sort(rep.Lost)
	if v, ok := keys[string(keyCount)]; ok && v.value != nil {
		if held, n := binary.Uvarint(v.value); n > 0 {
			rep.LostUnnamed = max(0, int(held)-len(docs)-len(rep.Lost))
		}
	}

	// The new store, beside the damaged one.
	fresh := dir + ".repairing"
	if err := os.RemoveAll(fresh); err != nil {
		return nil, err
	}
	s, err := Open(fresh, scheme)
	if err != nil {
		return nil, fmt.Errorf("repair %s: new store: %w", dir, err)
	}
	order := make([]doc, 0, len(docs))
	for d := range docs {
		order = append(order, d)
	}
	slices.Sort(order)
	progress(fmt.Sprintf("storing %d articles", len(order)))
	for start := 0; start < len(order); start += 256 {
		var batch []wiretrace.Entry
		for _, d := range order[start:min(start+256, len(order))] {
			f := docs[d]
			batch = append(batch, wiretrace.Entry{Article: f.a, Fingerprints: scheme.Fingerprints(f.a.Text)})
			slices.SortFunc(f.appearances, func(x, y numbered) int { return cmp.Compare(x.n, y.n) })
			for _, nap := range f.appearances {
				ap := nap.ap
				dup := f.a
				dup.ID, dup.URL, dup.Site = ap.ID, ap.URL, ap.Site
				dup.Published, dup.PublishedFrom, dup.FirstSeen, dup.FirstSeenFrom = ap.Published, ap.PublishedFrom, ap.FirstSeen, ap.FirstSeenFrom
				dup.Canonical = ap.Canonical
				batch = append(batch, wiretrace.Entry{Article: dup, Fingerprints: nil})
			}
		}
		res, err := s.Add(ctx, batch)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("repair %s: %w", dir, err), s.Close())
		}
		for i, r := range res {
			switch {
			case r.Err != nil:
				rep.Unreadable = append(rep.Unreadable, fmt.Sprintf("article %q: %v", batch[i].Article.ID, r.Err))
			case r.Appeared:
				rep.Appearances++
			case !r.Duplicate:
				rep.Articles++
			}
		}
	}
	if err := s.Close(); err != nil {
		return nil, fmt.Errorf("repair %s: new store: %w", dir, err)
	}
	damaged := dir + ".damaged"
	for i := 2; ; i++ {
		if _, err := os.Stat(damaged); errors.Is(err, os.ErrNotExist) {
			break
		}
		damaged = fmt.Sprintf("%s.damaged-%d", dir, i)
	}
	if err := os.Rename(dir, damaged); err != nil {
		return nil, fmt.Errorf("repair %s: %w", dir, err)
	}
	if err := os.Rename(fresh, dir); err != nil {
		return nil, fmt.Errorf("repair %s: the repaired store is in %s, the damaged one in %s: %w", dir, fresh, damaged, err)
	}
	rep.Damaged = damaged
	return rep, nil
}

// readTable passes every point key of a table it can read to keep, with
// its sequence number, value and whether it is a deletion. Past a part it
// cannot read it goes on from further keys (the next doc's record, the
// next kind of key), and returns what it could not read.
func readTable(path string, keep func(key []byte, seq uint64, value []byte, deleted bool)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f, err := vfs.Default.Open(path)
	if err != nil {
		return err
	}
	readable, err := sstable.NewSimpleReadable(f)
	if err != nil {
		f.Close()
		return err
	}
	po := pebbleOptions(config{}, vfs.Default)
	po.EnsureDefaults()
	r, err := sstable.NewReader(context.Background(), readable, po.MakeReaderOptions())
	if err != nil {
		readable.Close()
		return err
	}
	defer r.Close()
	var damaged []error
	var from []byte // where to read from: nil is the start
	for {
		last, err := readKeys(r, from, keep)
		if err == nil {
			return errors.Join(damaged...)
		}
		damaged = append(damaged, fmt.Errorf("after key %x: %w", last, err))
		if len(damaged) > 64 {
			return errors.Join(damaged...)
		}
		// Go on past the damage: a record a little further on, or the
		// next kind of key.
		from = resumeKey(r, last)
		if from == nil {
			return errors.Join(damaged...)
		}
	}
}

// readKeys reads r's keys from the first at or after from, and returns the
// last key read and the error that stopped it, if any.
func readKeys(r *sstable.Reader, from []byte, keep func(key []byte, seq uint64, value []byte, deleted bool)) (last []byte, err error) {
	it, err := r.NewIter(sstable.NoTransforms, nil, nil, sstable.AssertNoBlobHandles)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	kv := it.First()
	if from != nil {
		kv = it.SeekGE(from, 0)
	}
	for ; kv != nil; kv = it.Next() {
		switch kv.Kind() {
		case pebbledb.InternalKeyKindSet, pebbledb.InternalKeyKindSetWithDelete:
			v, _, err := kv.Value(nil)
			if err != nil {
				return last, err
			}
			keep(kv.K.UserKey, uint64(kv.SeqNum()), v, false)
		case pebbledb.InternalKeyKindDelete, pebbledb.InternalKeyKindSingleDelete, pebbledb.InternalKeyKindDeleteSized:
			keep(kv.K.UserKey, uint64(kv.SeqNum()), nil, true)
		}
		last = append(last[:0], kv.K.UserKey...)
	}
	return last, it.Error()
}

// resumeKey returns the first key past the damage after last that r can
// be read from: the records of further docs, then the start of each
// following kind of key. Nil when none can.
func resumeKey(r *sstable.Reader, last []byte) []byte {
	var tries [][]byte
	if len(last) > 0 && last[0] == prefixArticle {
		if d, err := articleDoc(last); err == nil {
			for step := doc(1); step < 1<<20; step *= 2 {
				tries = append(tries, articleKey(nil, d+step))
			}
		}
	}
	for _, p := range []byte{prefixArticle, prefixByline, prefixAppearance, prefixHash, prefixID, prefixMeta, prefixPosting, prefixSegment, prefixSite, prefixSeen, prefixPublished} {
		if len(last) == 0 || p > last[0] {
			tries = append(tries, []byte{p})
		}
	}
	for _, k := range tries {
		it, err := r.NewIter(sstable.NoTransforms, nil, nil, sstable.AssertNoBlobHandles)
		if err != nil {
			return nil
		}
		kv := it.SeekGE(k, 0)
		ok := kv != nil && it.Error() == nil
		if ok && kv.Kind() == pebbledb.InternalKeyKindSet {
			_, _, err = kv.Value(nil)
			ok = err == nil
		}
		it.Close()
		if ok {
			return k
		}
	}
	return nil
}

// readLog passes every write of a write-ahead log to keep, up to the first
// record it cannot read.
func readLog(l wal.LogicalLog, keep func(key []byte, seq uint64, value []byte, deleted bool)) error {
	r := l.OpenForRead()
	defer r.Close()
	for {
		rec, off, err := r.NextRecord()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var buf bytes.Buffer
		if err == nil {
			_, err = io.Copy(&buf, rec)
		}
		if err != nil {
			return fmt.Errorf("the record at byte %d and those after it: %w", off.Physical, err)
		}
		repr := buf.Bytes()
		h, ok := batchrepr.ReadHeader(repr)
		if !ok {
			return fmt.Errorf("the record at byte %d is not a batch", off.Physical)
		}
		seq := uint64(h.SeqNum)
		br := batchrepr.Read(repr)
		for i := uint64(0); ; i++ {
			kind, key, value, ok, err := br.Next()
			if err != nil {
				return fmt.Errorf("the batch at byte %d: %w", off.Physical, err)
			}
			if !ok {
				break
			}
			switch kind {
			case pebbledb.InternalKeyKindSet, pebbledb.InternalKeyKindSetWithDelete:
				keep(key, seq+i, value, false)
			case pebbledb.InternalKeyKindDelete, pebbledb.InternalKeyKindSingleDelete, pebbledb.InternalKeyKindDeleteSized:
				keep(key, seq+i, nil, true)
			}
		}
	}
}
