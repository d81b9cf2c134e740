package bottest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// FakePathways is a [bot.Pathways] with two goals and a fixed, cited route each,
// for tests of the planner and of the plan forms. It records the profiles asked.
type FakePathways struct {
	mu    sync.Mutex
	asked []bot.PlanProfile
}

var _ bot.Pathways = (*FakePathways)(nil)

// PlanChoices implements [bot.Pathways].
func (f *FakePathways) PlanChoices() bot.PlanChoices {
	return bot.PlanChoices{
		Goals:       []bot.Choice{{ID: "coding", Label: "Medical coder"}, {ID: "rhit", Label: "Registered Health Information Technician (RHIT)"}},
		Educations:  []bot.Choice{{ID: "none", Label: "No diploma yet"}, {ID: "high-school", Label: "High-school diploma or GED"}},
		Backgrounds: []bot.Choice{{ID: "none", Label: "No work experience yet"}, {ID: "billing", Label: "Medical billing"}},
	}
}

// Route implements [bot.Pathways]: three cited steps, the first of them hour-based.
func (f *FakePathways) Route(_ context.Context, p bot.PlanProfile) (bot.Route, error) {
	f.mu.Lock()
	f.asked = append(f.asked, p)
	f.mu.Unlock()
	var goal bot.Choice
	for _, g := range f.PlanChoices().Goals {
		if g.ID == p.Goal {
			goal = g
		}
	}
	if goal.ID == "" {
		return bot.Route{}, fmt.Errorf("goal %q: %w", p.Goal, bot.ErrUnknownChoice)
	}
	src := func(key string) bot.Source {
		return bot.Source{DocID: "pathways", ChunkID: "pathways#" + key, Title: "Page " + key, URL: "https://example.org/" + key, AsOf: "2026-01", Kind: "primary"}
	}
	return bot.Route{
		Goal: goal, Title: "A test route to " + goal.Label,
		Steps: []bot.RouteStep{
			{Title: "Take an 80-hour course", Detail: []bot.Claim{{Text: "The course is 80 hours.", Keys: []string{"course"}}},
				Duration: bot.Span{Min: 80, Max: 80, Unit: "hour", Source: "course"}, Cost: bot.Span{Note: []bot.Claim{{Text: "No price in the sources."}}}},
			{Title: "Pass the exam", Detail: []bot.Claim{{Text: "The exam costs $199 to $299.", Keys: []string{"exam"}}},
				Credential: "Test Credential (TC), Body", Cost: bot.Span{Min: 199, Max: 299, Unit: "usd", Source: "exam"},
				Duration: bot.Span{Note: []bot.Claim{{Text: "No time figure."}}}},
			{Title: "Work a year", Detail: []bot.Claim{{Text: "Employers want a year of work.", Keys: []string{"work", "exam"}}},
				Duration: bot.Span{Min: 1, Max: 1, Unit: "year", Source: "work"}, Cost: bot.Span{Note: []bot.Claim{{Text: "Paid work."}}}},
		},
		Notes:                [][]bot.Claim{{{Text: "Work experience alone does not qualify.", Keys: []string{"exam"}}}},
		Remote:               []bot.Claim{{Text: "New workers seldom start remotely.", Keys: []string{"remote"}}},
		Courses:              []bot.Course{{ID: "c1", Title: "Course one", URL: "https://example.org/c1"}, {ID: "c2", Title: "Course two", URL: "https://example.org/c2"}},
		Sources:              map[string]bot.Source{"course": src("course"), "exam": src("exam"), "work": src("work"), "remote": src("remote"), "fulltime": src("fulltime")},
		FullTimeHoursPerYear: 1950, FullTime: []bot.Claim{{Text: "A full-time year is 1,950 hours.", Keys: []string{"fulltime"}}},
	}, nil
}

// Asked returns the profiles Route was called with.
func (f *FakePathways) Asked() []bot.PlanProfile {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.PlanProfile(nil), f.asked...)
}

// NewRouter returns the real core over a FakeKnowledge and a memory store: what the
// adapters' tests of the core's own behaviour (such as dropping a replay) talk to.
func NewRouter(tb testing.TB) (*bot.Router, *FakeKnowledge) {
	tb.Helper()
	know := &FakeKnowledge{}
	r, err := bot.NewRouter(bot.RouterConfig{Knowledge: know, Store: bot.NewMemoryStore()})
	if err != nil {
		tb.Fatal(err)
	}
	return r, know
}

// NewPlanRouter returns the real core over a FakePathways, a FakeKnowledge and a
// memory store: what the adapters' plan tests talk to.
func NewPlanRouter(tb testing.TB) (*bot.Router, *FakePathways, *FakeKnowledge) {
	tb.Helper()
	paths, know := &FakePathways{}, &FakeKnowledge{}
	r, err := bot.NewRouter(bot.RouterConfig{Knowledge: know, Store: bot.NewMemoryStore(), Pathways: paths})
	if err != nil {
		tb.Fatal(err)
	}
	return r, paths, know
}
