package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// TotalSize returns the bytes a Read of paths will consume, for a
// progress bar's ETA: the sizes of the files named and of those under the
// directories named (symbolic links to directories are not followed, so
// it may fall short). ok is false when a path is standard input or a URL,
// whose sizes are not known up front.
func TotalSize(paths []string) (total int64, ok bool) {
	ok = true
	for _, p := range paths {
		if p == "-" || isURL(p) {
			ok = false
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			total += fi.Size()
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total, ok
}
