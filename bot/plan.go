package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// CommandPlan asks for a personal, cited route to a goal. Args: ArgGoal,
// ArgEducation, ArgBackground (ids or labels of [PlanChoices]), ArgHoursPerWeek
// (optional, 1–80) and ArgRemote (optional yes/no). ArgShare "yes" asks for the
// public version of the plan (the Share in channel button).
const CommandPlan = "plan"

// Plan argument names.
const (
	ArgGoal         = "goal"
	ArgEducation    = "education"
	ArgBackground   = "background"
	ArgHoursPerWeek = "hours_per_week"
	ArgRemote       = "remote"
	ArgShare        = "share"
)

// ActionSharePlan is the Share in channel button under a private plan; its Value is
// [EncodePlanProfile] of the plan's profile.
const ActionSharePlan = "plan_share"

// MaxHoursPerWeek bounds the study hours a member may give.
const MaxHoursPerWeek = 80

// ErrUnknownChoice is wrapped by [Pathways.Route] for a goal, education or
// background that is not one of [PlanChoices].
var ErrUnknownChoice = errors.New("unknown choice")

// Choice is one option of a plan form.
type Choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// PlanChoices are the valid values of a plan's goal, education and background, in
// presentation order.
type PlanChoices struct {
	Goals       []Choice `json:"goals"`
	Educations  []Choice `json:"educations"`
	Backgrounds []Choice `json:"backgrounds"`
}

// PlanProfile is what a member tells the planner.
type PlanProfile struct {
	Goal         string `json:"goal"`
	Education    string `json:"education"`
	Background   string `json:"background"`
	HoursPerWeek int    `json:"hours_per_week,omitempty"` // 0: not given
	Remote       bool   `json:"remote"`
}

// Claim is one sentence and the keys of the source pages it comes from.
type Claim struct {
	Text string
	Keys []string
}

// Span is a step's duration or cost: a range with a unit (hour, week, month, year
// or usd) and the key of its source, or no figure and only a note.
type Span struct {
	Min, Max float64
	Unit     string
	Source   string
	Note     []Claim
}

// RouteStep is one step of a [Route], as the corpus states it.
type RouteStep struct {
	Title      string
	Detail     []Claim
	Credential string // "Certified Coding Associate (CCA), AHIMA"; "" when none
	Duration   Span
	Cost       Span
}

// Route is the way from a starting point to a goal, from the corpus's pathways.
type Route struct {
	Goal    Choice
	Title   string
	Steps   []RouteStep
	Skipped []string  // titles of the route's steps the member has already done
	Notes   [][]Claim // remarks on the route that apply to the starting point
	Remote  []Claim   // what the sources say about remote work toward the goal; may be empty
	Courses []Course  // catalog entries that prepare for the steps, best first
	// Sources resolves every key the route cites; N is left 0.
	Sources map[string]Source
	// FullTimeHoursPerYear converts hour-based steps at full-time pace; FullTime cites it.
	FullTimeHoursPerYear float64
	FullTime             []Claim
}

// Pathways gives the planner the corpus's routes. cmd/careerbot adapts the corpus;
// implementations are safe for concurrent use.
type Pathways interface {
	// PlanChoices lists the valid goals, educations and backgrounds.
	PlanChoices() PlanChoices
	// Route returns the route for p's goal from p's starting point. An unknown id
	// wraps ErrUnknownChoice; any other error means no route could be found.
	Route(ctx context.Context, p PlanProfile) (Route, error)
}

// PlanPhraser rewrites a plan's step texts in friendlier words. Each line of
// lines is one step with its citation markers [n]; the result has as many lines,
// each keeping every marker of its line, or an error (the extractive text is then
// used). cmd/careerbot adapts the LLM client; nil means extractive only.
type PlanPhraser interface {
	PhraseSteps(ctx context.Context, goal string, lines []string) ([]string, error)
}

