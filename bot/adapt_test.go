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

func TestRouter_DedupKeyAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	accepted := 0
	req := bot.Request{Platform: bot.PlatformSlack, UserID: "u1", ChannelID: "c1", Text: "What does an RHIT do?", DedupKey: "Ev1",
		OnAccept: func(*bot.Request) { accepted++ }}
	if rep := h.do(t, req); rep.Outcome != bot.OutcomeAnswered {
		t.Fatalf("first delivery = %+v", rep)
	}
	rep := h.do(t, req)
	if rep.Outcome != bot.OutcomeDuplicate || rep.Text != "" {
		t.Fatalf("redelivery = %+v, want an empty duplicate", rep)
	}
	if accepted != 1 {
		t.Errorf("OnAccept ran %d times, want once: a redelivery must leave no trace", accepted)
	}
	if n := len(h.store.Records()); n != 1 {
		t.Errorf("%d questions logged, want 1", n)
	}
	if n := len(h.know.Queries()); n != 1 {
		t.Errorf("knowledge asked %d times, want 1", n)
	}
	// The same id on another platform, and requests without a key, are not duplicates.
	other := req
	other.Platform = bot.PlatformDiscord
	if rep := h.do(t, other); rep.Outcome == bot.OutcomeDuplicate {
		t.Error("a Discord event with a Slack event's id was dropped")
	}
	req.DedupKey = ""
	for range 2 {
		if rep := h.do(t, req); rep.Outcome == bot.OutcomeDuplicate {
			t.Error("a request without a dedup key was dropped")
		}
	}
	if got := h.obs.handled; !strings.Contains(strings.Join(got, " "), "ask/duplicate") {
		t.Errorf("observer saw %v, want the duplicate counted", got)
	}
}

// failingSeen is a store whose FirstSeen fails.
type failingSeen struct{ *recordingStore }

func (failingSeen) FirstSeen(context.Context, string, time.Duration) (bool, error) {
	return false, errors.New("database is locked")
}

func TestRouter_DedupStoreFailureStillAnswers(t *testing.T) {
	h := newHarness(t, func(c *bot.RouterConfig) { c.Store = failingSeen{&recordingStore{MemoryStore: bot.NewMemoryStore()}} })
	rep := h.do(t, bot.Request{Platform: bot.PlatformSlack, UserID: "u1", Text: "What does an RHIT do?", DedupKey: "Ev1"})
	if rep.Outcome != bot.OutcomeAnswered {
		t.Errorf("reply = %+v, want an answer: answering twice beats never answering", rep)
	}
	if !strings.Contains(h.logs.String(), "dedup check failed") {
		t.Errorf("logs lack the dedup failure:\n%s", h.logs.String())
	}
}

func TestRouter_OnAcceptMaySetThread(t *testing.T) {
	h := newHarness(t, nil)
	ask := func(text string) {
		h.do(t, bot.Request{Platform: bot.PlatformDiscord, UserID: "u1", ChannelID: "c1", Text: text,
			OnAccept: func(r *bot.Request) { r.ThreadID = "thread-opened" }})
	}
	ask("What does an RHIT do?")
	ask("How long does it take?")
	qs := h.know.Queries()
	if len(qs) != 2 || len(qs[1].History) != 1 {
		t.Errorf("queries = %+v, want the follow-up to carry the thread opened by OnAccept", qs)
	}
}

func TestCall(t *testing.T) {
	tests := []struct {
		name    string
		h       bot.HandlerFunc
		want    string
		wantErr string
	}{
		{"Reply", func(context.Context, bot.Request) (bot.Reply, error) {
			return bot.Reply{Text: "hi", Outcome: bot.OutcomeOK}, nil
		}, "hi", ""},
		{"ErrorKeepsReply", func(context.Context, bot.Request) (bot.Reply, error) {
			return bot.Reply{Text: "Could not check.", Outcome: bot.OutcomeError}, errors.New("store down")
		}, "Could not check.", "store down"},
		{"Empty", func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{}, nil }, bot.ApologyText(), "empty reply"},
		{"EmptyWithError", func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{}, errors.New("boom") }, bot.ApologyText(), "boom"},
		{"Panic", func(context.Context, bot.Request) (bot.Reply, error) { panic("kaput") }, bot.ApologyText(), "kaput"},
		{"CoursesOnly", func(context.Context, bot.Request) (bot.Reply, error) {
			return bot.Reply{Courses: []bot.Course{{ID: "c"}}}, nil
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			accepted := 0
			rep, err := bot.Call(context.Background(), tt.h, bot.Request{OnAccept: func(*bot.Request) { accepted++ }})
			if rep.Text != tt.want {
				t.Errorf("text = %q, want %q", rep.Text, tt.want)
			}
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
			if accepted != 1 {
				t.Errorf("OnAccept ran %d times, want once even when the handler did not call it", accepted)
			}
		})
	}
	dup := bot.HandlerFunc(func(context.Context, bot.Request) (bot.Reply, error) {
		return bot.Reply{Outcome: bot.OutcomeDuplicate}, nil
	})
	accepted := false
	rep, err := bot.Call(context.Background(), dup, bot.Request{OnAccept: func(*bot.Request) { accepted = true }})
	if err != nil || rep.Outcome != bot.OutcomeDuplicate || rep.Text != "" || accepted {
		t.Errorf("duplicate = %+v, %v, accepted %v; want it passed on untouched and nothing shown", rep, err, accepted)
	}
}

