package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
	"github.com/careerbot/careerbot/retrieval/answer"
	"github.com/careerbot/careerbot/store"
)

// app holds what the commands share: configuration, logger and the lazily built
// components. Each component is built once per process, on first use.
type app struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer

	cfg Config
	log *slog.Logger

	// observer receives metrics events when set (by serve, before the router is
	// built); a.router passes it to the Router and a.knowledge to the answering
	// layer. nil means bot.NopObserver.
	observer bot.Observer

	// Components, each built once on first use by its accessor.
	files lazy[*corpus.Files]
	eng   lazy[*retrieval.Engine]
	know  lazy[*knowledgeBase]
	llm   lazy[*answer.LLM]
	rtr   lazy[*bot.Router]
	st    lazy[*store.DB]
	salt  lazy[string]

	closers []func() error // run in reverse order by close
}

// init loads the configuration and builds the logger. Logs go to stderr. Unless
// LOG_LEVEL is set, interactive commands log only warnings so that their output
// reads cleanly; operational ones (serve, ingest) log at info.
func (a *app) init(_ context.Context, operational bool) error {
	cfg, err := LoadConfig(a.getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w\n(fix these variables in the environment or .env; see .env.example)", err)
	}
	if !operational && strings.TrimSpace(a.getenv("LOG_LEVEL")) == "" {
		cfg.LogLevel = slog.LevelWarn
	}
	a.cfg = cfg
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(a.stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(a.stderr, opts)
	}
	a.log = slog.New(h)
	return nil
}

// corpusFiles reads the corpus's files, unparsed: CORPUS_DIR when set, else the
// built-in corpus. Reading is cheap; see [app.corpus] for the parsed corpus.
func (a *app) corpusFiles() (*corpus.Files, error) {
	return a.files.get(func() (*corpus.Files, error) {
		fsys := corpus.Embedded()
		if a.cfg.CorpusDir != "" {
			fsys = os.DirFS(a.cfg.CorpusDir)
		}
		f, err := corpus.Read(fsys)
		if err != nil {
			return nil, a.corpusErr(err)
		}
		return f, nil
	})
}

// corpus parses and validates the corpus once per process.
func (a *app) corpus() (*corpus.Corpus, error) {
	f, err := a.corpusFiles()
	if err != nil {
		return nil, err
	}
	c, err := f.Parse()
	if err != nil {
		return nil, a.corpusErr(err)
	}
	return c, nil
}

// corpusErr says which corpus err is about.
func (a *app) corpusErr(err error) error {
	if a.cfg.CorpusDir != "" {
		return fmt.Errorf("load CORPUS_DIR %s: %w", a.cfg.CorpusDir, err)
	}
	return fmt.Errorf("load built-in corpus: %w", err)
}

// lazy holds a component built once, on first use. A failed build is remembered and
// reported the same way to every caller.
type lazy[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (l *lazy[T]) get(build func() (T, error)) (T, error) {
	l.once.Do(func() { l.v, l.err = build() })
	return l.v, l.err
}

// onClose registers fn to run when the command finishes.
func (a *app) onClose(fn func() error) { a.closers = append(a.closers, fn) }

func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil && a.log != nil {
			a.log.Warn("close", "err", err)
		}
	}
}
