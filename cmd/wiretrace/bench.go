package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/internal/benchmark"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

func benchCmd(e *env) *cobra.Command {
	var cpuProfile string
	cfg := benchmark.Config{
		Open: func(dir string) (wiretrace.Store, error) { return backend.Open(dir, backend.Create, backend.Options{}) },
	}
	c := &cobra.Command{
		Use:   "bench",
		Short: "Measure add and check speed, store size and memory on a news corpus",
		Long: `Build a corpus from the Reuters-21578 and BBC News collections in the data
folder plus copies derived from them (fixed seeds), index it in a fresh
store in a temporary directory at each size, and report articles per
second for add, check latency at p50 and p99, bytes on disk per article
and the process's peak RSS. Adds run on one goroutine; pin the process to
one core (taskset -c 0) to measure one core. The --db store is not used.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			for _, n := range cfg.Sizes {
				if n < 2 {
					return usageError{fmt.Errorf("--sizes: %d: want at least 2 articles", n)}
				}
			}
			if cfg.Queries < 1 {
				return usageError{fmt.Errorf("--queries: %d: want at least 1", cfg.Queries)}
			}
			cfg.Progress = e.stderr
			if cfg.DataDir == "" {
				cfg.DataDir = benchmark.DefaultDataDir()
			}
			if cpuProfile != "" {
				f, err := os.Create(cpuProfile)
				if err != nil {
					return fmt.Errorf("cpu profile: %w", err)
				}
				defer func() {
					if cerr := f.Close(); err == nil && cerr != nil {
						err = fmt.Errorf("cpu profile: %w", cerr)
					}
				}()
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("cpu profile: %w", err)
				}
				defer pprof.StopCPUProfile()
			}
			results, err := benchmark.Run(cmd.Context(), cfg)
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%w (give the data folder with --data or $%s)", err, corpus.EnvDataDir)
			}
			if err != nil {
				return err
			}
			if e.json {
				return benchmark.WriteJSON(e.stdout, results)
			}
			return benchmark.WriteTable(e.stdout, results)
		},
	}
	c.Flags().StringVar(&cfg.DataDir, "data", "", "folder holding reuters21578/ and bbc-news-summary/ (default $WIRETRACE_DATA, else the shared data folder beside the repository)")
	c.Flags().IntSliceVar(&cfg.Sizes, "sizes", benchmark.DefaultSizes, "corpus sizes to index, one fresh store each")
	c.Flags().IntVar(&cfg.Queries, "queries", benchmark.DefaultQueries, "checks to time at each size")
	c.Flags().BoolVar(&cfg.Provenance, "provenance", false, "also time grouping the store into families and tracing the stored copies")
	c.Flags().StringVar(&cfg.TempDir, "tmp", "", "where to make the temporary stores (default the system's temporary directory)")
	c.Flags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to FILE (read it with go tool pprof)")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}
