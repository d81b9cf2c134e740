package bot

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// fakeClock is a settable clock.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestMemoryStore_AllowRefills(t *testing.T) {
	clock := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := NewMemoryStore()
	s.now = clock.now
	ctx := context.Background()
	for range 6 {
		if ok, _, _ := s.Allow(ctx, "k", 6, time.Minute); !ok {
			t.Fatal("Allow within the limit refused")
		}
	}
	ok, retry, _ := s.Allow(ctx, "k", 6, time.Minute)
	if ok || retry != 10*time.Second {
		t.Fatalf("Allow over the limit = %v, retry %v; want refused, retry 10s (one token per 10s)", ok, retry)
	}
	clock.advance(4 * time.Second)
	if _, retry, _ := s.Allow(ctx, "k", 6, time.Minute); retry != 6*time.Second {
		t.Errorf("retry after 4s = %v, want 6s", retry)
	}
	clock.advance(6 * time.Second)
	if ok, _, _ := s.Allow(ctx, "k", 6, time.Minute); !ok {
		t.Error("Allow after the refill time refused")
	}
	if ok, _, _ := s.Allow(ctx, "k", 6, time.Minute); ok {
		t.Error("second Allow after one refill allowed, want refused")
	}
}

func TestMemoryStore_FirstSeenTTL(t *testing.T) {
	clock := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := NewMemoryStore()
	s.now = clock.now
	ctx := context.Background()
	first, _ := s.FirstSeen(ctx, "e", time.Minute)
	clock.advance(59 * time.Second)
	again, _ := s.FirstSeen(ctx, "e", time.Minute)
	clock.advance(2 * time.Second)
	expired, _ := s.FirstSeen(ctx, "e", time.Minute)
	if !first || again || !expired {
		t.Errorf("FirstSeen: first %v, within TTL %v, after TTL %v; want true, false, true", first, again, expired)
	}
}

func TestMemoryStore_Bounded(t *testing.T) {
	s := NewMemoryStore()
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range memQuestionLog + 10 {
		s.LogQuestion(ctx, QuestionRecord{AnswerID: fmt.Sprint(i), Question: "q", Outcome: OutcomeAnswered, CreatedAt: start.Add(time.Duration(i) * time.Second)})
	}
	rep, _ := s.Report(ctx, ReportQuery{Since: start, IncludeLocal: true})
	if rep.Questions != memQuestionLog {
		t.Errorf("Questions = %d, want the ring's %d", rep.Questions, memQuestionLog)
	}
	for i := range memLimiters + 10 {
		s.Allow(ctx, fmt.Sprint("k", i), 1, time.Minute)
	}
	if n := s.limiters.Len(); n != memLimiters {
		t.Errorf("limiters = %d, want bounded at %d", n, memLimiters)
	}
	// The oldest bucket was evicted: that key starts afresh.
	if ok, _, _ := s.Allow(ctx, "k0", 1, time.Minute); !ok {
		t.Error("evicted key refused, want a fresh bucket")
	}
}
