package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/backend"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/internal/benchmark"
	"github.com/wiretrace/wiretrace/internal/loadtest"
	"github.com/wiretrace/wiretrace/internal/synth"
)

// The load test: a real "wiretrace serve" on loopback, checked by eight
// clients while one adds, for a fixed time and number of requests. It
// needs time rather than anything installed, so it runs only when asked:
//
//	WIRETRACE_LOAD=smoke  2,000 generated articles, 3 s (CI runs this)
//	WIRETRACE_LOAD=full   the benchmark corpus of 100,000 articles (needs
//	                      the data folder), 60 s
//
// $WIRETRACE_LOAD_DB keeps the full run's store between runs (it is built
// there when missing); $WIRETRACE_LOAD_REPORT names a file for the figures
// as JSON; $WIRETRACE_LOAD_ARGS adds flags to serve ("--max-inflight 8"). Before serving, the same suspects are checked one at a time in
// process, as "wiretrace check" checks them, for the baseline the
// server's latencies are compared with. The test fails on any failed
// request, never on a figure.

const envLoad = "WIRETRACE_LOAD"

// loadCase is what one mode loads and asks.
type loadCase struct {
	articles int
	duration time.Duration
	// build stores the articles through l.
	build func(ctx context.Context, l *engine.Loader) error
	// check is the i-th check's body, add the i-th add's.
	check func(i int) map[string]any
	add   func(i int) map[string]any
	// queries is how many distinct checks there are.
	queries int
}

func smokeCase() loadCase {
	const n, vocab = 2000, 20000
	text := func(i int) string { return synth.Text(uint64(i), 350, vocab) }
	// The suspects are made once: making them is the client's work.
	suspects := make([]string, 100)
	for q := range suspects {
		k := q * (n / len(suspects))
		suspects[q] = synth.Spin(text(k), uint64(k), vocab, q%2 == 0)
	}
	return loadCase{
		articles: n, duration: 3 * time.Second, queries: 100,
		build: func(ctx context.Context, l *engine.Loader) error {
			for i := range n {
				if err := l.Add(ctx, wiretrace.Article{ID: fmt.Sprintf("s-%05d", i), Text: text(i)}, nil); err != nil {
					return err
				}
			}
			return nil
		},
		check: func(i int) map[string]any {
			return map[string]any{"text": suspects[i%len(suspects)]}
		},
		add: func(i int) map[string]any {
			return map[string]any{"id": fmt.Sprintf("new-%06d", i), "text": text(n + i)}
		},
	}
}

