package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// engine opens the retrieval engine once per process: the corpus, the embedder chosen
// by EMBEDDINGS (local by default; openai for any OpenAI-compatible endpoint) and the
// index file in DATA_DIR. The corpus is parsed only when the index file does not
// match it, so a warm start reads its files and the index file and nothing more. A
// progress bar goes to stderr while chunks are embedded remotely.
func (a *app) engine(ctx context.Context) (*retrieval.Engine, error) {
	return a.eng.get(func() (*retrieval.Engine, error) { return a.openEngine(ctx) })
}

func (a *app) openEngine(ctx context.Context) (*retrieval.Engine, error) {
	files, err := a.corpusFiles()
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
		syn, err := files.Synonyms()
		if err != nil {
			return nil, a.corpusErr(err)
		}
		emb = retrieval.NewLocalEmbedder(syn)
	}
	eng, err := retrieval.Open(ctx, retrieval.Config{
		Files: files, Embedder: emb, DataDir: a.cfg.DataDir, Logger: a.log, Progress: progress,
	})
	if cerr := (*corpus.Error)(nil); errors.As(err, &cerr) {
		return nil, a.corpusErr(cerr)
	}
	if err != nil {
		if a.cfg.Embeddings == "openai" {
			return nil, fmt.Errorf("%w (check OPENAI_BASE_URL, OPENAI_API_KEY and EMBEDDING_MODEL, or set EMBEDDINGS=local)", err)
		}
		return nil, err
	}
	return eng, nil
}
