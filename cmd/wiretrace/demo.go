package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/examples"
	"github.com/wiretrace/wiretrace/report"
)

// demoSuspect is the article the demo checks: a content farm's spun,
// rebranded copy of a wire story.
const demoSuspect = "flood/spun.txt"

func demoCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Index the bundled example articles and trace a spun copy to its source",
		Long: `Index the bundled example articles (fictional wire stories, their copies,
and independent and unrelated stories) in a fresh store, then check a
content farm's spun copy against it and show the report. The store is a
temporary directory unless --db is given.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if !cmd.Flags().Changed("db") {
				dir, err := os.MkdirTemp("", "wiretrace-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				e.db = dir
			}
			eng, err := e.open(backend.Create)
			if err != nil {
				return err
			}
			st := eng.Store()
			defer st.Close()

			names, err := fs.Glob(examples.FS, "*/*.txt")
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Indexing %d example articles in %s\n", len(names)-1, e.db)
			for _, name := range names {
				if name == demoSuspect {
					continue
				}
				b, err := examples.FS.ReadFile(name)
				if err != nil {
					return err
				}
				res, err := eng.AddOne(ctx, wiretrace.Article{
					ID:    strings.TrimSuffix(name, ".txt"),
					Title: firstLine(string(b)),
					Site:  path.Dir(name) + ".example",
					Text:  string(b),
				})
				if err != nil {
					return fmt.Errorf("demo: add %s: %w", name, err)
				}
				fmt.Fprintf(e.stdout, "  %-24s %s\n", res.ID, firstLine(string(b)))
			}
			b, err := examples.FS.ReadFile(demoSuspect)
			if err != nil {
				return err
			}
			suspect := string(b)
			fmt.Fprintf(e.stdout, "\nChecking %s: %q\n\n", demoSuspect, firstLine(suspect))
			ms, err := eng.Check(ctx, wiretrace.Article{Text: suspect}, engine.CheckOptions{Top: 5})
			if err != nil {
				return err
			}
			report.Matches(e.stdout, ms, report.Options{MaxSubstitutions: 8})
			if len(ms) == 0 {
				return nil
			}
			src, err := st.Get(ctx, ms[0].ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\nThe best source, %s, side by side with the suspect:\n\n", src.ID)
			c := engine.Compare(src.Text, suspect)
			report.Comparison(e.stdout, src.Text, suspect, c, report.Options{
				Color: isTerminal(e.stdout), Texts: true, MaxSubstitutions: 20,
			})
			return nil
		},
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
