package ingest

import (
	"container/list"
	"context"
	"sync"
)

// Memory budgets of a read with several workers. Workers bound how many
// pages are extracted at once, not what they cost: a page at the limits of
// package extract builds a tree of over 100 MB, and with --workers 16 the
// reorder window alone could hold 64 pages of 8 MB. So the memory of a
// read is bounded by two budgets instead, whatever the number of workers:
//
//   - in flight: the inputs read and not yet handed to the caller, at
//     inFlightPerByte bytes per input byte (the bytes, their decoded text,
//     the item's text), taken by the reading goroutine before it hands an
//     input to a worker and given back when the item is delivered;
//   - extraction: the estimated cost of the HTML trees being built
//     (extract.Document.Cost), taken by a worker after it has measured a
//     page and given back when its article is extracted.
//
// An input that alone costs more than a budget waits for the whole of it,
// so one hostile page at a time is extracted, while ordinary pages (a few
// MB each) run many at once.
const (
	inFlightBudget  = 96 << 20
	inFlightPerByte = 3
	extractBudget   = 160 << 20
)

// budget is a weighted semaphore of bytes, served in order of request so
// that a large request is not starved by small ones.
type budget struct {
	mu      sync.Mutex
	size    int64
	used    int64
	waiters list.List // of *waiter
}

type waiter struct {
	n     int64
	ready chan struct{}
}

func newBudget(size int64) *budget { return &budget{size: size} }

// acquire takes n bytes of the budget, at most its size, waiting until
// they are free, and returns what it took. It fails only when ctx is done.
func (b *budget) acquire(ctx context.Context, n int64) (int64, error) {
	n = max(0, min(n, b.size))
	b.mu.Lock()
	if b.size-b.used >= n && b.waiters.Len() == 0 {
		b.used += n
		b.mu.Unlock()
		return n, nil
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	elem := b.waiters.PushBack(w)
	b.mu.Unlock()
	select {
	case <-w.ready:
		return n, nil
	case <-ctx.Done():
		b.mu.Lock()
		defer b.mu.Unlock()
		select {
		case <-w.ready:
			// Served as the context ended: give it back.
			b.used -= n
		default:
			b.waiters.Remove(elem)
		}
		b.serve()
		return 0, ctx.Err()
	}
}

// release gives back n bytes that acquire returned.
func (b *budget) release(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.used -= n
	b.serve()
	b.mu.Unlock()
}

// serve hands free bytes to the waiters in order, stopping at the first
// that does not fit. b.mu is held.
func (b *budget) serve() {
	for e := b.waiters.Front(); e != nil; e = b.waiters.Front() {
		w := e.Value.(*waiter)
		if b.size-b.used < w.n {
			return
		}
		b.used += w.n
		b.waiters.Remove(e)
		close(w.ready)
	}
}
