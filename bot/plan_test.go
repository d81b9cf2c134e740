package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

// fakePhraser returns canned lines or an error.
type fakePhraser struct {
	lines []string
	err   error
}

func (f fakePhraser) PhraseSteps(context.Context, string, []string) ([]string, error) {
	return f.lines, f.err
}

func planReq(args map[string]string) bot.Request {
	return bot.Request{Platform: bot.PlatformDiscord, UserID: "u1", UserName: "Sam", ChannelID: "c1", ThreadID: "th1", Command: bot.CommandPlan, Args: args}
}

func planArgs(goal string) map[string]string {
	return map[string]string{bot.ArgGoal: goal, bot.ArgEducation: "high-school", bot.ArgBackground: "billing"}
}

func TestRouter_Plan(t *testing.T) {
	paths := &bottest.FakePathways{}
	h := newHarness(t, func(c *bot.RouterConfig) { c.Pathways = paths })
	rep := h.do(t, planReq(planArgs("Coding")))
	if rep.Outcome != bot.OutcomeAnswered || !rep.Ephemeral || rep.Plan == nil {
		t.Fatalf("reply = %+v", rep)
	}
	if len(rep.Buttons) != 1 || rep.Buttons[0].Action != bot.ActionSharePlan {
		t.Errorf("buttons = %+v, want Share in channel", rep.Buttons)
	}
	for _, want := range []string{"Your plan: Medical coder", "1. **Take an 80-hour course**", "[1]", "$199–$299", "Earns: Test Credential", "Total time:", "converted at a full-time 37.5 hours a week", "Work experience alone"} {
		if !strings.Contains(rep.Text, want) {
			t.Errorf("plan text lacks %q:\n%s", want, rep.Text)
		}
	}
	if strings.Contains(rep.Text, "Remote work") {
		t.Error("a remote note without a remote wish")
	}
	if len(rep.Sources) != 4 || rep.Sources[0].N != 1 || rep.Sources[0].Kind != "primary" {
		t.Errorf("sources = %+v", rep.Sources)
	}
	recs := h.store.Records()
	if len(recs) != 1 || recs[0].Topic != "plan:coding" || !strings.HasPrefix(recs[0].Question, "plan goal=coding") {
		t.Errorf("logged %+v", recs)
	}
	// The thread now remembers the plan's goal for follow-ups.
	h.ask(t, "how long does that take?")
	qs := h.know.Queries()
	if len(qs) != 1 || len(qs[0].History) != 1 || !strings.Contains(qs[0].History[0].Question, "medical coder") {
		t.Errorf("follow-up history = %+v", qs)
	}
}

func TestRouter_PlanShare(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.Pathways = &bottest.FakePathways{} })
	private := h.do(t, planReq(planArgs("coding")))
	args, ok := bot.PlanArgs(private.Buttons[0].Value)
	if !ok {
		t.Fatalf("button value %q does not decode", private.Buttons[0].Value)
	}
	args[bot.ArgShare] = "yes"
	public := h.do(t, planReq(args))
	if public.Ephemeral || len(public.Buttons) != 0 || !strings.Contains(public.Text, "Shared by Sam") {
		t.Errorf("shared plan = %+v", public)
	}
}

func TestRouter_PlanHoursAndRemote(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.Pathways = &bottest.FakePathways{} })
	args := planArgs("rhit")
	args[bot.ArgHoursPerWeek], args[bot.ArgRemote] = "10", "yes"
	rep := h.do(t, planReq(args))
	for _, want := range []string{"converted at your 10 hours a week", "not scaled to your hours", "Remote work: New workers seldom start remotely.", "about 14 months"} {
		if !strings.Contains(rep.Text, want) {
			t.Errorf("plan text lacks %q:\n%s", want, rep.Text)
		}
	}
}

func TestRouter_PlanInvalid(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.Pathways = &bottest.FakePathways{} })
	tests := []struct {
		name string
		args map[string]string
		want string
	}{
		{"UnknownGoal", map[string]string{bot.ArgGoal: "astronaut", bot.ArgEducation: "none", bot.ArgBackground: "none"}, "coding, rhit"},
		{"Missing", nil, "none, high-school"},
		{"Hours", map[string]string{bot.ArgGoal: "coding", bot.ArgEducation: "none", bot.ArgBackground: "none", bot.ArgHoursPerWeek: "lots"}, "whole number"},
		{"Remote", map[string]string{bot.ArgGoal: "coding", bot.ArgEducation: "none", bot.ArgBackground: "none", bot.ArgRemote: "maybe"}, "yes or no"},
		{"PHIEcho", map[string]string{bot.ArgGoal: "ssn 123-45-6789", bot.ArgEducation: "none", bot.ArgBackground: "none"}, "[redacted SSN]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := h.do(t, planReq(tt.args))
			if rep.Outcome != bot.OutcomeInvalid || !strings.Contains(rep.Text, tt.want) {
				t.Errorf("reply = %q (%s), want %q", rep.Text, rep.Outcome, tt.want)
			}
		})
	}
	none := newHarness(t, nil)
	if rep := none.do(t, planReq(planArgs("coding"))); rep.Outcome != bot.OutcomeInvalid {
		t.Errorf("without pathways: %+v", rep)
	}
}

