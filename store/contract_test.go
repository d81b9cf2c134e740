package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

func withClock(s *DB) *bottest.Clock {
	c := bottest.NewClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	s.now = c.Now
	return c
}

// testStore runs the behaviour every DB must have, whatever the database.
func testStore(t *testing.T, open func(t *testing.T) *DB) {
	t.Run("FeedbackLastWriteWins", func(t *testing.T) { testFeedbackLastWriteWins(t, open(t)) })
	t.Run("FeedbackInvalid", func(t *testing.T) { testFeedbackInvalid(t, open(t)) })
	t.Run("FirstSeenTTL", func(t *testing.T) { testFirstSeenTTL(t, open(t)) })
	t.Run("FirstSeenConcurrent", func(t *testing.T) { testFirstSeenConcurrent(t, open(t)) })
	t.Run("AllowBucket", func(t *testing.T) { testAllowBucket(t, open(t)) })
	t.Run("AllowConcurrent", func(t *testing.T) { testAllowConcurrent(t, open(t)) })
	t.Run("Report", func(t *testing.T) { testReport(t, open(t)) })
	t.Run("ReportEmpty", func(t *testing.T) { testReportEmpty(t, open(t)) })
	t.Run("Housekeeping", func(t *testing.T) { testHousekeeping(t, open(t)) })
	t.Run("Secret", func(t *testing.T) { testSecret(t, open(t)) })
	t.Run("Closed", func(t *testing.T) { testClosed(t, open(t)) })
}

func testFeedbackLastWriteWins(t *testing.T, s *DB) {
	ctx := context.Background()
	bottest.MustLog(t, s, bot.QuestionRecord{AnswerID: "a1", Platform: "slack", UserID: "asker", Question: "What is RHIT?", Topic: "certification", Outcome: bot.OutcomeAnswered})
	for _, v := range []int{1, -1, 1, -1} {
		if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "voter", Vote: v}); err != nil {
			t.Fatalf("SaveFeedback(%d): %v", v, err)
		}
	}
	if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "other", Vote: 1}); err != nil {
		t.Fatal(err)
	}
	rep := bottest.MustReport(t, s, time.Time{})
	if rep.Upvotes != 1 || rep.Downvotes != 1 {
		t.Errorf("votes = +%d -%d, want +1 -1 (one vote per user, the last)", rep.Upvotes, rep.Downvotes)
	}
	if len(rep.Downvoted) != 1 || rep.Downvoted[0].Question != "What is RHIT?" || rep.Downvoted[0].AnswerID != "a1" {
		t.Errorf("Downvoted = %+v, want the one question of a1", rep.Downvoted)
	}
	// Switching back to 👍 takes the answer off the 👎 list.
	if err := s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a1", UserID: "voter", Vote: 1}); err != nil {
		t.Fatal(err)
	}
	if rep := bottest.MustReport(t, s, time.Time{}); len(rep.Downvoted) != 0 || rep.Upvotes != 2 || rep.Downvotes != 0 {
		t.Errorf("after switching to 👍: Downvoted = %v, votes +%d -%d", rep.Downvoted, rep.Upvotes, rep.Downvotes)
	}
}

func testFeedbackInvalid(t *testing.T, s *DB) {
	ctx := context.Background()
	for _, f := range []bot.Feedback{
		{AnswerID: "a1", UserID: "u", Vote: 0},
		{AnswerID: "a1", UserID: "u", Vote: 2},
		{AnswerID: "", UserID: "u", Vote: 1},
		{AnswerID: "a1", UserID: "", Vote: 1},
	} {
		if err := s.SaveFeedback(ctx, f); err == nil {
			t.Errorf("SaveFeedback(%+v) = nil, want an error", f)
		}
	}
	if _, err := s.FirstSeen(ctx, "", time.Minute); err == nil {
		t.Error("FirstSeen(\"\") = nil error, want one")
	}
	if _, _, err := s.Allow(ctx, "", 1, time.Minute); err == nil {
		t.Error("Allow(\"\") = nil error, want one")
	}
	if ok, _, err := s.Allow(ctx, "k", 0, time.Minute); ok || err != nil {
		t.Errorf("Allow(limit 0) = %v, %v; want false, nil", ok, err)
	}
}

