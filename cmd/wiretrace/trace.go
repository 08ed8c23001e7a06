package main

import (
	"cmp"
	"errors"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/server"
)

func traceCmd(e *env) *cobra.Command {
	var maxMembers int
	var htmlPath string
	c := &cobra.Command{
		Use:   "trace ID|FILE|URL|-",
		Short: "Find where a story started and who copied whom",
		Long: `Gather the story family of an article: every stored article joined to it
by derivation (copy, spun, partial), each link confirmed by aligning the
two texts, less the links that only bridge two stories (see
docs/provenance.md). Then say which member is the origin, how sure and
why (the times each claims or was seen at, and where they came from;
which text holds what the other lacks; who credits whom; whose dateline
opens the text; which has the commoner words where they differ word for
word, as a spinner puts rarer ones in), each copy's most likely
parent (taken from the origin, or from another copy), what it did with
its parent's credit and quotes, and how long after its parent it
appeared.

The article is a stored ID, or any single input add reads (a file, a
page, a URL, "-" for standard input); it need not be stored. An input
whose text is stored byte for byte is the stored article; one not stored
is named in the story by the ID add would give it. An argument that is
both a file and a stored ID is read as the file.` + exitCodes,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := e.open(backend.ReadOnly)
			if err != nil {
				return err
			}
			defer eng.Store().Close()
			name := args[0]
			var a wiretrace.Article
			input := ""
			if _, statErr := os.Stat(name); statErr != nil && name != "-" && !isURL(name) {
				a.ID = name
			} else {
				it, err := e.readArticle(ctx, name, "")
				if err != nil {
					return err
				}
				a, input = it.Article, it.Input
			}
			t, err := eng.Trace(ctx, a, engine.TraceOptions{MaxMembers: maxMembers})
			if errors.Is(err, wiretrace.ErrNotFound) && input == "" {
				return e.notFound(name)
			}
			if err != nil {
				return err
			}
			t.Input = input
			if htmlPath != "" {
				h := htmlReport{path: htmlPath}
				r := server.Report{Suspect: server.ReportArticle{Input: cmp.Or(input, name), Title: a.Title, Site: a.Site}, Trace: t}
				if err := h.write(r, eng.Options().Align); err != nil {
					return err
				}
			}
			if e.json {
				return writeJSON(e, t)
			}
			report.Trace(e.stdout, t)
			return nil
		},
	}
	c.Flags().IntVar(&maxMembers, "max-members", engine.DefaultMaxMembers, "stop gathering the family at N members")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	c.Flags().StringVar(&htmlPath, "html", "", "also write the story as a page that stands alone to `FILE`")
	return c
}

// isURL reports an argument that names a page to fetch.
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
