package discord

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// interactionLife is how long an interaction token can be used for edits and
// follow-ups (15 minutes), less a margin.
const interactionLife = 14 * time.Minute

// route decides the immediate response to an interaction and the work that follows
// it. work is nil when the response is all there is. It never blocks.
func (a *Adapter) route(h bot.Handler, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil
	case discordgo.InteractionApplicationCommand:
		if isPlanCommand(i) {
			return a.routePlanCommand(h, i)
		}
		req, ephemeral, ok := a.commandRequest(i)
		if !ok {
			return privateMessage("I don't know that command. Try `/career help`."), nil
		}
		return deferred(ephemeral), func(ctx context.Context) { a.answerInteraction(ctx, h, i, req, ephemeral) }
	case discordgo.InteractionMessageComponent:
		return a.routeButton(h, i)
	case discordgo.InteractionModalSubmit:
		return a.routePlanModal(h, i)
	default:
		return privateMessage("That kind of interaction isn't supported."), nil
	}
}

// routeButton handles a click on a button the bot rendered: Discard replaces the
// preview at once; the others become the core's Request ([bot.ButtonRequest]).
func (a *Adapter) routeButton(h bot.Handler, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	action, value, ok := decodeCustomID(i.MessageComponentData().CustomID)
	if ok && action == bot.ActionDiscard {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: &discordgo.InteractionResponseData{
			Content: "Discarded — nothing was posted.", Embeds: []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{},
		}}, nil
	}
	req, ok := bot.ButtonRequest(a.baseRequest(i), action, value)
	if !ok {
		return privateMessage("This button is no longer active."), nil
	}
	switch req.Command {
	case bot.CommandPost:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate},
			func(ctx context.Context) { a.postSummary(ctx, h, i, req) }
	case bot.CommandPlan:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate},
			func(ctx context.Context) { a.sharePlan(ctx, h, i, req) }
	}
	private := bot.PrivateCommand(req.Command)
	return deferred(private), func(ctx context.Context) { a.answerInteraction(ctx, h, i, req, private) }
}

// deferred acknowledges an interaction; Discord shows "thinking…" until the edit.
func deferred(ephemeral bool) *discordgo.InteractionResponse {
	r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		r.Data = &discordgo.InteractionResponseData{
			Flags: discordgo.MessageFlagsEphemeral, Embeds: []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{},
		}
	}
	return r
}

// privateMessage is an immediate ephemeral reply.
func privateMessage(text string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{
		Content: text, Flags: discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{},
	}}
}

// answerInteraction runs the handler for a deferred interaction, editing the
// deferred response while the answer streams, and delivers the final reply.
func (a *Adapter) answerInteraction(ctx context.Context, h bot.Handler, i *discordgo.Interaction, req bot.Request, ephemeral bool) {
	p := bot.StartProgress(ctx, a.cfg.EditInterval, func(ctx context.Context, text string) error {
		return a.editOriginal(ctx, i, renderPartial(text))
	})
	req.OnPartial = p.Update
	reply := a.handle(ctx, h, req, "interaction_id", i.ID)
	p.Stop()
	if reply.Outcome == bot.OutcomeDuplicate {
		return // a replay: the first delivery answered it
	}

	msgs := render(reply, "")
	var err error
	if reply.Ephemeral && !ephemeral {
		// The deferral was public; show the private reply as an ephemeral follow-up
		// and remove the public "thinking…" message.
		err = a.call(ctx, "delete_interaction_response", func(opts ...discordgo.RequestOption) error {
			return a.session.InteractionResponseDelete(i, opts...)
		})
		for _, m := range msgs {
			if err == nil {
				err = a.followup(ctx, i, m, true)
			}
		}
	} else {
		err = a.deliverInteraction(ctx, i, msgs, ephemeral)
	}
	if err != nil {
		a.log.Error("answer not delivered", "interaction_id", i.ID, "command", req.Command, "err", err)
		if statusOf(err) == 400 { // the rendering was refused; an apology still fits
			_ = a.editOriginal(ctx, i, renderText(bot.ApologyText()))
		}
	}
}

// handle calls the handler through [bot.Call], logging its error.
func (a *Adapter) handle(ctx context.Context, h bot.Handler, req bot.Request, idKey, id string) bot.Reply {
	reply, err := bot.Call(ctx, h, req)
	if err != nil {
		a.log.Error("handle request", idKey, id, "command", req.Command, "err", err)
	}
	return reply
}

// postSummary handles the Post button under a summary preview: the core renders the
// public post attributed to the moderator (refusing non-moderators), the adapter
// publishes it to the channel and replaces the preview with a note.
func (a *Adapter) postSummary(ctx context.Context, h bot.Handler, i *discordgo.Interaction, req bot.Request) {
	reply := a.handle(ctx, h, req, "interaction_id", i.ID)
	if reply.Outcome == bot.OutcomeDuplicate {
		return
	}
	if reply.Ephemeral {
		a.deliverPrivate(ctx, i, render(reply, ""))
		return
	}
	msgs := render(reply, "") // the core attributes the post to the moderator in its text
	var err error
	for _, m := range msgs {
		if err != nil {
			break
		}
		if a.cfg.Token != "" {
			_, err = a.sendChannel(ctx, i.ChannelID, m, nil)
		} else { // HTTP-only mode has no bot token; a public follow-up posts as the app
			err = a.followup(ctx, i, m, false)
		}
	}
	if err != nil {
		a.log.Error("summary not posted", "interaction_id", i.ID, "channel_id", i.ChannelID, "err", err)
		a.deliverPrivate(ctx, i, []message{renderText("Sorry, I couldn't post the summary to this channel. Check that I may send messages here.")})
		return
	}
	if err := a.editOriginal(ctx, i, renderText("Posted to the channel.")); err != nil {
		a.log.Warn("preview not updated", "interaction_id", i.ID, "err", err)
	}
}

// deliverPrivate sends msgs as ephemeral follow-ups, logging a failure.
func (a *Adapter) deliverPrivate(ctx context.Context, i *discordgo.Interaction, msgs []message) {
	for _, m := range msgs {
		if err := a.followup(ctx, i, m, true); err != nil {
			a.log.Error("private reply not delivered", "interaction_id", i.ID, "err", err)
			return
		}
	}
}
