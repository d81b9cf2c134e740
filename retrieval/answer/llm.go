package answer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// DefaultBaseURL is OpenAI's API, used when only a key is configured.
const DefaultBaseURL = "https://api.openai.com/v1"

// maxReplyBytes bounds a streamed reply; a model that runs on is cut off and the
// answer falls back.
const maxReplyBytes = 16 << 10

// LLMConfig configures the chat model client. Zero durations and counts take the
// documented defaults.
type LLMConfig struct {
	APIKey  string // may be empty for local servers such as Ollama
	BaseURL string // "" means DefaultBaseURL; a URL without a path gets "/v1"
	Model   string // e.g. "gpt-4o-mini"
	// Timeout bounds one whole answer, retries included (LLM_TIMEOUT); default 30s.
	Timeout time.Duration
	// FirstTokenTimeout bounds the wait for the first streamed chunk and every gap
	// between chunks after it; default min(10s, Timeout).
	FirstTokenTimeout time.Duration
	MaxAttempts       int           // attempts for 429 and 5xx responses; default 3
	Backoff           time.Duration // delay before the first retry, doubled each time, with jitter; default 500ms
	MaxTokens         int           // reply length limit; default 400
	// HTTPClient sends the requests; nil means a plain http.Client without a
	// timeout (contexts bound every call; a client timeout would cut streams).
	HTTPClient openai.HTTPDoer
}

// LLM streams chat completions from any OpenAI-compatible endpoint. It is safe for
// concurrent use.
type LLM struct {
	client *openai.Client
	cfg    LLMConfig
}

var (
	errStalled  = errors.New("no data from the model within the first-token timeout")
	errTooLong  = errors.New("model reply exceeds the size limit")
	errNoReply  = errors.New("model returned no text")
	errGarbage  = errors.New("model reply is not readable text")
	errNoCite   = errors.New("model reply cites none of the given sources")
	errLostCite = errors.New("model rewrite dropped a citation")
)

// NewLLM checks cfg, applies defaults and builds the client. It makes no request.
func NewLLM(cfg LLMConfig) (*LLM, error) {
	base, err := ResolveBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("chat model name is empty")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.FirstTokenTimeout <= 0 {
		cfg.FirstTokenTimeout = min(10*time.Second, cfg.Timeout)
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 3
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = 400
	}
	cfg.BaseURL = base
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = base
	if cfg.HTTPClient != nil {
		oc.HTTPClient = cfg.HTTPClient
	} else {
		// No client timeout: it would cut long streams; contexts bound every call.
		oc.HTTPClient = &http.Client{}
	}
	return &LLM{client: openai.NewClientWithConfig(oc), cfg: cfg}, nil
}

// ResolveBaseURL returns the chat API base URL for a configured OPENAI_BASE_URL: the
// default when empty, the URL as given when it has a path, and the URL plus "/v1"
// when it has none (go-openai appends "/chat/completions" to it).
func ResolveBaseURL(base string) (string, error) {
	base = strings.TrimSpace(base)
	if base == "" {
		return DefaultBaseURL, nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("base URL %q is not an http(s) URL", base)
	}
	if strings.Trim(u.Path, "/") == "" {
		u.Path = "/v1"
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Model returns the chat model name.
func (l *LLM) Model() string { return l.cfg.Model }

// complete streams one chat completion, calling onText with the text so far as
// chunks arrive. It retries 429 and 5xx responses with backoff while nothing has
// streamed yet, and stops at ctx's deadline.
func (l *LLM) complete(ctx context.Context, msgs []openai.ChatCompletionMessage, onText func(string)) (string, error) {
	req := openai.ChatCompletionRequest{
		Model:       l.cfg.Model,
		Messages:    msgs,
		Temperature: 0.2, // low but non-zero: go-openai omits 0
		MaxTokens:   l.cfg.MaxTokens,
		Stream:      true,
	}
	for attempt := 1; ; attempt++ {
		text, started, err := l.attempt(ctx, req, onText)
		if err == nil {
			if strings.TrimSpace(text) == "" {
				return "", errNoReply
			}
			return text, nil
		}
		if started || !retryable(err) || attempt >= l.cfg.MaxAttempts {
			return "", fmt.Errorf("stream chat completion (attempt %d): %w", attempt, err)
		}
		d := l.cfg.Backoff << (attempt - 1)
		d = d/2 + rand.N(d/2+1) // jitter
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return "", fmt.Errorf("wait to retry chat completion: %w", context.Cause(ctx))
		}
	}
}

// attempt makes one streaming request. started reports whether any text arrived.
func (l *LLM) attempt(ctx context.Context, req openai.ChatCompletionRequest, onText func(string)) (text string, started bool, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stall := time.AfterFunc(l.cfg.FirstTokenTimeout, func() { cancel(errStalled) })
	defer stall.Stop()

	st, err := l.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", false, withCause(ctx, err)
	}
	defer st.Close()
	var b strings.Builder
	for {
		resp, err := st.Recv()
		if errors.Is(err, io.EOF) {
			return b.String(), started, nil
		}
		if err != nil {
			return b.String(), started, withCause(ctx, err)
		}
		stall.Reset(l.cfg.FirstTokenTimeout)
		if len(resp.Choices) == 0 || resp.Choices[0].Delta.Content == "" {
			continue
		}
		started = true
		b.WriteString(resp.Choices[0].Delta.Content)
		if b.Len() > maxReplyBytes {
			return b.String(), started, errTooLong
		}
		if onText != nil {
			onText(b.String())
		}
	}
}

// withCause attaches the reason ctx was cancelled (a stall, the total timeout) to err.
func withCause(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
		return fmt.Errorf("%w: %w", cause, err)
	}
	return err
}

// retryable reports whether err is a 429 or 5xx response worth another attempt.
func retryable(err error) bool {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	code := 0
	switch {
	case errors.As(err, &apiErr):
		code = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		code = reqErr.HTTPStatusCode
	}
	return code == http.StatusTooManyRequests || code >= 500
}
