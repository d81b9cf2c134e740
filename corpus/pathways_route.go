package corpus

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Errors of [Pathways.Route]; both are wrapped with the valid choices or the reason.
var (
	ErrUnknownChoice = errors.New("unknown choice")
	ErrNoRoute       = errors.New("no route")
)

// Profile is where a member starts: an education id and a background id.
type Profile struct {
	Education  string
	Background string
}

// Route is the way [Pathways.Route] chose for a profile.
type Route struct {
	Goal    PathwayGoal
	Route   PathwayRoute
	Steps   []*PathwayStep // the steps to take, in order
	Skipped []*PathwayStep // steps of the route the member has already done
	Notes   []PathwayNote  // the route's notes that apply to the starting point
}

// holdings is what a member holds at one point of a route.
type holdings struct {
	background string
	education  map[string]bool
	credential map[string]bool
	experience map[string]bool
}

func (h holdings) clone() holdings {
	return holdings{background: h.background, education: maps.Clone(h.education), credential: maps.Clone(h.credential), experience: maps.Clone(h.experience)}
}

func (h holdings) add(x Holding) {
	for _, e := range x.Education {
		h.education[e] = true
	}
	for _, c := range x.Credential {
		h.credential[c] = true
	}
	for _, e := range x.Experience {
		h.experience[e] = true
	}
}

// anyOf reports whether set holds one of want; an empty want matches.
func anyOf(set map[string]bool, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if set[w] {
			return true
		}
	}
	return false
}

// meets reports whether h satisfies every list of c.
func (h holdings) meets(c Condition) bool {
	return anyOf(h.education, c.Education) && anyOf(h.credential, c.Credential) &&
		anyOf(h.experience, c.Experience) && (len(c.Background) == 0 || slices.Contains(c.Background, h.background))
}

// meetsAny reports whether h satisfies one of cs; an empty cs matches.
func (h holdings) meetsAny(cs []Condition) bool {
	if len(cs) == 0 {
		return true
	}
	return slices.ContainsFunc(cs, h.meets)
}

// grants is everything completing s adds.
func (s *PathwayStep) grants() Holding {
	g := s.Grants
	if s.Credential != "" {
		g.Credential = append(slices.Clone(g.Credential), s.Credential)
	}
	return g
}

// done reports whether h already holds everything s grants; a step that grants
// nothing is never done.
func (h holdings) done(s *PathwayStep) bool {
	g := s.grants()
	if len(g.Education)+len(g.Credential)+len(g.Experience) == 0 {
		return false
	}
	all := func(set map[string]bool, want []string) bool {
		return !slices.ContainsFunc(want, func(w string) bool { return !set[w] })
	}
	return all(h.education, g.Education) && all(h.credential, g.Credential) && all(h.experience, g.Experience)
}

// start returns what a member with pr holds before any step.
func (p *Pathways) start(pr Profile) (holdings, error) {
	edu, ok := choice(p.Educations, pr.Education)
	if !ok {
		return holdings{}, fmt.Errorf("education %q: %w; choose one of %s", pr.Education, ErrUnknownChoice, strings.Join(p.EducationIDs(), ", "))
	}
	bg, ok := choice(p.Backgrounds, pr.Background)
	if !ok {
		return holdings{}, fmt.Errorf("background %q: %w; choose one of %s", pr.Background, ErrUnknownChoice, strings.Join(p.BackgroundIDs(), ", "))
	}
	h := holdings{background: bg.ID, education: map[string]bool{edu.ID: true}, credential: map[string]bool{}, experience: map[string]bool{}}
	h.add(edu.Implies)
	h.add(bg.Implies)
	return h, nil
}

// Route returns the way from pr to goal: the first route of the goal offered to the
// starting point whose steps the member can take in order, each step's Requires met
// by the starting point plus what earlier steps grant. Steps whose grants the member
// already holds are skipped. An unknown goal, education or background is an error
// wrapping [ErrUnknownChoice] and naming the valid ids; a goal with no route for the
// starting point wraps [ErrNoRoute].
func (p *Pathways) Route(goal string, pr Profile) (Route, error) {
	g, ok := p.Goal(goal)
	if !ok {
		return Route{}, fmt.Errorf("goal %q: %w; choose one of %s", goal, ErrUnknownChoice, strings.Join(p.GoalIDs(), ", "))
	}
	start, err := p.start(pr)
	if err != nil {
		return Route{}, err
	}
	for _, r := range g.Routes {
		if !start.meetsAny(r.When) {
			continue
		}
		if out, ok := p.walk(g, r, start); ok {
			return out, nil
		}
	}
	return Route{}, fmt.Errorf("goal %q from education %q and background %q: %w", goal, pr.Education, pr.Background, ErrNoRoute)
}

// walk follows r from start; ok is false when a step's Requires cannot be met.
func (p *Pathways) walk(g PathwayGoal, r PathwayRoute, start holdings) (Route, bool) {
	out := Route{Goal: g, Route: r}
	h := start.clone()
	for _, id := range r.Steps {
		s := p.Steps[id]
		switch {
		case s == nil || !h.meetsAny(s.Requires):
			return Route{}, false
		case h.done(s):
			out.Skipped = append(out.Skipped, s)
		default:
			out.Steps = append(out.Steps, s)
			h.add(s.grants())
		}
	}
	for _, n := range r.Notes {
		if start.meetsAny(n.When) {
			out.Notes = append(out.Notes, n)
		}
	}
	return out, len(out.Steps) > 0
}

// Eligible reports whether every step of rt can be taken in order by a member
// starting at pr: the invariant [Pathways.Route] keeps, exported for tests.
func (p *Pathways) Eligible(pr Profile, rt Route) bool {
	h, err := p.start(pr)
	if err != nil {
		return false
	}
	for _, s := range rt.Steps {
		if !h.meetsAny(s.Requires) {
			return false
		}
		h.add(s.grants())
	}
	return true
}
