package corpus

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Plan size bounds every starting point must get for every goal.
const (
	MinPlanSteps = 3
	MaxPlanSteps = 7
)

// pathLint collects the problems of one pathways file.
type pathLint struct {
	p       *Pathways
	courses map[string]bool
	used    map[string]bool // source keys cited
	probs   []Problem
}

func (l *pathLint) add(line int, format string, args ...any) {
	l.probs = append(l.probs, Problem{l.p.path, line, fmt.Sprintf(format, args...)})
}

// lintPathways checks references, citations and coverage of p.
func lintPathways(p *Pathways, courses []Course, asOfLine int) []Problem {
	l := &pathLint{p: p, courses: map[string]bool{}, used: map[string]bool{}}
	for _, c := range courses {
		l.courses[c.ID] = true
	}
	if !asOfPattern.MatchString(p.AsOf) {
		l.add(asOfLine, "as_of %q must be YYYY-MM", p.AsOf)
	}
	if p.FullTime.HoursPerYear <= 0 {
		l.add(p.FullTime.Line, "full_time: hours_per_year must be positive")
	}
	l.cited(p.FullTime.Line, "full_time note", p.FullTime.Note)
	l.lintSources()
	for id, c := range p.Credentials {
		if !idPattern.MatchString(id) || strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.Body) == "" {
			l.add(1, "credential %q needs a lower-case id, a name and a body", id)
		}
	}
	l.lintChoices("education", p.Educations)
	l.lintChoices("background", p.Backgrounds)
	l.lintSteps()
	l.lintGoals()
	if len(l.probs) == 0 { // coverage needs valid references
		l.lintCoverage()
	}
	for _, s := range p.Sources {
		if !l.used[s.Key] {
			l.add(p.sourceLines[s.Key], "source %q is never cited", s.Key)
		}
	}
	sort.SliceStable(l.probs, func(i, j int) bool { return l.probs[i].Line < l.probs[j].Line })
	return l.probs
}

// lintSources checks that there are sources; decodeSources checked their fields.
func (l *pathLint) lintSources() {
	if len(l.p.Sources) == 0 {
		l.add(1, "sources: at least one source is required")
	}
}

// cited checks that every sentence of text ends with a resolvable [^key] marker, and
// marks the keys used. An empty text is fine.
func (l *pathLint) cited(line int, what, text string) {
	claims, bad := splitClaims(text)
	for _, b := range bad {
		l.add(line, "%s: malformed source marker %q", what, b)
	}
	for _, c := range claims {
		if len(c.Keys) == 0 {
			l.add(line, "%s: sentence has no [^key] source: %q", what, truncate(c.Text, 60))
		}
		for _, k := range c.Keys {
			l.resolve(line, what, k)
		}
	}
}

// resolve checks one source key and marks it used.
func (l *pathLint) resolve(line int, what, key string) {
	if _, ok := l.p.Source(key); !ok {
		l.add(line, "%s: unresolved source key %q", what, key)
	}
	l.used[key] = true
}

func (l *pathLint) lintChoices(kind string, cs []PathwayChoice) {
	seen := map[string]bool{}
	if len(cs) == 0 {
		l.add(1, "%ss: at least one is required", kind)
	}
	for _, c := range cs {
		if !idPattern.MatchString(c.ID) || seen[c.ID] {
			l.add(c.Line, "%s id %q must be unique lower-case letters, digits and dashes", kind, c.ID)
		}
		seen[c.ID] = true
		if strings.TrimSpace(c.Label) == "" {
			l.add(c.Line, "%s %q: label is required", kind, c.ID)
		}
		l.holding(c.Line, kind+" "+c.ID+" implies", c.Implies)
	}
}

// holding checks the ids of a Holding.
func (l *pathLint) holding(line int, what string, h Holding) {
	l.refs(line, what, Condition{Education: h.Education, Credential: h.Credential})
}

// refs checks the education, credential and background ids of a condition.
func (l *pathLint) refs(line int, what string, c Condition) {
	for _, e := range c.Education {
		if _, ok := choice(l.p.Educations, e); !ok {
			l.add(line, "%s: unknown education id %q", what, e)
		}
	}
	for _, b := range c.Background {
		if _, ok := choice(l.p.Backgrounds, b); !ok {
			l.add(line, "%s: unknown background id %q", what, b)
		}
	}
	for _, cr := range c.Credential {
		if _, ok := l.p.Credentials[cr]; !ok {
			l.add(line, "%s: unknown credential id %q", what, cr)
		}
	}
}

func (l *pathLint) courseRefs(line int, what string, ids []string) {
	for _, id := range ids {
		if !l.courses[id] {
			l.add(line, "%s: unknown course id %q", what, id)
		}
	}
}

