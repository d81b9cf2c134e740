package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
)

// pathways adapts the corpus's pathways.yaml to [bot.Pathways]: it resolves ids to
// labels, texts to cited claims, and course ids to catalog entries.
type pathways struct {
	p       *corpus.Pathways
	courses map[string]corpus.Course
	choices bot.PlanChoices
	sources map[string]bot.Source
	// Texts split into cited claims once, at start: steps by id, texts by content.
	steps  map[string]bot.RouteStep
	claims map[string][]bot.Claim
}

var _ bot.Pathways = (*pathways)(nil)

// newPathways returns the adapter for c, or nil when the corpus has no pathways.
func newPathways(c *corpus.Corpus) *pathways {
	if c.Pathways == nil {
		return nil
	}
	pw := &pathways{p: c.Pathways, courses: map[string]corpus.Course{}, choices: planChoicesOf(c.Pathways),
		sources: map[string]bot.Source{}, steps: map[string]bot.RouteStep{}, claims: map[string][]bot.Claim{}}
	for _, co := range c.Courses {
		pw.courses[co.ID] = co
	}
	for _, s := range c.Pathways.Sources {
		pw.sources[s.Key] = bot.Source{
			DocID: "pathways", ChunkID: "pathways#" + s.Key, Title: s.Title, Topic: "plan",
			URL: s.URL, AsOf: s.AsOf, Kind: s.Kind, Score: 1,
		}
	}
	pw.split(c.Pathways.FullTime.Note)
	for _, g := range c.Pathways.Goals {
		pw.split(g.Remote)
		for _, r := range g.Routes {
			for _, n := range r.Notes {
				pw.split(n.Text)
			}
		}
	}
	for id, s := range c.Pathways.Steps {
		pw.steps[id] = bot.RouteStep{
			Title: s.Title, Detail: pw.split(s.Detail), Credential: pw.credential(s.Credential),
			Duration: pw.span(s.Duration), Cost: pw.span(s.Cost),
		}
	}
	return pw
}

// split returns text's cited claims, splitting each text once.
func (pw *pathways) split(text string) []bot.Claim {
	if c, ok := pw.claims[text]; ok {
		return c
	}
	var out []bot.Claim
	for _, s := range corpus.SplitClaims(text) {
		out = append(out, bot.Claim{Text: s.Text, Keys: s.Keys})
	}
	pw.claims[text] = out
	return out
}

func (pw *pathways) span(s corpus.Span) bot.Span {
	return bot.Span{Min: s.Min, Max: s.Max, Unit: s.Unit, Source: s.Source, Note: pw.split(s.Note)}
}

// PlanChoices implements [bot.Pathways].
func (pw *pathways) PlanChoices() bot.PlanChoices { return pw.choices }

// Route implements [bot.Pathways].
func (pw *pathways) Route(_ context.Context, p bot.PlanProfile) (bot.Route, error) {
	rt, err := pw.p.Route(p.Goal, corpus.Profile{Education: p.Education, Background: p.Background})
	if errors.Is(err, corpus.ErrUnknownChoice) {
		return bot.Route{}, fmt.Errorf("%w: %w", bot.ErrUnknownChoice, err)
	}
	if err != nil {
		return bot.Route{}, err
	}
	out := bot.Route{
		Goal: bot.Choice{ID: rt.Goal.ID, Label: rt.Goal.Label}, Title: rt.Route.Title,
		Remote: pw.claims[rt.Goal.Remote], Sources: pw.sources,
		FullTimeHoursPerYear: pw.p.FullTime.HoursPerYear, FullTime: pw.claims[pw.p.FullTime.Note],
	}
	var courseIDs []string
	for _, s := range rt.Steps {
		out.Steps = append(out.Steps, pw.steps[s.ID])
		courseIDs = append(courseIDs, s.Courses...)
	}
	for _, s := range rt.Skipped {
		out.Skipped = append(out.Skipped, s.Title)
	}
	for _, n := range rt.Notes {
		out.Notes = append(out.Notes, pw.claims[n.Text])
	}
	seen := map[string]bool{}
	for _, id := range append(courseIDs, rt.Goal.Courses...) {
		if co, ok := pw.courses[id]; ok && !seen[id] {
			seen[id] = true
			out.Courses = append(out.Courses, toBotCourses([]corpus.Course{co})...)
		}
	}
	return out, nil
}

// credential names a credential id: "Name, Body".
func (pw *pathways) credential(id string) string {
	c, ok := pw.p.Credentials[id]
	if !ok {
		return ""
	}
	return c.Name + ", " + c.Body
}

// planChoices returns the plan forms' choices, or none when the corpus has no
// pathways (or cannot load: the router reports that). It reads only the choices,
// without building the whole adapter the router uses.
func (a *app) planChoices() bot.PlanChoices {
	c, err := a.corpus()
	if err != nil {
		return bot.PlanChoices{}
	}
	if c.Pathways == nil {
		return bot.PlanChoices{}
	}
	return planChoicesOf(c.Pathways)
}

// planChoicesOf lists p's goals, educations and backgrounds in file order.
func planChoicesOf(p *corpus.Pathways) bot.PlanChoices {
	var ch bot.PlanChoices
	for _, g := range p.Goals {
		ch.Goals = append(ch.Goals, bot.Choice{ID: g.ID, Label: g.Label})
	}
	for _, e := range p.Educations {
		ch.Educations = append(ch.Educations, bot.Choice{ID: e.ID, Label: e.Label})
	}
	for _, b := range p.Backgrounds {
		ch.Backgrounds = append(ch.Backgrounds, bot.Choice{ID: b.ID, Label: b.Label})
	}
	return ch
}
