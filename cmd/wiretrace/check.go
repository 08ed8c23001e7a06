package main

import (
	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/report"
)

func checkCmd(e *env) *cobra.Command {
	var top int
	c := &cobra.Command{
		Use:   "check FILE|URL|-",
		Short: "Find an article's sources in the store",
		Long: `Find the stored articles that FILE derives from or relates to, best first.
Each match carries the relation, score, coverages, passages and
substitutions of "compare". Unrelated articles are left out. FILE is any
single article add reads: plain text, an HTML page, a URL. For HTML the
suspect's offsets refer to the extracted text, which --json includes.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			it, err := e.readArticle(args[0])
			if err != nil {
				return err
			}
			susp := it.Article.Text
			ix, st, err := e.openIndex()
			if err != nil {
				return err
			}
			defer st.Close()
			ms, err := ix.Check(cmd.Context(), susp, top)
			if err != nil {
				return err
			}
			if ms == nil {
				ms = []wiretrace.Match{}
			}
			if e.json {
				return writeJSON(e, struct {
					Suspect *extracted        `json:"suspect,omitempty"`
					Matches []wiretrace.Match `json:"matches"`
				}{extractedOf(it), ms})
			}
			report.Matches(e.stdout, ms, report.Options{MaxSubstitutions: 10})
			return nil
		},
	}
	c.Flags().IntVar(&top, "top", 10, "report at most N sources (0: all found)")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}
