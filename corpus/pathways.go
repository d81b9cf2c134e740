package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
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
	Sources     PathwaySources               `yaml:"sources"`
	Credentials map[string]PathwayCredential `yaml:"credentials"`
	Educations  []PathwayChoice              `yaml:"educations"`
	Backgrounds []PathwayChoice              `yaml:"backgrounds"`
	Goals       []PathwayGoal                `yaml:"goals"`
	Steps       map[string]*PathwayStep      `yaml:"steps"`

	path string // file name, for problems
}

// PathwaySource is one page a pathway claim comes from.
type PathwaySource struct {
	Key   string `yaml:"-"`
	URL   string `yaml:"url"`
	Title string `yaml:"title"`
	AsOf  string `yaml:"as_of"` // YYYY-MM: when the page was read
	Kind  string `yaml:"kind"`  // primary | secondary | dated
	Line  int    `yaml:"-"`
}

// SourceKinds are the allowed values of a source's kind.
var SourceKinds = []string{"primary", "secondary", "dated"}

// PathwaySources is the sources map in file order.
type PathwaySources []PathwaySource

// UnmarshalYAML decodes a key → source mapping, keeping the order and lines.
func (ps *PathwaySources) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: sources must be a mapping of key to source", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		var s PathwaySource
		if err := n.Content[i+1].Decode(&s); err != nil {
			return err
		}
		s.Key, s.Line = n.Content[i].Value, n.Content[i].Line
		*ps = append(*ps, s)
	}
	return nil
}

// Source returns the source with key.
func (p *Pathways) Source(key string) (PathwaySource, bool) {
	for _, s := range p.Sources {
		if s.Key == key {
			return s, true
		}
	}
	return PathwaySource{}, false
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
	if err := n.Decode((*plain)(c)); err != nil {
		return err
	}
	c.Line = n.Line
	return nil
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
	if err := n.Decode((*plain)(g)); err != nil {
		return err
	}
	g.Line = n.Line
	return nil
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
	if err := n.Decode((*plain)(r)); err != nil {
		return err
	}
	r.Line = n.Line
	return nil
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
	if err := n.Decode((*plain)(nt)); err != nil {
		return err
	}
	nt.Line = n.Line
	return nil
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
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.Line = n.Line
	return nil
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
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.Line = n.Line
	return nil
}

// HasFigure reports whether the span states a figure.
func (s Span) HasFigure() bool { return s.Max > 0 }

// Duration and cost units.
var (
	DurationUnits = []string{"hour", "week", "month", "year"}
	CostUnits     = []string{"usd"}
)

// citeMarker matches a [^key] source marker.
var citeMarker = regexp.MustCompile(`\[\^([a-z0-9][a-z0-9-]*)\]`)

// CiteKeys returns the source keys cited in text with [^key] markers, in order of
// first use.
func CiteKeys(text string) []string {
	var keys []string
	seen := map[string]bool{}
	for _, m := range citeMarker.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			keys = append(keys, m[1])
		}
	}
	return keys
}

// ReplaceCites rewrites every [^key] marker of text with repl(key).
func ReplaceCites(text string, repl func(key string) string) string {
	return citeMarker.ReplaceAllStringFunc(text, func(m string) string { return repl(m[2 : len(m)-1]) })
}

// ParsePathways parses and validates pathways.yaml against the course catalog. It
// returns every problem found; the pathways are usable only when there are none. It
// never panics.
func ParsePathways(name string, data []byte, courses []Course) (*Pathways, []Problem) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []Problem{yamlProblem(name, 0, err)}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, []Problem{{name, 1, "pathways.yaml must be a mapping"}}
	}
	m := root.Content[0]
	probs := unknownKeys(name, m, 0, "as_of", "full_time", "sources", "credentials", "educations", "backgrounds", "goals", "steps")
	p := &Pathways{path: name}
	if err := m.Decode(p); err != nil {
		return nil, append(probs, yamlProblem(name, 0, err))
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

// sentenceEnd matches a sentence: text up to a full stop, question or exclamation
// mark, its trailing [^key] markers, and the space after it.
var sentenceEnd = regexp.MustCompile(`(?s).*?[.!?](?:\[\^[a-z0-9-]+\])*(?:\s+|$)`)

// sentences splits cited text into sentences, each with its trailing markers. Text
// after the last full stop counts as a sentence of its own.
func sentences(text string) []string {
	text = strings.TrimSpace(text)
	var out []string
	for _, s := range sentenceEnd.FindAllString(text, -1) {
		out = append(out, strings.TrimSpace(s))
		text = strings.TrimPrefix(text, s)
	}
	if strings.TrimSpace(text) != "" {
		out = append(out, strings.TrimSpace(text))
	}
	return out
}

// loadPathways reads pathways.yaml into c when fsys has it; a corpus without the
// file has no plans. The course catalog must already be in c.
func loadPathways(fsys fs.FS, c *Corpus) []Problem {
	if _, err := fs.Stat(fsys, PathwaysFile); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	data, p := readFile(fsys, PathwaysFile)
	if p != nil {
		return []Problem{*p}
	}
	pw, probs := ParsePathways(PathwaysFile, data, c.Courses)
	c.Pathways = pw
	return probs
}

// CitedSentence is one sentence of cited text, its [^key] markers removed and their
// keys kept in order.
type CitedSentence struct {
	Text string
	Keys []string
}

// CitedSentences splits text into sentences with their source keys.
func CitedSentences(text string) []CitedSentence {
	var out []CitedSentence
	for _, s := range sentences(text) {
		t := strings.TrimSpace(citeMarker.ReplaceAllString(s, ""))
		if t != "" {
			out = append(out, CitedSentence{Text: t, Keys: CiteKeys(s)})
		}
	}
	return out
}
