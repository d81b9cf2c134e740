package discord

import (
	"context"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// The /career plan form: a modal with one text input per question.
const (
	subPlan        = "plan"
	planModalID    = customIDPrefix + "plan_form"
	maxPlaceholder = 100 // Discord's limit on a text input placeholder
)

// planSubcommand is /career plan. Its options are all optional: with a goal, an
// education and a background the plan comes at once (the choices are Discord's own
// select menus), otherwise the form opens, filled with whatever was given.
func planSubcommand(plans ...bot.PlanChoices) *discordgo.ApplicationCommandOption {
	sub := subcommand(subPlan, "A personal, cited step-by-step route to the job you want")
	if len(plans) == 0 || len(plans[0].Goals) == 0 {
		return sub
	}
	ch := plans[0]
	sub.Options = []*discordgo.ApplicationCommandOption{
		choiceOption(bot.ArgGoal, "The job you want", ch.Goals),
		choiceOption(bot.ArgEducation, "Your education", ch.Educations),
		choiceOption(bot.ArgBackground, "Your work background", ch.Backgrounds),
		{Type: discordgo.ApplicationCommandOptionInteger, Name: bot.ArgHoursPerWeek, Description: "Hours a week you can study",
			MinValue: ptr(1.0), MaxValue: bot.MaxHoursPerWeek},
		{Type: discordgo.ApplicationCommandOptionBoolean, Name: bot.ArgRemote, Description: "You hope to work remotely"},
	}
	return sub
}

// choiceOption is an optional string option whose choices are cs (Discord allows 25).
func choiceOption(name, desc string, cs []bot.Choice) *discordgo.ApplicationCommandOption {
	o := stringOption(name, desc, false, 0)
	for _, c := range cs[:min(len(cs), 25)] {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(c.Label, 100), Value: c.ID})
	}
	return o
}

func ptr[T any](v T) *T { return &v }

// planOptionArgs reads /career plan's options into plan arguments, by type: strings,
// an integer (JSON number) and a boolean. Values of another type are ignored.
func planOptionArgs(i *discordgo.Interaction) map[string]string {
	args := map[string]string{}
	data := i.ApplicationCommandData()
	for _, o := range data.Options[0].Options {
		if o == nil {
			continue
		}
		switch v := o.Value.(type) {
		case string:
			args[o.Name] = v
		case float64:
			args[o.Name] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			args[o.Name] = strconv.FormatBool(v)
		}
	}
	return args
}

// routePlanCommand answers /career plan: the plan at once when the goal, education
// and background were chosen, else the form.
func (a *Adapter) routePlanCommand(h bot.Handler, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	args := planOptionArgs(i)
	if args[bot.ArgGoal] == "" || args[bot.ArgEducation] == "" || args[bot.ArgBackground] == "" {
		return a.planModal(args), nil
	}
	req := a.baseRequest(i)
	req.Command, req.Args = bot.CommandPlan, args
	return deferred(true), func(ctx context.Context) { a.answerInteraction(ctx, h, i, req, true) }
}

// isPlanCommand reports whether i is /career plan.
func isPlanCommand(i *discordgo.Interaction) bool {
	data := i.ApplicationCommandData()
	return data.Name == cmdCareer && len(data.Options) == 1 && data.Options[0] != nil &&
		data.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand && data.Options[0].Name == subPlan
}

// planModal is the response to /career plan: the form, or a private note when the
// corpus has no pathways. Discord modals hold text inputs, so each choice question
// lists the valid answers in its placeholder; the core accepts ids, labels and
// unambiguous beginnings of them.
func (a *Adapter) planModal(prefill map[string]string) *discordgo.InteractionResponse {
	ch := a.cfg.PlanChoices
	if len(ch.Goals) == 0 {
		return privateMessage("Plans are not available: this bot's corpus has no career pathways.")
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: planModalID,
		Title:    "Plan my route",
		Components: []discordgo.MessageComponent{
			textInput(bot.ArgGoal, "The job you want", choicesHint(ch.Goals), prefill[bot.ArgGoal], true, 60),
			textInput(bot.ArgEducation, "Your education", choicesHint(ch.Educations), prefill[bot.ArgEducation], true, 60),
			textInput(bot.ArgBackground, "Your work background", choicesHint(ch.Backgrounds), prefill[bot.ArgBackground], true, 60),
			textInput(bot.ArgHoursPerWeek, "Hours a week you can study (optional)", "e.g. 10", prefill[bot.ArgHoursPerWeek], false, 2),
			textInput(bot.ArgRemote, "Hope to work remotely? (yes/no, optional)", "no", yesNo(prefill[bot.ArgRemote]), false, 3),
		},
	}}
}

// textInput is one row of a modal holding one short text input.
func textInput(id, label, placeholder, value string, required bool, maxLen int) discordgo.ActionsRow {
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
		CustomID: id, Label: label, Style: discordgo.TextInputShort, Placeholder: truncate(placeholder, maxPlaceholder),
		Value: truncate(value, maxLen), Required: required, MaxLength: maxLen,
	}}}
}

