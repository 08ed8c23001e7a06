// Package loadtest drives a bounded load against a wiretrace server on
// this machine: clients that check and clients that add at the same time,
// for a fixed time and at most a fixed number of requests, and reports
// throughput, latency percentiles and errors.
//
// It refuses any server that is not on loopback, and it stops by itself.
// It reports figures and asserts nothing about speed: callers decide what
// an error is worth, and people read the figures.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Config says what load to make.
type Config struct {
	// URL is the server's base URL ("http://127.0.0.1:8080"); its host
	// must be a loopback address.
	URL string
	// Token is the bearer token adds need.
	Token string
	// Checkers and Adders are how many clients check and add, each one
	// request at a time.
	Checkers, Adders int
	// Duration bounds the run; MaxRequests bounds the requests of all
	// clients together. Both must be set: the run stops at the first.
	Duration    time.Duration
	MaxRequests int
	// Check returns the body of the i-th check (a CheckRequest); Add
	// the body of the i-th add (one article).
	Check func(i int) any
	Add   func(i int) any
}

// Stats are the figures of one kind of request.
type Stats struct {
	Requests  int     `json:"requests"`
	Errors    int     `json:"errors"`
	PerSecond float64 `json:"per_second"`
	P50Ms     float64 `json:"p50_ms"`
	P99Ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	// QueueP99Ms and EngineP50Ms, EngineP99Ms split the latency as the
	// server's Server-Timing header tells it: time waiting for a turn,
	// and the engine's own time. Zero when the server sent none.
	QueueP50Ms  float64 `json:"queue_p50_ms,omitempty"`
	QueueP99Ms  float64 `json:"queue_p99_ms,omitempty"`
	EngineP50Ms float64 `json:"engine_p50_ms,omitempty"`
	EngineP99Ms float64 `json:"engine_p99_ms,omitempty"`
	// FirstErrors are up to five errors, to say what went wrong.
	FirstErrors []string `json:"first_errors,omitempty"`
}

// Report is what a run measured.
type Report struct {
	Seconds  float64 `json:"seconds"`
	Checkers int     `json:"checkers"`
	Adders   int     `json:"adders"`
	Checks   Stats   `json:"checks"`
	Adds     Stats   `json:"adds"`
}

// ErrNotLoopback: the target is not on this machine's loopback.
var ErrNotLoopback = errors.New("load tests only target loopback addresses")

// Run makes the load and reports it. It returns an error only when it
// could not run; failed requests are counted in the report.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if err := checkTarget(cfg.URL); err != nil {
		return Report{}, err
	}
	if cfg.Duration <= 0 || cfg.MaxRequests <= 0 {
		return Report{}, errors.New("loadtest: both Duration and MaxRequests must be set")
	}
	if cfg.Checkers > 0 && cfg.Check == nil || cfg.Adders > 0 && cfg.Add == nil {
		return Report{}, errors.New("loadtest: clients without requests to make")
	}
	clients := cfg.Checkers + cfg.Adders
	client := &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{
			Proxy:               nil,
			MaxIdleConnsPerHost: clients,
			IdleConnTimeout:     time.Minute,
		},
	}
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()

	var budget atomic.Int64
	budget.Store(int64(cfg.MaxRequests))
	var seq [2]atomic.Int64
	checks, adds := &recorder{}, &recorder{}
	var wg sync.WaitGroup
	start := time.Now()
	spawn := func(n int, kind int, rec *recorder, path string, body func(int) any, want int) {
		for range n {
			wg.Go(func() {
				for ctx.Err() == nil && budget.Add(-1) >= 0 {
					i := int(seq[kind].Add(1) - 1)
					// The body is made before the clock starts: making
					// it is the client's work, not the server's.
					b, err := json.Marshal(body(i))
					if err != nil {
						rec.add(0, "", err)
						continue
					}
					t0 := time.Now()
					timing, err := post(ctx, client, cfg.URL+path, cfg.Token, b, want)
					if ctx.Err() != nil && err != nil {
						// Cut off by the end of the run, not failed.
						return
					}
					rec.add(time.Since(t0), timing, err)
				}
			})
		}
	}
	spawn(cfg.Checkers, 0, checks, "/v1/check", cfg.Check, http.StatusOK)
	spawn(cfg.Adders, 1, adds, "/v1/articles", cfg.Add, 0)
	wg.Wait()
	elapsed := time.Since(start)
	return Report{
		Seconds:  round(elapsed.Seconds()),
		Checkers: cfg.Checkers,
		Adders:   cfg.Adders,
		Checks:   checks.stats(elapsed),
		Adds:     adds.stats(elapsed),
	}, nil
}