func TestRouter_PlanPhraser(t *testing.T) {
	good := []string{"A friendly course line [1].", "A friendly exam line [2].", "A friendly work line [3][2]."}
	tests := []struct {
		name     string
		phraser  fakePhraser
		wantMode string
		want     string
	}{
		{"Phrased", fakePhraser{lines: good}, "llm", "A friendly exam line [2]."},
		{"Failed", fakePhraser{err: errors.New("model down")}, "extractive", "The exam costs $199 to $299.[2]"},
		{"WrongCount", fakePhraser{lines: good[:2]}, "extractive", "The exam costs $199 to $299.[2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(c *bot.RouterConfig) { c.Pathways, c.PlanPhraser = &bottest.FakePathways{}, tt.phraser })
			rep := h.do(t, planReq(planArgs("coding")))
			if rep.Mode != tt.wantMode || !strings.Contains(rep.Text, tt.want) {
				t.Errorf("mode %s, text:\n%s", rep.Mode, rep.Text)
			}
		})
	}
}

func TestMatchChoice(t *testing.T) {
	cs := []bot.Choice{{ID: "rhit", Label: "Registered Health Information Technician"}, {ID: "rhia", Label: "Registered Health Information Administrator"}, {ID: "coding", Label: "Medical coder"}}
	tests := []struct {
		in, want string
	}{{"RHIT", "rhit"}, {" medical CODER ", "coding"}, {"cod", "coding"}, {"rhi", ""}, {"Registered", ""}, {"", ""}, {"astronaut", ""}}
	for _, tt := range tests {
		c, ok := bot.MatchChoice(tt.in, cs)
		if c.ID != tt.want || ok != (tt.want != "") {
			t.Errorf("MatchChoice(%q) = %q, %v; want %q", tt.in, c.ID, ok, tt.want)
		}
	}
}

func FuzzPlanArgs(f *testing.F) {
	f.Add(bot.EncodePlanProfile(bot.PlanProfile{Goal: "coding", Education: "none", Background: "it", HoursPerWeek: 12, Remote: true}))
	f.Add("|||")
	f.Fuzz(func(t *testing.T, v string) {
		args, ok := bot.PlanArgs(v)
		if !ok {
			return
		}
		p, err := bot.ParsePlanProfile(args, (&bottest.FakePathways{}).PlanChoices())
		if err == nil && bot.EncodePlanProfile(p) == "" {
			t.Fatal("a parsed profile encodes to nothing")
		}
	})
}

// samePage is a Pathways whose two keys name one page.
type samePage struct{ bottest.FakePathways }

func (s *samePage) Route(ctx context.Context, p bot.PlanProfile) (bot.Route, error) {
	rt, err := s.FakePathways.Route(ctx, p)
	work := rt.Sources["work"]
	work.URL = rt.Sources["exam"].URL
	rt.Sources["work"] = work
	return rt, err
}

func TestBuildPlan_OneNumberPerPage(t *testing.T) {
	paths := &samePage{}
	rt, err := paths.Route(t.Context(), bot.PlanProfile{Goal: "coding"})
	if err != nil {
		t.Fatal(err)
	}
	pl := bot.BuildPlan(rt, bot.PlanProfile{Goal: "coding"})
	if len(pl.Sources) != 3 || pl.Steps[2].Detail != "Employers want a year of work.[2]" || pl.Steps[2].Duration != "1 year [2]" {
		t.Errorf("sources %+v, step 3 %+v", pl.Sources, pl.Steps[2])
	}
}

func TestBuildPlan_Figures(t *testing.T) {
	rt, err := (&bottest.FakePathways{}).Route(t.Context(), bot.PlanProfile{Goal: "coding"})
	if err != nil {
		t.Fatal(err)
	}
	rt.Steps[0].Duration = bot.Span{Min: 1950, Max: 1950, Unit: "hour", Source: "course"}
	rt.Steps[1].Cost = bot.Span{Min: 12.5, Max: 1299, Unit: "usd", Source: "exam"}
	pl := bot.BuildPlan(rt, bot.PlanProfile{Goal: "coding"})
	if pl.Steps[0].Duration != "1,950 hours [1]" || pl.Steps[1].Cost != "$12.5–$1,299 [2]" {
		t.Errorf("duration %q, cost %q", pl.Steps[0].Duration, pl.Steps[1].Cost)
	}
}
