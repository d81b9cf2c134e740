package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

func TestRouter_ModeratorCommandsRefused(t *testing.T) {
	h := newHarness(t, nil)
	for _, cmd := range []string{bot.CommandSummary, bot.CommandPost, bot.CommandReport} {
		rep := h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: "u1", Command: cmd, Args: map[string]string{bot.ArgTopic: "certification"}})
		if rep.Outcome != bot.OutcomeRefused || !rep.Ephemeral || !strings.Contains(rep.Text, "Only moderators") {
			t.Errorf("%s by a member = %+v, want a private refusal", cmd, rep)
		}
	}
	if n := len(h.know.Summaries()); n != 0 {
		t.Errorf("Knowledge.Summary called %d times, want 0", n)
	}
}

func TestRouter_SummaryAndPost(t *testing.T) {
	h := newHarness(t, nil)
	mod := bot.Request{Platform: bot.PlatformSlack, UserID: "m1", UserName: "Ana *Mod*", Moderator: true,
		Command: bot.CommandSummary, Args: map[string]string{bot.ArgTopic: "Certification"}}
	rep := h.do(t, mod)
	if rep.Outcome != bot.OutcomeOK || !rep.Ephemeral || !strings.Contains(rep.Text, "[1]") || len(rep.Sources) != 1 {
		t.Errorf("summary = %+v, want a private cited preview", rep)
	}
	if len(rep.Buttons) != 2 || rep.Buttons[0] != (bot.Button{Action: bot.ActionPostSummary, Label: "Post to channel", Value: "certification", Style: "primary"}) ||
		rep.Buttons[1].Action != bot.ActionDiscard {
		t.Errorf("buttons = %+v, want Post to channel (primary) and Discard", rep.Buttons)
	}
	term := mod
	term.Platform = bot.PlatformTerminal
	if rep := h.do(t, term); len(rep.Buttons) != 0 || strings.Contains(rep.Notice, "Post it") || !strings.Contains(rep.Text, "[1]") {
		t.Errorf("terminal summary = %+v, want a cited preview without buttons or text about them", rep)
	}
	mod.Command = bot.CommandPost
	rep = h.do(t, mod)
	if rep.Outcome != bot.OutcomeOK || rep.Ephemeral || len(rep.Buttons) != 0 || !strings.HasSuffix(rep.Text, `*Posted by Ana \*Mod\**`) {
		t.Errorf("post = %+v, want a public summary attributed to the moderator (name escaped)", rep)
	}
	mod.Args = map[string]string{bot.ArgTopic: "astrology"}
	rep = h.do(t, mod)
	if rep.Outcome != bot.OutcomeInvalid || !strings.Contains(rep.Text, "pay-outlook") {
		t.Errorf("post of an unknown topic = %+v, want the topics listed", rep)
	}
}

func TestRouter_SummaryError(t *testing.T) {
	h := newHarness(t, nil)
	h.know.SummaryFn = func(context.Context, string, func(string)) (bot.Answer, error) {
		return bot.Answer{}, errors.New("boom")
	}
	rep, err := h.router.Handle(context.Background(), bot.Request{Moderator: true, Command: bot.CommandSummary, Text: "skills"})
	if err == nil || rep.Outcome != bot.OutcomeError {
		t.Errorf("Handle = %+v, %v; want an apology and the error", rep, err)
	}
}

