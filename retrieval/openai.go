package retrieval

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sashabaranov/go-openai"
)

// OpenAIEmbedderConfig configures [NewOpenAIEmbedder].
type OpenAIEmbedderConfig struct {
	APIKey     string       // may be empty for servers that need none (Ollama, vLLM)
	BaseURL    string       // including /v1; empty means OpenAI
	Model      string       // e.g. text-embedding-3-small, nomic-embed-text
	BatchSize  int          // texts per request; 0 means 64
	HTTPClient *http.Client // nil means a client with a 60 s timeout per request
	// MaxRetries bounds the retries of one batch on 429 and 5xx responses and on
	// network errors; 0 means 4. Backoff starts at RetryBackoff (0 means 500 ms) and
	// doubles, with jitter.
	MaxRetries   int
	RetryBackoff time.Duration
}

// OpenAIEmbedder embeds through any OpenAI-compatible embeddings endpoint (OpenAI,
// Ollama, vLLM, LocalAI). It batches texts, retries rate limits and server errors
// with exponential backoff, L2-normalises every vector and checks that all vectors
// share the dimension of the first response. Safe for concurrent use.
type OpenAIEmbedder struct {
	client  *openai.Client
	model   string
	batch   int
	retries int
	backoff time.Duration

	mu  sync.Mutex
	dim int // 0 until the first response
}

// NewOpenAIEmbedder returns an embedder for cfg. It does not contact the server.
func NewOpenAIEmbedder(cfg OpenAIEmbedderConfig) *OpenAIEmbedder {
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	oc.HTTPClient = cfg.HTTPClient
	if oc.HTTPClient == nil {
		oc.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	e := &OpenAIEmbedder{client: openai.NewClientWithConfig(oc), model: cfg.Model,
		batch: cfg.BatchSize, retries: cfg.MaxRetries, backoff: cfg.RetryBackoff}
	if e.model == "" {
		e.model = string(openai.SmallEmbedding3)
	}
	if e.batch <= 0 {
		e.batch = 64
	}
	if e.retries <= 0 {
		e.retries = 4
	}
	if e.backoff <= 0 {
		e.backoff = 500 * time.Millisecond
	}
	return e
}

// Name returns "openai".
func (e *OpenAIEmbedder) Name() string { return "openai" }

// Model returns the embedding model name.
func (e *OpenAIEmbedder) Model() string { return e.model }

// Dimension returns the vector dimension seen so far, 0 before the first response.
func (e *OpenAIEmbedder) Dimension() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.dim
}

// Embed embeds texts in batches. Empty texts are sent as a single space, since
// servers reject empty inputs.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for b := 0; b < len(texts); b += e.batch {
		vs, err := e.embedBatch(ctx, texts[b:min(b+e.batch, len(texts))])
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

// embedBatch sends one request, retrying transient failures.
func (e *OpenAIEmbedder) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	in := make([]string, len(texts))
	for i, t := range texts {
		in[i] = strings.ReplaceAll(t, "\n", " ")
		if strings.TrimSpace(in[i]) == "" {
			in[i] = " "
		}
	}
	req := openai.EmbeddingRequestStrings{Input: in, Model: openai.EmbeddingModel(e.model)}
	wait := e.backoff
	for attempt := 0; ; attempt++ {
		resp, err := e.client.CreateEmbeddings(ctx, req)
		if err == nil {
			return e.vectors(resp, len(in))
		}
		if attempt >= e.retries || !retryable(err) || ctx.Err() != nil {
			return nil, fmt.Errorf("create embeddings with %s: %w", e.model, err)
		}
		d := wait/2 + rand.N(wait/2+1)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("create embeddings with %s: %w", e.model, ctx.Err())
		case <-time.After(d):
		}
		wait *= 2
	}
}

// vectors orders the response by index, checks it and normalises each vector.
func (e *OpenAIEmbedder) vectors(resp openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(resp.Data) != n {
		return nil, fmt.Errorf("embeddings response has %d vectors for %d inputs", len(resp.Data), n)
	}
	out := make([][]float32, n)
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= n || out[d.Index] != nil {
			return nil, fmt.Errorf("embeddings response has a bad or repeated index %d", d.Index)
		}
		if len(d.Embedding) == 0 {
			return nil, fmt.Errorf("embeddings response has an empty vector at index %d", d.Index)
		}
		out[d.Index] = normalize(append([]float32(nil), d.Embedding...))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, v := range out {
		if e.dim == 0 {
			e.dim = len(v)
		}
		if len(v) != e.dim {
			return nil, fmt.Errorf("embeddings have %d dimensions, earlier ones had %d: %w", len(v), e.dim, ErrDimensionMismatch)
		}
	}
	return out, nil
}

// ErrDimensionMismatch reports vectors whose dimension differs from earlier ones
// of the same embedder.
var ErrDimensionMismatch = errors.New("embedding dimension changed")

// retryable reports whether err is worth retrying: 429, 5xx, or a network error
// without an HTTP status. 4xx other than 429 fail fast.
func retryable(err error) bool {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode == http.StatusTooManyRequests || apiErr.HTTPStatusCode >= 500
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode == http.StatusTooManyRequests || reqErr.HTTPStatusCode >= 500
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}
