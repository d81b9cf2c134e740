package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

// modHandler answers like the core: a summary preview with Post/Discard for
// moderators, a private refusal for everyone else.
func modHandler(req bot.Request) (bot.Reply, error) {
	if !req.Moderator {
		return bot.Reply{Text: "Only moderators can do that.", Ephemeral: true, Outcome: bot.OutcomeRefused}, nil
	}
	switch req.Command {
	case bot.CommandSummary:
		return bot.Reply{
			Text: "Key points about " + req.Args[bot.ArgTopic] + " [1].", Ephemeral: true, Outcome: bot.OutcomeOK,
			Sources: []bot.Source{{N: 1, Title: "Education", URL: "https://example.org/edu", AsOf: "2025-06"}},
			Buttons: []bot.Button{
				{Action: bot.ActionPostSummary, Label: "Post to channel", Value: req.Args[bot.ArgTopic], Style: "primary"},
				{Action: bot.ActionDiscard, Label: "Discard"},
			},
		}, nil
	case bot.CommandPost:
		return bot.Reply{Text: "Career summary: " + req.Args[bot.ArgTopic] + " [1].\n\n*Posted by " + req.UserName + "*", Outcome: bot.OutcomeOK,
			Sources: []bot.Source{{N: 1, Title: "Education", URL: "https://example.org/edu", AsOf: "2025-06"}}}, nil
	}
	return bot.Reply{Text: "ok", Outcome: bot.OutcomeOK}, nil
}

func TestInteraction_ModSummary(t *testing.T) {
	for _, tc := range []struct {
		name      string
		member    map[string]any
		moderator bool
		want      string
	}{
		{"ManageMessages", member("U1", discordgo.PermissionManageMessages), true, "careerbot:summary_post:education"},
		{"ModeratorRole", member("U2", 0, "R-mods"), true, "careerbot:summary_discard:"},
		{"NonModerator", member("U3", discordgo.PermissionSendMessages, "R-other"), false, "Only moderators"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			cfg := testConfig(t, f)
			cfg.ModeratorRoleIDs = []string{"R-mods"}
			h := newRecorder(modHandler)
			runGateway(t, f, newTestAdapter(t, cfg), h)

			f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career-mod", "summary", tc.member, map[string]string{"topic": "education"}))
			req := h.next(t)
			if req.Command != bot.CommandSummary || req.Args[bot.ArgTopic] != "education" || req.Moderator != tc.moderator {
				t.Errorf("request = %+v, want moderator=%v", req, tc.moderator)
			}
			resp := decodeCallback(t, f.WaitFor(t, "deferral", is("POST", callbackPath("I1"))))
			if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
				t.Errorf("deferral = %+v, want an ephemeral type 5", resp)
			}
			m := decodeMessage(t, f.WaitFor(t, "edit", is("PATCH", originalPath("I1"))))
			if !strings.Contains(m.text(), tc.want) {
				t.Errorf("reply lacks %q:\n%s", tc.want, m.text())
			}
			if !tc.moderator && strings.Contains(m.text(), "summary_post") {
				t.Error("a non-moderator got the Post button")
			}
		})
	}
}

func TestInteraction_PostButtonPublishesAttributed(t *testing.T) {
	f := newFake(t)
	h := newRecorder(modHandler)
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)

	f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("I2", "careerbot:summary_post:education", member("U1", discordgo.PermissionManageMessages)))
	req := h.next(t)
	if req.Command != bot.CommandPost || req.Args[bot.ArgTopic] != "education" || !req.Moderator {
		t.Errorf("request = %+v", req)
	}
	if resp := decodeCallback(t, f.WaitFor(t, "ack", is("POST", callbackPath("I2")))); resp.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Errorf("ack type = %d, want 6", resp.Type)
	}
	post := decodeMessage(t, f.WaitFor(t, "public post", is("POST", discordtest.API+"/channels/C1/messages")))
	checkLimits(t, post)
	if !strings.Contains(post.text(), "Career summary: education") || !strings.Contains(post.text(), "Posted by NickU1") {
		t.Errorf("post = %s", post.text())
	}
	if post.Flags&int(discordgo.MessageFlagsEphemeral) != 0 {
		t.Error("the post is ephemeral")
	}
	preview := decodeMessage(t, f.WaitFor(t, "preview update", is("PATCH", originalPath("I2"))))
	if preview.Content != "Posted to the channel." || len(preview.Components) != 0 || len(preview.Embeds) != 0 {
		t.Errorf("preview after posting = %+v", preview)
	}
}

