package main

import (
	"context"
	"net/http"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/discord"
	"github.com/careerbot/careerbot/bot/slack"
)

// runner is an adapter that runs until its context is done (a gateway, a socket).
type runner struct {
	name string
	fix  string // what the operator should check when it fails
	run  func(ctx context.Context) error
}

// platforms are the chat adapters the configuration enables.
type platforms struct {
	names   []string                      // for the startup log
	runners []runner                      // long-running connections
	mounts  map[string]http.Handler       // HTTP endpoints on HTTP_ADDR, by pattern
	drains  []func(context.Context) error // finish HTTP-mode answers after the server stops
}

// platforms builds the Discord and Slack adapters the configuration enables; salt
// hashes user ids in their logs. It connects to nothing: runners connect when run. An error is a configuration
// mistake naming the variable to fix.
func (a *app) platforms(h bot.Handler, salt string, obs bot.Observer, grace time.Duration) (platforms, error) {
	c := a.cfg
	p := platforms{mounts: map[string]http.Handler{}}
	if c.DiscordGateway() || c.DiscordHTTP() {
		dc := a.discordConfig()
		dc.Observer, dc.ShutdownGrace = obs, grace
		d, err := discord.New(dc)
		if err != nil {
			return p, err // names the variable
		}
		if c.DiscordGateway() {
			p.names = append(p.names, "discord-gateway")
			p.runners = append(p.runners, runner{name: "discord gateway (DISCORD_BOT_TOKEN)",
				fix: "check DISCORD_BOT_TOKEN and that Discord (or DISCORD_API_URL) is reachable from this host, then restart", run: func(ctx context.Context) error { return d.Run(ctx, h) }})
		}
		if c.DiscordHTTP() {
			p.names = append(p.names, "discord-http")
			p.mounts[discord.InteractionsPath] = d.InteractionsHandler(h)
			p.drains = append(p.drains, d.Drain)
		}
	}
	if c.SlackBotToken != "" {
		if !c.SlackSocket() && !c.SlackHTTP() {
			a.log.Warn("slack off: SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is")
			return p, nil
		}
		s, err := slack.New(slack.Config{
			BotToken: c.SlackBotToken.Reveal(), AppToken: c.SlackAppToken.Reveal(), SigningSecret: c.SlackSigningSecret.Reveal(),
			APIURL: c.SlackAPIURL, ModeratorUserIDs: c.SlackModeratorUserIDs, PlanChoices: a.planChoices(),
			Logger: a.log, Observer: obs, ShutdownGrace: grace, UserSalt: salt,
		})
		if err != nil {
			return p, err // names the variable
		}
		if c.SlackSocket() {
			p.names = append(p.names, "slack-socket")
			p.runners = append(p.runners, runner{name: "slack socket mode (SLACK_BOT_TOKEN, SLACK_APP_TOKEN)",
				fix: "check SLACK_BOT_TOKEN and SLACK_APP_TOKEN and that Slack (or SLACK_API_URL) is reachable from this host, then restart", run: func(ctx context.Context) error { return s.Run(ctx, h) }})
		}
		if c.SlackHTTP() {
			p.names = append(p.names, "slack-http")
			p.mounts["/slack/"] = s.HTTPHandler(h)
			p.drains = append(p.drains, s.Shutdown)
		}
	}
	return p, nil
}
