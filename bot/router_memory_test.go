package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// lastHistory returns the questions in the history of the last Knowledge query.
func lastHistory(h *harness) []string {
	qs := h.know.Queries()
	var out []string
	for _, turn := range qs[len(qs)-1].History {
		out = append(out, turn.Question)
	}
	return out
}

func TestRouter_ThreadMemory(t *testing.T) {
	h := newHarness(t, nil)
	req := func(user, thread string, dm bool, text string) bot.Request {
		return bot.Request{Platform: bot.PlatformSlack, UserID: user, ChannelID: "c1", ThreadID: thread, DM: dm, Text: text}
	}
	h.do(t, req("u1", "t1", false, "What is an RHIT?"))
	h.do(t, req("u1", "t1", false, "How long does it take?"))
	if got := fmt.Sprint(lastHistory(h)); got != "[What is an RHIT?]" {
		t.Errorf("follow-up history = %s, want the first question", got)
	}
	h.do(t, req("u2", "t1", false, "And the pay?"))
	if got := lastHistory(h); got != nil {
		t.Errorf("another user's history = %q, want none", got)
	}
	h.do(t, req("u1", "t2", false, "And the pay?"))
	if got := lastHistory(h); got != nil {
		t.Errorf("another thread's history = %q, want none", got)
	}
	h.do(t, req("u1", "", false, "top level one"))
	h.do(t, req("u1", "", false, "top level two"))
	if got := lastHistory(h); got != nil {
		t.Errorf("top-level channel message history = %q, want none", got)
	}
	h.do(t, req("u1", "", true, "dm one"))
	h.do(t, req("u1", "", true, "dm two"))
	if got := fmt.Sprint(lastHistory(h)); got != "[dm one]" {
		t.Errorf("DM history = %s, want [dm one]", got)
	}
}

func TestRouter_ThreadMemoryBoundsAndTTL(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.MemoryTurns = 2; c.MemoryTTL = 10 * time.Minute })
	for i := range 4 {
		h.ask(t, fmt.Sprint("question ", i))
	}
	if got := fmt.Sprint(lastHistory(h)); got != "[question 1 question 2]" {
		t.Errorf("history = %s, want the last 2 turns before the question", got)
	}
	h.clock.Advance(11 * time.Minute)
	h.ask(t, "after a break")
	if got := lastHistory(h); got != nil {
		t.Errorf("history after the TTL = %q, want none", got)
	}
}

func TestRouter_MemoryDisabled(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.MemoryTurns = -1 })
	h.ask(t, "one")
	h.ask(t, "two")
	if got := lastHistory(h); got != nil {
		t.Errorf("history with memory disabled = %q, want none", got)
	}
}

// An unanswered question stays in the thread's memory, so a follow-up about its
// subject still reads against it.
func TestRouter_ThreadMemoryKeepsUnanswered(t *testing.T) {
	h := newHarness(t, nil)
	h.know.AnswerFn = func(_ context.Context, q bot.Query) (bot.Answer, error) {
		return bot.Answer{Abstained: len(q.History) == 0}, nil
	}
	req := func(text string) bot.Request {
		return bot.Request{Platform: bot.PlatformSlack, UserID: "u1", ChannelID: "c1", ThreadID: "t1", Text: text}
	}
	h.do(t, req("whats cdi in the him world?"))
	h.do(t, req("and which certs go w it"))
	if got := fmt.Sprint(lastHistory(h)); got != "[whats cdi in the him world?]" {
		t.Errorf("follow-up history = %s, want the unanswered question", got)
	}
}
