package slack

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// answerInThread answers an incoming message in its thread: once the core accepts
// the event (it is no retry), a "Thinking…" placeholder, progressive edits while the
// answer streams, then the final Block Kit message. An answer that cannot be
// delivered is logged with channel, thread ts and event id.
func (a *Adapter) answerInThread(ctx context.Context, h bot.Handler, in incoming) {
	log := a.log.With("channel", in.Channel, "thread_ts", in.ThreadTS, "event_id", in.EventID)
	var (
		placeholder string
		known       bool // the bot had answered in this thread before
		progress    *bot.Progress
	)
	req := in.request()
	req.OnAccept = func(*bot.Request) {
		known = a.threads.Has(threadKey(in.Channel, in.ThreadTS))
		var err error
		placeholder, err = a.post(ctx, in.Channel, append(thinkingMessage().options(), slack.MsgOptionTS(in.ThreadTS))...)
		if err != nil {
			log.Warn("post placeholder failed; answering without it", "err", err)
			return
		}
		// From now on, follow-ups in this thread need no mention.
		a.threads.Add(threadKey(in.Channel, in.ThreadTS))
		// Edits are bounded by the adapter's work context, not by the answer's.
		progress = bot.StartProgress(a.work.Context(), a.cfg.StreamInterval, func(ctx context.Context, text string) error {
			if err := a.update(ctx, in.Channel, placeholder, partialMessage(text)); err != nil {
				log.Debug("progressive update failed", "err", err)
			}
			return nil // keep editing: a later update may get through
		})
	}
	req.OnPartial = func(text string) {
		if progress != nil { // set by OnAccept, on the same goroutine
			progress.Update(text)
		}
	}
	reply, herr := bot.Call(ctx, h, req)
	if progress != nil {
		progress.Stop() // the final update must come after the last partial one
	}
	if herr != nil {
		log.Error("handler failed", "command", req.Command, "err", herr)
	}
	if reply.Outcome == bot.OutcomeDuplicate {
		log.Debug("duplicate event ignored")
		return
	}
	if reply.Ephemeral && !in.DM {
		a.answerPrivately(ctx, in, placeholder, known, reply, log)
		return
	}
	a.answerPublicly(ctx, in, placeholder, reply, log)
}

// answerPrivately shows a reply only the asker may see: the public placeholder goes,
// and the bot has not answered this thread in public after all.
func (a *Adapter) answerPrivately(ctx context.Context, in incoming, placeholder string, known bool, reply bot.Reply, log *slog.Logger) {
	if !known {
		a.threads.Forget(threadKey(in.Channel, in.ThreadTS))
	}
	if placeholder != "" {
		if _, _, err := a.api.DeleteMessageContext(ctx, in.Channel, placeholder); err != nil {
			a.obs.PlatformError(bot.PlatformSlack, "chat.delete")
			log.Warn("delete placeholder failed", "ts", placeholder, "err", err)
		}
	}
	opts := append(render(reply).options(), slack.MsgOptionTS(in.ThreadTS))
	if _, err := a.api.PostEphemeralContext(ctx, in.Channel, in.UserID, opts...); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "chat.postEphemeral")
		log.Error("answer not delivered", "op", "chat.postEphemeral", "err", err)
	}
}

// answerPublicly replaces the placeholder with the answer, or posts the answer in
// the thread when there is no placeholder or it cannot be edited.
func (a *Adapter) answerPublicly(ctx context.Context, in incoming, placeholder string, reply bot.Reply, log *slog.Logger) {
	msg := render(reply)
	if placeholder != "" {
		err := a.update(ctx, in.Channel, placeholder, msg)
		if err == nil {
			return
		}
		log.Warn("final update failed; posting the answer instead", "ts", placeholder, "err", err)
	}
	if _, err := a.post(ctx, in.Channel, append(msg.options(), slack.MsgOptionTS(in.ThreadTS))...); err != nil {
		log.Error("answer not delivered", "op", "chat.postMessage", "ts", placeholder, "err", err)
		return
	}
	a.threads.Add(threadKey(in.Channel, in.ThreadTS))
}

// post sends chat.postMessage and returns the message ts; failures are reported to the
// Observer.
func (a *Adapter) post(ctx context.Context, channel string, opts ...slack.MsgOption) (string, error) {
	_, ts, err := a.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "chat.postMessage")
		return "", err
	}
	return ts, nil
}

// update replaces a message with chat.update; failures are reported to the Observer.
func (a *Adapter) update(ctx context.Context, channel, ts string, m message) error {
	if _, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, m.options()...); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "chat.update")
		return err
	}
	return nil
}

// respond posts to an interaction's or command's response_url. ephemeral selects the
// response type; failures are reported to the Observer, and the error leaves the URL
// out (it is a credential for replying).
func (a *Adapter) respond(ctx context.Context, responseURL string, m message, ephemeral bool) error {
	kind := slack.ResponseTypeInChannel
	if ephemeral {
		kind = slack.ResponseTypeEphemeral
	}
	opts := append([]slack.MsgOption{slack.MsgOptionResponseURL(responseURL, kind)}, m.options()...)
	if _, _, err := a.api.PostMessageContext(ctx, "", opts...); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "response_url")
		return fmt.Errorf("post to response_url: %w", bot.Scrub(err, responseURL))
	}
	return nil
}

// deleteOriginal removes the message an interaction came from (e.g. an ephemeral
// preview) through its response_url.
func (a *Adapter) deleteOriginal(ctx context.Context, responseURL string) error {
	if _, _, err := a.api.PostMessageContext(ctx, "", slack.MsgOptionDeleteOriginal(responseURL)); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "response_url")
		return fmt.Errorf("delete through response_url: %w", bot.Scrub(err, responseURL))
	}
	return nil
}