// EncodePlanProfile packs p into a short button value:
// "goal|education|background|hours|remote".
func EncodePlanProfile(p PlanProfile) string {
	remote := "0"
	if p.Remote {
		remote = "1"
	}
	return strings.Join([]string{p.Goal, p.Education, p.Background, strconv.Itoa(p.HoursPerWeek), remote}, "|")
}

// PlanArgs returns the Request.Args of a plan for a button value made by
// [EncodePlanProfile]; ok is false for a malformed value.
func PlanArgs(value string) (args map[string]string, ok bool) {
	f := strings.Split(value, "|")
	if len(f) != 5 {
		return nil, false
	}
	args = map[string]string{ArgGoal: f[0], ArgEducation: f[1], ArgBackground: f[2], ArgRemote: "no"}
	if f[3] != "0" {
		args[ArgHoursPerWeek] = f[3]
	}
	if f[4] == "1" {
		args[ArgRemote] = "yes"
	}
	return args, true
}

// MatchChoice finds the choice an answer names: its id or label, in any case, or
// the one choice whose id or label starts with it. ok is false when none or several
// match.
func MatchChoice(answer string, choices []Choice) (Choice, bool) {
	a := strings.ToLower(strings.Join(strings.Fields(answer), " "))
	if a == "" {
		return Choice{}, false
	}
	var prefix []Choice
	for _, c := range choices {
		id, label := strings.ToLower(c.ID), strings.ToLower(c.Label)
		if a == id || a == label {
			return c, true
		}
		if strings.HasPrefix(id, a) || strings.HasPrefix(label, a) {
			prefix = append(prefix, c)
		}
	}
	if len(prefix) == 1 {
		return prefix[0], true
	}
	return Choice{}, false
}

// ChoiceIDs lists the ids of cs.
func ChoiceIDs(cs []Choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// parseYes reads a yes/no answer; ok is false when it is neither.
func parseYes(s string) (yes, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "n", "false", "0", "off":
		return false, true
	case "yes", "y", "true", "1", "on":
		return true, true
	}
	return false, false
}

// ParsePlanProfile reads a plan's arguments against the valid choices. Every
// problem is reported in one message naming the valid values, fit to show a member
// or print for a bad command line.
func ParsePlanProfile(args map[string]string, ch PlanChoices) (PlanProfile, error) {
	var p PlanProfile
	var probs []string
	pick := func(arg, what string, cs []Choice, dst *string) {
		v := strings.TrimSpace(args[arg])
		c, ok := MatchChoice(v, cs)
		if !ok {
			shown, _ := RedactPHI(truncateRunes(v, 40)) // free text from a form: never echo identifiers
			probs = append(probs, fmt.Sprintf("%s %q is not one of: %s", what, shown, strings.Join(ChoiceIDs(cs), ", ")))
			return
		}
		*dst = c.ID
	}
	pick(ArgGoal, "goal", ch.Goals, &p.Goal)
	pick(ArgEducation, "education", ch.Educations, &p.Education)
	pick(ArgBackground, "background", ch.Backgrounds, &p.Background)
	if h := strings.TrimSpace(args[ArgHoursPerWeek]); h != "" {
		n, err := strconv.Atoi(h)
		if err != nil || n < 1 || n > MaxHoursPerWeek {
			shown, _ := RedactPHI(truncateRunes(h, 20))
			probs = append(probs, fmt.Sprintf("hours a week %q must be a whole number from 1 to %d", shown, MaxHoursPerWeek))
		}
		p.HoursPerWeek = n
	}
	remote, ok := parseYes(args[ArgRemote])
	if !ok {
		shown, _ := RedactPHI(truncateRunes(args[ArgRemote], 20))
		probs = append(probs, fmt.Sprintf("remote %q must be yes or no", shown))
	}
	p.Remote = remote
	if len(probs) > 0 {
		return PlanProfile{}, errors.New(strings.Join(probs, "; ") + ".")
	}
	return p, nil
}
