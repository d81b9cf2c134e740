package discord

import (
	"context"
	"sync"
	"time"
)

// progress edits a message while an answer streams, at most once per interval, and
// never after stop has returned. OnPartial callbacks only record the latest text, so
// a slow Discord never slows the answer down.
type progress struct {
	edit     func(ctx context.Context, text string) error
	interval time.Duration

	mu      sync.Mutex
	latest  string
	wake    chan struct{} // buffered 1: "latest changed"
	quit    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

// startProgress starts the editing goroutine; call stop when the answer is final.
func startProgress(ctx context.Context, interval time.Duration, edit func(context.Context, string) error) *progress {
	p := &progress{edit: edit, interval: interval, wake: make(chan struct{}, 1), quit: make(chan struct{}), stopped: make(chan struct{})}
	go p.loop(ctx)
	return p
}

// update records the answer so far; it is a bot.Request.OnPartial.
func (p *progress) update(text string) {
	p.mu.Lock()
	p.latest = text
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// stop ends editing and waits until no edit is in flight.
func (p *progress) stop() {
	p.once.Do(func() { close(p.quit) })
	<-p.stopped
}

func (p *progress) loop(ctx context.Context) {
	defer close(p.stopped)
	last := ""
	for {
		select {
		case <-p.wake:
		case <-p.quit:
			return
		case <-ctx.Done():
			return
		}
		p.mu.Lock()
		text := p.latest
		p.mu.Unlock()
		if text == last {
			continue
		}
		select {
		case <-p.quit: // the final answer is ready; a partial edit now would only flicker
			return
		default:
		}
		if err := p.edit(ctx, text); err != nil {
			return // the final delivery reports failures; stop editing
		}
		last = text
		select {
		case <-time.After(p.interval):
		case <-p.quit:
			return
		case <-ctx.Done():
			return
		}
	}
}
