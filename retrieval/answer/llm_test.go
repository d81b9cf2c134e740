package answer

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
)

// fakeChat is an OpenAI-compatible chat endpoint speaking real SSE. handle serves
// call number n (1-based).
type fakeChat struct {
	mu     sync.Mutex
	calls  int
	bodies []string
	handle func(w http.ResponseWriter, r *http.Request, n int)
}

func newFakeChat(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) (*fakeChat, *httptest.Server) {
	t.Helper()
	f := &fakeChat{handle: handle}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.calls++
		n := f.calls
		f.bodies = append(f.bodies, string(body))
		f.mu.Unlock()
		f.handle(w, r, n)
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeChat) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

type llmCounter struct {
	mu               sync.Mutex
	calls, fallbacks int
}

func (c *llmCounter) hook(_ time.Duration, fellBack bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if fellBack {
		c.fallbacks++
	}
}

// newLLMAdvisor builds an Advisor whose LLM talks to srv. firstToken bounds stalls.
func newLLMAdvisor(t *testing.T, srv *httptest.Server, firstToken time.Duration) (*Advisor, *llmCounter) {
	t.Helper()
	llm, err := NewLLM(LLMConfig{APIKey: "test", BaseURL: srv.URL + "/v1", Model: "m",
		Timeout: 20 * time.Second, FirstTokenTimeout: firstToken, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c := &llmCounter{}
	a, err := New(Config{Searcher: &fakeSearcher{chunks: testChunks, confident: true}, Corpus: testCorpus(), LLM: llm,
		Hooks: Hooks{OnLLM: c.hook}, Logger: slog.New(slog.NewTextHandler(t.Output(), nil))})
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}

const payQuestion = "How much do medical records specialists earn?"

func TestAdvisor_Ask_LLM(t *testing.T) {
	_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, "Medical records ", "specialists earned a median of $50,250 ", "in May 2024 [", "1]. Outlook is steady [2", "].")
	})
	a, c := newLLMAdvisor(t, srv, 10*time.Second)
	var partials []string
	r, err := a.Ask(context.Background(), payQuestion, nil, func(s string) { partials = append(partials, s) })
	if err != nil {
		t.Fatal(err)
	}
	want := "Medical records specialists earned a median of $50,250 in May 2024 [1]. Outlook is steady [2]."
	if r.Mode != ModeLLM || r.Text != want {
		t.Fatalf("got mode %q text %q", r.Mode, r.Text)
	}
	checkCited(t, r)
	if len(r.Sources) != 2 || r.Sources[0].ChunkID != "pay#earn" {
		t.Errorf("sources %+v", r.Sources)
	}
	if len(partials) == 0 || partials[len(partials)-1] != want {
		t.Errorf("partials %q: last should be the final text", partials)
	}
	for _, p := range partials {
		if !strings.HasPrefix(want, p) {
			t.Errorf("partial %q is not a prefix of the final text", p)
		}
	}
	if c.calls != 1 || c.fallbacks != 0 {
		t.Errorf("hook: %d calls, %d fallbacks", c.calls, c.fallbacks)
	}
}

func TestAdvisor_Ask_LLMInventedCitation(t *testing.T) {
	_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, "The median was $50,250 in May 2024 [9]. Certified coders earn more [1][9].")
	})
	a, _ := newLLMAdvisor(t, srv, 10*time.Second)
	r := ask(t, a, payQuestion, nil)
	if r.Mode != ModeLLM || strings.Contains(r.Text, "[9]") || r.Text != "The median was $50,250 in May 2024. Certified coders earn more [1]." {
		t.Fatalf("got mode %q text %q", r.Mode, r.Text)
	}
	checkCited(t, r)
}

func TestAdvisor_Ask_LLMFailures(t *testing.T) {
	tests := []struct {
		name      string
		handle    func(w http.ResponseWriter, r *http.Request, n int)
		firstTok  time.Duration
		wantMode  string
		wantCalls int
	}{
		{"429ThenSuccess", func(w http.ResponseWriter, _ *http.Request, n int) {
			if n == 1 {
				bottest.WriteChatError(w, http.StatusTooManyRequests)
				return
			}
			bottest.WriteChatStream(w, "Specialists earned $50,250 in May 2024 [1].")
		}, 10 * time.Second, ModeLLM, 2},
		{"500Fallback", func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatError(w, 500) }, 10 * time.Second, ModeExtractive, 3},
		{"502HTMLFallback", func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "<html>bad gateway</html>")
		}, 10 * time.Second, ModeExtractive, 3},
		{"400NoRetry", func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatError(w, 400) }, 10 * time.Second, ModeExtractive, 1},
		{"401NoRetry", func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatError(w, 401) }, 10 * time.Second, ModeExtractive, 1},
		{"404NoRetry", func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatError(w, 404) }, 10 * time.Second, ModeExtractive, 1},
		{"ErrorEventMidStream", func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Specialists earn [1]"},"finish_reason":null}]}`+"\n\n")
			io.WriteString(w, `data: {"error":{"message":"overloaded","type":"server_error"}}`+"\n\n")
		}, 10 * time.Second, ModeExtractive, 1},
		{"Stalled", func(w http.ResponseWriter, r *http.Request, _ int) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Specialists earn"},"finish_reason":null}]}`+"\n\n")
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}, 200 * time.Millisecond, ModeExtractive, 1},
		{"MalformedSSE", func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"\n\ndata: [DONE]\n\n")
		}, 10 * time.Second, ModeExtractive, 1},
		{"NoCitation", func(w http.ResponseWriter, _ *http.Request, _ int) {
			bottest.WriteChatStream(w, "Specialists earn a decent living in most places.")
		}, 10 * time.Second, ModeExtractive, 1},
		{"Garbage", func(w http.ResponseWriter, _ *http.Request, _ int) {
			bottest.WriteChatStream(w, "%%%% ### $$$ 12345 [1] ---- **** ||||")
		}, 10 * time.Second, ModeExtractive, 1},
		{"Empty", func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatStream(w) }, 10 * time.Second, ModeExtractive, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeChat(t, tt.handle)
			a, c := newLLMAdvisor(t, srv, tt.firstTok)
			r := ask(t, a, payQuestion, nil)
			if r.Mode != tt.wantMode {
				t.Fatalf("mode %q, want %q (text %q)", r.Mode, tt.wantMode, r.Text)
			}
			if got := f.count(); got != tt.wantCalls {
				t.Errorf("%d requests, want %d", got, tt.wantCalls)
			}
			if !strings.Contains(r.Text, "$50,250") {
				t.Errorf("answer lacks the figure: %q", r.Text)
			}
			checkCited(t, r)
			wantFallbacks := 0
			if tt.wantMode == ModeExtractive {
				wantFallbacks = 1
			}
			if c.calls != 1 || c.fallbacks != wantFallbacks {
				t.Errorf("hook: %d calls, %d fallbacks; want 1, %d", c.calls, c.fallbacks, wantFallbacks)
			}
		})
	}
}

