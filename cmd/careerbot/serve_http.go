package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/web"
	"github.com/careerbot/careerbot/metrics"
	"github.com/careerbot/careerbot/retrieval"
	"github.com/careerbot/careerbot/store"
)

// readyTimeout bounds the store checks of one /readyz request.
const readyTimeout = 3 * time.Second

// Limits of the HTTP server on HTTP_ADDR against slow and large requests. A request's
// headers must arrive within readHeaderTimeout and the whole request, body included,
// within readTimeout (an answer may stream for longer: the deadline bounds reading,
// see bot/web's TestAsk_OutlivesReadTimeout). Each endpoint caps its own body.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	maxHeaderBytes    = 64 << 10
)

// serveMux routes HTTP_ADDR: health, readiness and metrics always; the platforms'
// HTTP endpoints when configured; the playground at / when enabled.
func (a *app) serveMux(h bot.Handler, st bot.Store, eng *retrieval.Engine, m *metrics.Metrics, p platforms, playground bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /readyz", readiness(st, eng, a.log))
	mux.Handle("GET /metrics", m.Handler())
	for pattern, handler := range p.mounts {
		mux.Handle(pattern, handler)
	}
	if playground {
		mux.Handle("/", web.New(web.Config{Handler: h, Logger: a.log.With("adapter", "web"), PlanChoices: a.planChoices()}))
	}
	return mux
}

// writeChecker is a store that can prove it writes (store.DB.CheckWrite).
type writeChecker interface {
	CheckWrite(ctx context.Context) error
}

var _ writeChecker = (*store.DB)(nil)

// readiness answers 200 "ready" when the index is loaded and the store answers
// Ping and, when it can tell, can write (a full disk or a read-only file still reads
// fine), and 503 listing what is wrong otherwise. Store errors are logged, not shown:
// they may name hosts and users.
func readiness(st bot.Store, eng *retrieval.Engine, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var problems []string
		if eng == nil || eng.Stats().Chunks == 0 {
			problems = append(problems, "index: not loaded")
		}
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := st.Ping(ctx); err != nil {
			log.Warn("readiness: store unreachable", "err", err)
			problems = append(problems, "store: unreachable (see the logs; check DATABASE_URL or DATA_DIR)")
		} else if wc, ok := st.(writeChecker); ok {
			if err := wc.CheckWrite(ctx); err != nil {
				log.Warn("readiness: store cannot write", "err", err)
				problems = append(problems, "store: cannot write (see the logs; check free space and permissions of DATA_DIR or the database)")
			}
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if len(problems) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "not ready")
			fmt.Fprintln(w, strings.Join(problems, "\n"))
			return
		}
		fmt.Fprintln(w, "ready")
	})
}
