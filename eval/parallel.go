package eval

import (
	"context"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel runs f for 0 <= i < n on up to workers goroutines (all cores
// when workers <= 0) and returns the results in index order. On errors it
// stops handing out work and returns the error of the lowest index, so that
// the same failure is reported on every run.
func parallel[T any](ctx context.Context, n, workers int, f func(ctx context.Context, i int) (T, error)) ([]T, error) {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	out := make([]T, n)
	errs := make([]error, n)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				out[i], errs[i] = f(ctx, i)
				if errs[i] != nil {
					cancel()
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// collect reads a corpus reader to the end, stopping at its first error.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