// yesNo shows a boolean option's value as the form's yes/no answer.
func yesNo(v string) string {
	switch v {
	case "true":
		return "yes"
	case "false":
		return "no"
	}
	return ""
}

// choicesHint lists the choice ids for a placeholder.
func choicesHint(cs []bot.Choice) string { return strings.Join(bot.ChoiceIDs(cs), ", ") }

// routePlanModal answers a submitted plan form: the private plan follows a deferral.
func (a *Adapter) routePlanModal(h bot.Handler, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	data := i.ModalSubmitData()
	if data.CustomID != planModalID {
		return privateMessage("This form is no longer active. Run `/career plan` again."), nil
	}
	req := a.baseRequest(i)
	req.Command = bot.CommandPlan
	for id, v := range modalValues(data.Components) {
		switch id {
		case bot.ArgGoal, bot.ArgEducation, bot.ArgBackground, bot.ArgHoursPerWeek, bot.ArgRemote:
			req.Args[id] = v
		}
	}
	return deferred(true), func(ctx context.Context) { a.answerInteraction(ctx, h, i, req, true) }
}

// modalValues collects the text inputs of a submitted modal by custom id.
func modalValues(comps []discordgo.MessageComponent) map[string]string {
	out := map[string]string{}
	for _, c := range comps {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, rc := range row.Components {
			if in, ok := rc.(*discordgo.TextInput); ok {
				out[in.CustomID] = in.Value
			}
		}
	}
	return out
}

// sharePlan handles Share in channel under a private plan (req is the core's
// [bot.ButtonRequest]): once the core takes the click on, it posts a heading message
// and starts a thread on it, so the core builds the public plan as a request of that
// thread (whose memory then knows the plan's goal); the plan goes in the heading
// message. The private copy is replaced by a note.
func (a *Adapter) sharePlan(ctx context.Context, h bot.Handler, i *discordgo.Interaction, req bot.Request) {
	if a.cfg.Token == "" { // HTTP-only mode: no bot token to post or start threads; a public follow-up
		reply := a.handle(ctx, h, req, "interaction_id", i.ID)
		if reply.Outcome != bot.OutcomeDuplicate {
			a.deliverShared(ctx, i, reply, func(m message) error { return a.followup(ctx, i, m, false) })
		}
		return
	}
	var head *discordgo.Message
	var headErr error
	target := i.ChannelID
	req.OnAccept = func(r *bot.Request) {
		head, headErr = a.sendChannel(ctx, i.ChannelID, renderText("📋 A career plan, shared by "+truncate(r.UserName, 80)), nil)
		if headErr != nil {
			return
		}
		if th, err := a.startThread(ctx, i.ChannelID, head.ID, "Plan from "+r.UserName); err == nil {
			target = th.ID
			a.threads.Add(th.ID)
			r.ChannelID, r.ThreadID = th.ID, th.ID
		} else {
			a.log.Warn("plan thread not started; follow-ups need a mention", "interaction_id", i.ID, "err", err)
		}
	}
	reply := a.handle(ctx, h, req, "interaction_id", i.ID)
	if reply.Outcome == bot.OutcomeDuplicate {
		return
	}
	if headErr != nil {
		a.log.Error("plan not shared", "interaction_id", i.ID, "channel_id", i.ChannelID, "err", headErr)
		a.deliverPrivate(ctx, i, []message{renderText("Sorry, I couldn't post the plan to this channel. Check that I may send messages here.")})
		return
	}
	first := true
	a.deliverShared(ctx, i, reply, func(m message) error {
		if first {
			first = false
			return a.editChannel(ctx, i.ChannelID, head.ID, m)
		}
		_, err := a.sendChannel(ctx, target, m, nil)
		return err
	})
}

// deliverShared sends a shared plan's messages with send and replaces the private
// copy with a note; a refusal or failure stays private.
func (a *Adapter) deliverShared(ctx context.Context, i *discordgo.Interaction, reply bot.Reply, send func(message) error) {
	if reply.Ephemeral || reply.Outcome != bot.OutcomeAnswered {
		a.deliverPrivate(ctx, i, render(reply, ""))
		return
	}
	for _, m := range render(reply, "") {
		if err := send(m); err != nil {
			a.log.Error("plan not shared", "interaction_id", i.ID, "channel_id", i.ChannelID, "err", err)
			a.deliverPrivate(ctx, i, []message{renderText("Sorry, I couldn't post the whole plan to this channel.")})
			return
		}
	}
	if err := a.editOriginal(ctx, i, renderText("Shared in the channel.")); err != nil {
		a.log.Warn("private plan not updated", "interaction_id", i.ID, "err", err)
	}
}

// startThread starts a public thread on a message.
func (a *Adapter) startThread(ctx context.Context, channelID, messageID, name string) (*discordgo.Channel, error) {
	var th *discordgo.Channel
	err := a.call(ctx, "start_thread", func(opts ...discordgo.RequestOption) error {
		var err error
		th, err = a.session.MessageThreadStartComplex(channelID, messageID, &discordgo.ThreadStart{
			Name: truncate(name, 100), AutoArchiveDuration: 1440,
		}, opts...)
		return err
	})
	return th, err
}
