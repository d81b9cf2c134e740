package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// recorder is an edit func that records the texts it was given.
type recorder struct {
	mu    sync.Mutex
	texts []string
	err   error
	first chan struct{} // closed after the first edit
	once  sync.Once
}

func newRecorder() *recorder { return &recorder{first: make(chan struct{})} }

func (r *recorder) edit(_ context.Context, text string) error {
	r.mu.Lock()
	r.texts = append(r.texts, text)
	err := r.err
	r.mu.Unlock()
	r.once.Do(func() { close(r.first) })
	return err
}

func (r *recorder) got() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.texts...)
}

func waitFirst(t *testing.T, r *recorder) {
	t.Helper()
	select {
	case <-r.first:
	case <-time.After(10 * time.Second):
		t.Fatal("no edit")
	}
}

func TestProgress_EditsLatestAndStopsBeforeFinal(t *testing.T) {
	r := newRecorder()
	p := StartProgress(context.Background(), time.Hour, r.edit) // one edit, then the interval holds
	p.Update("")                                                // ignored
	p.Update("Health")
	waitFirst(t, r)
	p.Update("Health information")
	p.Update("Health information technicians")
	p.Stop()
	p.Stop() // idempotent
	if got := r.got(); len(got) != 1 || got[0] != "Health" {
		t.Errorf("edits %q: want only the first, the interval holds the rest until Stop", got)
	}
	p.Update("late") // after Stop: never edited
	if got := r.got(); len(got) != 1 {
		t.Errorf("edit after Stop: %q", got)
	}
}

func TestProgress_SkipsRepeatsAndEditsAgainAfterInterval(t *testing.T) {
	r := newRecorder()
	p := StartProgress(context.Background(), time.Millisecond, r.edit)
	p.Update("a")
	waitFirst(t, r)
	p.Update("a") // the same text: no edit
	p.Update("ab")
	deadline := time.After(10 * time.Second)
	for len(r.got()) < 2 {
		select {
		case <-deadline:
			t.Fatalf("edits %q: want a second edit", r.got())
		case <-time.After(time.Millisecond):
		}
	}
	p.Stop()
	if got := r.got(); len(got) != 2 || got[1] != "ab" {
		t.Errorf("edits %q, want [a ab]", got)
	}
}

func TestProgress_ErrorStopsEditing(t *testing.T) {
	r := newRecorder()
	r.err = errors.New("unknown message")
	p := StartProgress(context.Background(), time.Millisecond, r.edit)
	p.Update("a")
	waitFirst(t, r)
	p.Update("ab")
	p.Stop() // returns: the loop ended at the error
	if got := r.got(); len(got) != 1 {
		t.Errorf("edits after an error: %q", got)
	}
}

// TestProgress_ContextEndsLoop proves that the context alone ends the loop — Stop is
// never called before the loop has ended — both while it waits for text and while the
// interval holds the next edit back.
func TestProgress_ContextEndsLoop(t *testing.T) {
	ended := func(t *testing.T, p *Progress) {
		t.Helper()
		select {
		case <-p.stopped:
		case <-time.After(time.Minute): // failure guard only
			t.Fatal("the loop still runs after its context ended")
		}
	}
	for _, tc := range []struct {
		name  string
		prime func(t *testing.T, p *Progress, r *recorder) // brings the loop to where the context ends
		edits int
	}{
		{"WaitingForText", func(*testing.T, *Progress, *recorder) {}, 0},
		{"WaitingForInterval", func(t *testing.T, p *Progress, r *recorder) {
			p.Update("Health")
			waitFirst(t, r) // the loop now waits out an hour-long interval
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			r := newRecorder()
			p := StartProgress(ctx, time.Hour, r.edit)
			tc.prime(t, p, r)
			cancel()
			ended(t, p)
			p.Update("late")
			p.Stop()
			if got := r.got(); len(got) != tc.edits {
				t.Errorf("edits %q: want %d, none after the context ended", got, tc.edits)
			}
		})
	}
}
