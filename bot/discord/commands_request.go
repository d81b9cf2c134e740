package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// commandRequest translates a slash command into a Request. ephemeral reports
// whether the answer is private (help, moderator commands). ok is false for
// commands the bot does not know.
func (a *Adapter) commandRequest(i *discordgo.Interaction) (req bot.Request, ephemeral, ok bool) {
	data := i.ApplicationCommandData()
	if len(data.Options) != 1 || data.Options[0] == nil || data.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		return bot.Request{}, false, false
	}
	sub := data.Options[0]
	args := stringOptions(sub.Options)
	req = a.baseRequest(i)
	switch data.Name + " " + sub.Name {
	case cmdCareer + " " + subAsk:
		req.Command, req.Text = bot.CommandAsk, args[optQuestion]
	case cmdCareer + " " + subCourses:
		req.Command = bot.CommandCourses
		setArg(req.Args, bot.ArgTopic, args[optTopic])
		setArg(req.Args, bot.ArgLevel, args[optLevel])
	case cmdCareer + " " + subHelp:
		req.Command = bot.CommandHelp
	case cmdCareerMod + " " + subSummary:
		req.Command = bot.CommandSummary
		setArg(req.Args, bot.ArgTopic, args[optTopic])
	case cmdCareerMod + " " + subReport:
		req.Command = bot.CommandReport
		setArg(req.Args, bot.ArgSince, args[optSince])
	default:
		return bot.Request{}, false, false
	}
	// The deferral must say now whether the answer will be private.
	return req, bot.PrivateCommand(req.Command), true
}

// stringOptions collects string options by name. Options of other types are
// ignored rather than trusted (discordgo's StringValue panics on them).
func stringOptions(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	out := map[string]string{}
	for _, o := range opts {
		if o == nil || o.Type != discordgo.ApplicationCommandOptionString {
			continue
		}
		if s, ok := o.Value.(string); ok {
			out[o.Name] = s
		}
	}
	return out
}

func setArg(args map[string]string, k, v string) {
	if v != "" {
		args[k] = v
	}
}
