package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Command bounds.
const (
	maxCourses         = 5
	courseCandidates   = 20 // asked of the Knowledge, before the level filter
	defaultReportSince = 7 * 24 * time.Hour
	maxReportSince     = 366 * 24 * time.Hour
)

// ErrUnknownCourseTopic is returned by [Knowledge.Courses] for a topic that names no
// corpus topic, catalog subject or credential.
var ErrUnknownCourseTopic = errors.New("unknown course topic")

// help describes the bot.
func (r *Router) help() Reply {
	return Reply{Text: helpText(r.know.Topics(), r.levels), Ephemeral: true, Outcome: OutcomeOK}
}

// courses lists up to maxCourses catalog entries for the topic, level and words asked.
func (r *Router) courses(ctx context.Context, c *call) (Reply, error) {
	topic, okT := cleanArg(c.req.Args, ArgTopic)
	level, okL := cleanArg(c.req.Args, ArgLevel)
	text := normalizeText(c.req.Text)
	if !okT || !okL || checkText(text) != nil || len([]rune(text)) > MaxQuestionRunes {
		return invalid("Please give a short topic and level, for example `/career courses topic: coding level: beginner`."), nil
	}
	topic, level = r.courseLevel(topic, strings.ToLower(level))
	if level != "" && len(r.levels) > 0 && !slices.Contains(r.levels, level) {
		return invalid(fmt.Sprintf("%q is not a course level; use one of %s.", level, strings.Join(r.levels, ", "))), nil
	}
	text, kinds := RedactPHI(text)
	if rep, ok := r.allow(ctx, c); !ok {
		return rep, nil
	}
	kctx, cancel := r.knowledgeContext(ctx)
	defer cancel()
	found, err := r.know.Courses(kctx, CourseFilter{Topic: strings.ToLower(topic), Level: level, Text: text, Limit: courseCandidates})
	if errors.Is(err, ErrUnknownCourseTopic) {
		return invalid(fmt.Sprintf("%q is not a course topic; try a topic such as %s, or a subject such as coding, medical-terminology or privacy-law.",
			topic, strings.Join(r.know.Topics(), ", "))), nil
	}
	if err != nil {
		return Apology(), fmt.Errorf("list courses: %w", err)
	}
	if level != "" { // a level asked for is a filter, not a preference
		found = slices.DeleteFunc(found, func(co Course) bool { return !strings.EqualFold(co.Level, level) })
	}
	found = found[:min(len(found), maxCourses)]
	return Reply{
		Text: formatCourses(found, r.know.Topics(), r.levels), Notice: redactionNotice(kinds), Courses: found,
		Topic: "courses", Outcome: OutcomeOK, Redacted: len(kinds) > 0,
	}, nil
}

// courseLevel reads a course level named among the topic's words ("coding
// beginner") when no level was given apart: it returns the topic without that word
// and the level.
func (r *Router) courseLevel(topic, level string) (string, string) {
	if level != "" {
		return topic, level
	}
	words := strings.Fields(topic)
	for i, w := range words {
		if lw := strings.ToLower(w); slices.Contains(r.levels, lw) {
			return strings.Join(slices.Delete(words, i, i+1), " "), lw
		}
	}
	return topic, ""
}

