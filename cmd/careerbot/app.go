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
	corp lazy[*corpus.Corpus]
	eng  lazy[*retrieval.Engine]
	know lazy[*knowledgeBase]
	llm  lazy[*answer.LLM]
	rtr  lazy[*bot.Router]
	st   lazy[*store.DB]

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

// corpus loads the corpus: CORPUS_DIR when set, else the built-in one.
func (a *app) corpus() (*corpus.Corpus, error) {
	return a.corp.get(func() (*corpus.Corpus, error) {
		fsys, where := corpus.Embedded(), "built-in corpus"
		if a.cfg.CorpusDir != "" {
			fsys, where = os.DirFS(a.cfg.CorpusDir), "CORPUS_DIR "+a.cfg.CorpusDir
		}
		c, err := corpus.Load(fsys)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", where, err)
		}
		return c, nil
	})
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
