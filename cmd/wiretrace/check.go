package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/server"
)

func checkCmd(e *env) *cobra.Command {
	var top int
	var exclude []string
	var htmlPath string
	c := &cobra.Command{
		Use:   "check FILE|URL|-...",
		Short: "Find an article's sources in the store",
		Long: `Find the stored articles that each suspect derives from or relates to,
best first: articles published more than a day after a dated suspect,
which cannot be its source, after those that can. Each match carries the
relation, score, coverages, passages and substitutions of "compare", and
whether the suspect kept the source's credit. Unrelated articles are
left out; so is the stored article that is the suspect itself (its ID,
given in JSON Lines, or --exclude), while a stored copy of the same text
under another ID is reported as a copy.

A suspect is any input add reads: plain text, an HTML page, a URL, "-"
for standard input; a JSON Lines file, a directory or a crawl checks every
article in it, and --json then prints JSON Lines, one result a line. For
HTML the offsets refer to the extracted text, which --json includes.

The store must exist (see add).` + exitCodes,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := e.open(backend.ReadOnly)
			if err != nil {
				return err
			}
			defer eng.Store().Close()
			out := &lineWriter{e: e, print: func(w io.Writer, v any, header string) {
				if header != "" {
					fmt.Fprintf(w, "== %s\n", header)
				}
				report.Matches(w, v.(engine.CheckResult).Matches, report.Options{MaxSubstitutions: 10})
			}}
			opts := engine.CheckOptions{Top: top, Exclude: exclude}
			b := batch{e: e}
			html := htmlReport{path: htmlPath}
			err = ingest.ReadWith(ctx, args, e.stdin, e.readOptions(""), func(it ingest.Item) error {
				if !b.item(it) {
					return nil
				}
				ms, err := eng.Check(ctx, it.Article, opts)
				if err != nil {
					return b.failed(ctx, it.Input, err)
				}
				if ms == nil {
					ms = []wiretrace.Match{}
				}
				if htmlPath != "" {
					r := server.Report{Suspect: reportArticle(it), SuspectText: it.Article.Text}
					for _, m := range ms {
						rm := server.ReportMatch{Match: m}
						switch a, err := eng.Store().Get(ctx, m.ID); {
						case err == nil:
							rm.SourceText = a.Text
						case !errors.Is(err, wiretrace.ErrNotFound):
							return err
						}
						r.Matches = append(r.Matches, rm)
					}
					if err := html.write(r, eng.Options().Align); err != nil {
						return err
					}
				}
				return out.write(engine.CheckResult{Input: it.Input, ID: it.Article.ID, Suspect: it.Extracted(), Matches: ms}, it.Input)
			})
			return b.end(err, out)
		},
	}
	c.Flags().IntVar(&top, "top", 10, "report at most N sources (0: all found)")
	c.Flags().StringSliceVar(&exclude, "exclude", nil, "IDs of stored articles that are the suspect itself, left out")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON (JSON Lines for several suspects)")
	c.Flags().StringVar(&htmlPath, "html", "", "also write the result as a page that stands alone to `FILE` (one suspect)")
	return c
}

// batch keeps the tally of a command run over many articles: inputs that
// fail are reported and the rest go on.
type batch struct {
	e            *env
	items, fails int
	lastErr      error
}

// item reports an input that failed or is no article and says whether it
// holds an article to work on.
func (b *batch) item(it ingest.Item) bool {
	if ingest.IsRoutine(it.Err) {
		// A crawl's requests and metadata: neither articles nor
		// failures.
		return false
	}
	b.items++
	if it.Err != nil {
		b.fails++
		b.lastErr = fmt.Errorf("%s: %w", it.Input, it.Err)
		fmt.Fprintf(b.e.stderr, "wiretrace: %v\n", b.lastErr)
		return false
	}
	b.e.noteEncoding(it)
	return true
}

// failed reports an article the command failed on, and stops the run only
// when it was cancelled.
func (b *batch) failed(ctx context.Context, input string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	b.fails++
	b.lastErr = fmt.Errorf("%s: %w", input, err)
	fmt.Fprintf(b.e.stderr, "wiretrace: %v\n", b.lastErr)
	return nil
}

// end finishes the run: a run of one failed article fails as that
// article's error; a run where some failed exits 3.
func (b *batch) end(err error, out *lineWriter) error {
	if err != nil {
		return err
	}
	if err := out.close(); err != nil {
		return err
	}
	switch {
	case b.items == 0:
		return wiretrace.ErrEmptyText
	case b.fails == 0:
		return nil
	case b.items == 1:
		// Reported already: exit 1 without saying it twice.
		return quiet{b.lastErr}
	}
	return fmt.Errorf("%w: %d of %d", errSomeInputs, b.fails, b.items)
}

// quiet is an error already reported to the user.
type quiet struct{ error }

func (q quiet) Unwrap() error { return q.error }
