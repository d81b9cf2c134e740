package main

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/retrieval/answer"
)

// fakeLLM is an OpenAI-compatible chat endpoint that streams a fixed, cited answer
// after a fixed delay, or answers 503 while down. Requests to any other path get 404,
// so a client that builds the wrong URL falls back to the extractive answer.
type fakeLLM struct {
	*httptest.Server
	delay  time.Duration
	down   atomic.Bool
	served atomic.Int64 // streamed answers

	// When hold is set, each request is announced on started and then waits for
	// hold to close.
	hold    chan struct{}
	started chan struct{}
}

func newFakeLLM(tb testing.TB, delay time.Duration) *fakeLLM {
	tb.Helper()
	f := &fakeLLM{delay: delay}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(f.Close)
	return f
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	if f.down.Load() {
		bottest.WriteChatError(w, http.StatusServiceUnavailable)
		return
	}
	if f.hold != nil {
		f.started <- struct{}{}
		select {
		case <-f.hold:
		case <-r.Context().Done():
			return
		}
	}
	select {
	case <-time.After(f.delay):
	case <-r.Context().Done():
		return
	}
	bottest.WriteChatStream(w, "Health information technicians ", "keep patient records accurate, ", "complete and secure [1].")
	f.served.Add(1)
}

// countingObserver counts finished requests by outcome, corpus searches, LLM
// attempts and LLM fallbacks. Safe for concurrent use.
type countingObserver struct {
	bot.NopObserver
	retrievals, llms, fallbacks atomic.Int64

	mu       sync.Mutex
	outcomes map[string]int
}

func (o *countingObserver) Handled(_, _, outcome string, _ bool, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.outcomes == nil {
		o.outcomes = map[string]int{}
	}
	o.outcomes[outcome]++
}

func (o *countingObserver) Retrieval(time.Duration) { o.retrievals.Add(1) }

func (o *countingObserver) LLM(_ time.Duration, fellBack bool) {
	o.llms.Add(1)
	if fellBack {
		o.fallbacks.Add(1)
	}
}

// testApp returns an initialised app whose environment is env on top of a temporary
// DATA_DIR and LOG_LEVEL=error.
func testApp(tb testing.TB, env map[string]string) *app {
	tb.Helper()
	full := map[string]string{"DATA_DIR": tb.TempDir(), "LOG_LEVEL": "error"}
	maps.Copy(full, env)
	a := &app{getenv: func(k string) string { return full[k] }, stdout: io.Discard, stderr: io.Discard}
	if err := a.init(context.Background(), true); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(a.close)
	return a
}

// testKnowledge is the real answering layer on the embedded corpus; with llmURL set,
// answers come from that OpenAI-compatible endpoint, with one attempt each.
func testKnowledge(tb testing.TB, a *app, llmURL string, obs bot.Observer) bot.Knowledge {
	tb.Helper()
	ctx := context.Background()
	c, err := a.corpus()
	if err != nil {
		tb.Fatal(err)
	}
	eng, err := a.engine(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	var llm *answer.LLM
	if llmURL != "" {
		llm, err = answer.NewLLM(answer.LLMConfig{BaseURL: llmURL + "/v1", Model: "fake", Timeout: 10 * time.Second, MaxAttempts: 1})
		if err != nil {
			tb.Fatal(err)
		}
	}
	kb, err := newKnowledgeBase(eng, c, llm, nil, obs)
	if err != nil {
		tb.Fatal(err)
	}
	return kb
}

// questions are what simulated members ask, in turn.
var questions = []string{
	"What does a health information technician do?",
	"How do I become an RHIT?",
	"How much do health information technicians earn?",
	"Which degree do I need for health information management?",
	"What skills does a medical records technician need?",
	"Where do health information technicians work?",
	"What is the job outlook for medical records specialists?",
	"How can I advance from RHIT to RHIA?",
	"What are the challenges of medical coding?",
	"Is the CCA certification worth it?",
}