func TestButtonRequest(t *testing.T) {
	base := bot.Request{Platform: bot.PlatformWeb, UserID: "u", Moderator: true, DedupKey: "k"}
	tests := []struct {
		action, value string
		ok            bool
		command       string
		args          map[string]string
	}{
		{bot.ActionFeedbackUp, "a1", true, bot.CommandFeedback, map[string]string{bot.ArgAnswerID: "a1", bot.ArgVote: "up"}},
		{bot.ActionFeedbackDown, "a1", true, bot.CommandFeedback, map[string]string{bot.ArgAnswerID: "a1", bot.ArgVote: "down"}},
		{bot.ActionPostSummary, "education", true, bot.CommandPost, map[string]string{bot.ArgTopic: "education"}},
		{bot.ActionDiscard, "education", false, "", nil},
		{bot.ActionFeedbackUp, "", false, "", nil},
		{"launch_missiles", "x", false, "", nil},
	}
	for _, tt := range tests {
		req, ok := bot.ButtonRequest(base, tt.action, tt.value)
		if ok != tt.ok {
			t.Errorf("%s %q: ok = %v", tt.action, tt.value, ok)
			continue
		}
		if !ok {
			continue
		}
		if req.Command != tt.command || fmt.Sprint(req.Args) != fmt.Sprint(tt.args) || req.UserID != "u" || !req.Moderator || req.DedupKey != "k" {
			t.Errorf("%s %q: request %+v", tt.action, tt.value, req)
		}
	}
}

func TestRouter_PostedByAndModerators(t *testing.T) {
	h := newHarness(t, nil)
	post, _ := bot.ButtonRequest(bot.Request{Platform: bot.PlatformSlack, UserID: "u1", UserName: "Ana"}, bot.ActionPostSummary, "education")
	if rep := h.do(t, post); rep.Outcome != bot.OutcomeRefused || !rep.Ephemeral {
		t.Errorf("post by a member = %+v, want a private refusal", rep)
	}
	post.Moderator = true
	rep := h.do(t, post)
	if rep.Ephemeral || strings.Count(rep.Text, "Posted by Ana") != 1 {
		t.Errorf("post by a moderator = %+v, want a public post attributed once", rep)
	}
}

func TestRouter_CourseLevelAmongTopicWords(t *testing.T) {
	h := newHarness(t, nil)
	in, err := bot.ParseSlash(bot.SlashCareer, "courses coding Intermediate")
	if err != nil {
		t.Fatal(err)
	}
	rep := h.do(t, in.Request(bot.Request{Platform: bot.PlatformSlack, UserID: "u1"}))
	if f := h.know.Filters()[0]; f.Topic != "coding" || f.Level != "intermediate" {
		t.Errorf("filter = %+v, want topic coding at level intermediate", f)
	}
	if len(rep.Courses) != 1 || rep.Courses[0].ID != "icd10-coding" {
		t.Errorf("courses = %+v", rep.Courses)
	}
	// Without configured levels nothing is read as a level, and any level passes.
	h = newHarness(t, func(c *bot.RouterConfig) { c.CourseLevels = nil })
	h.do(t, in.Request(bot.Request{Platform: bot.PlatformSlack, UserID: "u1"}))
	if f := h.know.Filters()[0]; f.Topic != "coding intermediate" || f.Level != "" {
		t.Errorf("filter without levels = %+v", f)
	}
	if rep := h.do(t, bot.Request{Command: bot.CommandHelp}); strings.Contains(rep.Text, "beginner") {
		t.Errorf("help names levels that were not configured:\n%s", rep.Text)
	}
}

