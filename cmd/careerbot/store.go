package main

import (
	"context"
	"errors"

	"github.com/careerbot/careerbot/bot"
)

// Placeholder; replaced by the real accessor.
func (a *app) store(ctx context.Context) (bot.Store, error) {
	return nil, errors.New("store: not built yet")
}
