package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/careerbot/careerbot/bot"
)

// Run connects to Slack with Socket Mode and answers mentions, DMs, slash commands and
// button clicks with h until ctx is done. Every envelope is acknowledged before any
// work starts; answers are prepared in the background. Slack's "disconnect" requests
// and dropped connections are handled by reconnecting.
//
// When ctx is done, Run stops reading, waits for answers in flight for up to
// Config.ShutdownGrace, and returns nil. A token Slack rejects comes back at once as
// an error naming SLACK_BOT_TOKEN or SLACK_APP_TOKEN.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	if a.cfg.AppToken == "" {
		return errors.New("slack: Socket Mode needs SLACK_APP_TOKEN (an app-level xapp- token with the connections:write scope)")
	}
	me, err := a.self(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("slack: %w", err)
	}
	a.log.Info("connecting with Socket Mode", "bot_user_id", me.UserID, "team_id", me.TeamID)

	sm := socketmode.New(a.api)
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		errc <- sm.RunContext(runCtx)
		stop() // unblocks an ack that no connection will ever take
	}()

	var runErr error
loop:
	for {
		select {
		case evt := <-sm.Events:
			a.dispatch(runCtx, sm, h, evt)
		case runErr = <-errc:
			break loop
		}
	}
	stop()
	if err := a.Shutdown(context.Background()); err != nil {
		a.log.Warn("shutdown cut short", "err", err)
	}
	if ctx.Err() != nil {
		return nil
	}
	if isAuthError(runErr) || isNotFound(runErr) {
		return fmt.Errorf("slack: SLACK_APP_TOKEN was rejected by Slack (%v): create an app-level token (xapp-…) with the connections:write scope under Basic Information and enable Socket Mode", runErr)
	}
	return fmt.Errorf("slack: socket mode: %w", runErr)
}

func isNotFound(err error) bool {
	var sc slack.StatusCodeError
	return errors.As(err, &sc) && sc.Code == http.StatusNotFound
}

// dispatch handles one Socket Mode event: it acknowledges envelopes first, then hands
// the work to a background goroutine.
func (a *Adapter) dispatch(ctx context.Context, sm *socketmode.Client, h bot.Handler, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.log.Info("socket mode connected")
	case socketmode.EventTypeConnectionError:
		if ctx.Err() != nil {
			return // shutting down
		}
		a.obs.PlatformError(bot.PlatformSlack, "apps.connections.open")
		a.log.Warn("socket mode connection failed; retrying", "err", evt.Data)
	case socketmode.EventTypeInvalidAuth:
		a.log.Error("socket mode: Slack rejected SLACK_APP_TOKEN")
	case socketmode.EventTypeEventsAPI:
		a.ack(ctx, sm, evt.Request)
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
			a.spawn(func(wctx context.Context) { a.onEventsAPI(wctx, h, ev) })
		}
	case socketmode.EventTypeSlashCommand:
		a.ack(ctx, sm, evt.Request)
		if cmd, ok := evt.Data.(slack.SlashCommand); ok {
			a.spawn(func(wctx context.Context) { a.onSlashCommand(wctx, h, cmd) })
		}
	case socketmode.EventTypeInteractive:
		a.ack(ctx, sm, evt.Request)
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			a.spawn(func(wctx context.Context) { a.onInteraction(wctx, h, cb) })
		}
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go cannot parse (e.g. an unknown inner event) is still
		// acknowledged, or Slack would redeliver it.
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
				a.ack(ctx, sm, &socketmode.Request{EnvelopeID: env.EnvelopeID})
			}
			a.log.Warn("unreadable socket mode message", "envelope_id", env.EnvelopeID, "err", bad.Cause)
		}
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("socket mode error", "type", evt.Type, "err", evt.Data)
	}
}

// ack acknowledges an envelope.
func (a *Adapter) ack(ctx context.Context, sm *socketmode.Client, req *socketmode.Request) {
	if req == nil || req.EnvelopeID == "" {
		return
	}
	if err := sm.AckCtx(ctx, req.EnvelopeID, nil); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "ack")
		a.log.Warn("ack failed", "envelope_id", req.EnvelopeID, "err", err)
		return
	}
	if a.ackHook != nil {
		a.ackHook(req.EnvelopeID)
	}
}