func TestRouter_Courses(t *testing.T) {
	h := newHarness(t, nil)
	rep := h.do(t, bot.Request{Command: bot.CommandCourses, Args: map[string]string{bot.ArgTopic: "Coding", bot.ArgLevel: "Intermediate"}})
	if rep.Outcome != bot.OutcomeOK || len(rep.Courses) != 1 || rep.Courses[0].ID != "icd10-coding" {
		t.Fatalf("courses = %+v, want the one intermediate coding course", rep)
	}
	if !strings.Contains(rep.Text, "[ICD-10-CM Coding](https://example.org/icd10) — Example Academy (intermediate") {
		t.Errorf("text = %q, want a Markdown list with title link, provider and level", rep.Text)
	}
	if f := h.know.Filters()[0]; f.Topic != "coding" || f.Level != "intermediate" || f.Limit < 5 {
		t.Errorf("filter = %+v, want lower-cased topic and level, limit 5", f)
	}

	rep = h.do(t, bot.Request{Command: bot.CommandCourses, Text: "online, mail me at sam@example.org"})
	if !rep.Redacted || rep.Notice == "" || strings.Contains(h.know.Filters()[1].Text, "sam@") {
		t.Errorf("courses with an e-mail address = %+v, filter %+v; want it redacted with a notice", rep, h.know.Filters()[1])
	}

	rep = h.do(t, bot.Request{Command: bot.CommandCourses, Args: map[string]string{bot.ArgTopic: "underwater basket weaving"}})
	if rep.Outcome != bot.OutcomeOK || len(rep.Courses) != 0 || !strings.Contains(rep.Text, "no courses") || !strings.Contains(rep.Text, "beginner") {
		t.Errorf("no match = %+v, want a message listing topics and levels", rep)
	}
	rep = h.do(t, bot.Request{Command: bot.CommandCourses, Args: map[string]string{bot.ArgLevel: "expert"}})
	if rep.Outcome != bot.OutcomeInvalid || !strings.Contains(rep.Text, "graduate") {
		t.Errorf("bad level = %+v, want invalid with the levels", rep)
	}

	h.know.CoursesFn = func(context.Context, bot.CourseFilter) ([]bot.Course, error) { return levelCourses(), nil }
	rep = h.do(t, bot.Request{Command: bot.CommandCourses, Args: map[string]string{bot.ArgLevel: "advanced"}})
	if len(rep.Courses) != 1 || rep.Courses[0].ID != "b" {
		t.Errorf("level filter = %+v, want only the advanced course even when the Knowledge ranks others too", rep.Courses)
	}

	h.know.CoursesFn = func(_ context.Context, f bot.CourseFilter) ([]bot.Course, error) {
		return nil, fmt.Errorf("courses for %q: %w", f.Topic, bot.ErrUnknownCourseTopic)
	}
	rep = h.do(t, bot.Request{Command: bot.CommandCourses, Args: map[string]string{bot.ArgTopic: "nonsense"}})
	if rep.Outcome != bot.OutcomeInvalid || !strings.Contains(rep.Text, `"nonsense" is not a course topic`) || !strings.Contains(rep.Text, "certification") {
		t.Errorf("unknown topic = %+v, want invalid naming it and the topics", rep)
	}

	many := make([]bot.Course, 30)
	h.know.CoursesFn = func(context.Context, bot.CourseFilter) ([]bot.Course, error) { return many, nil }
	if rep := h.do(t, bot.Request{Command: bot.CommandCourses}); len(rep.Courses) != 5 {
		t.Errorf("got %d courses, want at most 5", len(rep.Courses))
	}
}

func levelCourses() []bot.Course {
	return []bot.Course{{ID: "a", Level: "beginner"}, {ID: "b", Level: "Advanced"}, {ID: "c", Level: "intermediate"}}
}

func TestRouter_Help(t *testing.T) {
	h := newHarness(t, nil)
	rep := h.do(t, bot.Request{Command: bot.CommandHelp})
	for _, want := range []string{"certifications", "pay and job outlook", "/career ask", "/career courses", "/career help", "/career-mod summary", "/career-mod report", "Privacy"} {
		if !strings.Contains(rep.Text, want) {
			t.Errorf("help lacks %q:\n%s", want, rep.Text)
		}
	}
}

