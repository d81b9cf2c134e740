package bot

import (
	"context"
	"sync"
	"time"
)

// Progress turns the OnPartial callbacks of a streamed answer into message edits
// at most once per interval, on a goroutine of its own, so a slow platform never
// slows the answer down. Update records the latest text; Stop ends the edits and
// waits for one in flight, so the adapter's final delivery always comes last.
//
// edit receives the answer so far (never "", never the same text twice in a row);
// when it returns an error, editing stops and the final delivery is left to report
// the failure. Adapters use one Progress per answer.
type Progress struct {
	edit     func(ctx context.Context, textSoFar string) error
	interval time.Duration

	mu      sync.Mutex
	latest  string
	wake    chan struct{} // buffered 1: "latest changed"
	quit    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

// StartProgress starts the editing goroutine; it ends at Stop or when ctx is done.
// An interval ≤ 0 means one second.
func StartProgress(ctx context.Context, interval time.Duration, edit func(ctx context.Context, textSoFar string) error) *Progress {
	if interval <= 0 {
		interval = time.Second
	}
	p := &Progress{edit: edit, interval: interval, wake: make(chan struct{}, 1), quit: make(chan struct{}), stopped: make(chan struct{})}
	go p.loop(ctx)
	return p
}

// Update records the answer so far; it is meant as a [Request.OnPartial]. It never
// blocks.
func (p *Progress) Update(textSoFar string) {
	p.mu.Lock()
	p.latest = textSoFar
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Stop ends editing and waits until no edit is in flight. It is safe to call more
// than once.
func (p *Progress) Stop() {
	p.once.Do(func() { close(p.quit) })
	<-p.stopped
}

func (p *Progress) loop(ctx context.Context) {
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
		if text == "" || text == last {
			continue
		}
		select {
		case <-p.quit: // the final answer is ready; a partial edit now would only flicker
			return
		default:
		}
		if err := p.edit(ctx, text); err != nil {
			return
		}
		last = text
		t := time.NewTimer(p.interval)
		select {
		case <-t.C:
		case <-p.quit:
			t.Stop()
			return
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}