func testFirstSeenTTL(t *testing.T, s *DB) {
	ctx := context.Background()
	clock := withClock(s)
	seen := func(key string) bool {
		t.Helper()
		ok, err := s.FirstSeen(ctx, key, time.Minute)
		if err != nil {
			t.Fatalf("FirstSeen(%q): %v", key, err)
		}
		return ok
	}
	if !seen("evt-1") || seen("evt-1") || !seen("evt-2") {
		t.Fatal("want first sighting true, repeat false, other key true")
	}
	clock.Advance(59 * time.Second)
	if seen("evt-1") {
		t.Error("evt-1 seen as new before its ttl ran out")
	}
	clock.Advance(time.Second)
	if !seen("evt-1") || seen("evt-1") {
		t.Error("evt-1 after its ttl: want new once, then seen again")
	}
}

func testFirstSeenConcurrent(t *testing.T, s *DB) {
	const callers = 50
	for round := range 3 {
		key := fmt.Sprintf("event-%d", round)
		var wins atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make(chan error, callers)
		for range callers {
			wg.Go(func() {
				<-start
				ok, err := s.FirstSeen(context.Background(), key, time.Hour)
				if err != nil {
					errs <- err
					return
				}
				if ok {
					wins.Add(1)
				}
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("FirstSeen: %v", err)
		}
		if n := wins.Load(); n != 1 {
			t.Fatalf("round %d: %d of %d concurrent callers got true, want exactly 1", round, n, callers)
		}
	}
}

func testAllowBucket(t *testing.T, s *DB) {
	ctx := context.Background()
	clock := withClock(s)
	allow := func() (bool, time.Duration) {
		t.Helper()
		ok, retry, err := s.Allow(ctx, "user-1", 3, time.Minute)
		if err != nil {
			t.Fatalf("Allow: %v", err)
		}
		return ok, retry
	}
	for i := range 3 {
		if ok, _ := allow(); !ok {
			t.Fatalf("call %d of the burst refused", i+1)
		}
	}
	ok, retry := allow()
	if ok || retry != 20*time.Second {
		t.Fatalf("4th call = %v, retry %v; want false, 20s (one token per 20s)", ok, retry)
	}
	clock.Advance(15 * time.Second)
	if ok, retry := allow(); ok || retry != 5*time.Second {
		t.Fatalf("after 15s = %v, retry %v; want false, 5s", ok, retry)
	}
	clock.Advance(5 * time.Second)
	if ok, _ := allow(); !ok {
		t.Fatal("after 20s: refused, want one token")
	}
	if ok, _, err := s.Allow(ctx, "user-2", 3, time.Minute); !ok || err != nil {
		t.Fatalf("another key = %v, %v; want its own full bucket", ok, err)
	}
	clock.Advance(time.Hour)
	for i := range 3 {
		if ok, _ := allow(); !ok {
			t.Fatalf("after an hour, call %d refused: the bucket must refill to 3, no more", i+1)
		}
	}
	if ok, _ := allow(); ok {
		t.Fatal("after an hour, 4th call allowed: the bucket must hold at most 3")
	}
}

func testAllowConcurrent(t *testing.T, s *DB) {
	withClock(s) // frozen: no refill while the goroutines run
	const callers, limit = 50, 7
	var allowed atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Go(func() {
			ok, _, err := s.Allow(context.Background(), "busy-user", limit, time.Minute)
			if err != nil {
				errs <- err
			} else if ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("Allow: %v", err)
	}
	if n := allowed.Load(); n != limit {
		t.Fatalf("%d of %d concurrent calls allowed, want exactly %d", n, callers, limit)
	}
}

func testReport(t *testing.T, s *DB) {
	ctx := context.Background()
	clock := withClock(s)
	start := clock.Now()
	bottest.MustLog(t, s, bot.QuestionRecord{AnswerID: "old", Platform: "slack", UserID: "u0", Question: "Old question?", Topic: "duties", Outcome: bot.OutcomeAbstained, CreatedAt: start.Add(-48 * time.Hour)})
	logs := []bot.QuestionRecord{
		{AnswerID: "a1", Platform: "discord", UserID: "u1", Question: "What does an RHIT earn?", Topic: "pay-outlook", Outcome: bot.OutcomeAnswered, Mode: "extractive"},
		{AnswerID: "a2", Platform: "slack", UserID: "u2", Question: "Is there a night shift?", Topic: "work-settings", Outcome: bot.OutcomeAbstained, Mode: "extractive"},
		{AnswerID: "a3", Platform: "slack", UserID: "u3", Question: "is there a  NIGHT shift?", Topic: "work-settings", Outcome: bot.OutcomeAbstained},
		{AnswerID: "a4", Platform: "web", UserID: "u4", Question: "Can you diagnose my rash?", Outcome: bot.OutcomeDeclined},
		{AnswerID: "a5", Platform: "slack", UserID: "u5", Question: "My MRN is [redacted]; what is coding?", Topic: "duties", Outcome: bot.OutcomeAnswered, Mode: "llm", Redacted: true},
		{Platform: "slack", UserID: "u6", Outcome: bot.OutcomeInvalid},
	}
	for _, r := range logs {
		clock.Advance(time.Second)
		bottest.MustLog(t, s, r)
	}
	votes := []bot.Feedback{
		{AnswerID: "a1", UserID: "v1", Vote: -1},
		{AnswerID: "a1", UserID: "v2", Vote: -1},
		{AnswerID: "a5", UserID: "v1", Vote: 1},
		{AnswerID: "gone", UserID: "v1", Vote: -1}, // an answer whose question was never logged
		{AnswerID: "a5", UserID: "v3", Vote: -1},
	}
	for _, f := range votes {
		clock.Advance(time.Second)
		if err := s.SaveFeedback(ctx, f); err != nil {
			t.Fatal(err)
		}
	}

	rep := bottest.MustReport(t, s, start)
	if !rep.Since.Equal(start) || rep.Questions != len(logs) {
		t.Errorf("Since %v Questions %d, want %v %d", rep.Since, rep.Questions, start, len(logs))
	}
	wantTopic := map[string]int{"pay-outlook": 1, "work-settings": 2, "duties": 1, "none": 2}
	if fmt.Sprint(rep.ByTopic) != fmt.Sprint(wantTopic) {
		t.Errorf("ByTopic = %v, want %v", rep.ByTopic, wantTopic)
	}
	wantOutcome := map[string]int{"answered": 2, "abstained": 2, "declined": 1, "invalid": 1}
	if fmt.Sprint(rep.ByOutcome) != fmt.Sprint(wantOutcome) {
		t.Errorf("ByOutcome = %v, want %v", rep.ByOutcome, wantOutcome)
	}
	if len(rep.Abstentions) != 2 || rep.Abstentions[0].AnswerID != "a3" || rep.Abstentions[1].AnswerID != "a2" {
		t.Errorf("Abstentions = %+v, want a3 then a2", rep.Abstentions)
	}
	if a := rep.Abstentions[len(rep.Abstentions)-1]; a.Platform != "slack" || a.UserID != "u2" || a.Mode != "extractive" ||
		a.Topic != "work-settings" || !a.CreatedAt.Equal(start.Add(2*time.Second)) {
		t.Errorf("abstention a2 read back as %+v", a)
	}
	var down []string
	for _, r := range rep.Downvoted {
		down = append(down, r.AnswerID+":"+r.Question)
	}
	wantDown := "[a5:My MRN is [redacted]; what is coding? a1:What does an RHIT earn?]" // "gone" was never asked
	if fmt.Sprint(down) != wantDown {
		t.Errorf("Downvoted = %v, want %v", down, wantDown)
	}
	if !rep.Downvoted[0].Redacted || rep.Downvoted[0].Mode != "llm" {
		t.Errorf("Downvoted[0] = %+v, want the redacted llm answer", rep.Downvoted[0])
	}
	wantTop := []bot.CountedQuestion{{Question: "is there a  NIGHT shift?", Count: 2}} // declined questions are not gaps
	if fmt.Sprint(rep.TopUnanswered) != fmt.Sprint(wantTop) {
		t.Errorf("TopUnanswered = %v, want %v", rep.TopUnanswered, wantTop)
	}
	if rep.Upvotes != 1 || rep.Downvotes != 4 {
		t.Errorf("votes +%d -%d, want +1 -4", rep.Upvotes, rep.Downvotes)
	}

	all := bottest.MustReport(t, s, time.Time{})
	if all.Questions != len(logs)+1 || len(all.Abstentions) != 3 || len(all.TopUnanswered) != 2 {
		t.Errorf("report since the beginning: %d questions, %d abstentions, %d unanswered; want %d, 3, 2",
			all.Questions, len(all.Abstentions), len(all.TopUnanswered), len(logs)+1)
	}
	community, err := s.Report(ctx, bot.ReportQuery{Since: start}) // without the playground's question
	if err != nil {
		t.Fatal(err)
	}
	if community.Questions != len(logs)-1 || community.ByOutcome["declined"] != 0 || community.ByOutcome["answered"] != 2 {
		t.Errorf("community report = %d questions %v, want %d without the playground's", community.Questions, community.ByOutcome, len(logs)-1)
	}
	if later := bottest.MustReport(t, s, clock.Now().Add(time.Second)); later.Questions != 0 || later.Downvotes != 0 || len(later.Downvoted) != 0 {
		t.Errorf("report from the future = %+v, want empty", later)
	}
}

func testReportEmpty(t *testing.T, s *DB) {
	rep := bottest.MustReport(t, s, time.Now().Add(-time.Hour))
	if rep.Questions != 0 || rep.ByTopic == nil || rep.ByOutcome == nil || rep.Abstentions == nil ||
		rep.Downvoted == nil || rep.TopUnanswered == nil {
		t.Errorf("empty report = %+v, want zero counts and non-nil collections", rep)
	}
}

func testHousekeeping(t *testing.T, s *DB) {
	ctx := context.Background()
	clock := withClock(s)
	for i := range 5 {
		if _, err := s.FirstSeen(ctx, fmt.Sprintf("k%d", i), time.Second); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Allow(ctx, fmt.Sprintf("u%d", i), 2, time.Second); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(2 * housekeepEvery)
	if _, err := s.FirstSeen(ctx, "fresh", time.Hour); err != nil { // triggers housekeeping
		t.Fatal(err)
	}
	var keys, buckets int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM dedup_keys`).Scan(&keys); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM rate_limits`).Scan(&buckets); err != nil {
		t.Fatal(err)
	}
	if keys != 1 || buckets != 0 {
		t.Errorf("after housekeeping: %d dedup keys, %d buckets; want 1 (the fresh key), 0", keys, buckets)
	}
}

func testClosed(t *testing.T, s *DB) {
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	ctx := context.Background()
	checks := map[string]error{
		"LogQuestion":  s.LogQuestion(ctx, bot.QuestionRecord{Platform: "web", Outcome: bot.OutcomeOK}),
		"SaveFeedback": s.SaveFeedback(ctx, bot.Feedback{AnswerID: "a", UserID: "u", Vote: 1}),
		"Ping":         s.Ping(ctx),
	}
	_, checks["FirstSeen"] = s.FirstSeen(ctx, "k", time.Minute)
	_, _, checks["Allow"] = s.Allow(ctx, "k", 1, time.Minute)
	_, checks["Report"] = s.Report(ctx, bot.ReportQuery{Since: time.Time{}, IncludeLocal: true})
	_, checks["Secret"] = s.Secret(ctx, "k")
	for name, err := range checks {
		if !errors.Is(err, bot.ErrStoreClosed) {
			t.Errorf("%s after Close = %v, want bot.ErrStoreClosed", name, err)
		}
	}
}

func testSecret(t *testing.T, s *DB) {
	ctx := context.Background()
	var wg sync.WaitGroup
	got := make([]string, 10)
	for i := range got {
		wg.Go(func() {
			v, err := s.Secret(ctx, "user-salt")
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	wg.Wait()
	for _, v := range got {
		if len(v) != 64 || v != got[0] {
			t.Fatalf("concurrent Secret calls = %q, want one 64-hex-digit value", got)
		}
	}
	other, err := s.Secret(ctx, "another")
	if err != nil || other == got[0] {
		t.Errorf("another secret = %q, %v; want a different value", other, err)
	}
	if _, err := s.Secret(ctx, ""); err == nil {
		t.Error("Secret(\"\") succeeded, want an error")
	}
}
