package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/text"
)

// addResult is one line of add's JSON output.
type addResult struct {
	Input  string `json:"input"`
	ID     string `json:"id,omitempty"`
	Status string `json:"status"`
	// Reason says why a skipped input is no article.
	Reason    string       `json:"reason,omitempty"`
	Error     string       `json:"error,omitempty"`
	URL       string       `json:"url,omitempty"`
	Site      string       `json:"site,omitempty"`
	Title     string       `json:"title,omitempty"`
	Published time.Time    `json:"published,omitzero"`
	Meta      *ingest.Meta `json:"meta,omitempty"`
}

// addSummary counts what add did.
type addSummary struct {
	added, duplicates, errors int
	skipped                   map[string]int
}

func (s addSummary) String() string {
	out := fmt.Sprintf("%d added, %d duplicates, %d errors", s.added, s.duplicates, s.errors)
	if len(s.skipped) == 0 {
		return out
	}
	total := 0
	var parts []string
	for _, reason := range slices.Sorted(maps.Keys(s.skipped)) {
		total += s.skipped[reason]
		parts = append(parts, fmt.Sprintf("%d %s", s.skipped[reason], reason))
	}
	return fmt.Sprintf("%s, %d skipped (%s)", out, total, strings.Join(parts, ", "))
}

// compactAfter is how many articles one add must store before it settles
// the store.
const compactAfter = 5000

func addCmd(e *env) *cobra.Command {
	var quiet bool
	var workers int
	var site string
	c := &cobra.Command{
		Use:   "add PATH|URL...",
		Short: "Store articles and their fingerprints",
		Long: `Store articles and their fingerprints. A PATH is a plain text file (one
article), an HTML page (its main text and metadata are extracted), a JSON
Lines file (.jsonl or .ndjson: one article a line with fields id, url, site,
title, published, byline (a string or an array of names), language,
canonical_url and text, or html instead of text), a WARC web archive
(.warc or .warc.gz: every HTML page answered 200 is an article), an RSS or
Atom feed (every item with content), any of these gzip-compressed, a
directory (read recursively), an http(s) URL to fetch, or "-" for standard
input. Every article gets a site: its own, else --site, else the
registrable domain of its URL.

The same text added twice is stored once and reported as a duplicate.
Inputs that are no article (a redirect or an image in a crawl) are skipped
with a reason; a failed input is reported and the rest go on, and the exit
code is then 3. Inputs are read and extracted on --workers goroutines and
stored in input order. A progress bar shows on a terminal.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, st, err := e.openIndex()
			if err != nil {
				return err
			}
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
			sum := addSummary{skipped: map[string]int{}}
			emit := func(r addResult) error {
				if e.json {
					return enc.Encode(r)
				}
				switch r.Status {
				case "error":
					fmt.Fprintf(errOut, "error      %s: %s\n", r.Input, r.Error)
				case "skipped":
					if !quiet {
						fmt.Fprintf(errOut, "skipped    %s: %s\n", r.Input, r.Error)
					}
				default:
					if !quiet {
						fmt.Fprintf(out, "%-10s %s  %s\n", r.Status, r.ID, r.Input)
					}
				}
				return nil
			}
			opts := ingest.Options{
				Workers:  workers,
				Site:     site,
				Fetch:    e.fetcher(),
				Progress: bar.addBytes,
			}
			if bar == nil {
				opts.Progress = nil
			}
			err = ingest.ReadWith(cmd.Context(), args, e.stdin, opts, func(it ingest.Item) error {
				r := addResult{Input: it.Input}
				if it.Err == nil && it.Encoding != "" && it.Encoding != text.UTF8 {
					fmt.Fprintf(errOut, "wiretrace: %s: not valid UTF-8, read as %s\n", it.Input, it.Encoding)
				}
				if reason := ingest.SkipReason(it.Err); reason != "" {
					r.Status, r.Reason, r.Error = "skipped", reason, it.Err.Error()
					sum.skipped[reason]++
					return emit(r)
				}
				if it.Err != nil {
					r.Status, r.Error = "error", it.Err.Error()
					sum.errors++
					return emit(r)
				}
				res, err := ix.Add(cmd.Context(), it.Article)
				switch {
				case err != nil && cmd.Context().Err() != nil:
					return err
				case err != nil:
					r.Status, r.Error = "error", err.Error()
					sum.errors++
					return emit(r)
				case res.Duplicate:
					r.ID, r.Status = res.ID, "duplicate"
					sum.duplicates++
				default:
					r.ID, r.Status = res.ID, "added"
					sum.added++
				}
				bar.article()
				a := it.Article
				r.URL, r.Site, r.Title, r.Published, r.Meta = a.URL, a.Site, a.Title, a.Published, it.Meta
				return emit(r)
			})
			if serr := st.Sync(); err == nil {
				err = serr
			}
			// After a bulk load the store settles now, while the loader
			// waits, rather than during the checks that follow.
			if c, ok := st.(interface{ Compact(context.Context) error }); ok && err == nil && sum.added >= compactAfter {
				err = c.Compact(cmd.Context())
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
