package loadtest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRefusesTargetsOffLoopback(t *testing.T) {
	for _, u := range []string{"http://10.0.0.1:8080", "http://192.168.1.5", "http://example.com", "http://0.0.0.0:80"} {
		_, err := Run(context.Background(), Config{URL: u, Duration: time.Second, MaxRequests: 1, Checkers: 1, Check: func(int) any { return nil }})
		if !errors.Is(err, ErrNotLoopback) {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"} {
		if err := checkTarget(u); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
}

// The run stops at its request budget, counts failures by kind, and says
// what they were.
func TestRunIsBoundedAndCounts(t *testing.T) {
	var n, adds atomic.Int64
	// Checks wait for the first add to arrive, so that three checkers do
	// not spend the whole budget before the adder sends one.
	added := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		// Every other add fails, the first among them.
		if r.URL.Path == "/v1/articles" {
			once.Do(func() { close(added) })
			if adds.Add(1)%2 == 1 {
				w.WriteHeader(http.StatusInternalServerError)
				w.Write([]byte(`{"error": {"code": "internal"}}`))
				return
			}
		} else {
			select {
			case <-added:
			case <-time.After(5 * time.Second):
			}
		}
		w.Header().Set("Server-Timing", "queue;dur=0.50, engine;dur=2.25")
		w.Write([]byte(`{"matches": []}`))
	}))
	defer srv.Close()
	rep, err := Run(context.Background(), Config{
		URL: srv.URL, Checkers: 3, Adders: 1, Duration: 30 * time.Second, MaxRequests: 40,
		Check: func(i int) any { return map[string]any{"text": "x"} },
		Add:   func(i int) any { return map[string]any{"text": "y"} },
	})
	if err != nil {
		t.Fatal(err)
	}
	if total := rep.Checks.Requests + rep.Adds.Requests; total != 40 || n.Load() != 40 {
		t.Fatalf("%d requests recorded, %d served, want 40", total, n.Load())
	}
	if rep.Checks.Errors != 0 || rep.Adds.Errors == 0 || len(rep.Adds.FirstErrors) == 0 {
		t.Fatalf("errors: checks %d, adds %d %q", rep.Checks.Errors, rep.Adds.Errors, rep.Adds.FirstErrors)
	}
	if rep.Checks.P99Ms < rep.Checks.P50Ms || rep.Checks.PerSecond <= 0 || rep.Checks.EngineP99Ms != 2.25 || rep.Checks.QueueP50Ms != 0.5 {
		t.Fatalf("figures %+v", rep.Checks)
	}
}

func TestRunStopsOnTime(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	start := time.Now()
	rep, err := Run(context.Background(), Config{URL: srv.URL, Checkers: 2, Duration: 200 * time.Millisecond, MaxRequests: 1 << 30,
		Check: func(int) any { return map[string]any{} }})
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 10*time.Second || rep.Checks.Requests == 0 || rep.Checks.Errors != 0 {
		t.Fatalf("run of %v: %+v", time.Since(start), rep)
	}
}

func TestPercentile(t *testing.T) {
	ds := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 5}, {0.99, 10}, {0.1, 1}, {1, 10}, {0, 1}} {
		if got := Percentile(ds, tc.p); got != tc.want {
			t.Errorf("Percentile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}
