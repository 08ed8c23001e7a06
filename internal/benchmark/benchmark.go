// Package benchmark measures wiretrace on a news corpus: articles per
// second for add, milliseconds per check, bytes on disk per article and the
// process's peak memory.
//
// The corpus is built deterministically from the Reuters-21578 stories and
// the BBC News articles of the data folder, plus copies derived from them
// (verbatim under another header, trimmed, reordered, spun, partly embedded
// in another story), generated with fixed seeds up to the requested size.
// Adds run on one goroutine, to measure one core.
//
// The package reports figures; it asserts nothing about them, and no test
// may turn them into a timed pass or fail. It uses the Store contract and
// package engine only: the caller chooses the backend.
package benchmark

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/corpus"
)

// Config says what to measure and with what.
type Config struct {
	// DataDir holds reuters21578/ and bbc-news-summary/.
	DataDir string
	// Sizes are the corpus sizes to index, one fresh store each.
	Sizes []int
	// Queries is how many suspects are checked at each size, in each of
	// two passes.
	Queries int
	// Top is the top argument of each check.
	Top int
	// Open creates a store in an empty directory. The benchmark closes and
	// reopens it twice to measure the settled size, and removes the
	// directory when done.
	Open func(dir string) (wiretrace.Store, error)
	// TempDir is where the stores' directories are made; "" is the
	// system's temporary directory.
	TempDir string
	// Engine are the engine options; the zero value means engine.Defaults.
	Engine engine.Options
	// Progress receives a few lines while the benchmark runs; nil for none.
	Progress io.Writer
	// Store names the backend in the results ("embedded", "postgres").
	Store string
	// Remove, if set, deletes what Open made for dir besides the
	// directory (a database schema), once the size is measured.
	Remove func(dir string) error
	// ServerPIDs, if set, returns the processes of the server that holds
	// the store, on this machine, whose memory is reported.
	ServerPIDs func(st wiretrace.Store) ([]int, error)
	// Provenance also measures grouping the store into families and
	// tracing the stored copies among the queries.
	Provenance bool
}

// DefaultSizes and DefaultQueries are the command's defaults.
var (
	DefaultSizes   = []int{10_000, 100_000}
	DefaultQueries = 500
)

