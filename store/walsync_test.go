package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// TestWALSync_GroupCommit holds the first fsync open while ten more writers arrive:
// they must all wait for a second fsync (the first may have started before their
// commits) and share it.
func TestWALSync_GroupCommit(t *testing.T) {
	w := newWALSync(filepath.Join(t.TempDir(), "db"))
	release := make(chan struct{})
	var mu sync.Mutex
	syncs := 0
	w.sync = func() error {
		mu.Lock()
		syncs++
		first := syncs == 1
		mu.Unlock()
		if first {
			<-release
		}
		return nil
	}
	done := make(chan error, 11)
	go func() { done <- w.wait() }()
	waitFor(t, func() bool { w.mu.Lock(); defer w.mu.Unlock(); return w.running })
	for range 10 {
		go func() { done <- w.wait() }()
	}
	waitFor(t, func() bool { w.mu.Lock(); defer w.mu.Unlock(); return w.waiting == 10 })
	close(release)
	for range 11 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if syncs != 2 {
		t.Errorf("%d fsyncs for 11 writers arriving during one, want 2", syncs)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
	}
}

// TestSQLite_DurableWritesSyncWAL checks that logged questions and votes wait for a
// WAL fsync and that rate-limit checks do not.
func TestSQLite_DurableWritesSyncWAL(t *testing.T) {
	s := openSQLite(t)
	ctx := context.Background()
	n := 0
	real := s.wal.sync
	s.wal.sync = func() error { n++; return real() }
	for range 5 {
		if _, _, err := s.Allow(ctx, "rate:someone", 3, time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if n != 0 {
		t.Errorf("rate-limit checks synced the WAL %d times, want 0", n)
	}
	if err := s.LogQuestion(ctx, bot.QuestionRecord{AnswerID: "a1", Platform: "web", UserID: "u", Question: "q?", Outcome: bot.OutcomeAnswered}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "u", Vote: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FirstSeen(ctx, "evt-1", time.Hour); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("question, vote and dedup key synced the WAL %d times, want 3", n)
	}
}
