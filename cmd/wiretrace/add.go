package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
)

// addSummary counts what add did. Every input read is counted: an
// article added or a duplicate, an error, a skip by its reason, or a
// routine record of a crawl by its kind.
type addSummary struct {
	added, duplicates, errors int
	skipped                   map[string]int
	// routine counts the records every crawl holds beside its pages
	// (requests, metadata), by reason.
	routine map[string]int
}

func (s addSummary) String() string {
	out := fmt.Sprintf("%d added, %d duplicates, %d errors", s.added, s.duplicates, s.errors)
	count := func(m map[string]int, trim string) (int, string) {
		total := 0
		var parts []string
		for _, reason := range slices.Sorted(maps.Keys(m)) {
			total += m[reason]
			parts = append(parts, fmt.Sprintf("%d %s", m[reason], strings.TrimSuffix(reason, trim)))
		}
		return total, strings.Join(parts, ", ")
	}
	if len(s.skipped) > 0 {
		n, parts := count(s.skipped, "")
		out += fmt.Sprintf(", %d skipped (%s)", n, parts)
	}
	if len(s.routine) > 0 {
		n, parts := count(s.routine, " record")
		out += fmt.Sprintf(", %d other crawl records (%s)", n, parts)
	}
	return out
}

func addCmd(e *env) *cobra.Command {
	var quiet bool
	var workers int
	var site string
	c := &cobra.Command{
		Use:   "add PATH|URL...",
		Short: "Store articles and their fingerprints",
		Long: `Store articles and their fingerprints in the store named by --db, which is
created if needed. A PATH is a plain text file (one article), an HTML
page (its main text and metadata are extracted), a JSON Lines file
(.jsonl or .ndjson: one article a line with fields id, url, site, title,
published, first_seen, byline (a string or an array of names), language,
canonical_url, slug (the agency's slugline) and text, or html instead of
text), a WARC web archive (.warc or .warc.gz: every HTML page answered
200 is an article), an RSS or Atom feed (every item with content), any of
these gzip-compressed, a directory (read recursively; files of other
kinds, such as .md or .go, are skipped), an http(s) URL to fetch, or "-"
for standard input. Every article gets a site: its own, else --site, else
the registrable domain of its URL.

The same text added twice is stored once and reported as a duplicate of
the first. An article's ID is the one given in JSON Lines, or else derived
from its text. Inputs that are no article (a redirect or an image in a
crawl) are skipped with a reason; a failed input is reported and the rest
go on, and the exit code is then 3. Inputs are read and extracted on
--workers goroutines and stored in input order, in batches. A progress bar
shows on a terminal.` + exitCodes,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := e.open(backend.Create)
			if err != nil {
				return err
			}
			st := eng.Store()
			defer st.Close()

			var bar *progress
			if isTerminal(e.stderr) {
				total, _ := ingest.TotalSize(args)
				bar = newProgress(e.stderr, total)
			}
			out, errOut := e.stdout, bar.writer(e.stderr)
			if isTerminal(e.stdout) {
				out = bar.writer(e.stdout)
			}
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			sum := addSummary{skipped: map[string]int{}, routine: map[string]int{}}
			// routineReasons are the reasons of routine skips seen.
			routineReasons := map[string]bool{}
			emit := func(r engine.AddOutcome) {
				if e.json {
					enc.Encode(r)
					return
				}
				switch r.Status {
				case engine.StatusError:
					fmt.Fprintf(errOut, "error      %s: %s\n", r.Input, r.Error)
				case engine.StatusSkipped:
					// A crawl's requests and metadata are only
					// counted, save in JSON.
					if !quiet && !routineReasons[r.Reason] {
						fmt.Fprintf(errOut, "skipped    %s: %s\n", r.Input, r.Error)
					}
				case engine.StatusDuplicate:
					if !quiet {
						fmt.Fprintf(out, "%-10s %s  %s  (of %s)\n", r.Status, r.ID, r.Input, r.DuplicateOf)
					}
				default:
					if !quiet {
						fmt.Fprintf(out, "%-10s %s  %s\n", r.Status, r.ID, r.Input)
					}
				}
			}
			opts := e.readOptions(site)
			opts.Workers = workers
			if bar != nil {
				opts.Progress = bar.addBytes
			}
			loader := eng.Loader()
			err = ingest.ReadWith(ctx, args, e.stdin, opts, func(it ingest.Item) error {
				r := outcome(it)
				if r.Note != "" {
					fmt.Fprintf(errOut, "wiretrace: %s: %s\n", it.Input, r.Note)
				}
				// Inputs are reported in input order: one that is no
				// article waits for the articles queued before it.
				if reason := ingest.SkipReason(it.Err); reason != "" {
					r.Status, r.Reason, r.Error = engine.StatusSkipped, reason, it.Err.Error()
					if ingest.IsRoutine(it.Err) {
						routineReasons[reason] = true
						sum.routine[reason]++
					} else {
						sum.skipped[reason]++
					}
					loader.Then(func() { emit(r) })
					return nil
				}
				if it.Err != nil {
					r.Status, r.Error = engine.StatusError, it.Err.Error()
					sum.errors++
					loader.Then(func() { emit(r) })
					return nil
				}
				r.ID = it.Article.ID
				if r.ID == "" {
					r.ID = engine.ID(it.Article.Text)
				}
				return loader.Add(ctx, it.Article, func(res wiretrace.AddResult) {
					switch {
					case res.Err != nil:
						r.Status, r.Error = engine.StatusError, res.Err.Error()
						sum.errors++
					case res.Duplicate:
						r.Status, r.DuplicateOf, r.Appeared = engine.StatusDuplicate, res.ID, res.Appeared
						sum.duplicates++
					default:
						r.ID, r.Status = res.ID, engine.StatusAdded
						sum.added++
					}
					bar.article()
					emit(r)
				})
			})
			// What was read is stored, synced and, after a bulk load,
			// settled, even when reading stopped early.
			if cerr := loader.Close(ctx); err == nil {
				err = cerr
			}
			bar.done()
			fmt.Fprintln(e.stderr, sum)
			if err != nil {
				return err
			}
			if sum.errors > 0 {
				return fmt.Errorf("%w: %d", errSomeInputs, sum.errors)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print one JSON object per input")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors and the summary")
	c.Flags().IntVar(&workers, "workers", 0, "inputs read and extracted at once (0: one per CPU)")
	c.Flags().StringVar(&site, "site", "", "site of articles that name none (default: the registrable domain of the URL)")
	return c
}

// outcome is the line add prints for an input, before it is stored: what
// was read of it.
func outcome(it ingest.Item) engine.AddOutcome {
	a := it.Article
	return engine.AddOutcome{
		Input: it.Input, Note: addNote(it),
		URL: a.URL, Site: a.Site, Title: a.Title,
		Published: a.Published, PublishedFrom: a.PublishedFrom,
		FirstSeen: a.FirstSeen, FirstSeenFrom: a.FirstSeenFrom,
		Page: it.Meta,
	}
}
