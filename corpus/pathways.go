package corpus

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// PathwaysFile is the corpus file holding career routes; it is optional, and a corpus
// without it has no plans.
const PathwaysFile = "pathways.yaml"

// Pathways is pathways.yaml: how a member gets from a starting point (education and
// background) to a goal, step by step, with every claim cited. The ids of goals,
// educations, backgrounds, credentials and steps are data: code never names them.
//
// Step texts cite sources with [^key] markers that resolve to Sources. A step's
// Requires says who may take it; its Grants (and Credential) say what holding it adds.
// [Pathways.Route] picks, for a profile, the first route of the goal whose steps the
// profile can take in order.
type Pathways struct {
	AsOf     string `yaml:"as_of"`
	FullTime struct {
		// HoursPerYear converts effort hours into full-time calendar time.
		HoursPerYear float64 `yaml:"hours_per_year"`
		Note         string  `yaml:"note"` // cited sentence saying where the figure comes from
		Line         int     `yaml:"-"`
	} `yaml:"full_time"`
	Sources     []Source                     `yaml:"-"` // the sources map, in file order
	Credentials map[string]PathwayCredential `yaml:"credentials"`
	Educations  []PathwayChoice              `yaml:"educations"`
	Backgrounds []PathwayChoice              `yaml:"backgrounds"`
	Goals       []PathwayGoal                `yaml:"goals"`
	Steps       map[string]*PathwayStep      `yaml:"steps"`

	path        string         // file name, for problems
	sourceLines map[string]int // line of each source key
}

// Source returns the source with key.
func (p *Pathways) Source(key string) (Source, bool) {
	for _, s := range p.Sources {
		if s.Key == key {
			return s, true
		}
	}
	return Source{}, false
}

// PathwayCredential names a credential a step earns.
type PathwayCredential struct {
	Name string `yaml:"name"` // e.g. "Certified Coding Associate (CCA)"
	Body string `yaml:"body"` // e.g. "AHIMA"
}

// PathwayChoice is one education level or background a member can pick.
type PathwayChoice struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	// Implies lists what picking this choice means the member already holds, e.g. an
	// associate degree implies a high-school diploma, a coding job implies coding
	// experience.
	Implies Holding `yaml:"implies"`
	Line    int     `yaml:"-"`
}

// UnmarshalYAML decodes a choice and records its line.
func (c *PathwayChoice) UnmarshalYAML(n *yaml.Node) error {
	type plain PathwayChoice
	return decodeLined(n, (*plain)(c), &c.Line)
}

// Holding is a set of things a member holds: education ids, credential ids and
// experience ids.
type Holding struct {
	Education  []string `yaml:"education"`
	Credential []string `yaml:"credential"`
	Experience []string `yaml:"experience"`
}

// Condition is one way to meet a rule: every non-empty list must match (the member
// holds at least one of its ids). Background matches the member's starting
// background. An empty Condition always matches.
type Condition struct {
	Education  []string `yaml:"education"`
	Credential []string `yaml:"credential"`
	Experience []string `yaml:"experience"`
	Background []string `yaml:"background"`
}

// PathwayGoal is one job a member can aim at.
type PathwayGoal struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	// Remote is a cited note shown when the member wishes to work remotely.
	Remote string `yaml:"remote"`
	// Courses are catalog ids suggested when the steps suggest too few.
	Courses []string       `yaml:"courses"`
	Routes  []PathwayRoute `yaml:"routes"`
	Line    int            `yaml:"-"`
}

// UnmarshalYAML decodes a goal and records its line.
func (g *PathwayGoal) UnmarshalYAML(n *yaml.Node) error {
	type plain PathwayGoal
	return decodeLined(n, (*plain)(g), &g.Line)
}

// PathwayRoute is one ordered way to a goal.
type PathwayRoute struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// When limits the starting points the route is offered to; any of its
	// conditions must match the starting point. Empty means every starting point.
	When  []Condition   `yaml:"when"`
	Steps []string      `yaml:"steps"` // step ids, in order
	Notes []PathwayNote `yaml:"notes"`
	Line  int           `yaml:"-"`
}

// UnmarshalYAML decodes a route and records its line.
func (r *PathwayRoute) UnmarshalYAML(n *yaml.Node) error {
	type plain PathwayRoute
	return decodeLined(n, (*plain)(r), &r.Line)
}

// PathwayNote is an honest remark on a route, shown when any of When matches the
// starting point (always when When is empty). Text is cited.
type PathwayNote struct {
	Text string      `yaml:"text"`
	When []Condition `yaml:"when"`
	Line int         `yaml:"-"`
}

// UnmarshalYAML decodes a note and records its line.
func (nt *PathwayNote) UnmarshalYAML(n *yaml.Node) error {
	type plain PathwayNote
	return decodeLined(n, (*plain)(nt), &nt.Line)
}

