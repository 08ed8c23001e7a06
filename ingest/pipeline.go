package ingest

import (
	"cmp"
	"context"
	"sync"
)

// pipeline runs the work of reading (decoding, extraction) on several
// workers while one goroutine walks the inputs, and hands the items to fn
// in input order. At most a window of items is in flight, and only as
// many as the in-flight budget holds (budget.go): memory stays bounded
// whatever the number of workers.
type pipeline struct {
	ctx      context.Context
	jobs     chan job
	order    chan slot
	inFlight *budget
}

type job struct {
	work func() Item
	slot chan Item
}

// slot is an item to come, in input order, with the in-flight budget
// it holds until it is delivered.
type slot struct {
	item   chan Item
	weight int64
}

func (p *pipeline) ready(it Item) error {
	s := slot{item: make(chan Item, 1)}
	s.item <- it
	select {
	case p.order <- s:
		return nil
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
}

// submit queues work holding weight bytes of the in-flight budget,
// waiting for them to be free.
func (p *pipeline) submit(weight int64, work func() Item) error {
	weight, err := p.inFlight.acquire(p.ctx, weight)
	if err != nil {
		return err
	}
	s := slot{item: make(chan Item, 1), weight: weight}
	select {
	case p.order <- s:
	case <-p.ctx.Done():
		p.inFlight.release(weight)
		return p.ctx.Err()
	}
	select {
	case p.jobs <- job{work: work, slot: s.item}:
		return nil
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
}

// parallel reads paths with workers goroutines doing the work.
func (r *reader) parallel(paths []string, workers int) error {
	parent := r.ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	p := &pipeline{
		ctx:      ctx,
		jobs:     make(chan job),
		order:    make(chan slot, 4*workers),
		inFlight: newBudget(cmp.Or(r.opts.inFlightBudget, inFlightBudget)),
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range p.jobs {
				j.slot <- j.work()
			}
		})
	}
	walker := *r
	walker.ctx, walker.pipe = ctx, p
	walkErr := make(chan error, 1)
	go func() {
		var err error
		for _, path := range paths {
			if err = walker.path(path); err != nil {
				break
			}
		}
		close(p.jobs)
		close(p.order)
		walkErr <- err
	}()

	var fnErr error
deliver:
	for {
		select {
		case s, ok := <-p.order:
			if !ok {
				break deliver
			}
			select {
			case it := <-s.item:
				if ctx.Err() != nil {
					break deliver
				}
				err := r.fn(it)
				// The item is the caller's now: what it held of the
				// budget is free.
				p.inFlight.release(s.weight)
				if err != nil {
					fnErr = err
					break deliver
				}
			case <-ctx.Done():
				break deliver
			}
		case <-ctx.Done():
			break deliver
		}
	}
	cancel()
	err := <-walkErr
	wg.Wait()
	switch {
	case fnErr != nil:
		return fnErr
	case parent.Err() != nil:
		return parent.Err()
	case err == context.Canceled:
		return nil
	}
	return err
}
