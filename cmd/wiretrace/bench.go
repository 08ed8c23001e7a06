package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/fingerprint"
	"github.com/wiretrace/wiretrace/internal/benchmark"
	"github.com/wiretrace/wiretrace/internal/corpus"
	"github.com/wiretrace/wiretrace/postgres"
)

func benchCmd(e *env) *cobra.Command {
	var cpuProfile string
	var shards []string
	var partitions int
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
one core (taskset -c 0) to measure one core. The --db store is not used,
unless it is a postgres:// URL: then each size is measured on the
embedded store and on a fresh schema in that database, one beside the
other, with the server's memory when it runs on this machine; --shard
lays the PostgreSQL stores out over shard servers (postgres_fdw).`,
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
			configs := []benchmark.Config{cfg}
			if postgres.IsLocation(e.db) {
				configs[0].Store = "embedded"
				configs = append(configs, postgresBench(cfg, e.db, shards, partitions))
			}
			var results []benchmark.Result
			// Size by size, each store beside the other.
			for _, n := range cfg.Sizes {
				for _, c := range configs {
					c.Sizes = []int{n}
					r, err := benchmark.Run(cmd.Context(), c)
					if errors.Is(err, fs.ErrNotExist) {
						return fmt.Errorf("%w (give the data folder with --data or $%s)", err, corpus.EnvDataDir)
					}
					if err != nil {
						return err
					}
					results = append(results, r...)
				}
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
	c.Flags().StringSliceVar(&shards, "shard", nil, "with a postgres:// --db: a postgres:// URL of a shard server (repeat, or separate with commas) to lay the PostgreSQL stores out over")
	c.Flags().IntVar(&partitions, "partitions", 0, "with --shard: hash partitions per table (default twice the shards)")
	c.Flags().BoolVar(&e.json, "json", false, "print JSON")
	return c
}

// postgresBench returns cfg measuring PostgreSQL stores in the database
// at db: each size in a schema of its own, named after the benchmark's
// temporary directory and dropped afterwards, sharded when shards are
// given.
func postgresBench(cfg benchmark.Config, db string, shards []string, partitions int) benchmark.Config {
	location := func(dir string) string {
		schema := strings.ReplaceAll(strings.ToLower(filepath.Base(dir)), "-", "_")
		u, err := url.Parse(db)
		if err != nil {
			return db
		}
		q := u.Query()
		q.Set("schema", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	created := map[string]bool{}
	cfg.Store = "postgres"
	if len(shards) > 0 {
		cfg.Store = fmt.Sprintf("postgres, %d shards", len(shards))
	}
	cfg.Open = func(dir string) (wiretrace.Store, error) {
		loc := location(dir)
		if len(shards) > 0 && !created[loc] {
			if err := postgres.Shard(loc, fingerprint.Scheme, postgres.ShardOptions{Shards: shards, Partitions: partitions}); err != nil {
				return nil, err
			}
			created[loc] = true
		}
		return backend.Open(loc, backend.Create, backend.Options{})
	}
	cfg.Remove = func(dir string) error { return postgres.Drop(location(dir), shards) }
	cfg.ServerPIDs = func(wiretrace.Store) ([]int, error) {
		var all []int
		for _, u := range append([]string{db}, shards...) {
			pids, err := postgres.ServerPIDs(u)
			if err != nil {
				return nil, err
			}
			all = append(all, pids...)
		}
		return all, nil
	}
	return cfg
}
