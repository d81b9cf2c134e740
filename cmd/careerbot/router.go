package main

import (
	"context"
	"errors"

	"github.com/careerbot/careerbot/bot"
)

// Placeholder; replaced by the real accessor.
func (a *app) router(ctx context.Context) (bot.Handler, error) {
	return nil, errors.New("router: not built yet")
}
