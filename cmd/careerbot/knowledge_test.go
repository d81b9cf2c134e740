package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/retrieval/answer"
)

func TestKnowledge_Offline(t *testing.T) {
	a := testApp(t, nil)
	k, err := a.knowledge(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := a.knowledge(context.Background()); again != k {
		t.Error("knowledge built twice")
	}
	obs := &countingObserver{}
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
		bottest.WriteChatStream(w, "Medical records specialists earned a median of ", "$50,250 in May 2024 [1].")
	}))
	t.Cleanup(srv.Close)
	a := testApp(t, map[string]string{"OPENAI_BASE_URL": srv.URL, "CHAT_MODEL": "m", "LLM_TIMEOUT": "10s"})
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
