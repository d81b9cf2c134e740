package discord

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// maxReconnectWait caps the backoff between reconnect attempts.
const maxReconnectWait = 2 * time.Minute

// stayConnected reopens the gateway session after every drop until ctx is done, and
// then returns nil. disconnected receives a value each time the session closes.
// discordgo's own reconnect loop is off (see newSession) because it retries forever:
// here a session Discord refuses for good — a close code no reconnect can fix, such
// as 4004 after the token was reset or 4014 after the Message Content intent was
// turned off, or a rejected token — ends the loop with an error naming the fix.
func (a *Adapter) stayConnected(ctx context.Context, disconnected <-chan struct{}) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-disconnected:
		}
		if ctx.Err() != nil {
			return nil
		}
		a.log.Warn("gateway connection lost; reconnecting")
		if err := a.reconnect(ctx); err != nil {
			return err
		}
	}
}

// reconnect opens the session again, backing off from a.reconnectBase up to
// maxReconnectWait between attempts, until it succeeds, ctx is done (nil) or
// Discord refuses the session for good (an error).
func (a *Adapter) reconnect(ctx context.Context) error {
	wait := a.reconnectBase
	for attempt := 1; ; attempt++ {
		err := a.session.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			a.log.Info("gateway reconnected", "attempts", attempt)
			return nil
		}
		if permanent(err) {
			a.obs.PlatformError("discord", "reconnect_gateway")
			return fmt.Errorf("discord gateway: reconnect: %w", explainClose(explainAuth(err)))
		}
		a.log.Warn("gateway reconnect failed; retrying", "attempt", attempt, "retry_in", wait, "err", err)
		if !sleep(ctx, wait) {
			return nil
		}
		wait = min(wait*2, maxReconnectWait)
	}
}

// permanent reports whether err means Discord will refuse every further attempt
// with the same configuration: a gateway close code Discord documents as not
// reconnectable, or a REST 401 (gateway discovery with a rejected token).
func permanent(err error) bool {
	if statusOf(err) == 401 {
		return true
	}
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return false
	}
	switch ce.Code {
	case closeAuthFailed, closeInvalidShard, closeShardingRequired, closeInvalidAPIVersion, closeInvalidIntents, closeDisallowedIntent:
		return true
	}
	return false
}
