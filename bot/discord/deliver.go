package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// maxAttempts bounds the tries of one REST call that fails with a 5xx status.
// discordgo itself retries 429 (after retry_after) and 502.
const maxAttempts = 3

// call runs one REST call, retrying server errors with backoff. A final failure is
// reported to the Observer as PlatformError("discord", op) and returned wrapped with op,
// without the request URL (see [bot.Scrub]).
func (a *Adapter) call(ctx context.Context, op string, fn func(opts ...discordgo.RequestOption) error) error {
	wait := a.retryBase
	for attempt := 1; ; attempt++ {
		err := fn(discordgo.WithContext(ctx))
		if err == nil {
			return nil
		}
		err = bot.Scrub(err) // an interaction webhook URL carries the interaction token
		if attempt == maxAttempts || !retryable(err) || ctx.Err() != nil {
			a.obs.PlatformError("discord", op)
			return fmt.Errorf("%s: %w", op, err)
		}
		a.log.Warn("discord call failed, retrying", "op", op, "attempt", attempt, "err", err)
		if !sleep(ctx, wait) {
			a.obs.PlatformError("discord", op)
			return fmt.Errorf("%s: %w", op, ctx.Err())
		}
		wait *= 2
	}
}

// sleep waits for d, or until ctx is done; it reports whether the full d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// retryable reports whether a REST error is a server-side failure worth retrying.
func retryable(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode >= http.StatusInternalServerError
}

// statusOf returns the HTTP status of a REST error, or 0.
func statusOf(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		return rest.Response.StatusCode
	}
	return 0
}

// allowNoMentions keeps answer text from pinging anyone (@everyone, roles, users).
func allowNoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// editOriginal replaces the (deferred) response of an interaction with m.
func (a *Adapter) editOriginal(ctx context.Context, i *discordgo.Interaction, m message) error {
	content, embeds, comps := m.Content, nonNilEmbeds(m.Embeds), nonNilComponents(m.Components)
	return a.call(ctx, "edit_interaction_response", func(opts ...discordgo.RequestOption) error {
		_, err := a.session.InteractionResponseEdit(i, &discordgo.WebhookEdit{
			Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: allowNoMentions(),
		}, opts...)
		return err
	})
}

// followup sends m as a follow-up message of an interaction.
func (a *Adapter) followup(ctx context.Context, i *discordgo.Interaction, m message, ephemeral bool) error {
	var flags discordgo.MessageFlags
	if ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	return a.call(ctx, "create_followup_message", func(opts ...discordgo.RequestOption) error {
		_, err := a.session.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
			Content: m.Content, Embeds: m.Embeds, Components: nonNilComponents(m.Components),
			Flags: flags, AllowedMentions: allowNoMentions(),
		}, opts...)
		return err
	})
}

// deliverInteraction shows msgs as the response of a deferred interaction: the first
// edits the original response, the rest follow up. ephemeral must match the deferral.
func (a *Adapter) deliverInteraction(ctx context.Context, i *discordgo.Interaction, msgs []message, ephemeral bool) error {
	for n, m := range msgs {
		var err error
		if n == 0 {
			err = a.editOriginal(ctx, i, m)
		} else {
			err = a.followup(ctx, i, m, ephemeral)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// sendChannel posts m to a channel, optionally as a reply to a message.
func (a *Adapter) sendChannel(ctx context.Context, channelID string, m message, ref *discordgo.MessageReference) (*discordgo.Message, error) {
	var sent *discordgo.Message
	err := a.call(ctx, "create_message", func(opts ...discordgo.RequestOption) error {
		var err error
		sent, err = a.session.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
			Content: m.Content, Embeds: nonNilEmbeds(m.Embeds), Components: nonNilComponents(m.Components),
			Reference: ref, AllowedMentions: allowNoMentions(),
		}, opts...)
		return err
	})
	return sent, err
}

// editChannel replaces the content of a message the bot posted.
func (a *Adapter) editChannel(ctx context.Context, channelID, messageID string, m message) error {
	content, embeds, comps := m.Content, nonNilEmbeds(m.Embeds), nonNilComponents(m.Components)
	return a.call(ctx, "edit_message", func(opts ...discordgo.RequestOption) error {
		_, err := a.session.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: messageID, Channel: channelID,
			Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: allowNoMentions(),
		}, opts...)
		return err
	})
}

// deliverChannel posts msgs to a channel; when placeholder is set (a progressive
// answer already shown) the first message replaces it.
func (a *Adapter) deliverChannel(ctx context.Context, channelID string, placeholder *discordgo.Message, msgs []message, ref *discordgo.MessageReference) error {
	for n, m := range msgs {
		var err error
		if n == 0 && placeholder != nil {
			err = a.editChannel(ctx, channelID, placeholder.ID, m)
		} else {
			_, err = a.sendChannel(ctx, channelID, m, ref)
		}
		if err != nil {
			return err
		}
		ref = nil
	}
	return nil
}

func nonNilEmbeds(e []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	if e == nil {
		return []*discordgo.MessageEmbed{}
	}
	return e
}

func nonNilComponents(c []discordgo.MessageComponent) []discordgo.MessageComponent {
	if c == nil {
		return []discordgo.MessageComponent{}
	}
	return c
}
