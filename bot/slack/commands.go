package slack

import (
	"context"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// onSlashCommand runs /career and /career-mod after the command was acknowledged, and
// answers through its response_url. Any command whose name ends in "-mod" is a
// moderator command; the rest are member commands.
func (a *Adapter) onSlashCommand(ctx context.Context, h bot.Handler, cmd slack.SlashCommand) {
	log := a.log.With("command", cmd.Command, "channel", cmd.ChannelID, "user", a.userHash(cmd.UserID))
	req, err := commandRequest(cmd)
	if err != nil {
		a.respondTo(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, plainMessage(err.Error()), true, log)
		return
	}
	if req.Command == bot.CommandPlan && len(req.Args) == 0 { // the form asks what the plan needs
		a.openPlanModal(ctx, cmd, log)
		return
	}
	req.Moderator = a.isModerator(cmd.UserID)
	reply, err := bot.Call(ctx, h, req)
	if err != nil {
		log.Error("handler failed", "subcommand", req.Command, "err", err)
	}
	if reply.Outcome == bot.OutcomeDuplicate {
		return
	}
	ephemeral := reply.Ephemeral || bot.PrivateCommand(req.Command)
	a.respondTo(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, render(reply), ephemeral, log)
}

// respondTo answers a command through its response_url, falling back to the Web API
// when there is none. A failure is logged: the answer was not delivered.
func (a *Adapter) respondTo(ctx context.Context, responseURL, channel, user string, m message, ephemeral bool, log *slog.Logger) {
	var err error
	switch {
	case responseURL != "":
		err = a.respond(ctx, responseURL, m, ephemeral)
	case ephemeral:
		if _, err = a.api.PostEphemeralContext(ctx, channel, user, m.options()...); err != nil {
			a.obs.PlatformError(bot.PlatformSlack, "chat.postEphemeral")
		}
	default:
		_, err = a.post(ctx, channel, m.options()...)
	}
	if err != nil {
		log.Error("answer not delivered", "err", err)
	}
}

// commandRequest translates a slash command into a core Request. Any command whose
// name ends in "-mod" is /career-mod, whatever the app calls it; the rest is /career.
// The error says what to type instead.
func commandRequest(cmd slack.SlashCommand) (bot.Request, error) {
	name := bot.SlashCareer
	if strings.HasSuffix(strings.TrimSpace(cmd.Command), "-mod") {
		name = bot.SlashCareerMod
	}
	in, err := bot.ParseSlash(name, cmd.Text)
	if err != nil {
		return bot.Request{}, err
	}
	return in.Request(bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    cmd.UserID,
		UserName:  cmd.UserName,
		ChannelID: cmd.ChannelID,
		MessageID: cmd.TriggerID,
		DedupKey:  cmd.TriggerID,
		DM:        strings.HasPrefix(cmd.ChannelID, "D"),
	}), nil
}
