package main

import (
	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/report"
)

func inspectCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "inspect FILE|URL|-",
		Short: "Show an article's anatomy and the integrity problems it shows on its own",
		Long: `Show the parts of an article (headline, byline, dateline with its agency,
photo captions and credits, copyright lines, subheads, quotes and their
speakers), each with byte offsets into the text, and flag what the article
betrays on its own, with no store: credits that disagree (the dateline
credits one organisation, the photo credit another), a quote opened and
never closed, a quote with no speaker, one name spelt two ways (Kiev/Kyiv),
a word repeated in a broken construction. Flags are findings, not errors:
the exit code is 0 whatever they say. An HTML page or a URL is read as add
reads it: offsets are into the extracted text.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			it, err := e.readArticle(args[0])
			if err != nil {
				return err
			}
			// A page's metadata gives its title and byline; plain text
			// has none beyond its first line, which is the headline.
			var meta anatomy.Metadata
			if it.Meta != nil {
				meta = anatomy.Metadata{Title: it.Article.Title, Byline: it.Meta.Byline}
			}
			a := anatomy.InspectWith(it.Article.Text, meta)
			if e.json {
				return writeJSON(e, a)
			}
			report.Inspect(e.stdout, a)
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}
