package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/wiretrace/wiretrace/provenance"
)

// Sites writes the ranking of sites by how much they take without credit:
// evidence to read, not a verdict.
func Sites(w io.Writer, profiles []provenance.SiteProfile) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SITE\tARTICLES\tTAKEN\tSHARE\tUNCREDITED\tREBRANDED\tQUOTES ALTERED\tMEDIAN LAG\tORIGINATED\tTAKES MOST FROM")
	for _, p := range profiles {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f%%\t%d\t%d\t%d\t%s\t%d\t%s\n", orNone(p.Site), p.Articles, p.Taken, 100*p.TakenShare,
			p.Uncredited, p.Rebranded, p.QuotesAltered, medianLag(p), p.Originated, sources(p.Sources, 2))
	}
	tw.Flush()
}

// Site writes one site's profile with the example pairs behind it.
func Site(w io.Writer, p provenance.SiteProfile) {
	fmt.Fprintf(w, "Site %s: %d articles stored\n", orNone(p.Site), p.Articles)
	fmt.Fprintf(w, "  taken from other sites   %d (%.0f%% of its articles)", p.Taken, 100*p.TakenShare)
	if rels := p.RelationCounts(); rels != "" {
		fmt.Fprintf(w, ": %s", rels)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  without credit           %d (crediting neither the source's site nor its credits)\n", p.Uncredited)
	fmt.Fprintf(w, "  credit rebranded         %d\n", p.Rebranded)
	fmt.Fprintf(w, "  credit kept              %d\n", p.Kept)
	fmt.Fprintf(w, "  quotes altered           %d\n", p.QuotesAltered)
	fmt.Fprintf(w, "  median lag after source  %s\n", medianLag(p))
	fmt.Fprintf(w, "  families it originated   %d\n", p.Originated)
	if len(p.Sources) > 0 {
		fmt.Fprintf(w, "  takes most from          %s\n", sources(p.Sources, 0))
	}
	if len(p.TakenBy) > 0 {
		fmt.Fprintf(w, "  taken most by            %s\n", sources(p.TakenBy, 0))
	}
	if len(p.Examples) > 0 {
		fmt.Fprintln(w, "\nEvidence (wiretrace trace ID shows each in full):")
		for _, e := range p.Examples {
			if e.Parent == "" {
				fmt.Fprintf(w, "  %-15s %s (family %s)\n", e.Kind, e.Member, e.Family)
				continue
			}
			fmt.Fprintf(w, "  %-15s %s took from %s (%s), %s\n", e.Kind, e.Member, e.Parent, orNone(e.ParentSite), relationLabel(e.Relation, e.Rewording))
		}
	}
}

func medianLag(p provenance.SiteProfile) string {
	if p.MedianLag == nil {
		return "-"
	}
	return provenance.LagString(*p.MedianLag)
}

func sources(cs []provenance.SiteCount, n int) string {
	if n > 0 && len(cs) > n {
		cs = cs[:n]
	}
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%s (%d)", orNone(c.Site), c.Count))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

func orNone(site string) string {
	if site == "" {
		return "(no site)"
	}
	return site
}
