package benchmark

import (
	"context"
	"fmt"
	"time"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
)

// Provenance holds the figures of grouping the store into families and of
// tracing its articles.
type Provenance struct {
	// FamiliesSeconds is the wall time of the first families run over the
	// whole store, linking every article and grouping; Families and Links
	// what it found. PeakRSS is the process's peak after it.
	FamiliesSeconds float64 `json:"families_seconds"`
	Families        int     `json:"families"`
	Links           int64   `json:"links"`
	PeakRSS         int64   `json:"peak_rss_after_families_bytes"`
	// Trace is the latency of tracing stored derived copies by ID, one
	// pass after the families run.
	Trace Latency `json:"trace"`
	// TraceMembers is the mean size of the families traced.
	TraceMembers float64 `json:"trace_members"`
}

// measureProvenance runs families over the store and traces the stored
// copies among the queries.
func measureProvenance(ctx context.Context, st wiretrace.Store, opts engine.Options, cfg Config, c *Corpus) (Provenance, error) {
	var p Provenance
	eng := engine.New(st, opts)
	start := time.Now()
	res, err := eng.UpdateFamilies(ctx, engine.FamiliesOptions{})
	if err != nil {
		return p, fmt.Errorf("families: %w", err)
	}
	p.FamiliesSeconds = time.Since(start).Seconds()
	p.Families, p.Links = res.Families, res.Links
	p.PeakRSS = peakRSS()

	var walls, cpus []time.Duration
	members := 0
	for _, q := range c.Queries(cfg.Queries) {
		if _, err := st.Get(ctx, q.Article.ID); err != nil {
			continue // a copy made for the checks, not stored
		}
		s := now()
		t, err := eng.Trace(ctx, wiretrace.Article{ID: q.Article.ID}, engine.TraceOptions{})
		if err != nil {
			return p, fmt.Errorf("trace %s: %w", q.Article.ID, err)
		}
		var wall, cpu time.Duration
		s.since(&wall, &cpu)
		walls, cpus = append(walls, wall), append(cpus, cpu)
		members += len(t.Members)
	}
	if len(walls) > 0 {
		p.Trace = latency(walls, cpus)
		p.TraceMembers = float64(members) / float64(len(walls))
	}
	return p, nil
}

// latency summarises the wall and CPU times of one pass.
func latency(wall, cpu []time.Duration) Latency {
	return Latency{
		P50Ms:    ms(percentile(wall, 0.50)),
		P99Ms:    ms(percentile(wall, 0.99)),
		MaxMs:    ms(percentile(wall, 1)),
		MeanMs:   ms(mean(wall)),
		CPUP50Ms: ms(percentile(cpu, 0.50)),
		CPUP99Ms: ms(percentile(cpu, 0.99)),
	}
}
