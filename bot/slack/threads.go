package slack

import (
	"sync"
	"time"
)

// threadSet remembers the threads the bot answered, so follow-ups there need no
// mention. It is an in-memory, bounded set: at most size threads, each for ttl; the
// oldest entry is evicted first. It lives in the process on purpose — a follow-up is
// answered by the process that answered the thread (always true in Socket Mode, which
// has one connection per app; with several HTTP replicas a follow-up that lands on
// another replica needs an @mention). Safe for concurrent use.
type threadSet struct {
	mu    sync.Mutex
	ttl   time.Duration
	seen  map[string]time.Time
	order []string // ring of keys in insertion order
	next  int
	now   func() time.Time
}

func newThreadSet(size int, ttl time.Duration) *threadSet {
	return &threadSet{ttl: ttl, seen: make(map[string]time.Time, size), order: make([]string, size), now: time.Now}
}

func threadKey(channel, threadTS string) string { return channel + "/" + threadTS }

// Add records that the bot answered in the thread.
func (s *threadSet) Add(channel, threadTS string) {
	key := threadKey(channel, threadTS)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[key]; !ok {
		if old := s.order[s.next]; old != "" {
			delete(s.seen, old)
		}
		s.order[s.next] = key
		s.next = (s.next + 1) % len(s.order)
	}
	s.seen[key] = s.now()
}

// Has reports whether the bot answered in the thread within the ttl.
func (s *threadSet) Has(channel, threadTS string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	at, ok := s.seen[threadKey(channel, threadTS)]
	return ok && s.now().Sub(at) < s.ttl
}

// Forget marks the thread as not answered (its slot is reused when it ages out).
func (s *threadSet) Forget(channel, threadTS string) {
	key := threadKey(channel, threadTS)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[key]; ok {
		s.seen[key] = time.Time{}
	}
}
