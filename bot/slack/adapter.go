// Package slack connects careerbot to Slack with slack-go: Socket Mode (no public URL
// needed) and the Events API over HTTP (signed requests), both feeding the same
// [bot.Handler].
//
// Members @mention the bot in channels, DM it, or run /career; follow-ups in a thread
// the bot answered need no mention. Moderators (Config.ModeratorUserIDs) run
// /career-mod summary|report. Answers are rendered as Block Kit with numbered sources,
// course suggestions and 👍/👎 buttons, and are edited progressively while an LLM
// streams.
//
// Use [New], then [Adapter.Run] for Socket Mode and/or mount [Adapter.HTTPHandler] for
// HTTP mode; call [Adapter.Shutdown] after the HTTP server has stopped so answers in
// flight can finish.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// Defaults for the optional Config fields.
const (
	DefaultStreamInterval = time.Second
	DefaultShutdownGrace  = 10 * time.Second
	DefaultMaxConcurrent  = 32
	// threadMemory bounds the threads remembered for follow-ups without a mention.
	threadMemory    = 10_000
	threadMemoryTTL = 24 * time.Hour
)

// Config configures an [Adapter]. BotToken is required; everything else is optional.
type Config struct {
	BotToken         string   // SLACK_BOT_TOKEN, xoxb-…: every Web API call
	AppToken         string   // SLACK_APP_TOKEN, xapp-…: Socket Mode ([Adapter.Run])
	SigningSecret    string   // SLACK_SIGNING_SECRET: HTTP mode ([Adapter.HTTPHandler])
	APIURL           string   // SLACK_API_URL; "" means Slack's own
	ModeratorUserIDs []string // SLACK_MODERATOR_USER_IDS
	// PlanChoices fill the /career plan form; without goals the command says plans
	// are not available.
	PlanChoices bot.PlanChoices

	// UserSalt salts the hashes that stand for members' user ids in the logs (see
	// [bot.HashUser]); use the router's, so log lines about one member agree.
	UserSalt string
	Logger   *slog.Logger // nil discards logs
	Observer bot.Observer // nil means bot.NopObserver
	// HTTPClient makes Web API and response_url calls; nil means a client with a 30 s
	// timeout. 429 (Retry-After), 5xx and connection errors are retried either way.
	HTTPClient *http.Client

	StreamInterval time.Duration // minimum time between progressive edits; 0 means 1 s
	ShutdownGrace  time.Duration // how long Run waits for answers in flight; 0 means 10 s
	MaxConcurrent  int           // answers prepared at once; 0 means 32
}

// Adapter is the Slack adapter. It is safe for concurrent use; one Adapter can run
// Socket Mode and serve HTTP at the same time.
type Adapter struct {
	cfg        Config
	api        *slack.Client
	log        *slog.Logger
	obs        bot.Observer
	moderators map[string]bool
	threads    *bot.ThreadSet // threads the bot answered in, by threadKey
	// work runs the answers in flight, at most MaxConcurrent at once; Shutdown
	// drains it.
	work *bot.Workers

	idMu sync.Mutex
	id   *identity // the bot's own ids, from auth.test; nil until known

	// ackHook, when set (tests), is called once an envelope's ack has been handed to
	// the Socket Mode client, before any work on the envelope starts.
	ackHook func(envelopeID string)
}

var _ bot.Adapter = (*Adapter)(nil)

// identity is who the bot is, as reported by auth.test.
type identity struct {
	UserID string
	BotID  string
	TeamID string
}

