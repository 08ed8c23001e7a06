package pebble

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/cockroachdb/pebble/v2/wal"
	"github.com/wiretrace/wiretrace"
)

// DamageError says what is damaged in a store, in which file. It wraps
// wiretrace.ErrCorrupt. A store that reports one has not been changed:
// nothing is deleted or created to get past the damage.
type DamageError struct {
	Dir string
	// File is the damaged or missing file's name in Dir.
	File string
	// Problem says what is wrong with it.
	Problem string
	// Err is the error that showed the damage, if any.
	Err error
}

func (e *DamageError) Error() string {
	msg := fmt.Sprintf("store %s is damaged: %s: %s", e.Dir, e.File, e.Problem)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

func (e *DamageError) Unwrap() []error {
	if e.Err == nil {
		return []error{wiretrace.ErrCorrupt}
	}
	return []error{wiretrace.ErrCorrupt, e.Err}
}

// storeFile reports whether a file name is one a store keeps: tables,
// logs, manifests, options and markers, not the lock.
func storeFile(name string) bool {
	for _, suffix := range []string{".sst", ".log", ".blob"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	for _, prefix := range []string{"MANIFEST-", "OPTIONS-", "marker."} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// missingMarker returns the damage of a directory that holds a store's
// files but no manifest marker, the file that says which manifest is
// current. Pebble would take such a directory for a new store and delete
// the tables the missing manifest listed.
func missingMarker(dir string, names []string) error {
	var manifests []string
	for _, n := range names {
		if strings.HasPrefix(n, "marker.manifest.") {
			return nil
		}
		if strings.HasPrefix(n, "MANIFEST-") {
			manifests = append(manifests, n)
		}
	}
	if !slices.ContainsFunc(names, storeFile) {
		return nil
	}
	problem := "the manifest marker (marker.manifest.*) is missing"
	if len(manifests) > 0 {
		slices.Sort(manifests)
		problem += fmt.Sprintf("; the newest manifest is %s", manifests[len(manifests)-1])
	}
	return &DamageError{Dir: dir, File: "marker.manifest.*", Problem: problem}
}

var (
	tableNum = regexp.MustCompile(`\b(\d{6})\b`)
)

// openDamage turns an error of opening the store in dir into a
// DamageError naming the file, when it is damage; other errors come back
// as they are.
func openDamage(dir string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "replaying WAL"):
		if d := damagedLog(dir); d != nil {
			d.Err = err
			return d
		}
		return &DamageError{Dir: dir, File: "*.log", Problem: "a write-ahead log cannot be read", Err: err}
	case strings.Contains(msg, "object size mismatch"), strings.Contains(msg, "does not exist"), strings.Contains(msg, "unknown to the objstorage provider"):
		file := "a table"
		if m := tableNum.FindStringSubmatch(msg); m != nil {
			file = m[1] + ".sst"
		}
		problem := "missing"
		if strings.Contains(msg, "size mismatch") {
			problem = "of another size than the manifest records (cut short?)"
		}
		return &DamageError{Dir: dir, File: file, Problem: problem, Err: err}
	case errors.Is(err, wiretrace.ErrCorrupt) || strings.Contains(msg, "corrupt") || strings.Contains(msg, "checksum"):
		file := "the store"
		if m := tableNum.FindStringSubmatch(msg); m != nil {
			file = m[1]
		}
		return &DamageError{Dir: dir, File: file, Problem: "cannot be read", Err: err}
	}
	return err
}

// damagedLog reads every write-ahead log of dir and returns the damage of
// the first that cannot be read to its end, naming the byte where its
// damage starts.
func damagedLog(dir string) *DamageError {
	logs, err := wal.Scan(wal.Dir{FS: vfs.Default, Dirname: dir})
	if err != nil {
		return nil
	}
	for _, l := range logs {
		r := l.OpenForRead()
		for {
			rec, off, err := r.NextRecord()
			if err == nil {
				_, err = io.Copy(io.Discard, rec)
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				r.Close()
				name := fmt.Sprintf("%s.log", l.Num)
				return &DamageError{Dir: dir, File: name, Problem: fmt.Sprintf("damaged at byte %d", off.Physical)}
			}
		}
		r.Close()
	}
	return nil
}

// dirNames lists the names in dir.
func dirNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, nil
}
