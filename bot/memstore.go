package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/time/rate"
)

// Bounds of the in-memory store.
const (
	memQuestionLog = 50_000  // question records kept (a ring: the oldest go first)
	memFeedback    = 100_000 // (answer, user) votes kept
	memDedupKeys   = 100_000 // FirstSeen keys kept
	memLimiters    = 10_000  // rate-limit buckets kept
)

// MemoryStore is the in-memory [Store]: fine for one process, the terminal and tests;
// everything is lost on exit. Every collection is bounded: the question log is a ring,
// and feedback, dedup keys and rate-limit buckets evict the least recently used.
// It is safe for concurrent use.
type MemoryStore struct {
	now func() time.Time

	mu       sync.Mutex
	log      []QuestionRecord // ring buffer of capacity memQuestionLog
	next     int              // index of the next write once the ring is full
	feedback *simplelru.LRU[feedbackKey, Feedback]
	seen     *simplelru.LRU[string, time.Time]   // key → expiry
	limiters *simplelru.LRU[string, limiterSlot] // key → bucket
	closed   bool
}

type feedbackKey struct{ answerID, userID string }

type limiterSlot struct {
	lim    *rate.Limiter
	limit  int
	window time.Duration
}

var _ Store = (*MemoryStore)(nil)

// ErrStoreClosed is returned by a store used after Close.
var ErrStoreClosed = errors.New("store is closed")

// NewMemoryStore returns an empty in-memory store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{
		now:      time.Now,
		feedback: newBounded[feedbackKey, Feedback](memFeedback),
		seen:     newBounded[string, time.Time](memDedupKeys),
		limiters: newBounded[string, limiterSlot](memLimiters),
	}
}

func (s *MemoryStore) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrStoreClosed
	}
	return nil
}

// LogQuestion implements [Store].
func (s *MemoryStore) LogQuestion(ctx context.Context, r QuestionRecord) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if len(s.log) < memQuestionLog {
		s.log = append(s.log, r)
		return nil
	}
	s.log[s.next] = r
	s.next = (s.next + 1) % memQuestionLog
	return nil
}

// SaveFeedback implements [Store]. The vote must be +1 or -1 and the answer id set.
func (s *MemoryStore) SaveFeedback(ctx context.Context, f Feedback) error {
	if err := checkFeedback(f); err != nil {
		return err
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	s.feedback.Add(feedbackKey{f.AnswerID, f.UserID}, f)
	return nil
}

// checkFeedback validates a vote; durable stores share it.
func checkFeedback(f Feedback) error {
	if f.AnswerID == "" || f.UserID == "" {
		return errors.New("save feedback: answer id and user id are required")
	}
	if f.Vote != 1 && f.Vote != -1 {
		return fmt.Errorf("save feedback: vote %d is not +1 or -1", f.Vote)
	}
	return nil
}

// FirstSeen implements [Store].
func (s *MemoryStore) FirstSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if err := s.lock(ctx); err != nil {
		return false, err
	}
	defer s.mu.Unlock()
	now := s.now()
	if exp, ok := s.seen.Get(key); ok && now.Before(exp) {
		return false, nil
	}
	s.seen.Add(key, now.Add(ttl))
	return true, nil
}

// Allow implements [Store] with a token bucket per key that holds limit tokens and
// refills one every window/limit. A limit of 0 or less allows nothing.
func (s *MemoryStore) Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	if limit <= 0 || window <= 0 {
		return false, window, nil
	}
	if err := s.lock(ctx); err != nil {
		return false, 0, err
	}
	defer s.mu.Unlock()
	now := s.now()
	slot, ok := s.limiters.Get(key)
	if !ok || slot.limit != limit || slot.window != window {
		slot = limiterSlot{lim: rate.NewLimiter(rate.Every(window/time.Duration(limit)), limit), limit: limit, window: window}
		s.limiters.Add(key, slot)
	}
	if slot.lim.AllowN(now, 1) {
		return true, 0, nil
	}
	missing := 1 - slot.lim.TokensAt(now) // a fraction of a token
	retry := time.Duration(missing * float64(window) / float64(limit))
	return false, max(retry, time.Millisecond), nil
}

// Ping implements [Store].
func (s *MemoryStore) Ping(ctx context.Context) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	s.mu.Unlock()
	return nil
}

// Close implements [Store]; later calls fail with [ErrStoreClosed].
func (s *MemoryStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// Report implements [Store] with [BuildReport] over the kept records and votes.
func (s *MemoryStore) Report(ctx context.Context, q ReportQuery) (Report, error) {
	if err := s.lock(ctx); err != nil {
		return Report{}, err
	}
	records := append([]QuestionRecord(nil), s.log...)
	votes := s.feedback.Values()
	s.mu.Unlock()
	if !q.IncludeLocal {
		records = slices.DeleteFunc(records, func(r QuestionRecord) bool { return LocalPlatform(r.Platform) })
	}
	return BuildReport(q.Since, records, votes), nil
}