// TestAdvisor_Ask_LLMRequest checks what leaves the process: the question exactly as
// given, no earlier turn of an unrelated thread, and the request settings.
func TestAdvisor_Ask_LLMRequest(t *testing.T) {
	f, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, "Specialists earned $50,250 in May 2024 [1].")
	})
	a, _ := newLLMAdvisor(t, srv, 10*time.Second)
	history := []Turn{{Question: "Unrelated earlier question about zebras?", Answer: "An earlier answer about zebras."}}
	if _, err := a.Ask(context.Background(), payQuestion, history, nil); err != nil {
		t.Fatal(err)
	}
	var req struct {
		Model       string  `json:"model"`
		Stream      bool    `json:"stream"`
		Temperature float64 `json:"temperature"`
		Messages    []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	if err := json.Unmarshal([]byte(f.bodies[0]), &req); err != nil {
		t.Fatal(err)
	}
	if req.Model != "m" || !req.Stream || req.Temperature <= 0 || len(req.Messages) != 2 {
		t.Fatalf("request %+v", req)
	}
	user := req.Messages[1].Content
	if !strings.Contains(user, "<question>\n"+payQuestion+"\n</question>") || strings.Count(user, "<question>") != 1 {
		t.Errorf("question not sent exactly once as given:\n%s", user)
	}
	if strings.Contains(f.bodies[0], "zebra") {
		t.Errorf("request carries another turn's text:\n%s", f.bodies[0])
	}
}

func TestResolveBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", DefaultBaseURL},
		{"http://localhost:11434", "http://localhost:11434/v1"},
		{"http://localhost:11434/", "http://localhost:11434/v1"},
		{"http://localhost:11434/v1", "http://localhost:11434/v1"},
		{"https://gw.example.org/openai/v1/", "https://gw.example.org/openai/v1"},
	}
	for _, tt := range tests {
		if got, err := ResolveBaseURL(tt.in); err != nil || got != tt.want {
			t.Errorf("ResolveBaseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"localhost:11434", "ftp://x.org", "http://"} {
		if _, err := ResolveBaseURL(bad); err == nil {
			t.Errorf("ResolveBaseURL(%q): want error", bad)
		}
	}
	if _, err := NewLLM(LLMConfig{BaseURL: "http://x.org"}); err == nil {
		t.Error("NewLLM without model: want error")
	}
}

// TestLLM_DeadlineDuringBackoff: the total deadline also bounds the wait between
// retries, so a long backoff cannot hold an answer past LLM_TIMEOUT.
func TestLLM_DeadlineDuringBackoff(t *testing.T) {
	f, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatError(w, 503) })
	llm, err := NewLLM(LLMConfig{BaseURL: srv.URL + "/v1", Model: "m", Backoff: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = llm.complete(ctx, askMessages("q", "", ""), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want deadline error, got %v", err)
	}
	if f.count() != 1 {
		t.Errorf("%d requests, want 1", f.count())
	}
}

// TestAdvisor_Ask_LLMTooLong: a model that runs past the word limit is cut at the
// last sentence end within it, its citations kept.
func TestAdvisor_Ask_LLMTooLong(t *testing.T) {
	_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, strings.Repeat("Medical records specialists earned a median of $50,250 in May 2024 [1]. ", 20))
	})
	a, _ := newLLMAdvisor(t, srv, 10*time.Second)
	r := ask(t, a, payQuestion, nil)
	if n := len(strings.Fields(citeOne.ReplaceAllString(r.Text, ""))); r.Mode != ModeLLM || n > maxAnswerWords || !strings.HasSuffix(r.Text, "[1].") {
		t.Errorf("mode %q, %d words, text ending %q; want at most %d ending at a sentence", r.Mode, n, r.Text[max(0, len(r.Text)-30):], maxAnswerWords)
	}
}