// formatCourses renders courses as a Markdown list, or says none matched.
func formatCourses(found []Course, topics, levels []string) string {
	if len(found) == 0 {
		text := "I found no courses in the catalog for that. Try a topic such as " + strings.Join(topics, ", ") +
			" or a subject such as coding, medical-terminology or privacy-law"
		if len(levels) > 0 {
			text += ", and a level: " + strings.Join(levels, ", ")
		}
		return text + "."
	}
	var b strings.Builder
	b.WriteString("**Courses**\n")
	for _, co := range found {
		fmt.Fprintf(&b, "- [%s](%s) — %s", escapeMarkdown(co.Title), co.URL, escapeMarkdown(co.Provider))
		details := []string{co.Level, co.Format, co.Length, co.Cost}
		details = slices.DeleteFunc(details, func(s string) bool { return s == "" })
		if len(details) > 0 {
			b.WriteString(" (" + strings.Join(details, ", ") + ")")
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// summaryTopic returns the topic a summary or post asks for, or the reply to send
// instead: a refusal when the requester is no moderator, or the list of topics when
// the topic is not one of them.
func (r *Router) summaryTopic(c *call) (string, *Reply) {
	if !c.req.Moderator {
		rep := refusal()
		return "", &rep
	}
	topic, ok := cleanArg(c.req.Args, ArgTopic)
	if topic == "" && ok {
		topic = normalizeText(c.req.Text)
	}
	topic = strings.ToLower(topic)
	topics := r.know.Topics()
	if !ok || !slices.Contains(topics, topic) {
		rep := invalid("Choose one of these topics for the summary: " + strings.Join(topics, ", ") + ".")
		return "", &rep
	}
	return topic, nil
}

// summary previews a topic's summary privately, with Post and Discard buttons.
func (r *Router) summary(ctx context.Context, c *call) (Reply, error) {
	topic, bad := r.summaryTopic(c)
	if bad != nil {
		return *bad, nil
	}
	if rep, ok := r.allow(ctx, c); !ok {
		return rep, nil
	}
	kctx, cancel := r.knowledgeContext(ctx)
	defer cancel()
	ans, err := r.know.Summary(kctx, topic, c.req.OnPartial)
	if err != nil {
		return Apology(), fmt.Errorf("summarise %s: %w", topic, err)
	}
	rep := Reply{
		Text:      ans.Text,
		Sources:   ans.Sources,
		Ephemeral: true,
		Topic:     topic,
		Outcome:   OutcomeOK,
		Mode:      ans.Mode,
	}
	if c.req.Platform == PlatformTerminal { // no channel to post to, no buttons to press
		rep.Notice = "Preview of the summary moderators post with /career-mod summary."
		return rep, nil
	}
	rep.Notice = "Preview: only you can see this. Post it to the channel or discard it."
	rep.Buttons = []Button{
		{Action: ActionPostSummary, Label: "Post to channel", Value: topic, Style: "primary"},
		{Action: ActionDiscard, Label: "Discard", Value: topic},
	}
	return rep, nil
}

// post returns the public summary of a topic, attributed to the moderator.
func (r *Router) post(ctx context.Context, c *call) (Reply, error) {
	topic, bad := r.summaryTopic(c)
	if bad != nil {
		return *bad, nil
	}
	if rep, ok := r.allow(ctx, c); !ok {
		return rep, nil
	}
	kctx, cancel := r.knowledgeContext(ctx)
	defer cancel()
	ans, err := r.know.Summary(kctx, topic, nil)
	if err != nil {
		return Apology(), fmt.Errorf("summarise %s: %w", topic, err)
	}
	name := strings.Join(strings.Fields(truncateRunes(c.req.UserName, 80)), " ")
	if checkText(name) != nil || name == "" {
		name = "a moderator"
	}
	return Reply{
		Text:    strings.TrimRight(ans.Text, "\n") + "\n\n*Posted by " + escapeMarkdown(name) + "*",
		Sources: ans.Sources,
		Topic:   topic,
		Outcome: OutcomeOK,
		Mode:    ans.Mode,
	}, nil
}

// feedback records a 👍/👎 vote.
func (r *Router) feedback(ctx context.Context, c *call) (Reply, error) {
	id, _ := cleanArg(c.req.Args, ArgAnswerID)
	vote := map[string]int{"up": 1, "down": -1}[strings.ToLower(c.req.Args[ArgVote])]
	if !validAnswerID(id) || vote == 0 {
		return invalid("That feedback button is not valid any more."), nil
	}
	err := r.store.SaveFeedback(ctx, Feedback{AnswerID: strings.ToLower(id), UserID: c.user, Vote: vote, CreatedAt: r.now()})
	if err != nil {
		return Apology(), fmt.Errorf("save feedback: %w", err)
	}
	text := "Thanks for the feedback!"
	if vote < 0 {
		text = "Thanks for telling me — moderators review unhelpful answers to improve the sources."
	}
	return Reply{Text: text, Ephemeral: true, Outcome: OutcomeOK}, nil
}

// report shows moderators the usage report since the given time (default 7 days).
func (r *Router) report(ctx context.Context, c *call) (Reply, error) {
	if !c.req.Moderator {
		return refusal(), nil
	}
	arg, _ := cleanArg(c.req.Args, ArgSince)
	since, err := ParseSince(arg)
	if err != nil {
		return invalid(err.Error()), nil
	}
	rep, err := r.store.Report(ctx, ReportQuery{Since: r.now().Add(-since)})
	if err != nil {
		return Apology(), fmt.Errorf("build report: %w", err)
	}
	return Reply{Text: FormatReport(rep), Ephemeral: true, Outcome: OutcomeOK}, nil
}

// ParseSince parses a report period: a Go duration ("36h") or a number of days or
// weeks ("7d", "2w"). "" means 7 days. The period must be positive and at most a year.
func ParseSince(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return defaultReportSince, nil
	}
	d, err := time.ParseDuration(s)
	if unit := s[len(s)-1]; unit == 'd' || unit == 'w' {
		days := 1
		if unit == 'w' {
			days = 7
		}
		var n int
		n, err = strconv.Atoi(s[:len(s)-1])
		if n > 1000 { // before multiplying, so it cannot overflow
			n = 1000
		}
		d = time.Duration(n*days) * 24 * time.Hour
	}
	if err != nil || d <= 0 || d > maxReportSince {
		return 0, fmt.Errorf("%q is not a period such as 7d, 2w or 36h (at most a year)", s)
	}
	return d, nil
}
