package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
)

// historyWatch is a bot.Knowledge that records the longest thread history the Router
// passed with a question.
type historyWatch struct {
	bot.Knowledge
	longest atomic.Int64
}

func (h *historyWatch) Answer(ctx context.Context, q bot.Query) (bot.Answer, error) {
	for n := int64(len(q.History)); ; {
		cur := h.longest.Load()
		if n <= cur || h.longest.CompareAndSwap(cur, n) {
			break
		}
	}
	return h.Knowledge.Answer(ctx, q)
}

// member is one simulated community member.
type member struct {
	id      string
	asks    int
	replies []bot.Reply
}

// TestLoad_RouterWithFakeLLM sends 500 questions from 50 concurrent members through
// the real Router and answering layer (embedded corpus, local embedder) with an
// OpenAI-compatible fake LLM of fixed latency that goes down mid-run. Ten members ask
// twice the rate limit and must be refused the excess; every question gets exactly
// one reply; answers continue extractively while the LLM is down; thread memory and
// the heap stay bounded.
func TestLoad_RouterWithFakeLLM(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	const limit = 10 // per member per minute; the run is far shorter than the 6 s refill
	llm := newFakeLLM(t, 5*time.Millisecond)
	obs := &countingObserver{}
	a := testApp(t, nil)
	store := bot.NewMemoryStore()
	defer store.Close()
	know := &historyWatch{Knowledge: testKnowledge(t, a, llm.URL, obs)}
	r, err := bot.NewRouter(bot.RouterConfig{
		Knowledge: know, Store: store, Observer: obs,
		RateLimitPerMin: limit, AnswerTimeout: 20 * time.Second,
		Clinical: bot.ClinicalVocabulary(corpus.DefaultClinical()),
	})
	if err != nil {
		t.Fatal(err)
	}

	var members []*member
	for i := range 50 {
		asks := 7 + i%2 // 40 members within the limit: 20×8 + 20×7 = 300
		if i < 10 {
			asks = 2 * limit // 10 members over it: 10×20 = 200
		}
		members = append(members, &member{id: fmt.Sprintf("member-%02d", i), asks: asks})
	}
	var asked atomic.Int64
	var wg sync.WaitGroup
	for _, m := range members {
		wg.Go(func() {
			for q := range m.asks {
				if asked.Add(1) == 200 {
					llm.down.Store(true) // the LLM fails from the 200th question on
				}
				rep, err := r.Handle(context.Background(), bot.Request{
					Platform: bot.PlatformDiscord, UserID: m.id, ChannelID: "c1", ThreadID: m.id,
					Command: bot.CommandAsk, Text: questions[q%len(questions)],
				})
				if err != nil {
					t.Errorf("%s: %v", m.id, err)
				}
				m.replies = append(m.replies, rep)
			}
		})
	}
	wg.Wait()

	total, answeredIDs := 0, map[string]bool{}
	modes := map[string]int{}
	for i, m := range members {
		total += len(m.replies)
		if len(m.replies) != m.asks {
			t.Errorf("%s asked %d, got %d replies", m.id, m.asks, len(m.replies))
		}
		limited := 0
		for _, rep := range m.replies {
			switch rep.Outcome {
			case bot.OutcomeRateLimited:
				limited++
				if rep.Text == "" || rep.AnswerID != "" || len(rep.Sources) > 0 || len(rep.Buttons) > 0 {
					t.Errorf("%s: rate-limited reply carries an answer: %+v", m.id, rep)
				}
			case bot.OutcomeAnswered, bot.OutcomeAbstained:
				if rep.Text == "" || rep.AnswerID == "" {
					t.Errorf("%s: empty answer %+v", m.id, rep)
				}
				if answeredIDs[rep.AnswerID] {
					t.Errorf("answer id %s delivered twice", rep.AnswerID)
				}
				answeredIDs[rep.AnswerID] = true
				modes[rep.Mode]++
			default:
				t.Errorf("%s: outcome %q: %q", m.id, rep.Outcome, rep.Text)
			}
		}
		switch {
		case i < 10 && (limited == 0 || m.asks-limited < limit):
			t.Errorf("%s asked %d with a limit of %d: %d refused", m.id, m.asks, limit, limited)
		case i >= 10 && limited != 0:
			t.Errorf("%s stayed within the limit but %d were refused", m.id, limited)
		}
	}
	if total != 500 {
		t.Fatalf("%d replies, want 500", total)
	}
	obs.mu.Lock()
	handled := 0
	for _, n := range obs.outcomes {
		handled += n
	}
	obs.mu.Unlock()
	if handled != 500 {
		t.Errorf("observer saw %d requests, want 500", handled)
	}
	if modes["llm"] == 0 || modes["extractive"] == 0 || obs.fallbacks.Load() == 0 {
		t.Errorf("modes %v, fallbacks %d: want LLM answers before the outage and extractive ones after", modes, obs.fallbacks.Load())
	}
	if got := know.longest.Load(); got == 0 || got > bot.DefaultMemoryTurns {
		t.Errorf("longest thread history passed with a question: %d turns, want 1..%d", got, bot.DefaultMemoryTurns)
	}
	t.Logf("outcomes %v, modes %v, LLM answers served %d, fallbacks %d, longest history %d turns",
		obs.outcomes, modes, llm.served.Load(), obs.fallbacks.Load(), know.longest.Load())

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	const bound = 256 << 20 // generous: the corpus index is a few MB
	if ms.HeapAlloc > bound {
		t.Errorf("heap after GC %d MB, want under %d MB", ms.HeapAlloc>>20, bound>>20)
	}
	t.Logf("heap after GC: %.1f MB", float64(ms.HeapAlloc)/(1<<20))
}
