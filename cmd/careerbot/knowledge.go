package main

import (
	"context"
	"errors"

	"github.com/careerbot/careerbot/bot"
)

// Placeholder; replaced by the real accessor.
func (a *app) knowledge(ctx context.Context) (bot.Knowledge, error) {
	return nil, errors.New("knowledge: not built yet")
}