func (l *pathLint) lintSteps() {
	used := map[string]bool{}
	for _, g := range l.p.Goals {
		for _, r := range g.Routes {
			for _, id := range r.Steps {
				used[id] = true
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(l.p.Steps)) {
		s := l.p.Steps[id]
		what := "step " + id
		if !used[id] {
			l.add(s.Line, "%s is in no route", what)
		}
		if !idPattern.MatchString(id) || strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Detail) == "" {
			l.add(s.Line, "%s needs a lower-case id, a title and a detail", what)
		}
		l.cited(s.Line, what+" detail", s.Detail)
		if _, ok := l.p.Credentials[s.Credential]; s.Credential != "" && !ok {
			l.add(s.Line, "%s: unknown credential id %q", what, s.Credential)
		}
		l.holding(s.Line, what+" grants", s.Grants)
		for _, c := range s.Requires {
			l.refs(s.Line, what+" requires", c)
		}
		l.span(what+" duration", s.Duration, DurationUnits, s.Line)
		l.span(what+" cost", s.Cost, CostUnits, s.Line)
		l.courseRefs(s.Line, what, s.Courses)
	}
}

// span checks a duration or cost: a figure needs a unit and a source; no figure needs
// a note saying so.
func (l *pathLint) span(what string, s Span, units []string, fallback int) {
	line := s.Line
	if line == 0 {
		line = fallback
	}
	switch {
	case s.HasFigure():
		if s.Min < 0 || s.Min > s.Max {
			l.add(line, "%s: min %g and max %g are not a range", what, s.Min, s.Max)
		}
		if !slices.Contains(units, s.Unit) {
			l.add(line, "%s: unit %q is not one of %s", what, s.Unit, strings.Join(units, ", "))
		}
		if s.Source == "" {
			l.add(line, "%s: a figure needs a source key", what)
		} else {
			l.resolve(line, what, s.Source)
		}
	case strings.TrimSpace(s.Note) == "":
		l.add(line, "%s: give a figure with its source, or a note saying the sources have none", what)
	}
	_, keys, bad := ParseMarkers(s.Note)
	for _, k := range keys {
		l.resolve(line, what+" note", k)
	}
	for _, b := range bad {
		l.add(line, "%s note: malformed source marker %q", what, b)
	}
}

func (l *pathLint) lintGoals() {
	seen := map[string]bool{}
	if len(l.p.Goals) == 0 {
		l.add(1, "goals: at least one is required")
	}
	for _, g := range l.p.Goals {
		what := "goal " + g.ID
		if !idPattern.MatchString(g.ID) || seen[g.ID] || strings.TrimSpace(g.Label) == "" {
			l.add(g.Line, "%s needs a unique lower-case id and a label", what)
		}
		seen[g.ID] = true
		l.cited(g.Line, what+" remote", g.Remote)
		l.courseRefs(g.Line, what, g.Courses)
		if len(g.Routes) == 0 {
			l.add(g.Line, "%s has no routes", what)
		}
		for _, r := range g.Routes {
			l.lintRoute(what, r)
		}
	}
}

func (l *pathLint) lintRoute(goal string, r PathwayRoute) {
	what := goal + " route " + r.ID
	if strings.TrimSpace(r.ID) == "" || strings.TrimSpace(r.Title) == "" {
		l.add(r.Line, "%s needs an id and a title", what)
	}
	if n := len(r.Steps); n == 0 || n > MaxPlanSteps+2 {
		l.add(r.Line, "%s has %d steps", what, n)
	}
	for _, id := range r.Steps {
		if l.p.Steps[id] == nil {
			l.add(r.Line, "%s: unknown step id %q", what, id)
		}
	}
	for _, c := range r.When {
		l.refs(r.Line, what+" when", c)
	}
	for _, n := range r.Notes {
		l.cited(n.Line, what+" note", n.Text)
		for _, c := range n.When {
			l.refs(n.Line, what+" note when", c)
		}
	}
}

// lintCoverage checks that every starting point has a route of MinPlanSteps to
// MaxPlanSteps steps to every goal.
func (l *pathLint) lintCoverage() {
	for _, g := range l.p.Goals {
		for _, e := range l.p.Educations {
			for _, b := range l.p.Backgrounds {
				rt, err := l.p.Route(g.ID, Profile{Education: e.ID, Background: b.ID})
				switch {
				case err != nil:
					l.add(g.Line, "goal %s: no route for education %s and background %s", g.ID, e.ID, b.ID)
				case len(rt.Steps) < MinPlanSteps || len(rt.Steps) > MaxPlanSteps:
					l.add(g.Line, "goal %s, education %s, background %s: route %s has %d steps; a plan needs %d to %d",
						g.ID, e.ID, b.ID, rt.Route.ID, len(rt.Steps), MinPlanSteps, MaxPlanSteps)
				}
			}
		}
	}
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
