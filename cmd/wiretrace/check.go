package main

import (
	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/report"
)

func checkCmd(e *env) *cobra.Command {
	var top int
	c := &cobra.Command{
		Use:   "check FILE|-",
		Short: "Find an article's sources in the store",
		Long: `Find the stored articles that FILE derives from or relates to, best first.
Each match carries the relation, score, coverages, passages and
substitutions of "compare". Unrelated articles are left out.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			susp, err := e.readText(args[0])
			if err != nil {
				return err
			}
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
					Matches []wiretrace.Match `json:"matches"`
				}{ms})
			}
			report.Matches(e.stdout, ms, report.Options{MaxSubstitutions: 10})
			return nil
		},
	}
	c.Flags().IntVar(&top, "top", 10, "report at most N sources (0: all found)")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}