// PathwayStep is one step of a route.
type PathwayStep struct {
	ID         string   `yaml:"-"`
	Title      string   `yaml:"title"`
	Detail     string   `yaml:"detail"`     // one or two cited sentences
	Credential string   `yaml:"credential"` // credential id the step earns, or ""
	Grants     Holding  `yaml:"grants"`     // what completing the step adds besides Credential
	Duration   Span     `yaml:"duration"`
	Cost       Span     `yaml:"cost"`
	Courses    []string `yaml:"courses"` // catalog ids that prepare for the step
	// Requires: any one condition must hold before the step; empty means anyone.
	Requires []Condition `yaml:"requires"`
	Line     int         `yaml:"-"`
}

// UnmarshalYAML decodes a step and records its line.
func (s *PathwayStep) UnmarshalYAML(n *yaml.Node) error {
	type plain PathwayStep
	return decodeLined(n, (*plain)(s), &s.Line)
}

// Span is a duration or a cost: a range with a unit and the source of the figure,
// or, when the sources give no figure, only a note saying so.
type Span struct {
	Min    float64 `yaml:"min"`
	Max    float64 `yaml:"max"`
	Unit   string  `yaml:"unit"`   // durations: hour | week | month | year; costs: usd
	Source string  `yaml:"source"` // key of the page the figure comes from
	Note   string  `yaml:"note"`   // what the range covers, or why there is no figure
	Line   int     `yaml:"-"`
}

// UnmarshalYAML decodes a span and records its line.
func (s *Span) UnmarshalYAML(n *yaml.Node) error {
	type plain Span
	return decodeLined(n, (*plain)(s), &s.Line)
}

// decodeLined decodes n into v and records n's line in line: the body of the
// UnmarshalYAML methods that keep lines for lint messages.
func decodeLined[T any](n *yaml.Node, v *T, line *int) error {
	if err := n.Decode(v); err != nil {
		return err
	}
	*line = n.Line
	return nil
}

// HasFigure reports whether the span states a figure.
func (s Span) HasFigure() bool { return s.Max > 0 }

// Duration and cost units.
var (
	DurationUnits = []string{"hour", "week", "month", "year"}
	CostUnits     = []string{"usd"}
)

// SplitClaims splits cited text into sentences, each with the keys of its [^key]
// markers, as section bodies are split.
func SplitClaims(text string) []Claim {
	claims, _ := splitClaims(text)
	return claims
}

// splitClaims is SplitClaims that also returns the malformed markers.
func splitClaims(text string) (claims []Claim, bad []string) {
	text = strings.Join(strings.Fields(text), " ")
	for _, span := range sentenceSpans(text) {
		clean, keys, b := ParseMarkers(text[span[0]:span[1]])
		clean = strings.TrimSpace(clean)
		bad = append(bad, b...)
		if clean != "" || len(keys) > 0 {
			claims = append(claims, Claim{Text: clean, Keys: keys})
		}
	}
	return claims, bad
}

// ParsePathways parses and validates pathways.yaml against the course catalog. It
// returns every problem found; the pathways are usable only when there are none. It
// never panics.
func ParsePathways(name string, data []byte, courses []Course) (*Pathways, []Problem) {
	p := &Pathways{path: name, sourceLines: map[string]int{}}
	m, probs := decodeMapping(name, data, p, "pathways.yaml must be a mapping",
		"as_of", "full_time", "sources", "credentials", "educations", "backgrounds", "goals", "steps")
	if m == nil {
		return nil, probs
	}
	srcNode := valueNode(m, "sources")
	srcs, legacy, sp := decodeSources(name, srcNode, 0, p.AsOf)
	if legacy {
		sp = append(sp, Problem{name, srcNode.Line, "sources must map keys to pages (key: {url, title, as_of, kind})"})
	}
	p.Sources, probs = srcs, append(probs, sp...)
	for _, s := range srcs {
		p.sourceLines[s.Key] = keyLine(srcNode, s.Key, 1)
	}
	p.FullTime.Line = keyLine(m, "full_time", 1)
	for id, s := range p.Steps {
		if s == nil {
			probs = append(probs, Problem{name, keyLine(m, "steps", 1), fmt.Sprintf("step %q is empty", id)})
			delete(p.Steps, id)
			continue
		}
		s.ID = id
	}
	probs = append(probs, lintPathways(p, courses, keyLine(m, "as_of", 1))...)
	if len(probs) > 0 {
		return nil, probs
	}
	return p, nil
}

// Goal returns the goal with id.
func (p *Pathways) Goal(id string) (PathwayGoal, bool) {
	for _, g := range p.Goals {
		if g.ID == id {
			return g, true
		}
	}
	return PathwayGoal{}, false
}

// choice returns the choice with id from cs.
func choice(cs []PathwayChoice, id string) (PathwayChoice, bool) {
	for _, c := range cs {
		if c.ID == id {
			return c, true
		}
	}
	return PathwayChoice{}, false
}

// ids lists the ids of cs.
func ids(cs []PathwayChoice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// EducationIDs, BackgroundIDs and GoalIDs list the valid choices in file order.
func (p *Pathways) EducationIDs() []string  { return ids(p.Educations) }
func (p *Pathways) BackgroundIDs() []string { return ids(p.Backgrounds) }

// GoalIDs lists the goal ids in file order.
func (p *Pathways) GoalIDs() []string {
	out := make([]string, len(p.Goals))
	for i, g := range p.Goals {
		out[i] = g.ID
	}
	return out
}