func fullCase(t *testing.T) loadCase {
	originals, err := benchmark.LoadOriginals(benchmark.DefaultDataDir())
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("the full load test needs the benchmark corpora: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	const n = 100_000
	c := benchmark.NewCorpus(originals, n)
	queries := c.Queries(500)
	return loadCase{
		articles: n, duration: 60 * time.Second, queries: len(queries),
		build: func(ctx context.Context, l *engine.Loader) error {
			for k := range n {
				if err := l.Add(ctx, c.Item(k).Article, nil); err != nil {
					return err
				}
			}
			return nil
		},
		// A stored query is its own candidate; it is left out, as bench
		// and check --exclude leave it out.
		check: func(i int) map[string]any {
			q := queries[i%len(queries)].Article
			return map[string]any{"text": q.Text, "exclude": []string{q.ID}}
		},
		add: func(i int) map[string]any {
			a := c.Item(n + 1000 + i).Article
			return map[string]any{"id": a.ID, "title": a.Title, "text": a.Text}
		},
	}
}

func TestLoad(t *testing.T) {
	var lc loadCase
	switch mode := os.Getenv(envLoad); mode {
	case "":
		t.Skipf("set %s=smoke or %s=full to run the load test", envLoad, envLoad)
	case "smoke":
		lc = smokeCase()
	case "full":
		lc = fullCase(t)
	default:
		t.Fatalf("%s=%q: want smoke or full", envLoad, mode)
	}
	ctx := context.Background()
	db := os.Getenv("WIRETRACE_LOAD_DB")
	if db == "" || os.Getenv(envLoad) == "smoke" {
		db = filepath.Join(t.TempDir(), "db")
	}
	if _, err := os.Stat(db); err != nil {
		t0 := time.Now()
		st, err := backend.Open(db, backend.Create, backend.Options{})
		if err != nil {
			t.Fatal(err)
		}
		l := engine.New(st, engine.Defaults).Loader()
		if err := errors.Join(lc.build(ctx, l), l.Close(ctx), st.Close()); err != nil {
			os.RemoveAll(db)
			t.Fatalf("build the store: %v", err)
		}
		t.Logf("built %d articles in %s", lc.articles, time.Since(t0).Round(time.Second))
	}

	// The baseline: each suspect checked once, one at a time, in process.
	st, err := backend.Open(db, backend.Existing, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	eng := engine.New(st, engine.Defaults)
	var first, warm []time.Duration
	for pass := range 2 {
		for i := range lc.queries {
			q := lc.check(i)
			ex, _ := q["exclude"].([]string)
			t0 := time.Now()
			if _, err := eng.Check(ctx, wiretrace.Article{Text: q["text"].(string)}, engine.CheckOptions{Top: 10, Exclude: ex}); err != nil {
				t.Fatal(err)
			}
			if pass == 0 {
				first = append(first, time.Since(t0))
			} else {
				warm = append(warm, time.Since(t0))
			}
		}
	}
	st.Close()
	slices.Sort(first)
	slices.Sort(warm)
	baseline := map[string]float64{
		"first_p50_ms": msOf(loadtest.Percentile(first, .5)), "first_p99_ms": msOf(loadtest.Percentile(first, .99)),
		"warm_p50_ms": msOf(loadtest.Percentile(warm, .5)), "warm_p99_ms": msOf(loadtest.Percentile(warm, .99)),
	}

	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte("load-token"), 0o600)
	args := append([]string{"--token-file", tokenFile, "--log-level", "warn"}, strings.Fields(os.Getenv("WIRETRACE_LOAD_ARGS"))...)
	url, stop := startServe(t, db, args...)
	body := func(f func(int) map[string]any) func(int) any { return func(i int) any { return f(i) } }
	runs := map[string]loadtest.Report{}
	for _, r := range []struct {
		name             string
		checkers, adders int
		duration         time.Duration
	}{
		{"1 checker", 1, 0, lc.duration / 3},
		{"8 checkers, 1 adder", 8, 1, lc.duration},
	} {
		rep, err := loadtest.Run(ctx, loadtest.Config{
			URL: url, Token: "load-token", Checkers: r.checkers, Adders: r.adders,
			Duration: r.duration, MaxRequests: 2_000_000,
			Check: body(lc.check), Add: body(lc.add),
		})
		if err != nil {
			t.Fatal(err)
		}
		runs[r.name] = rep
		c := rep.Checks
		t.Logf("%s for %.0f s: checks %d (%.1f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms (waiting for a turn p50 %.1f, p99 %.1f; engine p50 %.1f, p99 %.1f), errors %d; adds %d (%.1f/s), p50 %.1f ms, p99 %.1f ms, errors %d",
			r.name, rep.Seconds, c.Requests, c.PerSecond, c.P50Ms, c.P99Ms, c.MaxMs, c.QueueP50Ms, c.QueueP99Ms, c.EngineP50Ms, c.EngineP99Ms, c.Errors,
			rep.Adds.Requests, rep.Adds.PerSecond, rep.Adds.P50Ms, rep.Adds.P99Ms, rep.Adds.Errors)
		for _, e := range append(rep.Checks.FirstErrors, rep.Adds.FirstErrors...) {
			t.Errorf("%s: %s", r.name, e)
		}
		if rep.Checks.Errors+rep.Adds.Errors > 0 || rep.Checks.Requests == 0 || r.adders > 0 && rep.Adds.Requests == 0 {
			t.Errorf("%s: %d check errors, %d add errors, %d checks, %d adds", r.name, rep.Checks.Errors, rep.Adds.Errors, rep.Checks.Requests, rep.Adds.Requests)
		}
	}
	if code, logs := stop(); code != 0 {
		t.Fatalf("serve exit %d: %s", code, logs)
	}
	t.Logf("in process, one at a time (%d suspects): first pass p50 %.1f ms, p99 %.1f ms; warm p50 %.1f ms, p99 %.1f ms",
		lc.queries, baseline["first_p50_ms"], baseline["first_p99_ms"], baseline["warm_p50_ms"], baseline["warm_p99_ms"])
	if out := os.Getenv("WIRETRACE_LOAD_REPORT"); out != "" {
		b, _ := json.MarshalIndent(map[string]any{"articles": lc.articles, "baseline": baseline, "runs": runs}, "", "  ")
		if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
