package slack

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// apology is shown when the handler failed without a reply fit to show.
const apology = "Sorry, something went wrong while preparing that answer. Please try again in a minute."

// answerInThread answers an incoming message in its thread: a "Thinking…" placeholder
// first, progressive edits while the answer streams, then the final Block Kit message.
// An answer that cannot be delivered is logged with channel, thread ts and event id.
func (a *Adapter) answerInThread(ctx context.Context, h bot.Handler, in incoming) {
	log := a.log.With("channel", in.Channel, "thread_ts", in.ThreadTS, "event_id", in.EventID)
	placeholder, err := a.post(ctx, in.Channel, append(thinkingMessage().options(), slack.MsgOptionTS(in.ThreadTS))...)
	known := a.threads.Has(in.Channel, in.ThreadTS)
	if err != nil {
		log.Warn("post placeholder failed; answering without it", "err", err)
	} else {
		// From now on, follow-ups in this thread need no mention.
		a.threads.Add(in.Channel, in.ThreadTS)
	}

	req := in.request()
	var progress *bot.Progress
	if placeholder != "" {
		// Edits are bounded by the adapter's work context, not by the answer's.
		progress = bot.StartProgress(a.work, a.cfg.StreamInterval, func(ctx context.Context, text string) error {
			if err := a.update(ctx, in.Channel, placeholder, partialMessage(text)); err != nil {
				log.Debug("progressive update failed", "err", err)
			}
			return nil // keep editing: a later update may get through
		})
		req.OnPartial = progress.Update
	}
	reply, herr := a.handle(ctx, h, req)
	if progress != nil {
		progress.Stop() // the final update must come after the last partial one
	}
	if herr != nil {
		log.Error("handler failed", "command", req.Command, "err", herr)
	}
	reply = orApology(reply, herr)

	if reply.Ephemeral && !in.DM {
		// Only the asker may see it: drop the public placeholder, answer privately.
		// The bot has not answered this thread in public after all.
		if !known {
			a.threads.Forget(in.Channel, in.ThreadTS)
		}
		if placeholder != "" {
			if _, _, err := a.api.DeleteMessageContext(ctx, in.Channel, placeholder); err != nil {
				a.obs.PlatformError(bot.PlatformSlack, "chat.delete")
				log.Warn("delete placeholder failed", "ts", placeholder, "err", err)
			}
		}
		opts := append(render(reply, renderOptions{}).options(), slack.MsgOptionTS(in.ThreadTS))
		if _, err := a.api.PostEphemeralContext(ctx, in.Channel, in.UserID, opts...); err != nil {
			a.obs.PlatformError(bot.PlatformSlack, "chat.postEphemeral")
			log.Error("answer not delivered", "op", "chat.postEphemeral", "err", err)
		}
		return
	}
	msg := render(reply, renderOptions{})
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
	a.threads.Add(in.Channel, in.ThreadTS)
}

// handle calls the handler. A panic in it is recovered and returned as an error, so
// the caller still delivers an apology (see orApology) and the process keeps running.
func (a *Adapter) handle(ctx context.Context, h bot.Handler, req bot.Request) (reply bot.Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			reply, err = bot.Reply{}, fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return h.Handle(ctx, req)
}

// orApology makes sure a reply has something to show.
func orApology(r bot.Reply, err error) bot.Reply {
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.Notice) == "" && len(r.Courses) == 0 {
		if err != nil {
			r.Text = apology
		} else {
			r.Text = "I have nothing to add to that."
		}
	}
	return r
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
// response type; failures are reported to the Observer.
func (a *Adapter) respond(ctx context.Context, responseURL string, m message, ephemeral bool) error {
	kind := slack.ResponseTypeInChannel
	if ephemeral {
		kind = slack.ResponseTypeEphemeral
	}
	opts := append([]slack.MsgOption{slack.MsgOptionResponseURL(responseURL, kind)}, m.options()...)
	if _, _, err := a.api.PostMessageContext(ctx, "", opts...); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "response_url")
		return err
	}
	return nil
}

// deleteOriginal removes the message an interaction came from (e.g. an ephemeral
// preview) through its response_url.
func (a *Adapter) deleteOriginal(ctx context.Context, responseURL string) error {
	if _, _, err := a.api.PostMessageContext(ctx, "", slack.MsgOptionDeleteOriginal(responseURL)); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "response_url")
		return err
	}
	return nil
}
