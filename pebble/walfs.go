package pebble

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// walCategory is the write category pebble gives its write-ahead log files.
const walCategory vfs.DiskWriteCategory = "pebble-wal"

// walFS is the file system the store gives pebble. It passes everything to
// the wrapped file system, except that syncing a write-ahead log file does
// nothing until the store asks for it.
//
// Why: a pebble commit with NoSync leaves the batch in pebble's own log
// buffer, which a background goroutine writes to the file later, so a
// process killed right after the commit returns loses it. A commit with
// Sync waits until the log writer has written the batch to the file and
// synced it. With syncs of the log turned into no-ops, a Sync commit costs a
// write system call instead of an fsync: an acknowledged article survives
// kill -9 (the data is in the kernel) but not power loss, and concurrent
// commits still share one write. Store.Sync then calls the real fsync, and
// every log file is fsynced before it is closed, so a log pebble has
// rotated away from is durable.
//
// walFS must not change anything else: sstables, the manifest and
// directories are synced exactly as pebble asks.
type walFS struct {
	vfs.FS

	mu   sync.Mutex
	open map[*walFile]struct{}
	// Counters for tests: log files opened for writing, syncs skipped and
	// syncs done. They show that pebble still tags its logs the way walFS
	// expects and that commits ask for a sync that walFS skips.
	opened, skipped, synced atomic.Int64
}

func newWALFS(fs vfs.FS) *walFS {
	return &walFS{FS: fs, open: map[*walFile]struct{}{}}
}

func (fs *walFS) Create(name string, category vfs.DiskWriteCategory) (vfs.File, error) {
	f, err := fs.FS.Create(name, category)
	if err != nil || category != walCategory {
		return f, err
	}
	return fs.track(f), nil
}

func (fs *walFS) ReuseForWrite(oldname, newname string, category vfs.DiskWriteCategory) (vfs.File, error) {
	f, err := fs.FS.ReuseForWrite(oldname, newname, category)
	if err != nil || category != walCategory {
		return f, err
	}
	return fs.track(f), nil
}

// Unwrap returns the wrapped file system.
func (fs *walFS) Unwrap() vfs.FS { return fs.FS }

func (fs *walFS) track(f vfs.File) *walFile {
	w := &walFile{File: f, fs: fs}
	fs.mu.Lock()
	fs.open[w] = struct{}{}
	fs.mu.Unlock()
	fs.opened.Add(1)
	return w
}

// syncLogs fsyncs every log file open for writing. Callers first make
// pebble write out its log buffer (a Sync commit does).
func (fs *walFS) syncLogs() error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var errs []error
	for f := range fs.open {
		errs = append(errs, f.File.Sync())
		fs.synced.Add(1)
	}
	return errors.Join(errs...)
}

// walFile is a log file whose syncs wait for Store.Sync or Close.
type walFile struct {
	vfs.File
	fs *walFS
}

func (f *walFile) Sync() error     { f.fs.skipped.Add(1); return nil }
func (f *walFile) SyncData() error { f.fs.skipped.Add(1); return nil }

// Preallocate does nothing. Pebble reserves log space so that fsyncs need
// not update the file's size; with fsyncs rare that saves nothing, and it
// would make every store take tens of megabytes on disk however small.
func (f *walFile) Preallocate(offset, length int64) error { return nil }

// SyncTo reports that nothing was synced, which its contract allows.
func (f *walFile) SyncTo(int64) (fullSync bool, err error) { return false, nil }

// Close fsyncs the file before closing it: once pebble moves on to another
// log file nothing else would sync this one.
func (f *walFile) Close() error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	delete(f.fs.open, f)
	f.fs.synced.Add(1)
	return errors.Join(f.File.Sync(), f.File.Close())
}
