// Package batch is the bounded parallel runner: it calls a work function
// for each item of a stream on a fixed number of goroutines and hands each
// result to a report function, one at a time. It is the only place in
// essayexport that starts goroutines for the work, and it knows nothing of
// files or formats.
//
// Contracts:
//   - At most Workers items are in work at once, and at most Workers more
//     are pulled from the stream ahead of them (and Workers results wait
//     for report), so memory does not grow with the number of items.
//   - A panic in work is recovered and reported as a *PanicError for that
//     item; the run goes on.
//   - report is never called concurrently. Returning false from report, or
//     cancelling ctx, stops the run: no new item is started, items in work
//     finish, and Run returns after every goroutine it started has ended.
package batch

import (
	"context"
	"fmt"
	"iter"
	"runtime/debug"
	"sync"
)

// PanicError is the error for an item whose work panicked.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Run processes items with workers goroutines (at least 1). It returns
// ctx.Err() if ctx was cancelled, else nil (also when report stopped it).
func Run[T, R any](ctx context.Context, workers int, items iter.Seq[T],
	work func(context.Context, T) (R, error),
	report func(item T, res R, err error) (more bool)) error {
	if workers < 1 {
		workers = 1
	}
	parent := ctx
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	type result struct {
		item T
		res  R
		err  error
	}
	jobs := make(chan T, workers)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				if ctx.Err() != nil {
					continue // stopped: drain what was pulled ahead, unworked
				}
				res, err := protect(ctx, it, work)
				results <- result{it, res, err}
			}
		}()
	}
	// The feeder stops at cancellation; the workers end when jobs closes.
	go func() {
		defer close(jobs)
		for it := range items {
			select {
			case jobs <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		if !report(r.item, r.res, r.err) {
			cancel()
		}
	}
	return parent.Err()
}

func protect[T, R any](ctx context.Context, it T, work func(context.Context, T) (R, error)) (res R, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return work(ctx, it)
}
