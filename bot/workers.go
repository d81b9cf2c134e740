package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Workers runs an adapter's background work — answers prepared after the platform
// was acknowledged — with at most max pieces at once, and drains it at shutdown: no
// new work once Drain has begun, the work in flight finishes, and what is still
// running when Drain's context ends is cancelled and waited for. Unlike a
// sync.WaitGroup, starting work and draining are safe to race. Safe for concurrent
// use.
type Workers struct {
	sem    chan struct{}
	log    *slog.Logger
	base   context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	n       int  // started and not done
	closing bool // Drain has begun
	idle    chan struct{}
}

// NewWorkers returns Workers running at most limit pieces of work at once (at least
// 1). log receives dropped and panicking work; nil discards it.
func NewWorkers(limit int, log *slog.Logger) *Workers {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	base, cancel := context.WithCancel(context.Background())
	return &Workers{sem: make(chan struct{}, max(limit, 1)), log: log, base: base, cancel: cancel, idle: make(chan struct{})}
}

// Context is the parent context of all work: it ends when Drain gives up on the work
// in flight. Work done on behalf of an answer (progressive edits, an acknowledgement)
// uses it, so shutdown bounds it too.
func (w *Workers) Context() context.Context { return w.base }

// Start registers one piece of work, before anything is done for it (a platform
// acknowledgement, say); the caller then passes it to Go, or ends it with Done. It
// returns false once Drain has begun: the caller must not start the work.
func (w *Workers) Start() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closing {
		return false
	}
	w.n++
	return true
}

// Done ends a piece of work registered with Start that is not passed to Go.
func (w *Workers) Done() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n--
	if w.n == 0 && w.closing {
		close(w.idle)
	}
}

// Go runs fn, registered with Start, in a goroutine once one of the max slots is
// free. fn's context is Context, bounded by limit when limit > 0. A panic in fn is
// logged, not propagated: one bad event must not stop the adapter.
func (w *Workers) Go(limit time.Duration, fn func(ctx context.Context)) {
	go func() {
		defer w.Done()
		ctx, cancel := w.base, context.CancelFunc(func() {})
		if limit > 0 {
			ctx, cancel = context.WithTimeout(w.base, limit)
		}
		defer cancel()
		select {
		case w.sem <- struct{}{}:
			defer func() { <-w.sem }()
		case <-ctx.Done():
			w.log.Warn("work dropped while waiting for a free worker", "err", ctx.Err())
			return
		}
		defer func() {
			if p := recover(); p != nil {
				w.log.Error("work panicked", "panic", p)
			}
		}()
		fn(ctx)
	}()
}

// Spawn is Start followed by Go. It returns false, and fn does not run, once Drain
// has begun.
func (w *Workers) Spawn(limit time.Duration, fn func(ctx context.Context)) bool {
	if !w.Start() {
		return false
	}
	w.Go(limit, fn)
	return true
}

// Drain stops new work and waits for the work in flight. When ctx ends first, the
// remaining work is cancelled (through Context) and Drain waits for it to return,
// then returns ctx's error. It is safe to call more than once and concurrently.
func (w *Workers) Drain(ctx context.Context) error {
	w.mu.Lock()
	if !w.closing {
		w.closing = true
		if w.n == 0 {
			close(w.idle)
		}
	}
	w.mu.Unlock()
	select {
	case <-w.idle: // checked first: nothing in flight is never an error
		w.cancel()
		return nil
	default:
	}
	select {
	case <-w.idle:
		w.cancel()
		return nil
	case <-ctx.Done():
		w.cancel()
		<-w.idle
		return ctx.Err()
	}
}
