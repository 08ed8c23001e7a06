package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func showCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Print a stored article with its metadata",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, st, err := e.openIndex()
			if err != nil {
				return err
			}
			defer st.Close()
			a, err := st.Get(cmd.Context(), args[0])
			if err != nil {
				return fmt.Errorf("show %s: %w", args[0], err)
			}
			if e.json {
				return writeJSON(e, a)
			}
			fmt.Fprintf(e.stdout, "id        %s\n", a.ID)
			for _, f := range [][2]string{{"title", a.Title}, {"site", a.Site}, {"url", a.URL}} {
				if f[1] != "" {
					fmt.Fprintf(e.stdout, "%-9s %s\n", f[0], f[1])
				}
			}
			if !a.Published.IsZero() {
				fmt.Fprintf(e.stdout, "published %s\n", a.Published.Format("2006-01-02T15:04:05Z07:00"))
			}
			for _, f := range [][2]string{{"byline", strings.Join(a.Byline, "; ")}, {"language", a.Language}, {"canonical", a.Canonical}} {
				if f[1] != "" {
					fmt.Fprintf(e.stdout, "%-9s %s\n", f[0], f[1])
				}
			}
			fmt.Fprintf(e.stdout, "\n%s\n", a.Text)
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}
