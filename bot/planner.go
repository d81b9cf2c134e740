package bot

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Plan bounds.
const (
	maxPlanCourses = 3
	weeksPerYear   = 52.0
)

// Plan is a member's route to a goal, ready to show: steps and notes cite Sources
// as [n], one number per source page.
type Plan struct {
	Profile PlanProfile
	Goal    Choice
	Route   string // the route's title
	Steps   []PlanStep
	Total   string // "about 1–2 years", or "" when no step has a time figure
	// TotalNote says what the total counts and how it was adjusted for the hours a week.
	TotalNote string
	Notes     []string
	Sources   []Source
	Courses   []Course
	Mode      string // "extractive" or "llm"
}

// PlanStep is one step of a [Plan]. Duration and Cost are "" when the sources give no
// figure; their notes then say so.
type PlanStep struct {
	N            int    `json:"n"`
	Title        string `json:"title"`
	Detail       string `json:"detail"`
	Duration     string `json:"duration"`
	DurationNote string `json:"duration_note,omitempty"`
	Cost         string `json:"cost"`
	CostNote     string `json:"cost_note,omitempty"`
	Credential   string `json:"credential"`
}

// citer numbers source pages in order of first citation: keys that name the same
// URL share one number, since [n] names a page.
type citer struct {
	byKey   map[string]Source
	num     map[string]int // by URL
	sources []Source
}

// cite returns the marker of key, numbering its page on first use; "" for a key the
// route does not resolve.
func (c *citer) cite(key string) string {
	s, ok := c.byKey[key]
	if !ok {
		return ""
	}
	if n, ok := c.num[s.URL]; ok {
		return "[" + strconv.Itoa(n) + "]"
	}
	s.N = len(c.sources) + 1
	c.num[s.URL] = s.N
	c.sources = append(c.sources, s)
	return "[" + strconv.Itoa(s.N) + "]"
}

// text renders claims as sentences, each followed by its markers.
func (c *citer) text(claims []Claim) string {
	parts := make([]string, 0, len(claims))
	for _, cl := range claims {
		var b strings.Builder
		b.WriteString(strings.TrimSpace(cl.Text))
		seen := map[string]bool{}
		for _, k := range cl.Keys {
			if m := c.cite(k); !seen[m] {
				seen[m] = true
				b.WriteString(m)
			}
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, " ")
}

// BuildPlan turns a route into a plan for p: numbered, cited steps with durations,
// costs and credentials, a total time adjusted for p's hours a week where the
// sources give hours, notes (skipped steps, the route's remarks, remote work), and
// two or three courses.
func BuildPlan(rt Route, p PlanProfile) Plan {
	c := &citer{byKey: rt.Sources, num: map[string]int{}}
	pl := Plan{Profile: p, Goal: rt.Goal, Route: rt.Title, Mode: "extractive"}
	for i, s := range rt.Steps {
		st := PlanStep{N: i + 1, Title: s.Title, Detail: c.text(s.Detail), Credential: s.Credential}
		st.Duration, st.DurationNote = spanText(c, s.Duration)
		st.Cost, st.CostNote = spanText(c, s.Cost)
		pl.Steps = append(pl.Steps, st)
	}
	pl.Total, pl.TotalNote = totalTime(c, rt, p.HoursPerWeek)
	if len(rt.Skipped) > 0 {
		pl.Notes = append(pl.Notes, "Already done from your starting point: "+strings.Join(rt.Skipped, "; ")+".")
	}
	for _, n := range rt.Notes {
		pl.Notes = append(pl.Notes, c.text(n))
	}
	if p.Remote {
		remote := c.text(rt.Remote)
		if remote == "" {
			remote = "The sources say nothing specific about remote work toward this goal."
		}
		pl.Notes = append(pl.Notes, "Remote work: "+remote)
	}
	pl.Courses = rt.Courses[:min(len(rt.Courses), maxPlanCourses)]
	pl.Sources = c.sources
	return pl
}

// spanText renders a duration or cost: the figure, cited, and its note.
func spanText(c *citer, s Span) (figure, note string) {
	note = c.text(s.Note)
	if s.Max <= 0 {
		return "", cmp.Or(note, "The sources give no figure.")
	}
	return rangeText(s.Min, s.Max, s.Unit) + " " + c.cite(s.Source), note
}

// rangeText writes "1–2 years", "80 hours", "$199–$299".
func rangeText(lo, hi float64, unit string) string {
	num := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		whole, frac, _ := strings.Cut(s, ".")
		for i := len(whole) - 3; i > 0; i -= 3 { // 1950 → 1,950
			whole = whole[:i] + "," + whole[i:]
		}
		if frac != "" {
			return whole + "." + frac
		}
		return whole
	}
	if unit == "usd" {
		if lo == hi {
			return "$" + num(hi)
		}
		return "$" + num(lo) + "–$" + num(hi)
	}
	r := num(hi)
	if lo != hi {
		r = num(lo) + "–" + num(hi)
	}
	if hi != 1 {
		unit += "s"
	}
	return r + " " + unit
}