// checkTarget refuses a URL whose host is not a loopback address.
func checkTarget(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("loadtest: %w", err)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%w: %q", ErrNotLoopback, raw)
}

// post sends a JSON body; want is the status expected, 0 for any 2xx.
// It returns the response's Server-Timing header.
func post(ctx context.Context, c *http.Client, url, token string, body []byte, want int) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	timing := resp.Header.Get("Server-Timing")
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return timing, err
	}
	if want == 0 && resp.StatusCode/100 != 2 || want != 0 && resp.StatusCode != want {
		return timing, fmt.Errorf("%s: %d %s", url, resp.StatusCode, bytes.TrimSpace(out[:min(len(out), 300)]))
	}
	if !json.Valid(out) {
		return timing, fmt.Errorf("%s: %d: the body is not JSON", url, resp.StatusCode)
	}
	return timing, nil
}

// serverTiming reads the queue and engine durations of a Server-Timing
// header ("queue;dur=1.5, engine;dur=3.2"), in milliseconds.
func serverTiming(h string) (queue, engine time.Duration, ok bool) {
	var q, e float64
	if n, err := fmt.Sscanf(h, "queue;dur=%g, engine;dur=%g", &q, &e); n != 2 || err != nil {
		return 0, 0, false
	}
	return time.Duration(q * 1e6), time.Duration(e * 1e6), true
}

// recorder keeps the latencies and errors of one kind of request.
type recorder struct {
	mu            sync.Mutex
	times         []time.Duration
	queue, engine []time.Duration
	errors        int
	first         []string
}

func (r *recorder) add(d time.Duration, timing string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.times = append(r.times, d)
	if q, e, ok := serverTiming(timing); ok && err == nil {
		r.queue, r.engine = append(r.queue, q), append(r.engine, e)
	}
	if err != nil {
		r.errors++
		if len(r.first) < 5 {
			r.first = append(r.first, err.Error())
		}
	}
}

func (r *recorder) stats(elapsed time.Duration) Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	ts := slices.Clone(r.times)
	slices.Sort(ts)
	s := Stats{Requests: len(ts), Errors: r.errors, FirstErrors: r.first}
	if len(ts) == 0 {
		return s
	}
	s.PerSecond = round(float64(len(ts)) / elapsed.Seconds())
	s.P50Ms = ms(Percentile(ts, 0.50))
	s.P99Ms = ms(Percentile(ts, 0.99))
	s.MaxMs = ms(ts[len(ts)-1])
	if len(r.engine) > 0 {
		q, e := slices.Clone(r.queue), slices.Clone(r.engine)
		slices.Sort(q)
		slices.Sort(e)
		s.QueueP50Ms, s.QueueP99Ms = ms(Percentile(q, .5)), ms(Percentile(q, .99))
		s.EngineP50Ms, s.EngineP99Ms = ms(Percentile(e, .5)), ms(Percentile(e, .99))
	}
	return s
}

// Percentile returns the p-quantile of sorted durations, nearest rank.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return round(float64(d) / 1e6) }

func round(f float64) float64 { return math.Round(f*100) / 100 }
