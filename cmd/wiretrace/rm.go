package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
)

func rmCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rm ID...",
		Short: "Delete stored articles and their fingerprints",
		Long: `Delete the articles stored under the IDs given, with their fingerprints
and every key that names them, and their links in the story families
(the next "wiretrace families" tells the families without them). IDs are
those add printed or check found. An ID the store does not hold is
reported; the others are still deleted.` + exitCodes,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := e.open(backend.Existing)
			if err != nil {
				return err
			}
			st := eng.Store()
			defer st.Close()
			var first error
			for _, id := range args {
				err := eng.Remove(cmd.Context(), id)
				if errors.Is(err, wiretrace.ErrNotFound) {
					err = e.notFound(id)
				}
				if err != nil {
					if first == nil {
						first = err
					}
					if len(args) > 1 {
						fmt.Fprintf(e.stderr, "wiretrace: rm: %v\n", err)
					}
					continue
				}
				fmt.Fprintf(e.stdout, "removed %s\n", id)
			}
			if first != nil && len(args) > 1 {
				return fmt.Errorf("%w: %w", errSomeInputs, first)
			}
			if first != nil {
				return first
			}
			return st.Sync()
		},
	}
}
