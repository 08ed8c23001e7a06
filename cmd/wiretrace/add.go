package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/text"
)

// addResult is one line of add's JSON output.
type addResult struct {
	Input  string `json:"input"`
	ID     string `json:"id,omitempty"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

func addCmd(e *env) *cobra.Command {
	var quiet bool
	c := &cobra.Command{
		Use:   "add PATH...",
		Short: "Store articles and their fingerprints",
		Long: `Store articles and their fingerprints. PATH is a text file (one article),
a JSON Lines file (.jsonl or .ndjson: one article a line with fields id,
url, site, title, published, text), a directory (read recursively) or "-"
for standard input. The same text added twice is stored once and reported
as a duplicate. A failed input is reported and the rest go on; the exit
code is then 3.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, st, err := e.openIndex()
			if err != nil {
				return err
			}
			defer st.Close()
			enc := json.NewEncoder(e.stdout)
			var added, dups, failed int
			emit := func(r addResult) error {
				if e.json {
					return enc.Encode(r)
				}
				if r.Status == "error" {
					fmt.Fprintf(e.stderr, "error      %s: %s\n", r.Input, r.Error)
					return nil
				}
				if !quiet {
					fmt.Fprintf(e.stdout, "%-10s %s  %s\n", r.Status, r.ID, r.Input)
				}
				return nil
			}
			err = ingest.Read(cmd.Context(), args, e.stdin, func(it ingest.Item) error {
				r := addResult{Input: it.Input}
				if it.Err == nil && it.Encoding != "" && it.Encoding != text.UTF8 {
					fmt.Fprintf(e.stderr, "wiretrace: %s: not valid UTF-8, read as %s\n", it.Input, it.Encoding)
				}
				if it.Err != nil {
					r.Status, r.Error = "error", it.Err.Error()
					failed++
					return emit(r)
				}
				res, err := ix.Add(cmd.Context(), it.Article)
				switch {
				case err != nil && cmd.Context().Err() != nil:
					return err
				case err != nil:
					r.Status, r.Error = "error", err.Error()
					failed++
				case res.Duplicate:
					r.ID, r.Status = res.ID, "duplicate"
					dups++
				default:
					r.ID, r.Status = res.ID, "added"
					added++
				}
				return emit(r)
			})
			if serr := st.Sync(); err == nil {
				err = serr
			}
			fmt.Fprintf(e.stderr, "%d added, %d duplicates, %d errors\n", added, dups, failed)
			if err != nil {
				return err
			}
			if failed > 0 {
				return fmt.Errorf("%w: %d", errSomeInputs, failed)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print one JSON object per input")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors and the summary")
	return c
}
