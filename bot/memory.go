package bot

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/golang-lru/v2/expirable"
)

// Thread memory defaults and bounds.
const (
	DefaultMemoryTurns = 3
	DefaultMemoryTTL   = 30 * time.Minute
	// maxConversations bounds how many conversations are remembered; the least
	// recently used is forgotten first.
	maxConversations = 10_000
	// maxTurnRunes bounds each remembered question and answer, so memory stays
	// bounded by maxConversations × turns × 2 × maxTurnRunes.
	maxTurnRunes = 1500
)

// memory remembers the last turns of each conversation for follow-up questions. A
// conversation is one user in one thread (or DM) of one channel on one platform:
// nothing crosses users or threads. The cache forgets a conversation ttl after its
// last turn; the turn's own time, on the Router's clock, is checked too. It is safe
// for concurrent use.
type memory struct {
	turns int
	ttl   time.Duration

	mu    sync.Mutex // makes remember's read-modify-write one step
	convs *expirable.LRU[string, conversation]
}

type conversation struct {
	turns   []Turn
	updated time.Time
}

func newMemory(turns int, ttl time.Duration, maxConvs int) *memory {
	return &memory{turns: turns, ttl: ttl, convs: expirable.NewLRU[string, conversation](max(maxConvs, 1), nil, ttl)}
}

// memoryKey returns the conversation key of req, or "" when the request belongs to
// no conversation (a top-level channel message with no thread), which then gets no
// history.
func memoryKey(req Request) string {
	if req.ThreadID == "" && !req.DM {
		return ""
	}
	// NUL cannot occur in validated input, so the parts cannot run into each other.
	return strings.Join([]string{req.Platform, req.ChannelID, req.ThreadID, req.UserID}, "\x00")
}

// history returns the remembered turns of key, oldest first, or nil when there are
// none or they are older than the TTL.
func (m *memory) history(key string, now time.Time) []Turn {
	if key == "" || m.turns <= 0 {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.convs.Get(key)
	if !ok {
		return nil
	}
	if now.Sub(c.updated) > m.ttl {
		m.convs.Remove(key)
		return nil
	}
	return append([]Turn(nil), c.turns...)
}

// remember appends a turn to key's conversation, keeping the last m.turns.
func (m *memory) remember(key string, t Turn, now time.Time) {
	if key == "" || m.turns <= 0 {
		return
	}
	t.Question, t.Answer = truncateRunes(t.Question, maxTurnRunes), truncateRunes(t.Answer, maxTurnRunes)
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.convs.Get(key)
	if !ok || now.Sub(c.updated) > m.ttl {
		c = conversation{}
	}
	turns := append(c.turns, t)
	if len(turns) > m.turns {
		turns = append([]Turn(nil), turns[len(turns)-m.turns:]...)
	}
	m.convs.Add(key, conversation{turns: turns, updated: now})
}

// truncateRunes cuts s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
