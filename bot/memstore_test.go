package bot_test

import (
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

func TestMemoryStore(t *testing.T) {
	bottest.TestStore(t, func(t *testing.T) bot.Store { return bot.NewMemoryStore() })
}
