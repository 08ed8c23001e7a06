package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/internal/storecopy"
)

func copyCmd(e *env) *cobra.Command {
	var from, to, state string
	var restart bool
	c := &cobra.Command{
		Use:   "copy --from STORE --to STORE",
		Short: "Copy the articles of one store into another (embedded store to PostgreSQL, and back)",
		Long: `Copy every article of the --from store, with its appearances, into the
--to store, in the order they were stored, creating the --to store if
there is none. Either may be a directory (the embedded store) or a
postgres:// URL. The destination decides as for any add: an article it
holds already is counted as present, one whose ID it holds with another
text is refused and reported. Story families are not copied: run
"wiretrace families" on the --to store to group it.

The copy is resumable: after each batch it notes in a state file (by
default in the user's cache directory, one per pair of stores) the
place up to which the source was copied, and a copy of the same stores
started again resumes there. --restart starts from the first article.
The file is removed when the copy ends.` + exitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return usageError{errors.New("copy needs --from and --to")}
			}
			if from == to {
				return usageError{errors.New("--from and --to name the same store")}
			}
			if state == "" {
				var err error
				if state, err = copyStatePath(from, to); err != nil {
					return err
				}
			}
			src, err := backend.Open(from, backend.Existing, backend.Options{})
			if errors.Is(err, wiretrace.ErrNoStore) {
				return fmt.Errorf("no store at %s: %w", backend.Display(from), err)
			}
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := backend.Open(to, backend.Create, backend.Options{})
			if err != nil {
				return err
			}
			defer dst.Close()

			ctx := cmd.Context()
			var o storecopy.Options
			if !restart {
				if o.From, err = readCopyState(state); err != nil {
					return err
				}
				if o.From > 0 {
					fmt.Fprintf(e.stderr, "wiretrace: resuming the copy at article %d of the source (--restart starts over)\n", o.From)
				}
			}
			stats, err := src.Stats(ctx)
			if err != nil {
				return err
			}
			bar := newCopyBar(e, stats.Articles)
			o.Done = func(p storecopy.Progress) error {
				bar.set(p.Articles)
				return writeCopyState(state, from, to, p)
			}
			p, err := storecopy.Copy(ctx, src, dst, fingerprint.Scheme, o)
			bar.done()
			for _, f := range p.Failed {
				fmt.Fprintf(e.stderr, "error      %s: %v\n", f.ID, f.Err)
			}
			if p.FailedCount > len(p.Failed) {
				fmt.Fprintf(e.stderr, "and %d more refused\n", p.FailedCount-len(p.Failed))
			}
			fmt.Fprintf(e.stdout, "%d articles read from %s: %d added, %d appearances, %d already there, %d refused\n",
				p.Articles, backend.Display(from), p.Added, p.Appearances, p.Present, p.FailedCount)
			if err != nil {
				return fmt.Errorf("%w (run the same copy again to resume)", err)
			}
			if err := os.Remove(state); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if p.FailedCount > 0 {
				return fmt.Errorf("%w: %d", errSomeInputs, p.FailedCount)
			}
			return nil
		},
	}
	c.Flags().StringVar(&from, "from", "", "the store to copy: a directory or a postgres:// URL")
	c.Flags().StringVar(&to, "to", "", "the store to copy into, created if there is none")
	c.Flags().StringVar(&state, "state", "", "the file that notes how far the copy got (default: in the user's cache directory)")
	c.Flags().BoolVar(&restart, "restart", false, "start from the first article, not where an interrupted copy stopped")
	return c
}

// copyState is what the state file of a copy holds.
type copyState struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Next is the source Seq to resume at.
	Next uint64 `json:"next"`
}

// copyStatePath is the default state file of a copy between two stores.
func copyStatePath(from, to string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for the copy's state (give --state): %w", err)
	}
	h := sha256.Sum256([]byte(from + "\x00" + to))
	return filepath.Join(dir, "wiretrace", "copy-"+hex.EncodeToString(h[:8])+".json"), nil
}

// readCopyState returns where an interrupted copy stopped, 0 if none did.
func readCopyState(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var st copyState
	if err := json.Unmarshal(b, &st); err != nil {
		return 0, fmt.Errorf("copy state %s: %w (remove it, or give --restart)", path, err)
	}
	return st.Next, nil
}

// writeCopyState notes progress, replacing the file whole so that a crash
// leaves the old state or the new one.
func writeCopyState(path, from, to string, p storecopy.Progress) error {
	b, err := json.Marshal(copyState{From: backend.Display(from), To: backend.Display(to), Next: p.Next})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// copyBar draws a copy's progress on a terminal; nil draws nothing.
type copyBar struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

func newCopyBar(e *env, total int64) *copyBar {
	if !isTerminal(e.stderr) {
		return nil
	}
	p := mpb.New(mpb.WithOutput(e.stderr), mpb.WithWidth(40), mpb.WithRefreshRate(150*time.Millisecond))
	bar := p.AddBar(total,
		mpb.PrependDecorators(decor.CountersNoUnit("%d / %d articles", decor.WCSyncSpaceR)),
		mpb.AppendDecorators(decor.AverageSpeed(0, "%.0f/s"), decor.Name("  ETA "), decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO), "done")),
	)
	return &copyBar{p, bar}
}

func (b *copyBar) set(n int) {
	if b != nil {
		b.bar.SetCurrent(int64(n))
	}
}

func (b *copyBar) done() {
	if b != nil {
		b.bar.SetTotal(-1, true)
		b.p.Wait()
	}
}