// Result holds the figures of one corpus size.
type Result struct {
	// Store names the backend measured.
	Store string `json:"store,omitempty"`
	// Articles is how many articles were given to Index.Add; Originals of
	// them are stories of the collections, the rest derived copies.
	Articles  int `json:"articles"`
	Originals int `json:"originals"`
	// Stored is the store's article count after the adds; Duplicates is
	// how many adds found the same text already stored.
	Stored     int64 `json:"stored"`
	Duplicates int   `json:"duplicates"`
	// AddSeconds is the wall time spent in Index.Add and the final Sync,
	// not in generating the articles. AddCPUSeconds is the CPU time the
	// adding thread used meanwhile (zero where the system does not say): on
	// a busy machine it shows what the code costs, where wall time also
	// counts the wait for a core. It leaves out the store's and the
	// garbage collector's background threads.
	AddSeconds      float64 `json:"add_seconds"`
	AddPerSecond    float64 `json:"add_per_second"`
	AddCPUSeconds   float64 `json:"add_cpu_seconds"`
	AddPerCPUSecond float64 `json:"add_per_cpu_second"`
	// AddProcessCPUSeconds is the CPU time of all the process's threads
	// during the adds, the store's background work and the garbage
	// collector included, less the adding thread's time spent generating
	// articles: about what the adds need of one dedicated core.
	AddProcessCPUSeconds   float64 `json:"add_process_cpu_seconds"`
	AddPerProcessCPUSecond float64 `json:"add_per_process_cpu_second"`
	// AddServerCPUSeconds is the CPU time the store's server processes
	// (Config.ServerPIDs) used during the adds: those running when the
	// adds ended (a process that came and went meanwhile is missed).
	AddServerCPUSeconds   float64 `json:"add_server_cpu_seconds,omitempty"`
	AddPerServerCPUSecond float64 `json:"add_per_server_cpu_second,omitempty"`
	// Queries suspects are checked twice. Check is the first pass, on the
	// store just reopened: cold caches, and whatever the backend does in
	// the background after opening (a one-shot command line check sees
	// this). CheckWarm is the second pass over the same suspects (a
	// long-running server sees this).
	Queries   int     `json:"queries"`
	Check     Latency `json:"check"`
	CheckWarm Latency `json:"check_warm"`
	// SourceFirst is the share of queries whose first match is an original
	// the query was made from: a sanity figure, not an evaluation.
	SourceFirst float64 `json:"source_first"`
	// SourceAligned is the share of queries whose original was among the
	// candidates the check aligned: what lookup leaves alignment to find.
	SourceAligned     float64          `json:"source_aligned"`
	SourceFirstByKind map[Kind]float64 `json:"source_first_by_kind"`
	// BytesAfterAdd is the store's size (Stats.Bytes) right after the adds
	// and Sync, write-ahead log included; BytesSettled its size after the
	// store is closed and reopened twice, which lets the backend flush its
	// log into tables and delete the obsolete files.
	BytesAfterAdd   int64   `json:"bytes_after_add"`
	BytesSettled    int64   `json:"bytes_settled"`
	BytesPerArticle float64 `json:"bytes_per_article"`
	// TextBytesPerArticle and IndexBytesPerArticle split BytesPerArticle
	// into the records (text and metadata) and the rest (postings and
	// keys), where the backend can tell them apart.
	TextBytesPerArticle  float64 `json:"text_bytes_per_article"`
	IndexBytesPerArticle float64 `json:"index_bytes_per_article"`
	// PeakRSS is the process's peak resident set size so far, read after
	// the adds and after the checks: it includes earlier sizes of the same
	// run and the originals held to generate copies. Zero when the system
	// does not report it.
	PeakRSSAfterAdd   int64 `json:"peak_rss_after_add_bytes"`
	PeakRSSAfterCheck int64 `json:"peak_rss_after_check_bytes"`
	// RSSAfterAdd and RSSAfterCheck are the process's resident set size at
	// those points, which earlier sizes and backends of the run do not
	// raise as they raise the peak.
	RSSAfterAdd   int64 `json:"rss_after_add_bytes"`
	RSSAfterCheck int64 `json:"rss_after_check_bytes"`
	// ServerAfterAdd and ServerAfterCheck are the memory of the store's
	// server processes (Config.ServerPIDs), their proportional set size
	// added up: shared memory counts once. Zero without a server.
	ServerAfterAdd   int64 `json:"server_pss_after_add_bytes,omitempty"`
	ServerAfterCheck int64 `json:"server_pss_after_check_bytes,omitempty"`
	// Provenance holds the families and trace figures, when measured.
	Provenance *Provenance `json:"provenance,omitempty"`
	// LoadAverage is the system's one-minute load average after the checks,
	// zero where unknown: above the number of cores, wall times include
	// waiting for one.
	LoadAverage float64 `json:"load_average"`
}

// Latency describes the time of one pass of checks, in milliseconds.
type Latency struct {
	// Wall time per check.
	P50Ms  float64 `json:"p50_ms"`
	P99Ms  float64 `json:"p99_ms"`
	MeanMs float64 `json:"mean_ms"`
	MaxMs  float64 `json:"max_ms"`
	// The checking thread's CPU time per check.
	CPUP50Ms float64 `json:"cpu_p50_ms"`
	CPUP99Ms float64 `json:"cpu_p99_ms"`
	// CandidatesShare is the share of the pass's wall time spent in
	// Store.Candidates, records included; the rest is mostly tokenising
	// and alignment.
	CandidatesShare float64 `json:"candidates_share"`
}

