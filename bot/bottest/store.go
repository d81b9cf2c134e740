package bottest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// TestStore runs the [bot.Store] contract against stores made by newStore, each
// subtest on a fresh store (newStore registers its own cleanup; TestStore closes the
// store too, and Close must tolerate that). Durable implementations run it to behave
// exactly like bot.NewMemoryStore. Timestamps are whole seconds in the recent past;
// FirstSeen must honour a millisecond TTL.
func TestStore(t *testing.T, newStore func(t *testing.T) bot.Store) {
	t.Helper()
	open := func(t *testing.T) bot.Store {
		s := newStore(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
	t.Run("Ping", func(t *testing.T) {
		if err := open(t).Ping(context.Background()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})
	t.Run("ReportEmpty", func(t *testing.T) { testReportEmpty(t, open(t)) })
	t.Run("ReportCounts", func(t *testing.T) { testReportCounts(t, open(t)) })
	t.Run("ReportBounds", func(t *testing.T) { testReportBounds(t, open(t)) })
	t.Run("FeedbackLastVoteWins", func(t *testing.T) { testFeedback(t, open(t)) })
	t.Run("FeedbackInvalid", func(t *testing.T) { testFeedbackInvalid(t, open(t)) })
	t.Run("FirstSeen", func(t *testing.T) { testFirstSeen(t, open(t)) })
	t.Run("FirstSeenConcurrent", func(t *testing.T) { testFirstSeenConcurrent(t, open(t)) })
	t.Run("Allow", func(t *testing.T) { testAllow(t, open(t)) })
	t.Run("ClosedFails", func(t *testing.T) {
		s := open(t)
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if err := s.LogQuestion(context.Background(), bot.QuestionRecord{AnswerID: "a1", Question: "q", CreatedAt: time.Now()}); err == nil {
			t.Error("LogQuestion after Close succeeded, want an error")
		}
	})
}

// base is a whole second an hour ago; test records are spaced by seconds after it.
func base() time.Time { return time.Now().Add(-time.Hour).Truncate(time.Second).UTC() }

// MustLog logs each record in s, failing the test on an error.
func MustLog(t *testing.T, s bot.Store, recs ...bot.QuestionRecord) {
	t.Helper()
	for _, r := range recs {
		if err := s.LogQuestion(context.Background(), r); err != nil {
			t.Fatalf("LogQuestion(%+v): %v", r, err)
		}
	}
}

// MustReport returns the report of s since the given time, failing the test on an
// error.
func MustReport(t *testing.T, s bot.Store, since time.Time) bot.Report {
	t.Helper()
	rep, err := s.Report(context.Background(), bot.ReportQuery{Since: since, IncludeLocal: true})
	if err != nil {
		t.Fatalf("Report: %v", err)
	}
	return rep
}

func testReportEmpty(t *testing.T, s bot.Store) {
	rep := MustReport(t, s, base())
	if rep.Questions != 0 || len(rep.ByTopic) != 0 || len(rep.ByOutcome) != 0 || len(rep.Abstentions) != 0 ||
		len(rep.Downvoted) != 0 || len(rep.TopUnanswered) != 0 || rep.Upvotes != 0 || rep.Downvotes != 0 {
		t.Errorf("Report of an empty store = %+v, want all zero", rep)
	}
}

func testReportCounts(t *testing.T, s bot.Store) {
	b := base()
	rec := func(sec int, id, q, topic, outcome string) bot.QuestionRecord {
		return bot.QuestionRecord{AnswerID: id, Platform: bot.PlatformSlack, UserID: "u1", Question: q, Topic: topic,
			Outcome: outcome, Mode: "extractive", CreatedAt: b.Add(time.Duration(sec) * time.Second)}
	}
	MustLog(t, s,
		rec(0, "a0", "too old to count", "pay-outlook", bot.OutcomeAnswered),
		rec(10, "a1", "How much do coders earn?", "pay-outlook", bot.OutcomeAnswered),
		rec(11, "a2", "Best pizza topping?", "", bot.OutcomeAbstained),
		rec(12, "a3", "What is the RHIT?", "certification", bot.OutcomeAnswered),
		rec(13, "a4", "best  PIZZA topping?", "", bot.OutcomeAbstained),
		rec(14, "a5", "Who won the game?", "", bot.OutcomeAbstained),
		rec(15, "a6", "", "", bot.OutcomeInvalid),
	)
	rep := MustReport(t, s, b.Add(5*time.Second))
	if rep.Questions != 6 {
		t.Errorf("Questions = %d, want 6 (records before since excluded)", rep.Questions)
	}
	wantTopic := map[string]int{"pay-outlook": 1, "certification": 1, "none": 4}
	for k, v := range wantTopic {
		if rep.ByTopic[k] != v {
			t.Errorf("ByTopic[%q] = %d, want %d (all: %v)", k, rep.ByTopic[k], v, rep.ByTopic)
		}
	}
	if rep.ByOutcome[bot.OutcomeAnswered] != 2 || rep.ByOutcome[bot.OutcomeAbstained] != 3 || rep.ByOutcome[bot.OutcomeInvalid] != 1 {
		t.Errorf("ByOutcome = %v, want answered 2, abstained 3, invalid 1", rep.ByOutcome)
	}
	if got := questions(rep.Abstentions); fmt.Sprint(got) != fmt.Sprint([]string{"Who won the game?", "best  PIZZA topping?", "Best pizza topping?"}) {
		t.Errorf("Abstentions = %q, want most recent first", got)
	}
	if len(rep.TopUnanswered) != 2 || rep.TopUnanswered[0].Count != 2 || rep.TopUnanswered[1].Count != 1 ||
		rep.TopUnanswered[1].Question != "Who won the game?" {
		t.Errorf("TopUnanswered = %+v, want the pizza question ×2 (case and spaces ignored) then the game ×1", rep.TopUnanswered)
	}
}

func testReportBounds(t *testing.T, s bot.Store) {
	b := base()
	for i := range bot.ReportListLimit + 5 {
		MustLog(t, s, bot.QuestionRecord{AnswerID: fmt.Sprintf("b%d", i), UserID: "u", Question: fmt.Sprintf("gap %d", i),
			Outcome: bot.OutcomeAbstained, CreatedAt: b.Add(time.Duration(i) * time.Second)})
	}
	rep := MustReport(t, s, b)
	if rep.Questions != bot.ReportListLimit+5 {
		t.Errorf("Questions = %d, want %d", rep.Questions, bot.ReportListLimit+5)
	}
	if len(rep.Abstentions) != bot.ReportListLimit || rep.Abstentions[0].Question != fmt.Sprintf("gap %d", bot.ReportListLimit+4) {
		t.Errorf("Abstentions: %d, first %q; want %d, the most recent first", len(rep.Abstentions), questions(rep.Abstentions)[:1], bot.ReportListLimit)
	}
	if len(rep.TopUnanswered) != bot.ReportTopLimit {
		t.Errorf("TopUnanswered: %d, want %d", len(rep.TopUnanswered), bot.ReportTopLimit)
	}
}

func testFeedback(t *testing.T, s bot.Store) {
	ctx, b := context.Background(), base()
	MustLog(t, s,
		bot.QuestionRecord{AnswerID: "f1", UserID: "u1", Question: "first", Topic: "skills", Outcome: bot.OutcomeAnswered, CreatedAt: b.Add(time.Second)},
		bot.QuestionRecord{AnswerID: "f2", UserID: "u1", Question: "second", Topic: "skills", Outcome: bot.OutcomeAnswered, CreatedAt: b.Add(2 * time.Second)},
	)
	votes := []bot.Feedback{
		{AnswerID: "f1", UserID: "v1", Vote: 1, CreatedAt: b.Add(3 * time.Second)},
		{AnswerID: "f1", UserID: "v1", Vote: -1, CreatedAt: b.Add(4 * time.Second)}, // replaces the 👍
		{AnswerID: "f2", UserID: "v1", Vote: 1, CreatedAt: b.Add(5 * time.Second)},
		{AnswerID: "f2", UserID: "v2", Vote: 1, CreatedAt: b.Add(6 * time.Second)},
	}
	for _, f := range votes {
		if err := s.SaveFeedback(ctx, f); err != nil {
			t.Fatalf("SaveFeedback(%+v): %v", f, err)
		}
	}
	rep := MustReport(t, s, b)
	if rep.Upvotes != 2 || rep.Downvotes != 1 {
		t.Errorf("votes 👍%d 👎%d, want 👍2 👎1 (the last vote per user wins)", rep.Upvotes, rep.Downvotes)
	}
	if got := questions(rep.Downvoted); fmt.Sprint(got) != "[first]" {
		t.Errorf("Downvoted = %q, want [first]", got)
	}
}

func testFeedbackInvalid(t *testing.T, s bot.Store) {
	for _, f := range []bot.Feedback{
		{AnswerID: "x", UserID: "u", Vote: 0, CreatedAt: time.Now()},
		{AnswerID: "x", UserID: "u", Vote: 2, CreatedAt: time.Now()},
		{AnswerID: "", UserID: "u", Vote: 1, CreatedAt: time.Now()},
	} {
		if err := s.SaveFeedback(context.Background(), f); err == nil {
			t.Errorf("SaveFeedback(%+v) succeeded, want an error", f)
		}
	}
}

func testFirstSeen(t *testing.T, s bot.Store) {
	ctx := context.Background()
	seen := func(key string, ttl time.Duration) bool {
		t.Helper()
		first, err := s.FirstSeen(ctx, key, ttl)
		if err != nil {
			t.Fatalf("FirstSeen(%q): %v", key, err)
		}
		return first
	}
	if !seen("evt-1", time.Hour) || seen("evt-1", time.Hour) {
		t.Error("FirstSeen(evt-1) twice: want true then false")
	}
	if !seen("evt-2", time.Hour) {
		t.Error("FirstSeen(evt-2) = false, want true for another key")
	}
	if !seen("evt-short", time.Millisecond) {
		t.Fatal("FirstSeen(evt-short) = false, want true")
	}
	time.Sleep(20 * time.Millisecond) // well past the 1 ms TTL
	if !seen("evt-short", time.Hour) {
		t.Error("FirstSeen(evt-short) after its TTL = false, want true")
	}
}

func testFirstSeenConcurrent(t *testing.T, s bot.Store) {
	const n = 16
	var wg sync.WaitGroup
	results := make(chan bool, n)
	for range n {
		wg.Go(func() {
			first, err := s.FirstSeen(context.Background(), "evt-race", time.Hour)
			if err != nil {
				t.Errorf("FirstSeen: %v", err)
			}
			results <- first
		})
	}
	wg.Wait()
	close(results)
	firsts := 0
	for r := range results {
		if r {
			firsts++
		}
	}
	if firsts != 1 {
		t.Errorf("%d concurrent FirstSeen calls returned true, want exactly 1", firsts)
	}
}

func testAllow(t *testing.T, s bot.Store) {
	ctx := context.Background()
	for i := range 3 {
		ok, _, err := s.Allow(ctx, "rate:u1", 3, time.Minute)
		if err != nil || !ok {
			t.Fatalf("Allow #%d = %v, %v; want allowed", i+1, ok, err)
		}
	}
	ok, retry, err := s.Allow(ctx, "rate:u1", 3, time.Minute)
	if err != nil || ok {
		t.Fatalf("Allow #4 = %v, %v; want refused", ok, err)
	}
	if retry <= 0 || retry > time.Minute {
		t.Errorf("retryAfter = %v, want within (0, 1m]", retry)
	}
	if ok, _, err := s.Allow(ctx, "rate:u2", 3, time.Minute); err != nil || !ok {
		t.Errorf("Allow for another key = %v, %v; want allowed", ok, err)
	}
}

func questions(recs []bot.QuestionRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Question
	}
	return out
}
