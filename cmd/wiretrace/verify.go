package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
)

// errDamaged: verify found the store damaged.
var errDamaged = errors.New("store damaged")

func verifyCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "verify",
		Short: "Read every record and key of the store and report damage",
		Long: `Read every article record, posting and key of the store named by --db
and check that they agree: every record decodes and has its ID, text hash,
byline, time and fingerprint keys, every key names a record that has it,
and the counts are right. Prints what is wrong, each problem naming the
key or file; exits 1 when the store is damaged (then "wiretrace repair"
rebuilds it from what can be read). A store that cannot even be opened is
reported the same way, naming the file.` + exitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := e.open(backend.ReadOnly)
			if err != nil {
				return err
			}
			st := eng.Store()
			defer st.Close()
			v, ok := st.(wiretrace.Verifier)
			if !ok {
				return fmt.Errorf("store %s cannot verify itself", backend.Display(e.db))
			}
			res, err := v.Verify(cmd.Context())
			if err != nil {
				return err
			}
			if res.Problems == nil {
				res.Problems = []string{}
			}
			if e.json {
				if err := writeJSON(e, res); err != nil {
					return err
				}
			} else {
				for _, p := range res.Problems {
					fmt.Fprintf(e.stdout, "problem  %s\n", p)
				}
				fmt.Fprintf(e.stdout, "%d articles, %d postings read, %d problems\n", res.Articles, res.Postings, len(res.Problems))
			}
			if len(res.Problems) > 0 {
				return fmt.Errorf("%w: %d problems in %s%s", errDamaged, len(res.Problems), backend.Display(e.db), repairHint(e.db))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}

func repairCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "repair",
		Short: "Rebuild a damaged store from what can be read of it",
		Long: `Rebuild the store named by --db from everything that can be read of it,
file by file, whatever is damaged: a missing manifest marker, a damaged
write-ahead log, a damaged, cut short or missing table. Every article
record and appearance that can be read is stored again, with its postings
and keys remade from its text, in a new store that takes the damaged
one's place; the damaged store is kept beside it (--db with ".damaged"
appended), never deleted. Prints what was read, what could not be, and
the IDs of the articles lost. Stop every process using the store first.` + exitCodes,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rep, err := backend.Repair(cmd.Context(), e.db, func(msg string) {
				if !e.json {
					fmt.Fprintf(e.stderr, "repair: %s\n", msg)
				}
			})
			if errors.Is(err, wiretrace.ErrNoStore) {
				return fmt.Errorf("no store at %s to repair", backend.Display(e.db))
			}
			if err != nil {
				return err
			}
			if e.json {
				return writeJSON(e, rep)
			}
			for _, u := range rep.Unreadable {
				fmt.Fprintf(e.stdout, "unreadable  %s\n", u)
			}
			for _, id := range rep.Lost {
				fmt.Fprintf(e.stdout, "lost        %s\n", id)
			}
			fmt.Fprintf(e.stdout, "%d articles and %d appearances stored again from %d tables and %d logs; %d articles lost\n",
				rep.Articles, rep.Appearances, rep.Tables, rep.Logs, len(rep.Lost))
			fmt.Fprintf(e.stdout, "the damaged store is kept in %s\n", rep.Damaged)
			return nil
		},
	}
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}
