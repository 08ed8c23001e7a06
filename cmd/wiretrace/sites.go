package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/server"
)

func sitesCmd(e *env) *cobra.Command {
	var noUpdate bool
	var top int
	var htmlPath string
	c := &cobra.Command{
		Use:   "sites [SITE]",
		Short: "Profile sites: how much each takes from others, from whom, with what credit",
		Long: `Profile every site from the store's story families (see families, which
this updates first unless --no-update): per site, its articles; how many
it took from another site (its parent in a family is on another site),
by relation; how many of those credit neither the source's site nor
anything the source credits; how many rebranded the source's credit or
kept it; the quotes it altered; the median time after its source; the
sites it takes from most and those that take from it; the families it
originated.

Sites are ranked by how many articles they took without credit, then by
how many they took: the content-farm view. It is evidence to read, not a
verdict: a site that syndicates a wire under contract takes a lot with
credit. With SITE, that site's profile with example pairs for each
figure; "wiretrace trace ID" shows any of them in full.

--html FILE also writes the ranking, with each listed site's profile
and its example pairs below it (or SITE's profile alone), as a page that
stands alone, to keep or send.` + exitCodes,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			mode := backend.Existing
			if noUpdate {
				mode = backend.ReadOnly
			}
			eng, err := e.open(mode)
			if err != nil {
				return err
			}
			defer eng.Store().Close()
			if !noUpdate {
				if _, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{}); err != nil {
					return familiesError(err)
				}
			}
			site := ""
			if len(args) == 1 {
				site = args[0]
			}
			profiles, err := eng.SiteProfiles(ctx, site)
			if err != nil {
				return err
			}
			if site != "" && len(profiles) == 0 {
				return fmt.Errorf("no site %q in %s (wiretrace sites lists them): %w", site, e.db, wiretrace.ErrNotFound)
			}
			if top > 0 && len(profiles) > top {
				profiles = profiles[:top]
			}
			if htmlPath != "" {
				status, err := eng.FamiliesStatus(ctx, server.StatusLimit)
				if err != nil {
					return err
				}
				h := htmlReport{path: htmlPath}
				r := server.Report{Sites: &server.SitesReport{Status: status, Profiles: profiles, One: site != ""}}
				if err := h.write(r, eng.Options().Align); err != nil {
					return err
				}
			}
			if e.json {
				out := &lineWriter{e: e}
				for _, p := range profiles {
					if err := out.line(p, ""); err != nil {
						return err
					}
				}
				return out.close()
			}
			if site != "" {
				report.Site(e.stdout, profiles[0])
				return nil
			}
			report.Sites(e.stdout, profiles)
			return nil
		},
	}
	c.Flags().BoolVar(&noUpdate, "no-update", false, "profile from the families kept by the last run; change nothing")
	c.Flags().IntVar(&top, "top", 0, "list at most N sites (0: all)")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON Lines, one site a line")
	c.Flags().StringVar(&htmlPath, "html", "", "also write the profiles as a page that stands alone to `FILE`")
	return c
}
