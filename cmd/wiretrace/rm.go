package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func rmCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rm ID...",
		Short: "Delete stored articles and their fingerprints",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ix, st, err := e.openIndex()
			if err != nil {
				return err
			}
			defer st.Close()
			var first error
			for _, id := range args {
				if err := ix.Remove(cmd.Context(), id); err != nil {
					err = fmt.Errorf("rm %s: %w", id, err)
					if first == nil {
						first = err
					}
					if len(args) > 1 {
						fmt.Fprintf(e.stderr, "wiretrace: %v\n", err)
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
