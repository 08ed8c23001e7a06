package main

import (
	"encoding/json"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/report"
)

func compareCmd(e *env) *cobra.Command {
	var texts bool
	c := &cobra.Command{
		Use:   "compare SOURCE SUSPECT",
		Short: "Align two articles and say how the suspect derives from the source",
		Long: `Align two articles and say how the suspect derives from the source:
the relation (copy, spun, partial, related, unrelated), a score, the coverage
of each text, the aligned passages with byte offsets into both files, and the
words the suspect substituted. "-" reads one of them from standard input.
Either may be an HTML page or a URL: offsets then refer to the extracted
text, which --json includes.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			source, err := e.readArticle(args[0])
			if err != nil {
				return err
			}
			suspect, err := e.readArticle(args[1])
			if err != nil {
				return err
			}
			src, susp := source.Article.Text, suspect.Article.Text
			c := index.Defaults.Compare(src, susp)
			if e.json {
				return writeJSON(e, struct {
					wiretrace.Comparison
					Source  *extracted `json:"source,omitempty"`
					Suspect *extracted `json:"suspect,omitempty"`
				}{c, extractedOf(source), extractedOf(suspect)})
			}
			report.Comparison(e.stdout, src, susp, c, report.Options{
				Color: isTerminal(e.stdout), Texts: texts, MaxSubstitutions: 40,
			})
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	c.Flags().BoolVar(&texts, "texts", true, "show both texts with the reused spans marked")
	return c
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