// monthsPer converts calendar units to months.
var monthsPer = map[string]float64{"year": 12, "month": 1, "week": 12 / weeksPerYear}

// totalTime adds the steps' time figures in months. Hour-based figures are
// converted at hoursPerWeek, or at full-time pace from the route's cited full-time
// year when hoursPerWeek is 0; calendar figures are added as the sources give them.
// The note says what was counted and how.
func totalTime(c *citer, rt Route, hoursPerWeek int) (total, note string) {
	var lo, hi float64
	var hourSteps, calendarSteps, blank int
	fullTime := rt.FullTimeHoursPerYear / weeksPerYear
	pace := float64(hoursPerWeek)
	if pace <= 0 {
		pace = fullTime
	}
	for _, s := range rt.Steps {
		d := s.Duration
		switch {
		case d.Max <= 0:
			blank++
		case d.Unit == "hour" && pace > 0:
			hourSteps++
			lo += d.Min / pace / weeksPerYear * 12
			hi += d.Max / pace / weeksPerYear * 12
		case monthsPer[d.Unit] > 0:
			calendarSteps++
			lo += d.Min * monthsPer[d.Unit]
			hi += d.Max * monthsPer[d.Unit]
		default:
			blank++
		}
	}
	if hi <= 0 {
		return "", "None of these steps has a time figure in the sources, so there is no total."
	}
	var parts []string
	switch {
	case hourSteps > 0 && hoursPerWeek > 0:
		parts = append(parts, fmt.Sprintf("Steps the sources give in hours were converted at your %d hours a week.", hoursPerWeek))
	case hourSteps > 0:
		parts = append(parts, fmt.Sprintf("Steps the sources give in hours were converted at a full-time %s hours a week: %s",
			strconv.FormatFloat(math.Round(fullTime*10)/10, 'f', -1, 64), c.text(rt.FullTime)))
	}
	if calendarSteps > 0 {
		msg := "Steps the sources give in weeks, months or years are counted as given"
		if hoursPerWeek > 0 {
			msg += ", not scaled to your hours: the sources do not say how many hours a week they assume"
		}
		parts = append(parts, msg+".")
	}
	if blank > 0 {
		verb := "have"
		if blank == 1 {
			verb = "has"
		}
		parts = append(parts, fmt.Sprintf("%d of the %d steps %s no time figure in the sources and %s not counted.", blank, len(rt.Steps), verb, map[bool]string{true: "is", false: "are"}[blank == 1]))
	}
	return "about " + monthsText(lo, hi), strings.Join(parts, " ")
}

// monthsText writes a range of months in years when it is long, weeks when short.
func monthsText(lo, hi float64) string {
	switch {
	case hi >= 36:
		return rangeText(roundHalf(lo/12), roundHalf(hi/12), "year")
	case hi >= 3:
		return rangeText(math.Round(lo), math.Round(hi), "month")
	default:
		return rangeText(math.Ceil(lo*weeksPerYear/12), math.Ceil(hi*weeksPerYear/12), "week")
	}
}

func roundHalf(v float64) float64 { return math.Round(v*2) / 2 }

// Markdown renders the plan's body: heading, numbered steps with time, cost and
// credential, the total and the notes. Sources and courses are rendered by the
// adapters from the Reply.
func (pl Plan) Markdown(ch PlanChoices) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Your plan: %s**\nRoute: %s\n", escapeMarkdown(pl.Goal.Label), escapeMarkdown(pl.Route))
	from := []string{label(ch.Educations, pl.Profile.Education), label(ch.Backgrounds, pl.Profile.Background)}
	if pl.Profile.HoursPerWeek > 0 {
		from = append(from, fmt.Sprintf("%d hours a week", pl.Profile.HoursPerWeek))
	}
	if pl.Profile.Remote {
		from = append(from, "hoping to work remotely")
	}
	fmt.Fprintf(&b, "Starting from: %s\n\n", escapeMarkdown(strings.Join(from, " · ")))
	for _, s := range pl.Steps {
		fmt.Fprintf(&b, "%d. **%s** — %s\n", s.N, escapeMarkdown(s.Title), s.Detail)
		fmt.Fprintf(&b, "   Time: %s · Cost: %s", orNote(s.Duration, s.DurationNote), orNote(s.Cost, s.CostNote))
		if s.Credential != "" {
			fmt.Fprintf(&b, " · Earns: %s", escapeMarkdown(s.Credential))
		}
		b.WriteString("\n")
	}
	if pl.Total != "" {
		fmt.Fprintf(&b, "\n**Total time:** %s. %s\n", pl.Total, pl.TotalNote)
	} else {
		fmt.Fprintf(&b, "\n%s\n", pl.TotalNote)
	}
	if len(pl.Notes) > 0 {
		b.WriteString("\n**Notes**\n")
		for _, n := range pl.Notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// orNote shows a figure with its note in brackets, or the note alone.
func orNote(figure, note string) string {
	switch {
	case figure == "":
		return note
	case note == "":
		return figure
	}
	return figure + " (" + note + ")"
}

// label returns the label of id in cs, or id.
func label(cs []Choice, id string) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Label
		}
	}
	return id
}
