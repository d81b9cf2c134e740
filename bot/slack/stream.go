package slack

import (
	"sync"
	"time"
)

// streamer edits the placeholder message with the partial answer while it streams,
// at most once per Config.StreamInterval. Partial never blocks; the edits run on the
// streamer's own goroutine, which Stop ends (waiting for an edit in progress) so that
// the final update always comes last.
type streamer struct {
	a           *Adapter
	channel, ts string
	interval    time.Duration

	mu     sync.Mutex
	latest string

	wake    chan struct{}
	done    chan struct{}
	stopped chan struct{}
}

// newStreamer starts a streamer for the message ts; with ts "" (no placeholder) it
// does nothing.
func (a *Adapter) newStreamer(channel, ts string) *streamer {
	s := &streamer{
		a: a, channel: channel, ts: ts, interval: a.cfg.StreamInterval,
		wake: make(chan struct{}, 1), done: make(chan struct{}), stopped: make(chan struct{}),
	}
	if ts == "" {
		close(s.stopped)
		return s
	}
	go s.loop()
	return s
}

// Partial records the answer so far; it is the Request.OnPartial callback.
func (s *streamer) Partial(textSoFar string) {
	if s.ts == "" {
		return
	}
	s.mu.Lock()
	s.latest = textSoFar
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Stop ends the edits and waits for the one in progress, if any.
func (s *streamer) Stop() {
	select {
	case <-s.done:
	default:
		close(s.done)
	}
	<-s.stopped
}

func (s *streamer) loop() {
	defer close(s.stopped)
	// Edits are bounded by the adapter's work context, not by the answer: Stop waits.
	ctx := s.a.work
	sent := ""
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		s.mu.Lock()
		text := s.latest
		s.mu.Unlock()
		if text == "" || text == sent {
			continue
		}
		if err := s.a.update(ctx, s.channel, s.ts, partialMessage(text)); err != nil {
			s.a.log.Debug("progressive update failed", "channel", s.channel, "ts", s.ts, "err", err)
		}
		sent = text
		t := time.NewTimer(s.interval)
		select {
		case <-s.done:
			t.Stop()
			return
		case <-t.C:
		}
	}
}
