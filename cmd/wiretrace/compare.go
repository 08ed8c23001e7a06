package main

import (
	"cmp"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/server"
	"github.com/wiretrace/wiretrace/text"
)

func compareCmd(e *env) *cobra.Command {
	var texts bool
	var htmlPath string
	c := &cobra.Command{
		Use:   "compare SOURCE SUSPECT...",
		Short: "Align two articles and say how the suspect derives from the source",
		Long: `Align each suspect with the source and say how it derives from it: the
relation (copy, spun, partial, related, unrelated; for spun, whether
synonyms were swapped in or the text was rewritten), a score, the
coverage of each text, the aligned passages with byte offsets into both texts, the
words the suspect substituted, and for a derived suspect whether it kept
the source's credit and which quotes it changed.

SOURCE is one article of any kind add reads: a text file, an HTML page, a
URL, "-" for standard input. Each SUSPECT is any input add reads: a JSON
Lines file or a directory compares every article in it, and --json then
prints JSON Lines, one result a line. For HTML the offsets refer to the
extracted text, which --json includes. No store is used.` + exitCodes,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			source, err := e.readArticle(ctx, args[0], "")
			if err != nil {
				return err
			}
			src := engine.Prepare(source.Article.Text)
			opts := engine.Defaults
			out := &lineWriter{e: e, print: func(w io.Writer, v any, header string) {
				r := v.(compared)
				if header != "" {
					fmt.Fprintf(w, "== %s\n", header)
				}
				report.Comparison(w, source.Article.Text, r.suspectText, r.Comparison, report.Options{
					Color: isTerminal(w), Texts: texts, MaxSubstitutions: 40,
				})
			}}
			b := batch{e: e}
			html := htmlReport{path: htmlPath}
			err = ingest.ReadWith(ctx, args[1:], e.stdin, e.readOptions(""), func(it ingest.Item) error {
				if !b.item(it) {
					return nil
				}
				suspect := engine.Prepare(it.Article.Text)
				c := opts.Compare(src, suspect)
				c.Original = engine.NamedOriginal(c, source.Article, it.Article, suspect)
				if c.Relation == wiretrace.Unrelated {
					// Not an answer for a text that could not be
					// split into words.
					if err := cmp.Or(text.Unsegmented(source.Article.Text), text.Unsegmented(it.Article.Text)); err != nil {
						return b.failed(ctx, it.Input, err)
					}
				}
				if htmlPath != "" {
					src := reportArticle(source)
					r := server.Report{Suspect: reportArticle(it), SuspectText: it.Article.Text, Source: &src,
						Matches: []server.ReportMatch{{Match: wiretrace.Match{Title: source.Article.Title, Site: source.Article.Site, Comparison: c}, SourceText: source.Article.Text}}}
					if err := html.write(r, opts.Align); err != nil {
						return err
					}
				}
				return out.write(compared{
					CompareResult: engine.CompareResult{Input: it.Input, Comparison: c, Source: source.Extracted(), Suspect: it.Extracted()},
					suspectText:   it.Article.Text,
				}, it.Input)
			})
			return b.end(err, out)
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON (JSON Lines for several suspects)")
	c.Flags().BoolVar(&texts, "texts", true, "show both texts with the reused spans marked")
	c.Flags().StringVar(&htmlPath, "html", "", "also write the result as a page that stands alone to `FILE` (one suspect)")
	return c
}

// compared is a comparison with the suspect's text, which the report shows
// and the JSON carries only for an extracted suspect.
type compared struct {
	engine.CompareResult
	suspectText string
}
