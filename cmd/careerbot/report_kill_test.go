package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"syscall"
	"testing"

	"github.com/careerbot/careerbot/cmd/careerbot/binarytest"
	"github.com/careerbot/careerbot/store/storetest"
)

// TestReport_FeedbackSurvivesKill runs the real binary: `careerbot serve` answers a
// question and takes a 👎 through the playground API, is killed with SIGKILL, and a
// new `careerbot report` shows the 👎 answer with its question.
func TestReport_FeedbackSurvivesKill(t *testing.T) {
	bin := binarytest.Build(t, false)
	t.Run("SQLite", func(t *testing.T) {
		testFeedbackSurvivesKill(t, bin, map[string]string{"DATA_DIR": t.TempDir()})
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		dbURL := storetest.PostgresURL(t)
		testFeedbackSurvivesKill(t, bin, map[string]string{"DATA_DIR": t.TempDir(), "DATABASE_URL": dbURL})
	})
}

func testFeedbackSurvivesKill(t *testing.T, bin string, env map[string]string) {
	const question = "How long does it take to become an RHIT?"
	env["LOG_LEVEL"] = "error"
	s, ok := binarytest.Start(t, bin, env)
	if !ok {
		t.FailNow()
	}
	base := s.Base

	reply := askPlayground(t, base, question)
	id, _ := reply["answer_id"].(string)
	if id == "" {
		t.Fatalf("reply without an answer id: %v", reply)
	}
	body, _ := json.Marshal(map[string]string{"action": "feedback_down", "value": id, "thread_id": "test"})
	resp, err := http.Post(base+"/api/button", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("feedback click: HTTP %d", resp.StatusCode)
	}

	if !s.Stop(t, syscall.SIGKILL) {
		t.FailNow()
	}

	rep := reportAfter(t, env, "--include-local") // asked through the playground
	if rep.Downvotes != 1 || len(rep.Downvoted) != 1 || rep.Downvoted[0].AnswerID != id || rep.Downvoted[0].Question != question {
		t.Fatalf("report after kill -9 = %+v, want the 👎 answer %s to %q", rep, id, question)
	}
}
