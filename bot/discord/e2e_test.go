package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

// TestEndToEnd_RealRouter runs the adapter against the fake Discord with the real
// core (Router, in-memory store, fake knowledge): an answer with its feedback
// buttons, a 👍 on it, and a moderator's summary preview posted to the channel.
func TestEndToEnd_RealRouter(t *testing.T) {
	router, err := bot.NewRouter(bot.RouterConfig{Knowledge: &bottest.FakeKnowledge{}, Store: bot.NewMemoryStore(), RateLimitPerMin: 100})
	if err != nil {
		t.Fatal(err)
	}
	f := newFake(t)
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), router)

	// A mention: a thread, then the cited answer with 👍/👎 in it.
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "C1", "G1", "<@"+testBotID+"> How do I become an RHIT?", "U1", false, true))
	f.WaitFor(t, "thread", is("POST", discordtest.API+"/channels/C1/messages/M1/threads"))
	// The answer streams: a partial message may come first, then the final edit.
	answer := decodeMessage(t, f.WaitFor(t, "answer", func(r discordtest.Request) bool {
		return (r.Method == "POST" || r.Method == "PATCH") && strings.Contains(r.Path, "/channels/") &&
			strings.Contains(string(r.Body), "feedback_up")
	}))
	checkLimits(t, answer)
	if !strings.Contains(answer.text(), bottest.CannedSource.URL) || !strings.Contains(answer.text(), "as of 2025-06") {
		t.Errorf("answer lacks its numbered source:\n%s", answer.text())
	}
	var upID string
	for _, c := range answer.Components {
		var row discordgo.ActionsRow
		if err := row.UnmarshalJSON(c); err != nil {
			t.Fatal(err)
		}
		for _, b := range row.Components {
			if id := b.(*discordgo.Button).CustomID; strings.Contains(id, bot.ActionFeedbackUp) {
				upID = id
			}
		}
	}
	if upID == "" {
		t.Fatalf("no 👍 button in %s", answer.text())
	}

	// 👍 on the answer goes through the core's feedback command.
	f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("I1", upID, member("U2", 0)))
	if m := decodeMessage(t, f.WaitFor(t, "thanks", is("PATCH", originalPath("I1")))); !strings.Contains(m.text(), "Thanks for the feedback") {
		t.Errorf("feedback reply = %s", m.text())
	}

	// A moderator previews a summary privately, then posts it.
	mod := member("U3", discordgo.PermissionManageMessages)
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I2", "career-mod", "summary", mod, map[string]string{"topic": "education"}))
	preview := decodeMessage(t, f.WaitFor(t, "preview", func(r discordtest.Request) bool {
		return r.Method == "PATCH" && r.Path == originalPath("I2") && strings.Contains(string(r.Body), "summary_post")
	}))
	if !strings.Contains(preview.text(), "Key point one") {
		t.Errorf("preview = %s", preview.text())
	}
	f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("I3", "careerbot:summary_post:education", mod))
	post := decodeMessage(t, f.WaitFor(t, "post", is("POST", discordtest.API+"/channels/C1/messages")))
	if !strings.Contains(post.text(), "Key point one") || !strings.Contains(post.text(), "Posted by NickU3") {
		t.Errorf("post = %s", post.text())
	}

	// A member without Manage Messages is refused privately.
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I4", "career-mod", "summary", member("U4", 0), map[string]string{"topic": "education"}))
	if m := decodeMessage(t, f.WaitFor(t, "refusal", is("PATCH", originalPath("I4")))); !strings.Contains(m.text(), "Only moderators") {
		t.Errorf("refusal = %s", m.text())
	}
}