func TestRouter_Feedback(t *testing.T) {
	h := newHarness(t, nil)
	ans := h.ask(t, "What is an RHIT?")
	vote := func(user, v string) bot.Reply {
		return h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: user, Command: bot.CommandFeedback,
			Args: map[string]string{bot.ArgAnswerID: ans.AnswerID, bot.ArgVote: v}})
	}
	if rep := vote("u2", "up"); rep.Outcome != bot.OutcomeOK || !rep.Ephemeral || !strings.Contains(rep.Text, "Thanks") {
		t.Errorf("vote = %+v, want an ephemeral thanks", rep)
	}
	vote("u2", "down") // replaces the 👍
	rpt, _ := h.store.Report(context.Background(), bot.ReportQuery{Since: time.Time{}, IncludeLocal: true})
	if rpt.Upvotes != 0 || rpt.Downvotes != 1 || len(rpt.Downvoted) != 1 || rpt.Downvoted[0].Question != "What is an RHIT?" {
		t.Errorf("report = %+v, want one 👎 on the question", rpt)
	}
	if v := h.store.votes[0]; v.UserID == "u2" || v.AnswerID != ans.AnswerID {
		t.Errorf("vote stored as %+v, want a hashed user", v)
	}
	for _, args := range []map[string]string{
		{bot.ArgAnswerID: "not hex!", bot.ArgVote: "up"},
		{bot.ArgAnswerID: ans.AnswerID, bot.ArgVote: "sideways"},
		{},
	} {
		if rep := h.do(t, bot.Request{Command: bot.CommandFeedback, Args: args}); rep.Outcome != bot.OutcomeInvalid {
			t.Errorf("feedback %v = %q, want invalid", args, rep.Outcome)
		}
	}
}

func TestRouter_Report(t *testing.T) {
	h := newHarness(t, nil)
	h.ask(t, "What is an RHIT?")
	h.ask(t, "Best pizza?")
	h.clock.Advance(3 * 24 * time.Hour)
	h.ask(t, "More pizza?")
	report := func(since string) bot.Reply {
		return h.do(t, bot.Request{Moderator: true, Command: bot.CommandReport, Args: map[string]string{bot.ArgSince: since}})
	}
	rep := report("")
	if rep.Outcome != bot.OutcomeOK || !rep.Ephemeral || !strings.Contains(rep.Text, "**Questions:** 3") || !strings.Contains(rep.Text, "“Best pizza?”") {
		t.Errorf("report = %+v, want 3 questions and the abstentions", rep)
	}
	if rep := report("2d"); !strings.Contains(rep.Text, "**Questions:** 1") {
		t.Errorf("report since 2d:\n%s\nwant 1 question", rep.Text)
	}
	if rep := report("36h"); !strings.Contains(rep.Text, "**Questions:** 1") {
		t.Errorf("report since 36h:\n%s\nwant 1 question", rep.Text)
	}
	if rep := report("forever"); rep.Outcome != bot.OutcomeInvalid {
		t.Errorf("report since forever = %q, want invalid", rep.Outcome)
	}
}

func TestParseSince(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 7 * 24 * time.Hour, true}, {"7d", 7 * 24 * time.Hour, true}, {"2w", 14 * 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true}, {"0d", 0, false}, {"-3d", 0, false}, {"400d", 0, false},
		{"99999999999999d", 0, false}, {"d", 0, false}, {"3 days", 0, false},
	}
	for _, tt := range tests {
		got, err := bot.ParseSince(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseSince(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestRouter_PostIsRateLimited(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.RateLimitPerMin = 2 })
	post := bot.Request{Platform: bot.PlatformSlack, UserID: "m1", Moderator: true,
		Command: bot.CommandPost, Args: map[string]string{bot.ArgTopic: "certification"}}
	for i := range 2 {
		if rep := h.do(t, post); rep.Outcome != bot.OutcomeOK {
			t.Fatalf("post %d = %q, want ok", i+1, rep.Outcome)
		}
	}
	if rep := h.do(t, post); rep.Outcome != bot.OutcomeRateLimited || !rep.Ephemeral {
		t.Errorf("third post = %+v, want a private rate-limit reply", rep)
	}
	if n := len(h.know.Summaries()); n != 2 {
		t.Errorf("Knowledge.Summary called %d times, want 2 (the limited post writes nothing)", n)
	}
}
