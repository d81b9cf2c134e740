package discord

import "sync"

// threadSet remembers the threads the bot started, so follow-ups in them need no
// mention. It is bounded: it holds at most limit ids, and the oldest is forgotten
// first. Safe for concurrent use.
type threadSet struct {
	mu   sync.Mutex
	ids  map[string]struct{}
	ring []string // ids in insertion order; ring[next] is the oldest once full
	next int
}

// newThreadSet returns an empty set holding at most limit ids (limit > 0).
func newThreadSet(limit int) *threadSet {
	return &threadSet{ids: make(map[string]struct{}, limit), ring: make([]string, limit)}
}

// add remembers id, forgetting the oldest id when the set is full.
func (t *threadSet) add(id string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.ids[id]; ok {
		return
	}
	if old := t.ring[t.next]; old != "" {
		delete(t.ids, old)
	}
	t.ring[t.next] = id
	t.next = (t.next + 1) % len(t.ring)
	t.ids[id] = struct{}{}
}

// has reports whether id is remembered.
func (t *threadSet) has(id string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.ids[id]
	return ok
}