// New validates cfg and returns an Adapter. It makes no network call: the bot token is
// checked by Run (or on the first HTTP event).
func New(cfg Config) (*Adapter, error) {
	if strings.TrimSpace(cfg.BotToken) == "" {
		return nil, errors.New("slack: SLACK_BOT_TOKEN is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Observer == nil {
		cfg.Observer = bot.NopObserver{}
	}
	if cfg.StreamInterval <= 0 {
		cfg.StreamInterval = DefaultStreamInterval
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = DefaultShutdownGrace
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	a := &Adapter{
		cfg:        cfg,
		log:        cfg.Logger.With("adapter", "slack"),
		obs:        cfg.Observer,
		moderators: map[string]bool{},
		threads:    bot.NewThreadSet(threadMemory, threadMemoryTTL),
	}
	for _, id := range cfg.ModeratorUserIDs {
		if id = strings.TrimSpace(id); id != "" {
			a.moderators[id] = true
		}
	}
	a.api = slack.New(cfg.BotToken, clientOptions(cfg)...)
	a.work = bot.NewWorkers(cfg.MaxConcurrent, a.log)
	return a, nil
}

// clientOptions builds the slack-go options: API URL, HTTP client, retries.
func clientOptions(cfg Config) []slack.Option {
	var opts []slack.Option
	if u := strings.TrimSpace(cfg.APIURL); u != "" {
		opts = append(opts, slack.OptionAPIURL(strings.TrimRight(u, "/")+"/"))
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	retry := slack.RetryConfig{
		MaxRetries:         3,
		RetryAfterDuration: 5 * time.Second, // when a 429 has no Retry-After
		RetryAfterJitter:   250 * time.Millisecond,
		BackoffInitial:     250 * time.Millisecond,
		BackoffMax:         5 * time.Second,
		BackoffJitter:      100 * time.Millisecond,
	}
	retry.Handlers = append(slack.AllBuiltinRetryHandlers(retry), slack.NewServerErrorRetryHandler(retry))
	// The retry wrapper must come after the HTTP client it wraps.
	return append(opts, slack.OptionHTTPClient(cfg.HTTPClient), slack.OptionRetryConfig(retry))
}

// Name returns "slack".
func (a *Adapter) Name() string { return bot.PlatformSlack }

// self returns the bot's identity, calling auth.test the first time (and again after a
// failure). A rejected token is reported as an error naming SLACK_BOT_TOKEN.
func (a *Adapter) self(ctx context.Context) (identity, error) {
	a.idMu.Lock()
	defer a.idMu.Unlock()
	if a.id != nil {
		return *a.id, nil
	}
	resp, err := a.api.AuthTestContext(ctx)
	if err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "auth.test")
		if isAuthError(err) {
			return identity{}, fmt.Errorf("SLACK_BOT_TOKEN was rejected by Slack (%v): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page", err)
		}
		return identity{}, fmt.Errorf("check bot token with auth.test: %w", err)
	}
	a.id = &identity{UserID: resp.UserID, BotID: resp.BotID, TeamID: resp.TeamID}
	return *a.id, nil
}

// isAuthError reports whether err is Slack refusing a token.
func isAuthError(err error) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type":
			return true
		}
	}
	var sc slack.StatusCodeError
	return errors.As(err, &sc) && (sc.Code == http.StatusUnauthorized || sc.Code == http.StatusForbidden)
}

// isModerator reports whether a Slack user may run moderator commands.
func (a *Adapter) isModerator(userID string) bool { return a.moderators[userID] }

// spawn runs fn in the background as an answer in flight (see [bot.Workers]); fn's
// context is cancelled by Shutdown once the grace period is over. Once Shutdown has
// begun, the event is acknowledged but not answered.
func (a *Adapter) spawn(fn func(ctx context.Context)) {
	if !a.work.Spawn(0, fn) {
		a.log.Warn("shutting down; request acknowledged but not answered")
	}
}

// Shutdown stops taking new work, waits for answers in flight to be delivered until
// ctx is done or Config.ShutdownGrace passes, then cancels the rest and waits for them
// to return. Call it after the HTTP server that serves [Adapter.HTTPHandler] has
// stopped; Run calls it itself when it ends. The Adapter cannot be used afterwards.
// Calling it again is harmless. It returns ctx's error when the wait was cut short.
func (a *Adapter) Shutdown(ctx context.Context) error {
	grace, cancel := context.WithTimeout(ctx, a.cfg.ShutdownGrace)
	defer cancel()
	if a.work.Drain(grace) == nil || ctx.Err() != nil {
		return ctx.Err()
	}
	a.log.Warn("answers still in flight after the grace period; cancelled them", "grace", a.cfg.ShutdownGrace)
	return nil
}
