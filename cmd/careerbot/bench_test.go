package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/web"
	"github.com/careerbot/careerbot/corpus"
)

// benchSink keeps results alive so the calls are not optimised away.
var benchSink bot.Reply

// benchRouter is the real Router on the real answering layer (embedded corpus, local
// embedder), with an LLM at llmURL when set, an in-memory store and no rate limit
// (the playground's local limit included: the benchmarks ask as its user).
func benchRouter(b *testing.B, llmURL string) bot.Handler {
	b.Helper()
	a := testApp(b, nil)
	r, err := bot.NewRouter(bot.RouterConfig{
		Knowledge: testKnowledge(b, a, llmURL, bot.NopObserver{}), Store: bot.NewMemoryStore(),
		Clinical:             bot.ClinicalVocabulary(corpus.DefaultClinical()),
		LocalRateLimitPerMin: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func benchAsk(b *testing.B, h bot.Handler) {
	ctx := context.Background()
	i := 0
	for b.Loop() {
		rep, err := h.Handle(ctx, bot.Request{Platform: bot.PlatformWeb, UserID: "bench", Text: questions[i%len(questions)]})
		if err != nil || rep.Text == "" || rep.Outcome != bot.OutcomeAnswered {
			b.Fatalf("reply %+v, err %v; want an answer", rep, err)
		}
		benchSink = rep
		i++
	}
}

// BenchmarkAnswer_Offline is one question through the Router and the extractive
// answerer: PHI guard, validation, retrieval, answer composition, question log.
func BenchmarkAnswer_Offline(b *testing.B) { benchAsk(b, benchRouter(b, "")) }

// BenchmarkAnswer_FakeLLM adds a streamed answer from an OpenAI-compatible server on
// loopback that answers at once: the client, SSE parsing and citation checks.
func BenchmarkAnswer_FakeLLM(b *testing.B) { benchAsk(b, benchRouter(b, newFakeLLM(b, 0).URL)) }

// BenchmarkAnswer_OfflineParallel is BenchmarkAnswer_Offline from GOMAXPROCS
// goroutines, each its own member.
func BenchmarkAnswer_OfflineParallel(b *testing.B) {
	h := benchRouter(b, "")
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		user := "bench-" + strconv.FormatInt(n.Add(1), 10)
		i := 0
		for pb.Next() {
			rep, err := h.Handle(context.Background(), bot.Request{Platform: bot.PlatformWeb, UserID: user, Text: questions[i%len(questions)]})
			if err != nil || rep.Text == "" || rep.Outcome != bot.OutcomeAnswered {
				b.Errorf("reply %+v, err %v; want an answer", rep, err)
				return
			}
			i++
		}
	})
}

// BenchmarkPlayground_Ask is one question through the playground's HTTP API on
// loopback: JSON in, Server-Sent Events out, Markdown rendered to HTML.
func BenchmarkPlayground_Ask(b *testing.B) {
	srv := httptest.NewServer(web.New(web.Config{Handler: benchRouter(b, "")}))
	defer srv.Close()
	client := srv.Client()
	i := 0
	for b.Loop() {
		body := `{"text":"` + questions[i%len(questions)] + `"}`
		resp, err := client.Post(srv.URL+"/api/ask", "application/json", bytes.NewBufferString(body))
		if err != nil {
			b.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Contains(out, []byte("event: reply")) {
			b.Fatalf("status %d: %s", resp.StatusCode, out)
		}
		i++
	}
}
