package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// planTopic is the topic of a plan reply and of its question record, so the
// moderator report counts plans by goal ("plan:coding").
func planTopic(goal string) string { return "plan:" + goal }

// plan builds a member's cited plan: validate the choices → rate limit → route →
// optional LLM phrasing → a private reply with a Share in channel button (or, when
// shared, the public version attributed to the member). The plan's goal becomes the
// subject of the thread's memory, so follow-up questions there are about it.
func (r *Router) plan(ctx context.Context, c *call) (Reply, error) {
	if r.paths == nil {
		return invalid("Plans are not available: this corpus has no career pathways."), nil
	}
	ch := r.paths.PlanChoices()
	p, err := ParsePlanProfile(c.req.Args, ch)
	if err != nil {
		return invalid("I couldn't make a plan: " + err.Error()), nil
	}
	if rep, ok := r.allow(ctx, c); !ok {
		return rep, nil
	}
	kctx, cancel := r.knowledgeContext(ctx)
	defer cancel()
	rt, err := r.paths.Route(kctx, p)
	if errors.Is(err, ErrUnknownChoice) {
		return invalid("I couldn't make a plan: " + err.Error()), nil
	}
	if err != nil {
		return Apology(), fmt.Errorf("route %s: %w", p.Goal, err)
	}
	pl := BuildPlan(rt, p)
	r.phrase(kctx, &pl)
	text := pl.Markdown(ch)
	question := "How do I become a " + strings.ToLower(pl.Goal.Label) + "?"
	r.mem.remember(memoryKey(c.req), Turn{Question: question, Answer: text, Topic: "advancement"}, r.now())
	rep := Reply{
		Text: text, Sources: pl.Sources, Courses: pl.Courses, Plan: &pl,
		Question: planQuestion(p), Topic: planTopic(p.Goal), Outcome: OutcomeAnswered, Mode: pl.Mode,
	}
	if share, _ := parseYes(c.req.Args[ArgShare]); share {
		rep.Text += "\n\n*Shared by " + escapeMarkdown(displayName(c.req.UserName, "a member")) + "*"
		return rep, nil
	}
	rep.Ephemeral = true
	rep.Notice = "Only you can see this plan. Share it in the channel to talk it over: follow-up questions in the plan's thread know its goal."
	rep.Buttons = []Button{{Action: ActionSharePlan, Label: "Share in channel", Value: EncodePlanProfile(p), Style: "primary"}}
	return rep, nil
}

// planQuestion is the logged form of a plan request: the chosen ids only, never
// free text.
func planQuestion(p PlanProfile) string {
	q := fmt.Sprintf("plan goal=%s education=%s background=%s", p.Goal, p.Education, p.Background)
	if p.HoursPerWeek > 0 {
		q += fmt.Sprintf(" hours_per_week=%d", p.HoursPerWeek)
	}
	if p.Remote {
		q += " remote=yes"
	}
	return q
}

// phrase lets the PlanPhraser reword the step details; any failure keeps the
// extractive text.
func (r *Router) phrase(ctx context.Context, pl *Plan) {
	if r.phraser == nil || len(pl.Steps) == 0 {
		return
	}
	lines := make([]string, len(pl.Steps))
	for i, s := range pl.Steps {
		lines[i] = s.Detail
	}
	got, err := r.phraser.PhraseSteps(ctx, pl.Goal.Label, lines)
	if err == nil && len(got) != len(lines) {
		err = fmt.Errorf("phrased %d steps, want %d", len(got), len(lines))
	}
	if err != nil {
		r.log.Warn("plan phrasing fell back to the extractive text", "goal", pl.Goal.ID, "err", err)
		return
	}
	for i := range pl.Steps {
		pl.Steps[i].Detail = got[i]
	}
	pl.Mode = "llm"
}

// displayName is a member's name fit for an attribution line, or fallback.
func displayName(name, fallback string) string {
	name = strings.Join(strings.Fields(truncateRunes(name, 80)), " ")
	if name == "" || checkText(name) != nil {
		return fallback
	}
	return name
}
