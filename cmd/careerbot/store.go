package main

import (
	"context"
	"sync"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/store"
)

// storeState is the lazily opened store of one app.
type storeState struct {
	once sync.Once
	st   bot.Store
	err  error
}

// stores holds each app's store until the app's command finishes.
var stores sync.Map // *app → *storeState

// store opens, once per process, the durable store for feedback, the question log,
// dedup keys and rate limits: PostgreSQL when DATABASE_URL is set (shared by
// replicas), otherwise the SQLite file careerbot.db in DATA_DIR. Pending schema
// migrations run on open. The store is closed when the command finishes.
func (a *app) store(ctx context.Context) (bot.Store, error) {
	v, loaded := stores.LoadOrStore(a, &storeState{})
	st := v.(*storeState)
	if !loaded {
		a.onClose(func() error {
			stores.Delete(a)
			if st.st != nil {
				return st.st.Close()
			}
			return nil
		})
	}
	st.once.Do(func() {
		db, err := store.Open(ctx, store.Config{
			DataDir:     a.cfg.DataDir,
			DatabaseURL: a.cfg.DatabaseURL.Reveal(),
			Logger:      a.log.With("component", "store"),
		})
		if err != nil { // keep st.st a nil interface, not a nil *store.DB
			st.err = err
			return
		}
		st.st = db
	})
	return st.st, st.err
}
