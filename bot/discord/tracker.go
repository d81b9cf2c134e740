package discord

import (
	"context"
	"sync"
	"time"
)

// tracker counts in-flight answers so shutdown can wait for them. Unlike a
// sync.WaitGroup it refuses new work once closing has begun, which makes starting
// work and waiting for it safe to race.
type tracker struct {
	mu      sync.Mutex
	n       int
	closing bool
	idle    chan struct{} // closed when n drops to 0 while closing
}

func newTracker() *tracker { return &tracker{idle: make(chan struct{})} }

// start registers one unit of work. It returns false once close has been called;
// the caller must then not start the work.
func (t *tracker) start() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		return false
	}
	t.n++
	return true
}

// done marks one unit of work finished.
func (t *tracker) done() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n--
	if t.n == 0 && t.closing {
		close(t.idle)
	}
}

// close stops new work and returns a channel closed when no work is left.
func (t *tracker) close() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.closing {
		t.closing = true
		if t.n == 0 {
			close(t.idle)
		}
	}
	return t.idle
}

// Drain stops accepting events and waits for in-flight answers to be delivered.
// When ctx ends first, the remaining answers are cancelled (members get no answer
// for them) and Drain waits for their goroutines to return, then returns ctx's
// error. [Adapter.Run] drains by itself; call Drain for HTTP interactions after the
// HTTP server has stopped accepting requests. Drain is safe to call more than once
// and concurrently with Run; afterwards the Adapter takes no new work.
func (a *Adapter) Drain(ctx context.Context) error {
	idle := a.work.close()
	select {
	case <-idle: // checked first: nothing in flight is never an error
		a.cancel()
		return nil
	default:
	}
	select {
	case <-idle:
		a.cancel()
		return nil
	case <-ctx.Done():
		a.cancel()
		<-idle
		return ctx.Err()
	}
}

// spawn runs fn in a goroutine holding a concurrency slot, with a context bounded by
// the adapter's lifetime and limit. The caller must have registered the work with
// a.work.start; spawn marks it done when fn returns.
func (a *Adapter) spawn(limit time.Duration, fn func(ctx context.Context)) {
	go func() {
		defer a.work.done()
		ctx, cancel := context.WithTimeout(a.base, limit)
		defer cancel()
		select {
		case a.sem <- struct{}{}:
			defer func() { <-a.sem }()
		case <-ctx.Done():
			a.log.Warn("answer dropped while waiting for a free worker", "err", ctx.Err())
			return
		}
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("answer panicked", "panic", p)
			}
		}()
		fn(ctx)
	}()
}
