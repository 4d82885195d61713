package batch

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func TestRunAllItemsBoundedWorkers(t *testing.T) {
	var inflight, peak atomic.Int32
	var got []int
	err := Run(context.Background(), 3, count(200), func(_ context.Context, i int) (int, error) {
		n := inflight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(100 * time.Microsecond)
		inflight.Add(-1)
		return i * 2, nil
	}, func(i, r int, err error) bool {
		if r != i*2 || err != nil {
			t.Errorf("item %d: got %d, %v", i, r, err)
		}
		got = append(got, i)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if len(got) != 200 || got[0] != 0 || got[199] != 199 {
		t.Fatalf("reported %d items, want 200 distinct", len(got))
	}
	if peak.Load() > 3 {
		t.Fatalf("peak concurrency %d, want at most 3", peak.Load())
	}
}

func TestRunRecoversPanics(t *testing.T) {
	var failed, ok int
	Run(context.Background(), 2, count(10), func(_ context.Context, i int) (int, error) {
		if i == 4 {
			panic("boom")
		}
		return i, nil
	}, func(i, _ int, err error) bool {
		var pe *PanicError
		if errors.As(err, &pe) {
			if i != 4 || pe.Value != "boom" || len(pe.Stack) == 0 {
				t.Errorf("panic error for item %d: %v", i, pe)
			}
			failed++
		} else {
			ok++
		}
		return true
	})
	if failed != 1 || ok != 9 {
		t.Fatalf("failed %d ok %d, want 1 and 9", failed, ok)
	}
}

func TestRunStopsAndLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	var started atomic.Int32
	seen := 0
	err := Run(context.Background(), 2, count(1_000_000), func(_ context.Context, i int) (int, error) {
		started.Add(1)
		return i, nil
	}, func(int, int, error) bool {
		seen++
		return seen < 5 // stop after the fifth report, as --fail-fast does
	})
	if err != nil {
		t.Fatalf("a stop by report is not an error: %v", err)
	}
	if s := started.Load(); s > 10 {
		t.Fatalf("%d items started after a stop at 5", s)
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Fatalf("goroutines: %d before, %d after", before, after)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Run(ctx, 2, count(1_000_000), func(_ context.Context, i int) (int, error) {
		return i, nil
	}, func(int, int, error) bool {
		n++
		if n == 3 {
			cancel()
		}
		return true
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n > 10 {
		t.Fatalf("%d items reported after cancel at 3", n)
	}
}
