package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/eval"
)

func evalCmd(e *env) *cobra.Command {
	var (
		floors  string
		details bool
		workers int
		tune    string
		// familyCorpora are the corpora of eval families.
		familyCorpora []string
	)
	run := func(cmd *cobra.Command, measure func(ctx context.Context, opts eval.Options) (eval.Result, error)) error {
		fl, err := eval.ParseFloors(floors)
		if err != nil {
			return usageError{fmt.Errorf("--min: %w", err)}
		}
		opts := engine.Defaults
		if err := opts.Align.Set(tune); err != nil {
			return usageError{fmt.Errorf("--align: %w", err)}
		}
		start := time.Now()
		r, err := measure(cmd.Context(), eval.Options{Workers: workers, Engine: &opts})
		if err != nil {
			return err
		}
		if e.json {
			err = writeJSON(e, r.JSON(details))
		} else {
			err = r.WriteText(e.stdout, details)
			fmt.Fprintf(e.stderr, "wiretrace: eval %s took %.1fs\n", r.Corpus(), time.Since(start).Seconds())
		}
		if err != nil {
			return err
		}
		if err := eval.CheckFloors(r.Figures(), fl); err != nil {
			if errors.Is(err, eval.ErrUnknownMetric) {
				return usageError{fmt.Errorf("--min: %w", err)}
			}
			return fmt.Errorf("eval %s: %w", r.Corpus(), err)
		}
		return nil
	}
	c := &cobra.Command{
		Use:   "eval CORPUS PATH",
		Short: "Measure the engine on a labelled text-reuse corpus",
		Long: `Measure the engine on a labelled text-reuse corpus in its published
layout, with the field's own measures. See docs/quality.md for what each
figure means and the values the engine reaches.

--min sets floors: "--min macro_f1=0.70,binary_macro_f1=0.8" makes the
command exit 1, naming each figure below its floor, after printing the
results. The figure names are the keys of "metrics" in --json output (PAN's
per-part figures are "PART.NAME", e.g. "03-random-obfuscation.plagdet").`,
	}
	c.PersistentFlags().BoolVar(&e.json, "json", false, "print JSON")
	c.PersistentFlags().StringVar(&floors, "min", "", "fail when a figure is below its floor: metric=value,...")
	c.PersistentFlags().BoolVar(&details, "details", false, "add one line (or JSON item) per story, pair or answer")
	c.PersistentFlags().IntVar(&workers, "workers", 0, "comparisons run at once (0: one per core)")
	c.PersistentFlags().StringVar(&tune, "align", "", "change alignment options for an ablation: name=value,... (e.g. immutables=false)")
	families := &cobra.Command{
		Use:   "families DIR",
		Short: "Story families: grouping, origin and copy tree against gold, and against MinHash-LSH",
		Long: `Group three corpora into story families the way "wiretrace families" does,
each in a temporary store, and score the families against gold with the
adjusted Rand index and pairwise precision and recall, and each family's
origin and each member's parent against the known ones. DIR is the folder
holding the corpora: meter/, reuters21578/ and bbc-news-summary/.

The corpora: generated families (stories of Reuters-21578 and the BBC
collection copied, cut, trimmed, spun, reordered and partly reused along
a known tree, with times, sites and credits); METER's court stories (a
catchline's PA files and the stories derived from them); Reuters-21578's
groups of identical and near-identical bodies. A MinHash-LSH baseline is
scored on the same articles, its threshold chosen on another generated
corpus. --db is not used.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(cmd, func(ctx context.Context, opts eval.Options) (eval.Result, error) {
				return eval.Families(ctx, args[0], familyCorpora, tempStores, opts)
			})
		},
	}
	families.Flags().StringSliceVar(&familyCorpora, "corpus", nil, "measure only these corpora: generated, meter, reuters (default all)")
	c.AddCommand(
		&cobra.Command{
			Use:   "meter DIR",
			Short: "METER: classify newspaper stories as wholly, partially or non-derived from PA copy",
			Long: `Index every PA file of the METER corpus in DIR (the folder holding
file_index/, PA/ and newspapers/) into a temporary store, check each
labelled newspaper story against it, and score the top match's relation:
copy or spun is wholly derived, partial partially, anything else (or no
match) non-derived. Reports the confusion matrix, per-class precision,
recall and F1, 3-class macro-F1, derived-class F1, binary macro-F1 and
source retrieval. --db is not used.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return run(cmd, func(ctx context.Context, opts eval.Options) (eval.Result, error) {
					return evalMeter(ctx, args[0], opts)
				})
			},
		},
		&cobra.Command{
			Use:   "pan DIR",
			Short: "PAN text alignment: plagdet of the aligned passages",
			Long: `Compare every pair of a PAN text-alignment corpus in DIR (the folder
holding susp/, src/ and the NN-NAME/ parts, or its parent holding train/)
and score the passages with PAN's character-level plagdet, overall and per
part.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return run(cmd, func(ctx context.Context, opts eval.Options) (eval.Result, error) {
					return eval.PAN(ctx, args[0], opts)
				})
			},
		},
		&cobra.Command{
			Use:   "clough DIR",
			Short: "Clough-Stevenson: classify short answers as cut, light, heavy or non",
			Long: `Compare every answer of the Clough-Stevenson corpus in DIR with its
task's source and score the relation: copy is cut, spun light (heavy when
rewritten), partial heavy (cut when its passages keep the source's words
as a copy does), anything else non. Reports 4-class and binary accuracy.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return run(cmd, func(ctx context.Context, opts eval.Options) (eval.Result, error) {
					return eval.Clough(ctx, args[0], opts)
				})
			},
		},
		&cobra.Command{
			Use:   "syndication DIR",
			Short: "Rebranding: credits of wire stories re-run by other sites, honestly or not",
			Long: `Set out stories of the Reuters-21578 collection in DIR as wire stories
and re-run each under a fictional site's header, in one of the ways sites
re-run wire copy: honestly (the agency credited in the dateline, a
byline, a closing line) or rebranded (the site's name in the agency's
place, or every credit removed). Each copy is compared with its source
as compare does. Reports rebrand precision and recall and the share of
honest copies not called rebranded. Nothing is written: the copies are
made at run time, the same every run.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return run(cmd, func(ctx context.Context, opts eval.Options) (eval.Result, error) {
					return eval.Syndication(ctx, args[0], opts)
				})
			},
		},
		&cobra.Command{
			Use:   "msrp FILE",
			Short: "MSRP: judge sentence pairs as paraphrases",
			Long: `Compare the two sentences of every pair of an MSRP file; a pair is a
paraphrase when the relation is copy, spun or partial. Reports the F1 of
the paraphrase class and accuracy.`,
			Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return run(cmd, func(ctx context.Context, opts eval.Options) (eval.Result, error) {
					return eval.MSRP(ctx, args[0], opts)
				})
			},
		},
		families,
	)
	return c
}

// tempStores makes each store of an evaluation in a new temporary folder,
// removed when the store is closed.
func tempStores() (wiretrace.Store, func() error, error) {
	tmp, err := os.MkdirTemp("", "wiretrace-eval-")
	if err != nil {
		return nil, nil, err
	}
	st, err := backend.Open(tmp, backend.Create, backend.Options{})
	if err != nil {
		return nil, nil, errors.Join(err, os.RemoveAll(tmp))
	}
	return st, func() error { return errors.Join(st.Close(), os.RemoveAll(tmp)) }, nil
}

// evalMeter runs the METER evaluation on a new store in a temporary folder,
// removed afterwards.
func evalMeter(ctx context.Context, dir string, opts eval.Options) (r eval.Result, err error) {
	tmp, err := os.MkdirTemp("", "wiretrace-eval-meter-")
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(tmp)) }()
	st, err := backend.Open(tmp, backend.Create, backend.Options{})
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	return eval.Meter(ctx, dir, st, opts)
}
