package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/bot"
)

// planFlags are the answers of the plan form.
type planFlags struct {
	asJSON                      bool
	education, background, goal string
	hoursPerWeek                int
	remote                      bool
}

func newPlanCmd(a *app) *cobra.Command {
	var f planFlags
	cmd := &cobra.Command{
		Use:   "plan [--json] --education E --background B --goal G [--hours-per-week N] [--remote]",
		Short: "A personal, cited step-by-step plan from where you are to the job you want",
		Long: `plan lays out a route from a starting point (education and background) to a goal:
3 to 7 cited steps with durations, costs and credentials, the total time (adjusted for
--hours-per-week where the sources give hours), honest notes and two or three courses.

With --json it prints {"profile","goal","route","steps":[{"n","title","detail","duration",
"cost","credential",...}],"total","total_note","notes","sources","courses","mode"}.
Bad or missing choices exit with status 2 and list the valid ones.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.plan(cmd.Context(), f) },
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.asJSON, "json", false, "print the plan as JSON")
	fl.StringVar(&f.education, "education", "", "your education (e.g. high-school; run without it to list the choices)")
	fl.StringVar(&f.background, "background", "", "your work background (e.g. retail-other)")
	fl.StringVar(&f.goal, "goal", "", "the job you want (e.g. coding)")
	fl.IntVar(&f.hoursPerWeek, "hours-per-week", 0, "hours a week you can study (1-80; optional)")
	fl.BoolVar(&f.remote, "remote", false, "you hope to work remotely")
	return cmd
}

// plan prints the plan for f.
func (a *app) plan(ctx context.Context, f planFlags) error {
	h, err := a.router(ctx)
	if err != nil {
		return err
	}
	args := map[string]string{bot.ArgEducation: f.education, bot.ArgBackground: f.background, bot.ArgGoal: f.goal}
	if f.hoursPerWeek != 0 {
		args[bot.ArgHoursPerWeek] = strconv.Itoa(f.hoursPerWeek)
	}
	if f.remote {
		args[bot.ArgRemote] = "yes"
	}
	rep, err := h.Handle(ctx, a.terminalRequest(bot.CommandPlan, "", args))
	if err != nil {
		return fmt.Errorf("%w (run with LOG_LEVEL=debug for details)", err)
	}
	if rep.Outcome == bot.OutcomeInvalid {
		return usagef("plan: %s", strings.TrimPrefix(rep.Text, "I couldn't make a plan: "))
	}
	if rep.Plan == nil {
		return fmt.Errorf("plan: %s", rep.Text)
	}
	if f.asJSON {
		return writeJSON(a.stdout, newPlanJSON(*rep.Plan, rep.Sources))
	}
	rep.Notice = "" // "only you can see this" is about chat channels, not the terminal
	printReply(a.stdout, rep, termWidth(a.stdout))
	return nil
}

// planJSON is the plan --json contract.
type planJSON struct {
	Profile   bot.PlanProfile `json:"profile"`
	Goal      string          `json:"goal"`
	GoalLabel string          `json:"goal_label"`
	Route     string          `json:"route"`
	Steps     []bot.PlanStep  `json:"steps"`
	Total     string          `json:"total"`
	TotalNote string          `json:"total_note"`
	Notes     []string        `json:"notes"`
	Sources   []bot.Source    `json:"sources"`
	Courses   []courseJSON    `json:"courses"`
	Mode      string          `json:"mode"`
}

func newPlanJSON(pl bot.Plan, sources []bot.Source) planJSON {
	return planJSON{
		Profile: pl.Profile, Goal: pl.Goal.ID, GoalLabel: pl.Goal.Label, Route: pl.Route, Steps: pl.Steps,
		Total: pl.Total, TotalNote: pl.TotalNote, Notes: nonNil(pl.Notes), Sources: nonNil(sources),
		Courses: toCourseJSON(pl.Courses), Mode: pl.Mode,
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
