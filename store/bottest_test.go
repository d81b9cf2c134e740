package store

import (
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

// The shared bot.Store contract, which bot.NewMemoryStore also passes.

func TestSQLite_Contract(t *testing.T) {
	bottest.TestStore(t, func(t *testing.T) bot.Store { return openSQLite(t) })
}

func TestPostgres_Contract(t *testing.T) {
	bottest.TestStore(t, func(t *testing.T) bot.Store { return openPostgres(t) })
}