// Run builds the corpus at each size, indexes it in a fresh store and
// measures adds and checks.
func Run(ctx context.Context, cfg Config) ([]Result, error) {
	if cfg.Open == nil {
		return nil, errors.New("benchmark: no store opener")
	}
	if len(cfg.Sizes) == 0 {
		cfg.Sizes = DefaultSizes
	}
	for _, n := range cfg.Sizes {
		if n < 2 {
			return nil, fmt.Errorf("benchmark: size %d: want at least 2 articles", n)
		}
	}
	if cfg.Queries <= 0 {
		cfg.Queries = DefaultQueries
	}
	if cfg.Top <= 0 {
		cfg.Top = 10
	}
	opts := cfg.Engine
	if opts == (engine.Options{}) {
		opts = engine.Defaults
	}
	progress := cfg.Progress
	if progress == nil {
		progress = io.Discard
	}
	start := time.Now()
	originals, err := LoadOriginals(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("benchmark: %w", err)
	}
	fmt.Fprintf(progress, "bench: %d distinct originals read in %.1fs\n", len(originals), time.Since(start).Seconds())
	var results []Result
	for _, n := range cfg.Sizes {
		r, err := runSize(ctx, cfg, opts, NewCorpus(originals, n), progress)
		if err != nil {
			return results, fmt.Errorf("benchmark: %d articles: %w", n, err)
		}
		results = append(results, r)
	}
	return results, nil
}

