package bot_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

func TestRouter_AskAnswers(t *testing.T) {
	h := newHarness(t, nil)
	rep := h.ask(t, "  How do I qualify for the RHIT exam?  ")
	if rep.Outcome != bot.OutcomeAnswered || rep.Abstained || rep.Redacted || rep.Ephemeral {
		t.Fatalf("reply = %+v, want a public answer", rep)
	}
	if !strings.Contains(rep.Text, "[1]") || len(rep.Sources) != 1 || rep.Mode != "extractive" || rep.Topic != "certification" {
		t.Errorf("reply = %+v, want the cited answer with its source, mode and topic", rep)
	}
	if rep.Question != "How do I qualify for the RHIT exam?" {
		t.Errorf("Question = %q, want the trimmed question", rep.Question)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(rep.AnswerID) {
		t.Errorf("AnswerID = %q, want 16 hex digits", rep.AnswerID)
	}
	if len(rep.Buttons) != 2 || rep.Buttons[0].Action != bot.ActionFeedbackUp || rep.Buttons[1].Action != bot.ActionFeedbackDown ||
		rep.Buttons[0].Value != rep.AnswerID || rep.Buttons[1].Value != rep.AnswerID {
		t.Errorf("Buttons = %+v, want 👍/👎 carrying the answer id", rep.Buttons)
	}
	recs := h.store.Records()
	if len(recs) != 1 {
		t.Fatalf("%d records logged, want 1", len(recs))
	}
	r := recs[0]
	if r.AnswerID != rep.AnswerID || r.Outcome != bot.OutcomeAnswered || r.Topic != "certification" || r.Mode != "extractive" ||
		r.Platform != bot.PlatformDiscord || r.Question != rep.Question || !r.CreatedAt.Equal(h.clock.Now()) {
		t.Errorf("record = %+v, want it to match the reply", r)
	}
	if r.UserID == "u1" || r.UserID != bot.HashUser("test-salt", bot.PlatformDiscord, "u1") {
		t.Errorf("record user = %q, want the salted hash of u1", r.UserID)
	}
	if got := h.obs.handled; len(got) != 1 || got[0] != "ask/answered" {
		t.Errorf("observer saw %v, want [ask/answered]", got)
	}
	if logs := h.logs.String(); strings.Contains(logs, `"u1"`) || !strings.Contains(logs, `"outcome":"answered"`) {
		t.Errorf("logs = %s\nwant the outcome and no raw user id", logs)
	}
}

func TestRouter_AskInvalid(t *testing.T) {
	for name, text := range map[string]string{
		"Empty": "", "Spaces": " \n\t ", "TooLong": strings.Repeat("word ", 500),
		"NUL": "what\x00is", "Control": "hi\x1b[31m", "Binary": "\xff\xd8\xff\xe0 jpeg",
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, nil)
			rep := h.ask(t, text)
			if rep.Outcome != bot.OutcomeInvalid || rep.Text == "" || !rep.Ephemeral {
				t.Errorf("reply = %+v, want an ephemeral invalid reply that explains", rep)
			}
			if n := len(h.know.Queries()); n != 0 {
				t.Errorf("Knowledge asked %d times, want 0", n)
			}
			if recs := h.store.Records(); len(recs) != 1 || recs[0].Question != "" || recs[0].Outcome != bot.OutcomeInvalid {
				t.Errorf("records = %+v, want one invalid record without text", recs)
			}
		})
	}
}

func TestRouter_AskDeclines(t *testing.T) {
	for _, q := range []string{
		"Can you diagnose my chest pain?",
		"Write me a Python script to scrape a website.",
		"My patient John Smith, DOB 03/14/1975, SSN 123-45-6789, needs his chart coded. Which code should I use?",
	} {
		h := newHarness(t, nil)
		rep := h.ask(t, q)
		if rep.Outcome != bot.OutcomeDeclined || !rep.Abstained || rep.AnswerID != "" || len(rep.Buttons) != 0 {
			t.Errorf("ask(%q) = %+v, want declined without feedback buttons", q, rep)
		}
		if !strings.Contains(rep.Text, "certifications") {
			t.Errorf("ask(%q) text %q, want it to say what the bot covers", q, rep.Text)
		}
		if n := len(h.know.Queries()); n != 0 {
			t.Errorf("ask(%q): Knowledge asked %d times, want 0", q, n)
		}
	}
}

func TestRouter_AskAbstains(t *testing.T) {
	h := newHarness(t, nil)
	rep := h.ask(t, "What's the best pizza topping?")
	if rep.Outcome != bot.OutcomeAbstained || !rep.Abstained || rep.Mode != "extractive" || len(rep.Buttons) != 0 || rep.Text == "" {
		t.Errorf("reply = %+v, want an abstention", rep)
	}
	rpt, _ := h.store.Report(context.Background(), bot.ReportQuery{Since: time.Time{}, IncludeLocal: true})
	if len(rpt.Abstentions) != 1 || rpt.Abstentions[0].Question != "What's the best pizza topping?" {
		t.Errorf("report abstentions = %+v, want the content gap logged", rpt.Abstentions)
	}
}

