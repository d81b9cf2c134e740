package bot

import "container/list"

// lru is a size-bounded map that evicts the least recently used entry. It is not safe
// for concurrent use; its owners hold a mutex.
type lru[K comparable, V any] struct {
	max   int
	order *list.List // front: most recently used; elements hold *lruEntry[K, V]
	items map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	key K
	val V
}

// newLRU returns an lru that holds at most n entries (at least 1).
func newLRU[K comparable, V any](n int) *lru[K, V] {
	return &lru[K, V]{max: max(n, 1), order: list.New(), items: make(map[K]*list.Element)}
}

// get returns the value for k and marks it recently used.
func (c *lru[K, V]) get(k K) (V, bool) {
	el, ok := c.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry[K, V]).val, true
}

// put sets the value for k, marks it recently used and evicts the oldest entry when
// the cache is over its bound.
func (c *lru[K, V]) put(k K, v V) {
	if el, ok := c.items[k]; ok {
		el.Value.(*lruEntry[K, V]).val = v
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&lruEntry[K, V]{key: k, val: v})
	for c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*lruEntry[K, V]).key)
	}
}

// remove deletes k.
func (c *lru[K, V]) remove(k K) {
	if el, ok := c.items[k]; ok {
		c.order.Remove(el)
		delete(c.items, k)
	}
}

// len returns the number of entries.
func (c *lru[K, V]) len() int { return c.order.Len() }

// values returns the values, most recently used first.
func (c *lru[K, V]) values() []V {
	out := make([]V, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		out = append(out, el.Value.(*lruEntry[K, V]).val)
	}
	return out
}
