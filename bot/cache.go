package bot

import (
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// The bot keeps a few things in process memory — thread memory for follow-ups, the
// threads an adapter answered in, the in-memory store's tables — and every one of
// them is bounded and forgets the least recently used entry first. One library does
// it: hashicorp's golang-lru, its expirable cache where entries also age out.

// newBounded returns a size-bounded LRU map (size at least 1) for owners that hold
// a lock of their own.
func newBounded[K comparable, V any](size int) *simplelru.LRU[K, V] {
	c, err := simplelru.NewLRU[K, V](max(size, 1), nil)
	if err != nil { // only for a size below 1, excluded above
		panic("bot: " + err.Error())
	}
	return c
}

// ThreadSet remembers the threads the bot answered in, so that follow-ups there need
// no mention. It holds at most size threads, each for ttl after it was last added
// (0: until evicted); the least recently added is forgotten first. It lives in the
// process on purpose: a follow-up is answered by the process that answered the
// thread, and one landing on another replica needs a mention. Safe for concurrent
// use.
type ThreadSet struct {
	c *expirable.LRU[string, struct{}]
}

// NewThreadSet returns an empty ThreadSet of at most size threads (at least 1).
func NewThreadSet(size int, ttl time.Duration) *ThreadSet {
	return &ThreadSet{c: expirable.NewLRU[string, struct{}](max(size, 1), nil, ttl)}
}

// Add records that the bot answered in thread id, or did so again.
func (s *ThreadSet) Add(id string) { s.c.Add(id, struct{}{}) }

// Has reports whether the bot answered in thread id within the ttl.
func (s *ThreadSet) Has(id string) bool {
	_, ok := s.c.Get(id)
	return ok
}

// Forget marks thread id as not answered.
func (s *ThreadSet) Forget(id string) { s.c.Remove(id) }
