package discord

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/careerbot/careerbot/bot"
)

// Gateway close codes that no reconnect can fix.
const (
	closeAuthFailed        = 4004 // invalid token
	closeInvalidShard      = 4010
	closeShardingRequired  = 4011
	closeInvalidAPIVersion = 4012
	closeInvalidIntents    = 4013
	closeDisallowedIntent  = 4014 // a privileged intent is not enabled for the app
)

// Run connects to the gateway and answers @mentions, DMs, thread follow-ups, slash
// commands and button clicks with h until ctx is done. It then stops taking new
// events, waits up to Config.ShutdownGrace for in-flight answers, closes the session
// and returns nil. A dropped connection is resumed, with backoff, for as long as it
// takes. A token or intent Discord rejects — at startup or on a later reconnect —
// ends Run the same way as a shutdown, but with an error naming what to fix
// (DISCORD_BOT_TOKEN, the Message Content intent, the shard variables). Run may be
// called once per Adapter.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	if a.cfg.Token == "" {
		return errors.New("discord gateway: DISCORD_BOT_TOKEN is not set")
	}
	s := a.session
	me, err := s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		a.obs.PlatformError("discord", "get_current_user")
		return fmt.Errorf("discord gateway: check token: %w", explainAuth(err))
	}
	a.log.Info("connecting to the gateway", "bot_user_id", me.ID, "shard_id", a.cfg.ShardID, "shard_count", a.cfg.ShardCount)

	removeMsg := s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		if m.Message != nil {
			a.onMessage(s, h, m.Message)
		}
	})
	removeInt := s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if ic.Interaction != nil {
			a.onGatewayInteraction(h, ic.Interaction)
		}
	})
	removeReady := s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		a.log.Info("gateway ready", "session_id", r.SessionID, "guilds", len(r.Guilds))
	})
	disconnected := make(chan struct{}, 1)
	removeDisc := s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		select {
		case disconnected <- struct{}{}:
		default: // a reconnect is already due
		}
	})
	defer func() { removeMsg(); removeInt(); removeReady(); removeDisc() }()

	if err := s.Open(); err != nil {
		a.obs.PlatformError("discord", "open_gateway")
		return fmt.Errorf("discord gateway: open: %w", explainClose(explainAuth(err)))
	}

	err = a.stayConnected(ctx, disconnected) // nil once ctx is done; the caller logs an error
	grace, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownGrace)
	defer cancel()
	if err := a.Drain(grace); err != nil {
		a.log.Warn("shutdown: in-flight answers cancelled", "err", err)
	}
	if err := s.Close(); err != nil {
		a.log.Warn("close gateway session", "err", err)
	}
	a.log.Info("gateway closed")
	return err
}

// onGatewayInteraction acknowledges an interaction over REST at once (Discord
// allows 3 seconds) and hands the answer to a worker. The acknowledgement is tracked
// like the answer, so shutdown waits for it. While shutting down it does not
// acknowledge anything, so Discord tells the member it failed instead of showing
// "thinking…" forever.
func (a *Adapter) onGatewayInteraction(h bot.Handler, i *discordgo.Interaction) {
	resp, work := a.route(h, i)
	if resp.Type == discordgo.InteractionResponsePong {
		return // PING only exists in HTTP mode
	}
	if !a.work.Start() {
		a.log.Warn("interaction dropped: shutting down", "interaction_id", i.ID)
		return
	}
	ctx, cancel := context.WithTimeout(a.work.Context(), interactionLife)
	defer cancel()
	err := a.call(ctx, "create_interaction_response", func(opts ...discordgo.RequestOption) error {
		return a.session.InteractionRespond(i, resp, opts...)
	})
	if err != nil {
		a.log.Error("interaction not acknowledged", "interaction_id", i.ID, "err", err)
	}
	if err != nil || work == nil {
		a.work.Done()
		return
	}
	a.work.Go(interactionLife, work)
}

// explainClose names the fix for a gateway close code no reconnect can fix.
func explainClose(err error) error {
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return err
	}
	switch ce.Code {
	case closeAuthFailed:
		return fmt.Errorf("DISCORD_BOT_TOKEN was rejected (close code 4004); copy the token from the Bot page of the Developer Portal: %w", err)
	case closeDisallowedIntent:
		return fmt.Errorf("the Message Content intent is not enabled (close code 4014); turn it on under Bot → Privileged Gateway Intents in the Developer Portal: %w", err)
	case closeInvalidShard, closeShardingRequired:
		return fmt.Errorf("the gateway refused the shard (close code %d); check DISCORD_SHARD_ID and DISCORD_SHARD_COUNT: %w", ce.Code, err)
	case closeInvalidAPIVersion, closeInvalidIntents:
		return fmt.Errorf("the gateway refused this client (close code %d); upgrade careerbot: %w", ce.Code, err)
	}
	return err
}
