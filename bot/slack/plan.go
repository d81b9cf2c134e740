package slack

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// The /career plan modal.
const (
	planCallbackID = actionPrefix + "plan_form"
	planBlockID    = "plan_" // + the argument name
	planActionID   = actionPrefix + "plan_input"
	noPlansText    = "Plans are not available: this bot's corpus has no career pathways."
)

// planMeta is what the modal carries to its submission: where to answer.
type planMeta struct {
	Channel string `json:"channel"`
}

// openPlanModal answers /career plan by opening the plan form with views.open. A
// failure (or a corpus without pathways) is answered privately.
func (a *Adapter) openPlanModal(ctx context.Context, cmd slack.SlashCommand, log *slog.Logger) {
	if len(a.cfg.PlanChoices.Goals) == 0 {
		a.respondTo(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, plainMessage(noPlansText), true, log)
		return
	}
	meta, _ := json.Marshal(planMeta{Channel: cmd.ChannelID})
	if _, err := a.api.OpenViewContext(ctx, cmd.TriggerID, planModal(a.cfg.PlanChoices, string(meta))); err != nil {
		a.obs.PlatformError(bot.PlatformSlack, "views.open")
		log.Error("plan form not opened", "err", err)
		a.respondTo(ctx, cmd.ResponseURL, cmd.ChannelID, cmd.UserID, plainMessage("Sorry, I couldn't open the plan form. Please try `/career plan` again."), true, log)
	}
}

// planModal is the plan form: three select menus, hours a week and the remote wish.
func planModal(ch bot.PlanChoices, meta string) slack.ModalViewRequest {
	text := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	sel := func(arg, label string, cs []bot.Choice) *slack.InputBlock {
		var opts []*slack.OptionBlockObject
		for _, c := range cs[:min(len(cs), 100)] {
			opts = append(opts, slack.NewOptionBlockObject(c.ID, text(truncate(c.Label, 75)), nil))
		}
		el := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, text("Choose…"), planActionID, opts...)
		return slack.NewInputBlock(planBlockID+arg, text(label), nil, el)
	}
	hours := slack.NewPlainTextInputBlockElement(text("e.g. 10"), planActionID)
	hours.MaxLength = 2
	hoursBlock := slack.NewInputBlock(planBlockID+bot.ArgHoursPerWeek, text("Hours a week you can study"), nil, hours)
	hoursBlock.Optional = true
	remote := slack.NewCheckboxGroupsBlockElement(planActionID, slack.NewOptionBlockObject("yes", text("I hope to work remotely"), nil))
	remoteBlock := slack.NewInputBlock(planBlockID+bot.ArgRemote, text("Remote work"), nil, remote)
	remoteBlock.Optional = true
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: planCallbackID, PrivateMetadata: meta,
		Title: text("Plan my route"), Submit: text("Make my plan"), Close: text("Cancel"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			sel(bot.ArgGoal, "The job you want", ch.Goals),
			sel(bot.ArgEducation, "Your education", ch.Educations),
			sel(bot.ArgBackground, "Your work background", ch.Backgrounds),
			hoursBlock, remoteBlock,
		}},
	}
}

// planArgs reads a submitted plan form into plan arguments.
func planArgs(state *slack.ViewState) map[string]string {
	args := map[string]string{}
	if state == nil {
		return args
	}
	for block, actions := range state.Values {
		arg, ok := strings.CutPrefix(block, planBlockID)
		if !ok {
			continue
		}
		v := actions[planActionID]
		switch {
		case v.SelectedOption.Value != "":
			args[arg] = v.SelectedOption.Value
		case len(v.SelectedOptions) > 0:
			args[arg] = v.SelectedOptions[0].Value
		case v.Value != "":
			args[arg] = v.Value
		}
	}
	return args
}

// onPlanSubmission answers a submitted plan form (already acknowledged, which closed
// the modal) with the private plan in the channel the command came from.
func (a *Adapter) onPlanSubmission(ctx context.Context, h bot.Handler, cb slack.InteractionCallback) {
	if cb.View.CallbackID != planCallbackID {
		return
	}
	var meta planMeta
	_ = json.Unmarshal([]byte(cb.View.PrivateMetadata), &meta)
	channel := firstNonEmpty(meta.Channel, cb.User.ID) // no channel: answer in a DM
	log := a.log.With("action", "plan_submit", "channel", channel, "user", a.userHash(cb.User.ID))
	req := a.interactionRequest(cb, planCallbackID)
	req.ChannelID, req.DM = channel, strings.HasPrefix(channel, "D")
	req.Command, req.Args = bot.CommandPlan, planArgs(cb.View.State)
	reply, err := bot.Call(ctx, h, req)
	if err != nil {
		log.Error("handler failed", "err", err)
	}
	if reply.Outcome == bot.OutcomeDuplicate {
		return
	}
	a.respondTo(ctx, "", channel, cb.User.ID, render(reply), true, log)
}

// onSharePlan handles Share in channel (req is the core's [bot.ButtonRequest]): once
// the core takes the click on, it posts a heading; the core builds the public plan as
// a request of the heading's thread (so follow-ups there know the plan's goal), the
// plan goes into the heading and the private copy is removed.
func (a *Adapter) onSharePlan(ctx context.Context, h bot.Handler, cb slack.InteractionCallback, req bot.Request, log *slog.Logger) {
	channel := interactionChannel(cb)
	var ts string
	var postErr error
	req.OnAccept = func(r *bot.Request) {
		ts, postErr = a.post(ctx, channel, plainMessage("📋 A career plan, shared by <@"+cb.User.ID+">").options()...)
		if postErr == nil {
			r.ThreadID = channel + ":" + ts
		}
	}
	reply, err := bot.Call(ctx, h, req)
	if err != nil {
		log.Error("handler failed", "err", err)
	}
	if reply.Outcome == bot.OutcomeDuplicate {
		return
	}
	if postErr != nil {
		log.Error("share plan failed", "err", postErr)
		a.respondTo(ctx, cb.ResponseURL, channel, cb.User.ID, plainMessage(cannotPostMsg), true, log)
		return
	}
	if err := a.update(ctx, channel, ts, render(reply)); err != nil {
		log.Error("shared plan not shown", "err", err)
		return
	}
	a.threads.Add(threadKey(channel, ts))
	if err := a.deleteOriginal(ctx, cb.ResponseURL); err != nil {
		log.Warn("private plan not removed", "err", err)
	}
}