func TestInteraction_PostButtonFromNonModeratorIsRefusedPrivately(t *testing.T) {
	f := newFake(t)
	h := newRecorder(modHandler)
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)

	f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("I3", "careerbot:summary_post:education", member("U9", 0)))
	if req := h.next(t); req.Moderator {
		t.Error("non-moderator marked as moderator")
	}
	fu := decodeMessage(t, f.WaitFor(t, "private refusal", is("POST", followupPath("I3"))))
	if fu.Flags != int(discordgo.MessageFlagsEphemeral) || !strings.Contains(fu.text(), "Only moderators") {
		t.Errorf("refusal = %+v", fu)
	}
	for _, r := range f.Requests() {
		if r.Path == discordtest.API+"/channels/C1/messages" {
			t.Error("published a refused post")
		}
	}
}

func TestInteraction_DiscardButtonUpdatesPreviewWithoutCore(t *testing.T) {
	f := newFake(t)
	h := newRecorder(modHandler)
	a := newTestAdapter(t, testConfig(t, f))
	a.session.SyncEvents = true
	runGateway(t, f, a, h)

	f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("I4", "careerbot:summary_discard:", member("U1", discordgo.PermissionManageMessages)))
	resp := decodeCallback(t, f.WaitFor(t, "update", is("POST", callbackPath("I4"))))
	if resp.Type != discordgo.InteractionResponseUpdateMessage || resp.Data == nil || !strings.Contains(resp.Data.Content, "Discarded") ||
		len(resp.Data.Components) != 0 || len(resp.Data.Embeds) != 0 {
		t.Errorf("discard response = %+v", resp)
	}
	// A later event proves the discard was fully processed without calling the core.
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "D1", "", "hello", "U1", false, false))
	if req := h.next(t); req.MessageID != "M1" {
		t.Errorf("the core saw %+v before the DM", req)
	}
}

func TestInteraction_FeedbackButtons(t *testing.T) {
	for _, tc := range []struct{ customID, vote string }{
		{"careerbot:feedback_up:A1", "up"},
		{"careerbot:feedback_down:A1", "down"},
	} {
		t.Run(tc.vote, func(t *testing.T) {
			f := newFake(t)
			h := newRecorder(func(bot.Request) (bot.Reply, error) {
				return bot.Reply{Text: "Thanks for the feedback!", Ephemeral: true, Outcome: bot.OutcomeOK}, nil
			})
			runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)
			f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("I5", tc.customID, member("U1", 0)))
			req := h.next(t)
			if req.Command != bot.CommandFeedback || req.Args[bot.ArgAnswerID] != "A1" || req.Args[bot.ArgVote] != tc.vote || req.UserID != "U1" {
				t.Errorf("request = %+v", req)
			}
			resp := decodeCallback(t, f.WaitFor(t, "deferral", is("POST", callbackPath("I5"))))
			if resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
				t.Errorf("feedback deferral = %+v, want ephemeral", resp)
			}
			if m := decodeMessage(t, f.WaitFor(t, "thanks", is("PATCH", originalPath("I5")))); !strings.Contains(m.text(), "Thanks") {
				t.Errorf("reply = %s", m.text())
			}
		})
	}
}

func TestInteraction_CommandsMapToRequests(t *testing.T) {
	f := newFake(t)
	h := newRecorder(func(bot.Request) (bot.Reply, error) { return bot.Reply{Text: "ok"}, nil })
	a := newTestAdapter(t, testConfig(t, f))
	runGateway(t, f, a, h)

	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I6", "career", "courses", member("U1", 0), map[string]string{"topic": "coding", "level": "beginner"}))
	if req := h.next(t); req.Command != bot.CommandCourses || req.Args[bot.ArgTopic] != "coding" || req.Args[bot.ArgLevel] != "beginner" {
		t.Errorf("courses request = %+v", req)
	}
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I7", "career", "help", member("U1", 0), nil))
	if req := h.next(t); req.Command != bot.CommandHelp {
		t.Errorf("help request = %+v", req)
	}
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I8", "career-mod", "report", member("U1", discordgo.PermissionAdministrator), map[string]string{"since": "24h"}))
	if req := h.next(t); req.Command != bot.CommandReport || req.Args[bot.ArgSince] != "24h" || !req.Moderator {
		t.Errorf("report request = %+v", req)
	}
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I9", "career", "dance", member("U1", 0), nil))
	resp := decodeCallback(t, f.WaitFor(t, "unknown command reply", is("POST", callbackPath("I9"))))
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("unknown command response = %+v", resp)
	}
}
