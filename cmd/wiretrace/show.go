package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
)

func showCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Print a stored article with its metadata",
		Long: `Print the article stored under ID with its metadata: title, site, URL,
publication and first-seen times with where each came from, byline,
language, canonical URL, the other IDs, sites and URLs the same text was
added under, then its text. IDs are those add printed (the "id" of a JSON
Lines line, or derived from the text); check prints the IDs of the
sources it finds.` + exitCodes,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := e.open(backend.ReadOnly)
			if err != nil {
				return err
			}
			defer eng.Store().Close()
			a, err := eng.Store().Get(cmd.Context(), args[0])
			if errors.Is(err, wiretrace.ErrNotFound) {
				return e.notFound(args[0])
			}
			if err != nil {
				return err
			}
			if e.json {
				return writeJSON(e, a)
			}
			fmt.Fprintf(e.stdout, "id         %s\n", a.ID)
			for _, f := range [][2]string{
				{"title", a.Title}, {"site", a.Site}, {"url", a.URL},
				{"published", when(a.Published, a.PublishedFrom)},
				{"first seen", when(a.FirstSeen, a.FirstSeenFrom)},
				{"byline", strings.Join(a.Byline, "; ")}, {"language", a.Language}, {"canonical", a.Canonical}, {"slug", a.Slug},
			} {
				if f[1] != "" {
					fmt.Fprintf(e.stdout, "%-10s %s\n", f[0], f[1])
				}
			}
			for _, ap := range a.Appearances {
				line := ap.ID
				canonical := ""
				if ap.Canonical != "" {
					canonical = "canonical " + ap.Canonical
				}
				for _, f := range []string{ap.Site, ap.URL, when(ap.Published, ap.PublishedFrom), when(ap.FirstSeen, ap.FirstSeenFrom), canonical} {
					if f != "" {
						line += "  " + f
					}
				}
				fmt.Fprintf(e.stdout, "%-10s %s\n", "also as", line)
			}
			fmt.Fprintf(e.stdout, "\n%s\n", a.Text)
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}

// when formats a time with where it came from, or "" for none.
func when(t time.Time, from wiretrace.TimeSource) string {
	if t.IsZero() {
		return ""
	}
	s := t.Format(time.RFC3339)
	if from != "" {
		s += " (" + string(from) + ")"
	}
	return s
}
