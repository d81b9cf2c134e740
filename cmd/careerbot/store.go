package main

import (
	"context"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/store"
)

// store opens, once per process, the durable store for feedback, the question log,
// dedup keys and rate limits: PostgreSQL when DATABASE_URL is set (shared by
// replicas), otherwise the SQLite file careerbot.db in DATA_DIR. Pending schema
// migrations run on open. The store is closed when the command finishes.
func (a *app) store(ctx context.Context) (bot.Store, error) {
	db, err := a.openStore(ctx)
	if err != nil {
		return nil, err // a nil interface, not a nil *store.DB
	}
	return db, nil
}

func (a *app) openStore(ctx context.Context) (*store.DB, error) {
	return a.st.get(func() (*store.DB, error) {
		db, err := store.Open(ctx, store.Config{
			DataDir:     a.cfg.DataDir,
			DatabaseURL: a.cfg.DatabaseURL.Reveal(),
			Logger:      a.log.With("component", "store"),
		})
		if err != nil {
			return nil, err
		}
		a.onClose(db.Close)
		return db, nil
	})
}
