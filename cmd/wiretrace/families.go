package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/server"
)

func familiesCmd(e *env) *cobra.Command {
	var (
		since    string
		site     string
		minSize  int
		rebuild  bool
		noUpdate bool
		workers  int
		htmlPath string
	)
	c := &cobra.Command{
		Use:   "families",
		Short: "Group the whole store into story families",
		Long: `Group the stored articles into story families: the articles joined by
derivation (copy, spun, partial), each link confirmed by alignment, less
the links that only bridge two stories (each of their two articles has
four or more other links, and they share at most two neighbours). For
each family: its size, sites, first appearance and origin (see trace).

The grouping is kept in the store and updated incrementally: each run
aligns only the articles stored since the last one, each with the
earlier articles sharing the most with it, then regroups from the links
kept. An interrupted run keeps what it finished. --rebuild forgets the
links and starts again; --no-update lists what the last run kept
without touching the store.

--json prints one family a line: the story "trace --json" prints for
its members. --html FILE also writes the families listed, each with its
story (origin and why, timeline, copy tree), as a page that stands
alone; it holds the first 500, and says how many more the filter passed.` + exitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			f := engine.FamilyFilter{Site: site, MinSize: minSize}
			if since != "" {
				t, err := parseSince(since)
				if err != nil {
					return usageError{err}
				}
				f.Since = t
			}
			mode := backend.Existing
			if noUpdate {
				mode = backend.ReadOnly
			}
			eng, err := e.open(mode)
			if err != nil {
				return err
			}
			defer eng.Store().Close()
			var res engine.FamiliesResult
			if !noUpdate {
				o := engine.FamiliesOptions{Workers: workers, Rebuild: rebuild}
				var p *mpb.Progress
				var bar *mpb.Bar
				if isTerminal(e.stderr) {
					p = mpb.New(mpb.WithOutput(e.stderr), mpb.WithWidth(40))
					o.Progress = func(done, left int64) {
						if bar == nil {
							bar = p.AddBar(done+left, mpb.PrependDecorators(decor.Name("linking "), decor.CountersNoUnit("%d / %d articles")),
								mpb.AppendDecorators(decor.AverageETA(decor.ET_STYLE_GO)))
						}
						bar.SetCurrent(done)
					}
				}
				res, err = eng.UpdateFamilies(ctx, o)
				if p != nil {
					if bar != nil {
						bar.SetTotal(-1, true)
					}
					p.Wait()
				}
				if err != nil {
					return familiesError(err)
				}
			}
			if htmlPath != "" {
				if err := writeFamiliesReport(ctx, eng, f, htmlPath); err != nil {
					return err
				}
			}
			if e.json {
				out := &lineWriter{e: e}
				err := eng.Stories(ctx, f, func(s provenance.Story) error { return out.line(s, "") })
				if err != nil {
					return err
				}
				return out.close()
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FAMILY\tMEMBERS\tSITES\tFIRST\tORIGIN\tCONFIDENCE\tTITLE")
			n, articles := 0, 0
			err = eng.Stories(ctx, f, func(s provenance.Story) error {
				n++
				articles += len(s.Members)
				sites := map[string]bool{}
				first, title, originSite := "", "", ""
				for _, m := range s.Members {
					sites[m.Site] = true
					if first == "" && !m.When.IsZero() {
						first = m.When.UTC().Format("2006-01-02 15:04")
					}
					if m.ID == s.Origin {
						title, originSite = m.Title, m.Site
					}
				}
				origin := s.Origin
				if originSite != "" {
					origin += " (" + originSite + ")"
				}
				fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s %.2f\t%s\n", s.Family, len(s.Members), len(sites), first, origin, s.Sure, s.Confidence, clipTitle(title))
				return nil
			})
			if err != nil {
				return err
			}
			tw.Flush()
			fmt.Fprintf(e.stdout, "%d families, %d members", n, articles)
			if !noUpdate {
				fmt.Fprintf(e.stdout, "; this run linked %d articles (%d links)", res.Linked, res.Links)
			}
			fmt.Fprintln(e.stdout)
			return nil
		},
	}
	c.Flags().StringVar(&since, "since", "", "only families with a member that appeared at or after this date (2006-01-02 or RFC 3339)")
	c.Flags().StringVar(&site, "site", "", "only families with a member on this site")
	c.Flags().IntVar(&minSize, "min-size", 2, "only families of at least N members")
	c.Flags().BoolVar(&rebuild, "rebuild", false, "forget the links kept and link every article again")
	c.Flags().BoolVar(&noUpdate, "no-update", false, "list the families kept by the last run; change nothing")
	c.Flags().IntVar(&workers, "workers", 0, "align with N goroutines (0: one per CPU)")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON Lines, one family a line")
	c.Flags().StringVar(&htmlPath, "html", "", "also write the families listed, each with its story, as a page that stands alone to `FILE`")
	return c
}

// parseSince reads a date or a time.
func parseSince(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--since %q: want a date (2006-01-02) or a time (RFC 3339)", s)
}

func clipTitle(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// familiesError says what to do about families kept under other settings.
func familiesError(err error) error {
	if errors.Is(err, engine.ErrFamilySettings) {
		return fmt.Errorf("%w: wiretrace families --rebuild links every article again", err)
	}
	return err
}

// reportFamilies is how many families a families report tells: their
// stories make a page a browser opens, whatever the store's size.
var reportFamilies = 500

// writeFamiliesReport writes the families that f passes as a page that
// stands alone to path: the first reportFamilies with their stories, and
// how many passed.
func writeFamiliesReport(ctx context.Context, eng *engine.Engine, f engine.FamilyFilter, path string) error {
	status, err := eng.FamiliesStatus(ctx, server.StatusLimit)
	if err != nil {
		return err
	}
	r := server.FamiliesReport{Status: status, Filter: server.FamilyFilterWords(f)}
	err = eng.Stories(ctx, f, func(s provenance.Story) error {
		if r.Total++; len(r.Stories) < reportFamilies {
			r.Stories = append(r.Stories, s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	h := htmlReport{path: path}
	return h.write(server.Report{Families: &r}, eng.Options().Align)
}
