package slack

import (
	"context"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// cannotPostMsg is shown to a moderator when the summary could not be published.
const cannotPostMsg = "I couldn't post to this channel. Invite me with `/invite @careerbot` and try again."

// onInteraction handles a block_actions interaction (a careerbot button click) after
// it was acknowledged. The core turns the click into a Request ([bot.ButtonRequest]):
// 👍/👎 are answered privately; the reply to "Post to channel" (a summary the core
// attributed to the moderator, or a refusal) is published to the channel with
// chat.postMessage and the preview deleted; "Share in channel" posts the plan as a
// thread (see onSharePlan). Discard deletes the ephemeral preview through
// response_url. A view_submission is the /career plan form.
func (a *Adapter) onInteraction(ctx context.Context, h bot.Handler, cb slack.InteractionCallback) {
	if cb.Type == slack.InteractionTypeViewSubmission {
		a.onPlanSubmission(ctx, h, cb)
		return
	}
	if cb.Type != slack.InteractionTypeBlockActions {
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil {
			continue
		}
		action, ok := strings.CutPrefix(act.ActionID, actionPrefix)
		if !ok {
			continue
		}
		log := a.log.With("action", action, "channel", interactionChannel(cb), "user", a.userHash(cb.User.ID))
		if action == bot.ActionDiscard {
			if err := a.deleteOriginal(ctx, cb.ResponseURL); err != nil {
				log.Error("discard preview failed", "err", err)
			}
			continue
		}
		req, ok := bot.ButtonRequest(a.interactionRequest(cb, act.ActionID), action, act.Value)
		if !ok {
			log.Warn("unknown button action ignored")
			continue
		}
		if req.Command == bot.CommandPlan {
			a.onSharePlan(ctx, h, cb, req, log)
			continue
		}
		a.onButton(ctx, h, cb, req, log)
	}
}

// onButton runs the Request of a click and delivers the reply: a public reply (a
// summary post) goes to the channel and replaces the preview, anything else goes
// privately to the member who clicked.
func (a *Adapter) onButton(ctx context.Context, h bot.Handler, cb slack.InteractionCallback, req bot.Request, log *slog.Logger) {
	channel := interactionChannel(cb)
	reply, err := bot.Call(ctx, h, req)
	if err != nil {
		log.Error("handler failed", "command", req.Command, "err", err)
	}
	if reply.Outcome == bot.OutcomeDuplicate {
		return
	}
	if reply.Ephemeral || bot.PrivateCommand(req.Command) {
		a.respondTo(ctx, cb.ResponseURL, channel, cb.User.ID, render(reply), true, log)
		return
	}
	if _, err := a.post(ctx, channel, render(reply).options()...); err != nil {
		log.Error("post summary failed", "err", err)
		a.respondTo(ctx, cb.ResponseURL, channel, cb.User.ID, plainMessage(cannotPostMsg), true, log)
		return
	}
	if err := a.deleteOriginal(ctx, cb.ResponseURL); err != nil {
		log.Error("remove preview failed", "err", err)
	}
}

// interactionRequest fills the Request fields every button click shares. A click
// is deduplicated on its trigger_id and the button pressed.
func (a *Adapter) interactionRequest(cb slack.InteractionCallback, actionID string) bot.Request {
	channel := interactionChannel(cb)
	req := bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    cb.User.ID,
		UserName:  firstNonEmpty(cb.User.Name, cb.User.ID),
		ChannelID: channel,
		MessageID: firstNonEmpty(cb.Container.MessageTs, cb.Message.Timestamp),
		DM:        strings.HasPrefix(channel, "D"),
		Moderator: a.isModerator(cb.User.ID),
	}
	if cb.TriggerID != "" {
		req.DedupKey = cb.TriggerID + "/" + actionID
	}
	return req
}

func interactionChannel(cb slack.InteractionCallback) string {
	return firstNonEmpty(cb.Channel.ID, cb.Container.ChannelID)
}
