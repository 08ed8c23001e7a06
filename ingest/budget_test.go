package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/internal/synth"
	"github.com/wiretrace/wiretrace/warc"
)

func TestBudget(t *testing.T) {
	ctx := context.Background()
	b := newBudget(100)
	if n, err := b.acquire(ctx, 60); n != 60 || err != nil {
		t.Fatalf("acquire 60 = %d, %v", n, err)
	}
	// More than the whole budget takes the whole budget, once free.
	big := make(chan int64)
	go func() {
		n, _ := b.acquire(ctx, 500)
		big <- n
	}()
	waitWaiters(t, b, 1)
	// A small request behind a waiting large one waits its turn.
	small := make(chan int64)
	go func() {
		n, _ := b.acquire(ctx, 10)
		small <- n
	}()
	waitWaiters(t, b, 2)
	b.release(60)
	if n := <-big; n != 100 {
		t.Fatalf("acquire 500 took %d, want the budget's 100", n)
	}
	select {
	case <-small:
		t.Fatal("the small request overtook the large one")
	case <-time.After(20 * time.Millisecond):
	}
	b.release(100)
	if n := <-small; n != 10 {
		t.Fatalf("small took %d", n)
	}
	// A request given up leaves the budget as it was.
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() {
		_, err := b.acquire(cctx, 95)
		done <- err
	}()
	waitWaiters(t, b, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled acquire: %v", err)
	}
	b.release(10)
	if n, err := b.acquire(ctx, 100); n != 100 || err != nil {
		t.Fatalf("the whole budget after a cancelled wait: %d, %v", n, err)
	}
}

func waitWaiters(t *testing.T, b *budget, n int) {
	t.Helper()
	for range 1000 {
		b.mu.Lock()
		got := b.waiters.Len()
		b.mu.Unlock()
		if got == n {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("never %d waiters", n)
}

// Many workers on pages just under the limits of package extract: the
// extraction budget lets about one such tree be built at a time, where
// eight workers built eight (over 100 MB each) at once.
func TestReadBoundsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds trees of 100 MB; skipped with -short")
	}
	page := synth.ManyAttributes(190_000, 2)
	var buf bytes.Buffer
	w := warc.NewWriter(&buf, false)
	for i := range 6 {
		msg := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + string(page)
		if err := w.WriteResponse(fmt.Sprintf("https://heavy.example/%d", i), time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), []byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	dir := writeFiles(t, map[string][]byte{"heavy.warc": buf.Bytes()})
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	items := collect(t, Options{Workers: 8}, nil, filepath.Join(dir, "heavy.warc"))
	close(stop)
	<-sampled
	for _, it := range items {
		if it.Err != nil {
			t.Fatalf("%s: %v", it.Input, it.Err)
		}
	}
	if grew := (peak.Load() - base.HeapInuse) >> 20; grew > 400 {
		t.Fatalf("the heap grew by %d MB reading 6 heavy pages with 8 workers", grew)
	} else {
		t.Logf("the heap grew by %d MB at most", grew)
	}
}
