package slack

import (
	"context"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// Texts the adapter shows on its own.
const (
	thanksText    = "Thanks for the feedback!"
	notModText    = "Only moderators can post summaries to the channel."
	cannotPostMsg = "I couldn't post to this channel. Invite me with `/invite @careerbot` and try again."
)

// onInteraction handles a block_actions interaction (a careerbot button click) after
// it was acknowledged:
//   - feedback_up/feedback_down become Command "feedback" for the core;
//   - summary_post (moderators only) becomes Command "post", published to the channel
//     with chat.postMessage and attributed to the moderator; the preview is deleted;
//   - summary_discard deletes the ephemeral preview through response_url.
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
		log := a.log.With("action", action, "channel", interactionChannel(cb), "user_id", cb.User.ID)
		switch action {
		case bot.ActionFeedbackUp, bot.ActionFeedbackDown:
			a.onFeedback(ctx, h, cb, action, act.Value, log)
		case bot.ActionPostSummary:
			a.onPostSummary(ctx, h, cb, act.Value, log)
		case bot.ActionSharePlan:
			a.onSharePlan(ctx, h, cb, act.Value, log)
		case bot.ActionDiscard:
			if err := a.deleteOriginal(ctx, cb.ResponseURL); err != nil {
				log.Error("discard preview failed", "err", err)
			}
		default:
			log.Warn("unknown button action ignored")
		}
	}
}

func (a *Adapter) onFeedback(ctx context.Context, h bot.Handler, cb slack.InteractionCallback, action, answerID string, log *slog.Logger) {
	vote := "up"
	if action == bot.ActionFeedbackDown {
		vote = "down"
	}
	req := a.interactionRequest(cb)
	req.Command = bot.CommandFeedback
	req.Args = map[string]string{bot.ArgAnswerID: answerID, bot.ArgVote: vote}
	reply, err := a.handle(ctx, h, req)
	if err != nil {
		log.Error("record feedback failed", "answer_id", answerID, "err", err)
	}
	if strings.TrimSpace(reply.Text) == "" {
		reply.Text = thanksText
		if err != nil {
			reply.Text = "Sorry, I couldn't record that vote. Please try again later."
		}
	}
	a.respondTo(ctx, cb.ResponseURL, interactionChannel(cb), cb.User.ID, render(bot.Reply{Text: reply.Text, Notice: reply.Notice}, renderOptions{}), true, log)
}

func (a *Adapter) onPostSummary(ctx context.Context, h bot.Handler, cb slack.InteractionCallback, topic string, log *slog.Logger) {
	channel := interactionChannel(cb)
	req := a.interactionRequest(cb)
	if !req.Moderator {
		a.respondTo(ctx, cb.ResponseURL, channel, cb.User.ID, plainMessage(notModText), true, log)
		return
	}
	req.Command = bot.CommandPost
	req.Text = topic
	req.Args = map[string]string{bot.ArgTopic: topic}
	reply, err := a.handle(ctx, h, req)
	if err != nil {
		log.Error("handler failed", "err", err)
	}
	reply = orApology(reply, err)
	if err != nil || reply.Ephemeral || !previewable(reply) {
		a.respondTo(ctx, cb.ResponseURL, channel, cb.User.ID, render(reply, renderOptions{}), true, log)
		return
	}
	reply.Buttons = withoutSummaryButtons(reply.Buttons)
	opts := renderOptions{postedBy: cb.User.ID}
	if strings.Contains(reply.Text, "Posted by") {
		opts.postedBy = "" // the core attributed it already
	}
	if _, err := a.post(ctx, channel, render(reply, opts).options()...); err != nil {
		log.Error("post summary failed", "err", err)
		a.respondTo(ctx, cb.ResponseURL, channel, cb.User.ID, plainMessage(cannotPostMsg), true, log)
		return
	}
	if err := a.deleteOriginal(ctx, cb.ResponseURL); err != nil {
		log.Error("remove preview failed", "err", err)
	}
}

// interactionRequest fills the Request fields every button click shares.
func (a *Adapter) interactionRequest(cb slack.InteractionCallback) bot.Request {
	channel := interactionChannel(cb)
	return bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    cb.User.ID,
		UserName:  firstNonEmpty(cb.User.Name, cb.User.ID),
		ChannelID: channel,
		MessageID: firstNonEmpty(cb.Container.MessageTs, cb.Message.Timestamp),
		DM:        strings.HasPrefix(channel, "D"),
		Moderator: a.isModerator(cb.User.ID),
	}
}

func interactionChannel(cb slack.InteractionCallback) string {
	return firstNonEmpty(cb.Channel.ID, cb.Container.ChannelID)
}

// withoutSummaryButtons drops Post/Discard from a published summary.
func withoutSummaryButtons(buttons []bot.Button) []bot.Button {
	var out []bot.Button
	for _, b := range buttons {
		if b.Action != bot.ActionPostSummary && b.Action != bot.ActionDiscard {
			out = append(out, b)
		}
	}
	return out
}