func TestRouter_AbstainWithoutText(t *testing.T) {
	h := newHarness(t, nil)
	h.know.AnswerFn = func(context.Context, bot.Query) (bot.Answer, error) { return bot.Answer{Abstained: true}, nil }
	rep := h.ask(t, "What is the airspeed of a swallow?")
	if !strings.Contains(rep.Text, "don't know") || !strings.Contains(rep.Text, "pay and job outlook") {
		t.Errorf("text = %q, want a fallback that names the topics", rep.Text)
	}
}

func TestRouter_KnowledgeError(t *testing.T) {
	boom := errors.New("index unavailable")
	h := newHarness(t, nil)
	var deadline bool
	h.know.AnswerFn = func(ctx context.Context, _ bot.Query) (bot.Answer, error) {
		_, deadline = ctx.Deadline()
		return bot.Answer{}, boom
	}
	rep, err := h.router.Handle(context.Background(), bot.Request{Platform: bot.PlatformSlack, UserID: "u", Text: "What is an RHIT?"})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want it to wrap the Knowledge error", err)
	}
	if rep.Outcome != bot.OutcomeError || !strings.Contains(rep.Text, "Sorry") {
		t.Errorf("reply = %+v, want an apology", rep)
	}
	if !deadline {
		t.Error("Knowledge context had no deadline")
	}
}

func TestRouter_KnowledgePanics(t *testing.T) {
	h := newHarness(t, nil)
	h.know.AnswerFn = func(context.Context, bot.Query) (bot.Answer, error) { panic("bad state") }
	rep, err := h.router.Handle(context.Background(), bot.Request{Text: "What is an RHIT?"})
	if err == nil || rep.Outcome != bot.OutcomeError {
		t.Errorf("Handle = %+v, %v; want an apology and an error", rep, err)
	}
}

func TestRouter_LogQuestionFails(t *testing.T) {
	h := newHarness(t, nil)
	h.store.logErr = errors.New("disk full")
	rep, err := h.router.Handle(context.Background(), bot.Request{Text: "What is an RHIT?"})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the store failure reported", err)
	}
	if rep.Outcome != bot.OutcomeAnswered {
		t.Errorf("outcome = %q, want the answer still delivered", rep.Outcome)
	}
}

func TestRouter_Streams(t *testing.T) {
	h := newHarness(t, nil)
	var parts []string
	rep := h.do(t, bot.Request{Text: "What is an RHIT?", OnPartial: func(s string) { parts = append(parts, s) }})
	if len(parts) != 2 || parts[1] != rep.Text || !strings.HasPrefix(rep.Text, parts[0]) {
		t.Errorf("partials %q, final %q; want growing prefixes ending in the answer", parts, rep.Text)
	}
}

func TestRouter_RateLimit(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.RateLimitPerMin = 2 })
	for i := range 2 {
		if rep := h.ask(t, "What is an RHIT?"); rep.Outcome != bot.OutcomeAnswered {
			t.Fatalf("question %d: %q, want answered", i+1, rep.Outcome)
		}
	}
	rep := h.ask(t, "What is an RHIT?")
	if rep.Outcome != bot.OutcomeRateLimited || !rep.Ephemeral || !strings.Contains(rep.Text, "try again in 30 s") {
		t.Errorf("third question = %+v, want rate limited, try again in 30 s", rep)
	}
	if rep := h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: "u1", Command: bot.CommandHelp}); rep.Outcome != bot.OutcomeOK {
		t.Errorf("help while limited = %q, want ok", rep.Outcome)
	}
	if rep := h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: "u2", Text: "What is an RHIT?"}); rep.Outcome != bot.OutcomeAnswered {
		t.Errorf("another user = %q, want answered", rep.Outcome)
	}
	if rep := h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: "u1", Command: bot.CommandCourses}); rep.Outcome != bot.OutcomeRateLimited {
		t.Errorf("courses while limited = %q, want rate_limited", rep.Outcome)
	}
	if n := len(h.know.Queries()); n != 3 {
		t.Errorf("Knowledge asked %d times, want 3", n)
	}
	for range 3 {
		if rep := h.do(t, bot.Request{Platform: bot.PlatformTerminal, UserID: "op", Text: "What is an RHIT?"}); rep.Outcome != bot.OutcomeAnswered {
			t.Errorf("terminal question = %q, want answered (the operator is not limited)", rep.Outcome)
		}
	}
}

func TestRouter_UnknownCommand(t *testing.T) {
	h := newHarness(t, nil)
	rep := h.do(t, bot.Request{Command: "drop tables"})
	if rep.Outcome != bot.OutcomeInvalid || h.obs.handled[0] != "unknown/invalid" {
		t.Errorf("reply %+v, observer %v; want invalid and a fixed metrics label", rep, h.obs.handled)
	}
}

func TestNewRouter_Requires(t *testing.T) {
	if _, err := bot.NewRouter(bot.RouterConfig{}); err == nil {
		t.Error("NewRouter without Knowledge and Store succeeded")
	}
}
