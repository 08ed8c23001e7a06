package pebble

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wiretrace/wiretrace"
	"golang.org/x/sys/unix"
)

// reserve is the room a store keeps free on its disk beyond what a write
// needs: enough for pebble to flush a memtable and finish a compaction.
// Below it writes fail with wiretrace.ErrDiskFull before they start, so
// that a full disk stops an add cleanly after its last acknowledged
// article instead of failing inside the store's log.
const reserve = 24 << 20

// free returns the bytes free to the process on dir's file system, or -1
// when the system does not say.
func free(dir string) int64 {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return -1
	}
	return int64(st.Bavail) * int64(st.Bsize)
}

// room fails with wiretrace.ErrDiskFull unless the store's disk has need
// bytes free beyond the reserve.
func (s *Store) room(need int64) error {
	return roomIn(s.dir, need)
}

func roomIn(dir string, need int64) error {
	f := free(dir)
	if f < 0 || f >= need+reserve {
		return nil
	}
	return fmt.Errorf("%w: %s has %d MB free, a write needs %d MB with the %d MB kept free; free some space",
		wiretrace.ErrDiskFull, dir, f>>20, (need+(1<<20)-1)>>20, reserve>>20)
}

// roomToOpen fails with wiretrace.ErrDiskFull when opening the store in dir
// for writing would not have the room to settle its log: pebble writes
// the log's contents into a table when it opens, and waits for that
// forever on a full disk.
func roomToOpen(dir string) error {
	names, err := dirNames(dir)
	if err != nil {
		return nil
	}
	var logs int64
	for _, n := range names {
		if strings.HasSuffix(n, ".log") {
			if fi, err := os.Stat(filepath.Join(dir, n)); err == nil {
				logs += fi.Size()
			}
		}
	}
	return roomIn(dir, logs)
}
