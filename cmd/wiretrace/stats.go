package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
)

// statsResult is what stats prints.
type statsResult struct {
	Store string `json:"store"`
	wiretrace.Stats
	Sites []wiretrace.SiteStats `json:"sites"`
}

func statsCmd(e *env) *cobra.Command {
	var sites int
	c := &cobra.Command{
		Use:   "stats",
		Short: "Say what a store holds: articles, sites, dates, size",
		Long: `Say what the store named by --db holds: how many articles, from which
sites (the biggest first), the range of their first-seen and published
times, its size on disk (records and index apart), its format version and
the fingerprint scheme it was built with.` + exitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := e.open(backend.ReadOnly)
			if err != nil {
				return err
			}
			st := eng.Store()
			defer st.Close()
			s, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			all, err := st.Sites(ctx)
			if err != nil {
				return err
			}
			res := statsResult{Store: backend.Display(e.db), Stats: s, Sites: all}
			if res.Sites == nil {
				res.Sites = []wiretrace.SiteStats{}
			}
			if e.json {
				return writeJSON(e, res)
			}
			w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(w, "store\t%s\n", res.Store)
			fmt.Fprintf(w, "articles\t%d\n", s.Articles)
			fmt.Fprintf(w, "sites\t%d\n", len(all))
			if r := span(s.FirstSeenMin, s.FirstSeenMax); r != "" {
				fmt.Fprintf(w, "first seen\t%s\n", r)
			}
			if r := span(s.PublishedMin, s.PublishedMax); r != "" {
				fmt.Fprintf(w, "published\t%s\n", r)
			}
			fmt.Fprintf(w, "size\t%s", megabytes(s.Bytes))
			if s.TextBytes > 0 {
				fmt.Fprintf(w, " (records %s, index %s)", megabytes(s.TextBytes), megabytes(s.IndexBytes))
			}
			fmt.Fprintln(w)
			fmt.Fprintf(w, "format\t%d, fingerprints %s\n", s.Format, s.Scheme)
			w.Flush()
			if len(all) > 0 && sites != 0 {
				fmt.Fprintln(e.stdout)
				w = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintf(w, "articles\tsite\t\n")
				for i, site := range all {
					if sites > 0 && i == sites {
						fmt.Fprintf(w, "\t(%d more; --sites 0 lists none, -1 all)\t\n", len(all)-sites)
						break
					}
					name := site.Site
					if name == "" {
						name = "(no site)"
					}
					fmt.Fprintf(w, "%d\t  %s\t\n", site.Articles, name)
				}
				w.Flush()
			}
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	c.Flags().IntVar(&sites, "sites", 10, "list the N biggest sites (-1: all)")
	return c
}

// span formats a time range by days, or "" when there is none.
func span(lo, hi time.Time) string {
	if lo.IsZero() {
		return ""
	}
	const day = "2006-01-02"
	if lo.Format(day) == hi.Format(day) {
		return lo.Format(day)
	}
	return lo.Format(day) + " to " + hi.Format(day)
}

func megabytes(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
