package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/retrieval/answer"
)

// fakeLLM is an OpenAI-compatible chat endpoint that streams a fixed, cited answer
// after a fixed delay, or answers 503 while down.
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
		http.Error(w, `{"error":{"message":"upstream unavailable","type":"server_error"}}`, http.StatusServiceUnavailable)
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
	w.Header().Set("Content-Type", "text/event-stream")
	rc := http.NewResponseController(w)
	for _, part := range []string{"Health information technicians ", "keep patient records accurate, ", "complete and secure [1]."} {
		fmt.Fprintf(w, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\n", part)
		_ = rc.Flush()
	}
	fmt.Fprint(w, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
	fmt.Fprint(w, "data: [DONE]\n\n")
	_ = rc.Flush()
	f.served.Add(1)
}

// testApp returns an initialised app whose DATA_DIR is a temporary directory.
func testApp(tb testing.TB) *app {
	tb.Helper()
	env := map[string]string{"DATA_DIR": tb.TempDir(), "LOG_LEVEL": "error"}
	a := &app{getenv: func(k string) string { return env[k] }, stdout: io.Discard, stderr: io.Discard}
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
	kb := &knowledgeBase{}
	kb.SetObserver(obs)
	kb.adv, err = answer.New(answer.Config{Searcher: eng, Corpus: c, LLM: llm, Hooks: answer.Hooks{
		OnRetrieval: func(took time.Duration) { kb.observer().Retrieval(took) },
		OnLLM:       func(took time.Duration, fellBack bool) { kb.observer().LLM(took, fellBack) },
	}})
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
