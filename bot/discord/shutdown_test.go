package discord

import (
	"context"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

// Run returns only after the answers in flight were delivered: an answer still being
// prepared when ctx ends is finished and sent before Run returns.
func TestGateway_RunWaitsForAnswersInFlight(t *testing.T) {
	f := newFake(t)
	release := make(chan struct{})
	h := newRecorder(func(bot.Request) (bot.Reply, error) {
		<-release
		return sampleReply(), nil
	})
	a := newTestAdapter(t, testConfig(t, f))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx, h) }()
	f.WaitFor(t, "IDENTIFY", func(r discordtest.Request) bool { return r.Path == "op2" })

	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	h.next(t) // the answer is in flight
	cancel()
	close(release)
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(discordtest.WaitTimeout):
		t.Fatal("Run did not return after ctx was cancelled")
	}
	delivered := false
	for _, r := range f.Requests() {
		delivered = delivered || is("PATCH", originalPath("I1"))(r)
	}
	if !delivered {
		t.Errorf("Run returned before the answer in flight was delivered; recorded %v", f.Requests())
	}
}
