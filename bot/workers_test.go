package bot_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

func TestWorkers_BoundedAndDrained(t *testing.T) {
	w := bot.NewWorkers(2, nil)
	release := make(chan struct{})
	started := make(chan struct{}, 4)
	var running, most atomic.Int32
	for range 4 {
		ok := w.Spawn(0, func(context.Context) {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			started <- struct{}{}
			<-release
			running.Add(-1)
		})
		if !ok {
			t.Fatal("Spawn refused before Drain")
		}
	}
	<-started
	<-started
	drained := make(chan error, 1)
	go func() { drained <- w.Drain(context.Background()) }()
	close(release)
	if err := <-drained; err != nil {
		t.Fatalf("Drain = %v, want nil once the work finished", err)
	}
	if len(started) != 2 || most.Load() > 2 {
		t.Errorf("%d more pieces started after the first two, at most %d at once; want all four, two at a time", len(started), most.Load())
	}
	if w.Spawn(0, func(context.Context) { t.Error("work ran after Drain") }) || w.Start() {
		t.Error("Drain did not stop new work")
	}
	if err := w.Drain(context.Background()); err != nil {
		t.Errorf("second Drain = %v", err)
	}
}

func TestWorkers_DrainCancelsWhatOutlivesIt(t *testing.T) {
	w := bot.NewWorkers(1, nil)
	started, ended := make(chan struct{}), make(chan error, 1)
	w.Spawn(0, func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		ended <- ctx.Err()
	})
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := w.Drain(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Drain = %v, want ctx's error", err)
	}
	select {
	case err := <-ended: // Drain returned only after the work did
		if err == nil {
			t.Error("the work's context was not cancelled")
		}
	default:
		t.Error("Drain returned before the cancelled work")
	}
	if w.Context().Err() == nil {
		t.Error("Context still live after Drain")
	}
}

func TestWorkers_PanicDoesNotEscape(t *testing.T) {
	w := bot.NewWorkers(1, nil)
	w.Spawn(0, func(context.Context) { panic("bad event") })
	done := make(chan struct{})
	w.Spawn(0, func(context.Context) { close(done) })
	<-done
	if err := w.Drain(context.Background()); err != nil {
		t.Errorf("Drain after a panic = %v", err)
	}
}
