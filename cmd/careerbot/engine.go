package main

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/careerbot/careerbot/retrieval"
)

// engineState is the lazily opened retrieval engine of one app.
type engineState struct {
	once sync.Once
	eng  *retrieval.Engine
	err  error
}

// engines holds each app's engine; an entry lives until the app's command finishes.
var engines sync.Map // *app → *engineState

// engine opens the retrieval engine once per process: the corpus, the embedder chosen
// by EMBEDDINGS (local by default; openai for any OpenAI-compatible endpoint) and the
// index file in DATA_DIR. A progress bar goes to stderr while chunks are embedded
// remotely.
func (a *app) engine(ctx context.Context) (*retrieval.Engine, error) {
	v, loaded := engines.LoadOrStore(a, &engineState{})
	if !loaded {
		a.onClose(func() error { engines.Delete(a); return nil })
	}
	st := v.(*engineState)
	st.once.Do(func() { st.eng, st.err = a.openEngine(ctx) })
	return st.eng, st.err
}

func (a *app) openEngine(ctx context.Context) (*retrieval.Engine, error) {
	c, err := a.corpus()
	if err != nil {
		return nil, err
	}
	var emb retrieval.Embedder
	var progress io.Writer
	switch a.cfg.Embeddings {
	case "openai":
		emb = retrieval.NewOpenAIEmbedder(retrieval.OpenAIEmbedderConfig{
			APIKey: a.cfg.OpenAIAPIKey.Reveal(), BaseURL: a.cfg.OpenAIBaseURL, Model: a.cfg.EmbeddingModel,
		})
		progress = a.stderr
	default:
		emb = retrieval.NewLocalEmbedder(c.Synonyms)
	}
	eng, err := retrieval.Open(ctx, retrieval.Config{
		Corpus: c, Embedder: emb, DataDir: a.cfg.DataDir, Logger: a.log, Progress: progress,
	})
	if err != nil {
		if a.cfg.Embeddings == "openai" {
			return nil, fmt.Errorf("%w (check OPENAI_BASE_URL, OPENAI_API_KEY and EMBEDDING_MODEL, or set EMBEDDINGS=local)", err)
		}
		return nil, err
	}
	return eng, nil
}
