package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace/anatomy"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/server"
)

func inspectCmd(e *env) *cobra.Command {
	var useIndex bool
	var site string
	var htmlPath string
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
reads it: offsets are into the extracted text.

With --index, the store named by --db is asked where it has seen the
byline's names: a name seen only under other sites than the article's own
is flagged byline-elsewhere. The article's site is --site, else the
registrable domain of its URL (or of the canonical URL a page gives), as
add gives it; for an article without a site nothing is flagged and the
sites are listed for information.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			it, err := e.readArticle(ctx, args[0], site)
			if err != nil {
				return err
			}
			// A page's metadata gives its title and byline; plain text
			// has none beyond its first line, which is the headline.
			var meta anatomy.Metadata
			if it.Meta != nil {
				meta = anatomy.Metadata{Title: it.Article.Title, Byline: it.Meta.Byline}
			}
			eng := engine.New(nil, engine.Defaults)
			if useIndex {
				// Never creates a store: a plain inspect opens none.
				if eng, err = e.open(backend.ReadOnly); err != nil {
					return fmt.Errorf("--index: %w", err)
				}
				defer eng.Store().Close()
			}
			a, err := eng.Inspect(ctx, it.Article, meta, engine.InspectOptions{Index: useIndex, Site: site})
			if err != nil {
				return err
			}
			if htmlPath != "" {
				h := htmlReport{path: htmlPath}
				if err := h.write(server.Report{Suspect: reportArticle(it), SuspectText: it.Article.Text, Inspection: a}, eng.Options().Align); err != nil {
					return err
				}
			}
			if e.json {
				return writeJSON(e, a)
			}
			report.Inspect(e.stdout, a)
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	c.Flags().BoolVar(&useIndex, "index", false, "look the byline's names up in the store named by --db")
	c.Flags().StringVar(&site, "site", "", "the article's site (default: the registrable domain of its URL)")
	c.Flags().StringVar(&htmlPath, "html", "", "also write the article's parts and flags as a page that stands alone to `FILE`")
	return c
}
