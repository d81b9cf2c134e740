package slack

import (
	"context"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// Usage texts shown for an unknown subcommand.
const (
	careerUsage = "Try `/career ask <question>`, `/career courses [topic] [level]`, `/career plan` or `/career help`."
	modUsage    = "Moderator commands: `/career-mod summary <topic>` (a private preview you can post) and `/career-mod report [since, e.g. 168h]`."
)

// levels are the course levels recognised in "/career courses coding beginner".
var levels = map[string]bool{"beginner": true, "intermediate": true, "advanced": true, "graduate": true}

// onSlashCommand runs /career and /career-mod after the command was acknowledged, and
// answers through its response_url. Any command whose name ends in "-mod" is a
// moderator command; the rest are member commands.
func (a *Adapter) onSlashCommand(ctx context.Context, h bot.Handler, cmd slack.SlashCommand) {
	log := a.log.With("command", cmd.Command, "channel", cmd.ChannelID, "user_id", cmd.UserID)
	mod := strings.HasSuffix(strings.TrimSpace(cmd.Command), "-mod")
	if isPlanCommand(cmd, mod) {
		a.openPlanModal(ctx, cmd, log)
		return
	}
	req, usage := commandRequest(cmd, mod)
	req.Moderator = a.isModerator(cmd.UserID)
	if usage != "" {
		a.respondTo(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, plainMessage(usage), true, log)
		return
	}
	reply, err := a.handle(ctx, h, req)
	if err != nil {
		log.Error("handler failed", "subcommand", req.Command, "err", err)
	}
	reply = orApology(reply, err)
	// Help, moderator output and anything the core marks private stay with the caller.
	ephemeral := reply.Ephemeral || mod || req.Command == bot.CommandHelp
	if req.Command == bot.CommandSummary && req.Moderator && previewable(reply) {
		reply.Buttons = withSummaryButtons(reply.Buttons, firstNonEmpty(reply.Topic, req.Args[bot.ArgTopic]))
	}
	a.respondTo(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, render(reply, renderOptions{}), ephemeral, log)
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

// commandRequest translates a slash command into a core Request. When the text is not
// a known subcommand (of /career, or of a moderator command when mod is set), it
// returns usage text to show instead.
func commandRequest(cmd slack.SlashCommand, mod bool) (bot.Request, string) {
	req := bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    cmd.UserID,
		UserName:  cmd.UserName,
		ChannelID: cmd.ChannelID,
		MessageID: cmd.TriggerID,
		DM:        strings.HasPrefix(cmd.ChannelID, "D"),
		Args:      map[string]string{},
	}
	sub, rest := splitWord(cmd.Text)
	sub = strings.ToLower(sub)
	if mod {
		return moderatorRequest(req, sub, rest)
	}
	return memberRequest(req, sub, rest, strings.TrimSpace(cmd.Text))
}

// moderatorRequest fills req for /career-mod help|summary|report.
func moderatorRequest(req bot.Request, sub, rest string) (bot.Request, string) {
	switch sub {
	case "help":
		req.Command = bot.CommandHelp
	case "summary":
		req.Command, req.Text = bot.CommandSummary, rest
		setArg(req.Args, bot.ArgTopic, rest)
	case "report":
		req.Command = bot.CommandReport
		setArg(req.Args, bot.ArgSince, rest)
	default:
		return req, modUsage
	}
	return req, ""
}

// memberRequest fills req for /career: help (also with no text), ask, courses, and
// any other text as a question. The moderator subcommands get usage text.
func memberRequest(req bot.Request, sub, rest, text string) (bot.Request, string) {
	switch sub {
	case "help", "":
		req.Command = bot.CommandHelp
	case "ask":
		req.Command, req.Text = bot.CommandAsk, rest
		if rest == "" {
			return req, careerUsage
		}
	case "courses", "course":
		req.Command, req.Text = bot.CommandCourses, rest
		courseArgs(rest, req.Args)
	case "summary", "report":
		return req, careerUsage
	default: // "/career how do I become an RHIT?" is a question
		req.Command, req.Text = bot.CommandAsk, text
	}
	return req, ""
}

// setArg sets args[k] to v unless v is empty.
func setArg(args map[string]string, k, v string) {
	if v != "" {
		args[k] = v
	}
}

// courseArgs reads "topic:x level:y" or free words ("coding beginner") into args.
func courseArgs(text string, args map[string]string) {
	var topic []string
	for _, w := range strings.Fields(text) {
		lw := strings.ToLower(w)
		switch {
		case strings.HasPrefix(lw, "level:") || strings.HasPrefix(lw, "level="):
			args[bot.ArgLevel] = lw[len("level:"):]
		case strings.HasPrefix(lw, "topic:") || strings.HasPrefix(lw, "topic="):
			topic = append(topic, lw[len("topic:"):])
		case levels[lw]:
			args[bot.ArgLevel] = lw
		default:
			topic = append(topic, lw)
		}
	}
	if t := strings.TrimSpace(strings.Join(topic, " ")); t != "" {
		args[bot.ArgTopic] = t
	}
}

// splitWord splits off the first word of s.
func splitWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " \t\n")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i+1:])
}

// previewable reports whether a summary reply is a real preview (not a refusal or
// an error) that may get Post/Discard buttons.
func previewable(r bot.Reply) bool {
	switch r.Outcome {
	case "", bot.OutcomeOK, bot.OutcomeAnswered:
		return strings.TrimSpace(r.Text) != ""
	}
	return false
}

// withSummaryButtons makes sure a summary preview offers Post and Discard.
func withSummaryButtons(buttons []bot.Button, topic string) []bot.Button {
	var hasPost, hasDiscard bool
	for _, b := range buttons {
		hasPost = hasPost || b.Action == bot.ActionPostSummary
		hasDiscard = hasDiscard || b.Action == bot.ActionDiscard
	}
	out := append([]bot.Button(nil), buttons...)
	if !hasPost {
		out = append(out, bot.Button{Action: bot.ActionPostSummary, Label: "Post to channel", Value: topic, Style: "primary"})
	}
	if !hasDiscard {
		out = append(out, bot.Button{Action: bot.ActionDiscard, Label: "Discard"})
	}
	return out
}