func runSize(ctx context.Context, cfg Config, opts engine.Options, c *Corpus, progress io.Writer) (res Result, err error) {
	// The thread's CPU clock measures this goroutine only if it keeps its
	// thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	dir, err := os.MkdirTemp(cfg.TempDir, "wiretrace-bench-")
	if err != nil {
		return res, err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	if cfg.Remove != nil {
		defer func() { err = errors.Join(err, cfg.Remove(dir)) }()
	}
	st, err := cfg.Open(dir)
	if err != nil {
		return res, err
	}
	defer func() {
		if st != nil {
			err = errors.Join(err, st.Close())
		}
	}()

	res = Result{Store: cfg.Store, Articles: c.Len(), Originals: c.Originals(), Queries: cfg.Queries}
	server0, err := serverCPU(cfg, st, nil)
	if err != nil {
		return res, err
	}
	if err := addAll(ctx, engine.New(st, opts), c, &res, progress); err != nil {
		return res, err
	}
	if cfg.ServerPIDs != nil {
		server1, err := serverCPU(cfg, st, server0)
		if err != nil {
			return res, err
		}
		var total time.Duration
		for _, d := range server1 {
			total += d
		}
		res.AddServerCPUSeconds = total.Seconds()
		if total > 0 {
			res.AddPerServerCPUSecond = float64(c.Len()) / total.Seconds()
		}
	}
	res.PeakRSSAfterAdd, res.RSSAfterAdd = peakRSS(), currentRSS()
	if res.ServerAfterAdd, err = serverMemory(cfg, st); err != nil {
		return res, err
	}

	stats, err := st.Stats(ctx)
	if err != nil {
		return res, err
	}
	res.Stored, res.BytesAfterAdd = stats.Articles, stats.Bytes
	// A backend may flush its log when it opens and delete obsolete files
	// when it closes: two rounds leave the directory as it settles.
	for range 2 {
		cerr := st.Close()
		st = nil
		if cerr != nil {
			return res, cerr
		}
		if st, err = cfg.Open(dir); err != nil {
			return res, fmt.Errorf("reopen: %w", err)
		}
	}
	if stats, err = st.Stats(ctx); err != nil {
		return res, err
	}
	res.BytesSettled = stats.Bytes
	if stats.Articles > 0 {
		res.BytesPerArticle = float64(stats.Bytes) / float64(stats.Articles)
		res.TextBytesPerArticle = float64(stats.TextBytes) / float64(stats.Articles)
		res.IndexBytesPerArticle = float64(stats.IndexBytes) / float64(stats.Articles)
	}

	if err := checkAll(ctx, st, opts, cfg, c, &res); err != nil {
		return res, err
	}
	res.PeakRSSAfterCheck, res.RSSAfterCheck = peakRSS(), currentRSS()
	if res.ServerAfterCheck, err = serverMemory(cfg, st); err != nil {
		return res, err
	}
	if cfg.Provenance {
		p, err := measureProvenance(ctx, st, opts, cfg, c)
		if err != nil {
			return res, err
		}
		res.Provenance = &p
		fmt.Fprintf(progress, "bench: %d: families in %.1fs\n", c.Len(), p.FamiliesSeconds)
	}
	res.LoadAverage = loadAverage()
	fmt.Fprintf(progress, "bench: %d: checked %d\n", c.Len(), res.Queries)
	return res, nil
}

// serverCPU returns the CPU time of each of the store's server
// processes, less what since had (nil when Config.ServerPIDs is not set).
func serverCPU(cfg Config, st wiretrace.Store, since map[int]time.Duration) (map[int]time.Duration, error) {
	if cfg.ServerPIDs == nil {
		return nil, nil
	}
	pids, err := cfg.ServerPIDs(st)
	if err != nil {
		return nil, fmt.Errorf("server processes: %w", err)
	}
	out := map[int]time.Duration{}
	for _, pid := range pids {
		out[pid] = processCPUOf(pid) - since[pid]
	}
	return out, nil
}

// serverMemory returns the memory of the store's server processes, 0
// without Config.ServerPIDs.
func serverMemory(cfg Config, st wiretrace.Store) (int64, error) {
	if cfg.ServerPIDs == nil {
		return 0, nil
	}
	pids, err := cfg.ServerPIDs(st)
	if err != nil {
		return 0, fmt.Errorf("server processes: %w", err)
	}
	return processesPSS(pids), nil
}

// addAll adds the corpus on the calling goroutine through the engine's
// loader, as wiretrace add does, timing the adds, the final sync and the
// store's settling only, not the generation of the articles.
func addAll(ctx context.Context, eng *engine.Engine, c *Corpus, res *Result, progress io.Writer) error {
	var wall, cpu, gen, genCPU time.Duration
	p0 := processCPU()
	const every = 10_000
	l := eng.Loader()
	var failed error
	done := func(r wiretrace.AddResult) {
		switch {
		case r.Err != nil && failed == nil:
			failed = fmt.Errorf("add %s: %w", r.ID, r.Err)
		case r.Duplicate:
			res.Duplicates++
		}
	}
	for k := range c.Len() {
		if err := ctx.Err(); err != nil {
			return err
		}
		g0 := now()
		a := c.Item(k).Article
		g0.since(&gen, &genCPU)
		t0 := now()
		err := l.Add(ctx, a, done)
		t0.since(&wall, &cpu)
		if err := cmp.Or(err, failed); err != nil {
			return err
		}
		if (k+1)%every == 0 {
			fmt.Fprintf(progress, "bench: %d: added %d (%.0f articles/s)\n", c.Len(), k+1, float64(k+1)/wall.Seconds())
		}
	}
	t0 := now()
	// As wiretrace add does: the last batch, a sync, and after a bulk load
	// the store settles now, not during the checks that follow.
	if err := cmp.Or(l.Close(ctx), failed); err != nil {
		return err
	}
	t0.since(&wall, &cpu)
	res.AddSeconds = wall.Seconds()
	res.AddPerSecond = float64(c.Len()) / wall.Seconds()
	if cpu > 0 {
		res.AddCPUSeconds = cpu.Seconds()
		res.AddPerCPUSecond = float64(c.Len()) / cpu.Seconds()
	}
	if p := processCPU() - p0 - genCPU; p0 > 0 && p > 0 {
		res.AddProcessCPUSeconds = p.Seconds()
		res.AddPerProcessCPUSecond = float64(c.Len()) / p.Seconds()
	}
	return nil
}

// checkAll checks the corpus's queries in two passes and fills in the check
// figures.
func checkAll(ctx context.Context, st wiretrace.Store, opts engine.Options, cfg Config, c *Corpus, res *Result) error {
	queries := c.Queries(cfg.Queries)
	hits := map[Kind]int{}
	total := map[Kind]int{}
	first, recalled := 0, 0
	for pass, lat := range []*Latency{&res.Check, &res.CheckWarm} {
		ts := &timedStore{Store: st}
		eng := engine.New(ts, opts)
		wall := make([]time.Duration, 0, len(queries))
		cpu := make([]time.Duration, 0, len(queries))
		for _, q := range queries {
			var w, u time.Duration
			t0 := now()
			// A stored query is its own candidate; the check leaves it
			// out as wiretrace check --exclude does.
			matches, err := eng.Check(ctx, wiretrace.Article{Text: q.Article.Text, Published: q.Article.Published}, engine.CheckOptions{Top: cfg.Top, Exclude: []string{q.Article.ID}})
			t0.since(&w, &u)
			if err != nil {
				return fmt.Errorf("check %s: %w", q.Article.ID, err)
			}
			wall, cpu = append(wall, w), append(cpu, u)
			if pass > 0 {
				continue
			}
			total[q.Kind]++
			if len(matches) > 0 && slices.Contains(q.Sources, matches[0].ID) {
				first++
				hits[q.Kind]++
			}
			if ts.aligned(q.Article.ID, opts, q.Sources) {
				recalled++
			}
		}
		*lat = latency(wall, cpu)
		if sum := mean(wall) * time.Duration(len(wall)); sum > 0 {
			lat.CandidatesShare = float64(ts.candidates) / float64(sum)
		}
	}
	res.SourceFirst = float64(first) / float64(len(queries))
	res.SourceAligned = float64(recalled) / float64(len(queries))
	res.SourceFirstByKind = map[Kind]float64{}
	for k, n := range total {
		res.SourceFirstByKind[k] = float64(hits[k]) / float64(n)
	}
	return nil
}

// timedStore adds up the time spent in candidate lookup during checks and
// keeps the last candidates returned.
type timedStore struct {
	wiretrace.Store
	candidates time.Duration
	last       []wiretrace.Candidate
}

func (s *timedStore) Candidates(ctx context.Context, q wiretrace.CandidateQuery) ([]wiretrace.Candidate, error) {
	t0 := time.Now()
	c, err := s.Store.Candidates(ctx, q)
	s.candidates += time.Since(t0)
	s.last = c
	return c, err
}

// aligned reports whether one of sources was among the candidates the
// last check aligned: the first opts.Candidates that share enough and are
// not the query itself.
func (s *timedStore) aligned(self string, opts engine.Options, sources []string) bool {
	n := 0
	for _, c := range s.last {
		if c.Shared < opts.MinShared || c.Article.ID == self {
			continue
		}
		if n++; n > opts.Candidates {
			return false
		}
		if slices.Contains(sources, c.Article.ID) {
			return true
		}
	}
	return false
}

// stamp is a point in wall time and in the calling thread's CPU time.
type stamp struct {
	wall time.Time
	cpu  time.Duration
}

func now() stamp { return stamp{time.Now(), threadCPU()} }

// since adds the wall and CPU time elapsed since s to wall and cpu.
func (s stamp) since(wall, cpu *time.Duration) {
	*wall += time.Since(s.wall)
	if c := threadCPU(); c > 0 {
		*cpu += c - s.cpu
	}
}

func mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}

// percentile returns the nearest-rank p-quantile of ds, 0 < p <= 1.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.SortFunc(s, cmp.Compare)
	rank := int(math.Ceil(p*float64(len(s)))) - 1
	return s[min(max(rank, 0), len(s)-1)]
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/1e4) / 100 }

// DefaultDataDir is the data folder used when none is given: $WIRETRACE_DATA,
// else the shared data folder beside the repository.
func DefaultDataDir() string { return corpus.DataDir() }
