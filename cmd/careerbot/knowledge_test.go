package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/retrieval/answer"
)

// knowledgeApp returns an initialised app with env on top of a temporary DATA_DIR.
func knowledgeApp(tb testing.TB, env map[string]string) *app {
	tb.Helper()
	full := map[string]string{"DATA_DIR": tb.TempDir(), "LOG_LEVEL": "error"}
	for k, v := range env {
		full[k] = v
	}
	a := &app{getenv: func(k string) string { return full[k] }, stdout: io.Discard, stderr: io.Discard}
	if err := a.init(context.Background(), true); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(a.close)
	return a
}

// knowledgeObserver counts retrieval and LLM events.
type knowledgeObserver struct {
	bot.NopObserver
	retrievals, llms, fallbacks atomic.Int32
}

func (o *knowledgeObserver) Retrieval(time.Duration) { o.retrievals.Add(1) }
func (o *knowledgeObserver) LLM(_ time.Duration, fellBack bool) {
	o.llms.Add(1)
	if fellBack {
		o.fallbacks.Add(1)
	}
}

func TestKnowledge_Offline(t *testing.T) {
	a := knowledgeApp(t, nil)
	k, err := a.knowledge(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := a.knowledge(context.Background()); again != k {
		t.Error("knowledge built twice")
	}
	obs := &knowledgeObserver{}
	k.(interface{ SetObserver(bot.Observer) }).SetObserver(obs)

	ans, err := k.Answer(context.Background(), bot.Query{Text: "How much do medical records specialists earn?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != answer.ModeExtractive || ans.Abstained || ans.Topic != "pay-outlook" || len(ans.Sources) == 0 {
		t.Fatalf("answer %+v", ans)
	}
	for i, s := range ans.Sources {
		if s.N != i+1 || s.URL == "" || s.AsOf == "" || s.ChunkID == "" || !strings.Contains(ans.Text, fmt.Sprintf("[%d]", s.N)) {
			t.Errorf("source %+v not mapped or not cited", s)
		}
	}
	if obs.retrievals.Load() != 1 || obs.llms.Load() != 0 {
		t.Errorf("observer: %d retrievals, %d llm calls", obs.retrievals.Load(), obs.llms.Load())
	}

	cs, err := k.Courses(context.Background(), bot.CourseFilter{Topic: "coding", Level: "beginner", Limit: 3})
	if err != nil || len(cs) == 0 || len(cs) > 3 || cs[0].URL == "" || cs[0].Level == "" {
		t.Fatalf("courses %+v, %v", cs, err)
	}

	sum, err := k.Summary(context.Background(), "pay-outlook", nil)
	if err != nil || len(sum.Sources) == 0 || !strings.Contains(sum.Text, "[1]") {
		t.Fatalf("summary %+v, %v", sum, err)
	}
	if _, err := k.Summary(context.Background(), "astrology", nil); !errors.Is(err, answer.ErrUnknownTopic) {
		t.Errorf("unknown topic: %v", err)
	}
	if tp := k.Topics(); len(tp) != 10 || tp[0] != "overview" {
		t.Errorf("topics %v", tp)
	}
}

// TestKnowledge_LLM wires OPENAI_BASE_URL without a path, as operators write it for
// a local server; the client must call /v1/chat/completions and stream the answer.
func TestKnowledge_LLM(t *testing.T) {
	var paths atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths.Store(r.URL.Path)
		w.Header().Set("Content-Type", "text/event-stream")
		for _, part := range []string{"Medical records specialists earned a median of ", "$50,250 in May 2024 [1]."} {
			fmt.Fprintf(w, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":%q},\"finish_reason\":null}]}\n\n", part)
			w.(http.Flusher).Flush()
		}
		io.WriteString(w, "data: [DONE]\n\n")
	}))
	t.Cleanup(srv.Close)
	a := knowledgeApp(t, map[string]string{"OPENAI_BASE_URL": srv.URL, "CHAT_MODEL": "m", "LLM_TIMEOUT": "10s"})
	k, err := a.knowledge(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var partials atomic.Int32
	ans, err := k.Answer(context.Background(), bot.Query{Text: "How much do medical records specialists earn?", OnPartial: func(string) { partials.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := paths.Load().(string); got != "/v1/chat/completions" {
		t.Errorf("request path %q", got)
	}
	if ans.Mode != answer.ModeLLM || !strings.Contains(ans.Text, "$50,250 in May 2024 [1]") || len(ans.Sources) != 1 || partials.Load() == 0 {
		t.Fatalf("answer %+v (partials %d)", ans, partials.Load())
	}
}