func TestRouter_LocalRateLimit(t *testing.T) {
	// The store refills buckets on the real clock: limits here are far from a refill.
	h := newHarness(t, func(c *bot.RouterConfig) { c.RateLimitPerMin, c.LocalRateLimitPerMin = 3, 10 })
	ask := func(platform string) bot.Reply {
		return h.do(t, bot.Request{Platform: platform, UserID: "u1", Text: "What does an RHIT do?"})
	}
	for i := range 3 {
		if rep := ask(bot.PlatformDiscord); rep.Outcome == bot.OutcomeRateLimited {
			t.Fatalf("discord question %d limited", i+1)
		}
	}
	if rep := ask(bot.PlatformDiscord); rep.Outcome != bot.OutcomeRateLimited {
		t.Errorf("4th discord question = %+v, want the community limit", rep)
	}
	// The playground's user tries things out: the community limit is not theirs.
	for i := range 10 {
		if rep := ask(bot.PlatformWeb); rep.Outcome == bot.OutcomeRateLimited {
			t.Fatalf("playground question %d limited", i+1)
		}
	}
	if rep := ask(bot.PlatformWeb); rep.Outcome != bot.OutcomeRateLimited {
		t.Errorf("playground question over the local limit = %+v, want limited", rep)
	}
	for range 20 {
		if rep := ask(bot.PlatformTerminal); rep.Outcome == bot.OutcomeRateLimited {
			t.Fatal("the terminal was limited")
		}
	}
	// Unset, the local limit is the generous default, not the community one.
	h = newHarness(t, func(c *bot.RouterConfig) { c.RateLimitPerMin = 3 })
	for i := range 10 {
		if rep := ask(bot.PlatformWeb); rep.Outcome == bot.OutcomeRateLimited {
			t.Fatalf("default local limit: playground question %d limited", i+1)
		}
	}
	if bot.DefaultLocalRateLimitPerMin < 30 {
		t.Errorf("DefaultLocalRateLimitPerMin = %d: too tight to click through the examples", bot.DefaultLocalRateLimitPerMin)
	}
}

func TestPrivateCommand(t *testing.T) {
	h := newHarness(t, nil)
	for _, cmd := range []string{bot.CommandHelp, bot.CommandFeedback, bot.CommandSummary, bot.CommandReport, bot.CommandAsk, bot.CommandCourses, bot.CommandPost} {
		req := bot.Request{Platform: bot.PlatformSlack, UserID: "u1", Moderator: true, Command: cmd, Text: "What does an RHIT do?",
			Args: map[string]string{bot.ArgTopic: "education", bot.ArgAnswerID: "ab12", bot.ArgVote: "up"}}
		rep := h.do(t, req)
		if bot.PrivateCommand(cmd) && !rep.Ephemeral {
			t.Errorf("%s: PrivateCommand but the reply %+v is public", cmd, rep)
		}
		if !bot.PrivateCommand(cmd) && rep.Ephemeral {
			t.Errorf("%s: reply is private though PrivateCommand is false: %+v", cmd, rep)
		}
	}
}

func TestThreadSet(t *testing.T) {
	s := bot.NewThreadSet(3, 0)
	for _, id := range []string{"a", "b", "c", "a", "d"} { // "a" again is fresh: "b" is the oldest
		s.Add(id)
	}
	for id, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if got := s.Has(id); got != want {
			t.Errorf("Has(%q) = %v, want %v", id, got, want)
		}
	}
	s.Forget("c")
	if s.Has("c") || !s.Has("d") {
		t.Error("Forget")
	}
	s.Add("c")
	if !s.Has("c") {
		t.Error("a forgotten thread answered again is not remembered")
	}
	for i := range 100 {
		s.Add(fmt.Sprint("t", i))
	}
	if s.Has("a") || !s.Has("t99") {
		t.Error("the set is not bounded to its size")
	}

	e := bot.NewThreadSet(10, 50*time.Millisecond)
	e.Add("x")
	time.Sleep(60 * time.Millisecond) // past the ttl: no timing is asserted, only expiry
	if e.Has("x") {
		t.Error("a thread older than the ttl is still remembered")
	}
}

func TestTextBesideCourses(t *testing.T) {
	courses := []bot.Course{{Title: "Medical Terminology", Provider: "Open College"}, {Title: "ICD-10 Coding", Provider: "Example Academy"}}
	answer := bot.Reply{Outcome: bot.OutcomeAnswered, Courses: courses,
		Text: "Medical Terminology (Open College) is a six-week course [1].\n\nCoders need anatomy [2].\n\nCourses to consider: Medical Terminology (Open College) or ICD-10 Coding (Example Academy)."}
	if got, want := bot.TextBesideCourses(answer), "Medical Terminology (Open College) is a six-week course [1].\n\nCoders need anatomy [2]."; got != want {
		t.Errorf("answer text = %q, want %q: cited facts stay, the bare course list goes", got, want)
	}
	listing := bot.Reply{Outcome: bot.OutcomeOK, Courses: courses, Text: "**Courses**\n- [Medical Terminology](https://x.org) — Open College"}
	if got := bot.TextBesideCourses(listing); got != "" {
		t.Errorf("course listing text = %q, want none beside the cards", got)
	}
	none := bot.Reply{Outcome: bot.OutcomeOK, Text: "I found no courses in the catalog for that."}
	if got := bot.TextBesideCourses(none); got != none.Text {
		t.Errorf("no courses: text = %q", got)
	}
}
