package ingest

import (
	"context"
	"sync"
)

// pipeline runs the work of reading (decoding, extraction) on several
// workers while one goroutine walks the inputs, and hands the items to fn
// in input order. At most window items are in flight, so memory stays
// bounded by window times the size cap of an item.
type pipeline struct {
	ctx   context.Context
	jobs  chan job
	order chan chan Item
}

type job struct {
	work func() Item
	slot chan Item
}

func (p *pipeline) ready(it Item) error {
	slot := make(chan Item, 1)
	slot <- it
	select {
	case p.order <- slot:
		return nil
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
}

func (p *pipeline) submit(work func() Item) error {
	slot := make(chan Item, 1)
	select {
	case p.order <- slot:
	case <-p.ctx.Done():
		return p.ctx.Err()
	}
	select {
	case p.jobs <- job{work: work, slot: slot}:
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
		ctx:   ctx,
		jobs:  make(chan job),
		order: make(chan chan Item, 4*workers),
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
		case slot, ok := <-p.order:
			if !ok {
				break deliver
			}
			select {
			case it := <-slot:
				if ctx.Err() != nil {
					break deliver
				}
				if err := r.fn(it); err != nil {
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
