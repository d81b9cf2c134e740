package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/store/storetest"
)

func TestReport_Usage(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"}
	for _, args := range [][]string{
		{"report", "--since", "yesterday"},
		{"report", "--since", "0d"},
		{"report", "--since", "-24h"},
		{"report", "--since", "400d"},
		{"report", "--bogus"},
		{"report", "extra"},
	} {
		code, _, stderr := runCLI(t, env, args...)
		if code != 2 || !strings.Contains(stderr, "careerbot:") {
			t.Errorf("%q: exit %d, stderr %q; want a usage error (2)", args, code, stderr)
		}
	}
}

func TestReport_Empty(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"}
	code, stdout, stderr := runCLI(t, env, "report", "--since", "24h")
	if code != 0 || !strings.Contains(stdout, "careerbot report since") || !strings.Contains(stdout, "Questions: 0") || strings.Contains(stdout, "**") {
		t.Fatalf("report on a new store: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, env, "report", "--json")
	var rep map[string]any
	if code != 0 || json.Unmarshal([]byte(stdout), &rep) != nil || rep["questions"] != 0.0 {
		t.Fatalf("report --json on a new store: exit %d, %s", code, stdout)
	}
	for _, k := range []string{"since", "by_topic", "by_outcome", "abstentions", "downvoted", "top_unanswered", "upvotes", "downvotes"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report --json lacks %q: %s", k, stdout)
		}
	}
}

func TestReport_StoreFailure(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error",
		"DATABASE_URL": "postgres://careerbot@127.0.0.1:1/careerbot?sslmode=disable&connect_timeout=5"}
	code, _, stderr := runCLI(t, env, "report")
	if code != 1 || !strings.Contains(stderr, "DATABASE_URL") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("report with an unreachable database: exit %d, stderr %q; want 1 and one line naming DATABASE_URL", code, stderr)
	}
}

// TestReport_FeedbackSurvivesRestart is the end-to-end check of the durable store:
// members ask and vote through the router of one process; a new process's
// `careerbot report` shows the 👎 answer with its question.
func TestReport_FeedbackSurvivesRestart(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		testFeedbackSurvivesRestart(t, map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"})
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		dbURL := storetest.PostgresURL(t)
		testFeedbackSurvivesRestart(t, map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error", "DATABASE_URL": dbURL})
	})
}

func testFeedbackSurvivesRestart(t *testing.T, env map[string]string) {
	ctx := context.Background()
	const question = "What certification do I need to become a medical coder?"
	a := &app{getenv: func(k string) string { return env[k] }, stdout: io.Discard, stderr: io.Discard}
	if err := a.init(ctx, true); err != nil {
		t.Fatal(err)
	}
	h, err := a.router(ctx)
	if err != nil {
		a.close()
		t.Fatal(err)
	}
	reply, err := h.Handle(ctx, bot.Request{Platform: bot.PlatformSlack, UserID: "U1", ChannelID: "C1", Text: question})
	if err != nil || reply.AnswerID == "" {
		a.close()
		t.Fatalf("ask: %v, answer id %q", err, reply.AnswerID)
	}
	vote := bot.Request{Platform: bot.PlatformSlack, UserID: "U2", ChannelID: "C1", Command: bot.CommandFeedback,
		Args: map[string]string{bot.ArgAnswerID: reply.AnswerID, bot.ArgVote: "down"}}
	if _, err := h.Handle(ctx, vote); err != nil {
		a.close()
		t.Fatalf("feedback: %v", err)
	}
	a.close() // the process ends: the store is closed

	rep := reportAfter(t, env, "--since", "1d")
	if rep.Questions != 1 || rep.Downvotes != 1 || len(rep.Downvoted) != 1 ||
		rep.Downvoted[0].Question != question || rep.Downvoted[0].AnswerID != reply.AnswerID {
		t.Fatalf("report after restart = %+v, want the 👎 answer to %q", rep, question)
	}
	code, stdout, _ := runCLI(t, env, "report")
	if code != 0 || !strings.Contains(stdout, "👎 answers") || !strings.Contains(stdout, "medical coder") {
		t.Fatalf("report text after restart: exit %d\n%s", code, stdout)
	}
}

// TestReport_LocalQuestionsKeptOut: questions asked in the terminal stay out of the
// community report unless --include-local asks for them, and an eval run logs nothing.
func TestReport_LocalQuestionsKeptOut(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error"}
	if code, _, stderr := runCLI(t, env, "ask", "What does a medical records specialist do?"); code != 0 {
		t.Fatalf("ask: exit %d: %s", code, stderr)
	}
	if rep := reportAfter(t, env); rep.Questions != 0 {
		t.Errorf("community report counts %d terminal questions, want 0", rep.Questions)
	}
	if rep := reportAfter(t, env, "--include-local"); rep.Questions != 1 || rep.ByTopic["none"] != 0 {
		t.Errorf("report --include-local = %+v, want the one terminal question with its topic", rep)
	}
}
