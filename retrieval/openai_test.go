package retrieval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeEmbeddings is an OpenAI-compatible /v1/embeddings endpoint. Each request is
// answered by respond(call number, inputs).
type fakeEmbeddings struct {
	calls   atomic.Int64
	respond func(call int, inputs []string, w http.ResponseWriter)
}

func (f *fakeEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	call := int(f.calls.Add(1))
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" || r.Header.Get("Authorization") != "Bearer test-key" ||
		json.Unmarshal(body, &req) != nil || req.Model != "embed-model" {
		http.Error(w, `{"error":{"message":"bad request","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	f.respond(call, req.Input, w)
}

// vectorsJSON writes a successful response with dim-dimensional vectors that are
// not unit length.
func vectorsJSON(w http.ResponseWriter, inputs []string, dim int) {
	var data []string
	for i, in := range inputs {
		v := make([]string, dim)
		for j := range v {
			v[j] = fmt.Sprint(float64(len(in)%7+j+1) * 3)
		}
		data = append(data, fmt.Sprintf(`{"object":"embedding","index":%d,"embedding":[%s]}`, i, strings.Join(v, ",")))
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"object":"list","data":[%s],"model":"embed-model","usage":{"prompt_tokens":1,"total_tokens":1}}`, strings.Join(data, ","))
}

func apiError(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":{"message":"status %d","type":"server_error"}}`, status)
}

func newFakeEmbedder(t *testing.T, f *fakeEmbeddings, timeout time.Duration) *OpenAIEmbedder {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return NewOpenAIEmbedder(OpenAIEmbedderConfig{
		APIKey: "test-key", BaseURL: srv.URL + "/v1/", Model: "embed-model", BatchSize: 3,
		HTTPClient: &http.Client{Timeout: timeout}, MaxRetries: 2, RetryBackoff: time.Millisecond,
	})
}

func TestOpenAIEmbedder(t *testing.T) {
	texts := []string{"a", "bb", "ccc", "dddd", "", "ffffff\nff"}
	t.Run("Success", func(t *testing.T) {
		f := &fakeEmbeddings{respond: func(_ int, in []string, w http.ResponseWriter) { vectorsJSON(w, in, 4) }}
		e := newFakeEmbedder(t, f, 5*time.Second)
		vs, err := e.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != len(texts) || f.calls.Load() != 2 {
			t.Fatalf("got %d vectors in %d calls, want %d in 2 batches", len(vs), f.calls.Load(), len(texts))
		}
		for i, v := range vs {
			if len(v) != 4 || math.Abs(norm(v)-1) > 1e-5 {
				t.Errorf("vector %d: dim %d norm %v, want 4 and 1", i, len(v), norm(v))
			}
		}
		if e.Dimension() != 4 || e.Name() != "openai" || e.Model() != "embed-model" {
			t.Errorf("dimension %d name %s model %s", e.Dimension(), e.Name(), e.Model())
		}
	})
	t.Run("RateLimitedThenSuccess", func(t *testing.T) {
		f := &fakeEmbeddings{respond: func(call int, in []string, w http.ResponseWriter) {
			if call == 1 {
				apiError(w, http.StatusTooManyRequests)
				return
			}
			vectorsJSON(w, in, 4)
		}}
		vs, err := newFakeEmbedder(t, f, 5*time.Second).Embed(context.Background(), texts[:2])
		if err != nil || len(vs) != 2 || f.calls.Load() != 2 {
			t.Errorf("got %d vectors, err %v, %d calls; want success on the retry", len(vs), err, f.calls.Load())
		}
	})
	t.Run("ServerErrorExhaustsRetries", func(t *testing.T) {
		f := &fakeEmbeddings{respond: func(_ int, _ []string, w http.ResponseWriter) { apiError(w, http.StatusInternalServerError) }}
		_, err := newFakeEmbedder(t, f, 5*time.Second).Embed(context.Background(), texts[:1])
		if err == nil || f.calls.Load() != 3 {
			t.Errorf("err %v after %d calls; want failure after 1 try + 2 retries", err, f.calls.Load())
		}
	})
	t.Run("BadRequestNotRetried", func(t *testing.T) {
		f := &fakeEmbeddings{respond: func(_ int, _ []string, w http.ResponseWriter) { apiError(w, http.StatusUnauthorized) }}
		_, err := newFakeEmbedder(t, f, 5*time.Second).Embed(context.Background(), texts[:1])
		if err == nil || f.calls.Load() != 1 {
			t.Errorf("err %v after %d calls; want one failed call", err, f.calls.Load())
		}
	})
	t.Run("WrongDimension", func(t *testing.T) {
		f := &fakeEmbeddings{respond: func(call int, in []string, w http.ResponseWriter) { vectorsJSON(w, in, 3+call) }}
		_, err := newFakeEmbedder(t, f, 5*time.Second).Embed(context.Background(), texts)
		if !errors.Is(err, ErrDimensionMismatch) {
			t.Errorf("err = %v, want ErrDimensionMismatch", err)
		}
	})
	t.Run("WrongCount", func(t *testing.T) {
		f := &fakeEmbeddings{respond: func(_ int, in []string, w http.ResponseWriter) { vectorsJSON(w, in[:1], 4) }}
		if _, err := newFakeEmbedder(t, f, 5*time.Second).Embed(context.Background(), texts[:2]); err == nil {
			t.Error("a response with too few vectors should fail")
		}
	})
	t.Run("Timeout", func(t *testing.T) {
		release := make(chan struct{})
		f := &fakeEmbeddings{respond: func(_ int, in []string, w http.ResponseWriter) {
			<-release
			vectorsJSON(w, in, 4)
		}}
		e := newFakeEmbedder(t, f, 5*time.Second)
		defer close(release)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if _, err := e.Embed(ctx, texts[:1]); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want a deadline error", err)
		}
	})
}

// TestOpen_OpenAIEmbedder indexes the test corpus through the fake endpoint, with a
// progress bar, and searches it.
func TestOpen_OpenAIEmbedder(t *testing.T) {
	local := NewLocalEmbedder(testSynonyms)
	f := &fakeEmbeddings{respond: func(_ int, in []string, w http.ResponseWriter) {
		vs, _ := local.Embed(context.Background(), in)
		var data []string
		for i, v := range vs {
			b, _ := json.Marshal(v)
			data = append(data, fmt.Sprintf(`{"object":"embedding","index":%d,"embedding":%s}`, i, b))
		}
		fmt.Fprintf(w, `{"object":"list","data":[%s],"model":"embed-model"}`, strings.Join(data, ","))
	}}
	e := newFakeEmbedder(t, f, 5*time.Second)
	var progress strings.Builder
	eng, err := Open(context.Background(), Config{Corpus: testCorpus(), Embedder: e, DataDir: t.TempDir(), Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if st := eng.Stats(); st.Embedded != st.Chunks || st.Dimension != LocalDimension || st.Embedder != "openai" {
		t.Errorf("stats %+v", st)
	}
	if !strings.Contains(progress.String(), "embedding chunks") {
		t.Errorf("no progress bar in %q", progress.String())
	}
	if r := search(t, eng, "median wage", SearchOptions{}); len(r.Hits) == 0 || r.Hits[0].ID != "pay#earn" {
		t.Errorf("top hits %v, want pay#earn first", ids(r.Hits))
	}
}
