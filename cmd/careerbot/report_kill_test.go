package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/store/storetest"
)

// TestReport_FeedbackSurvivesKill runs the real binary: `careerbot serve` answers a
// question and takes a 👎 through the playground API, is killed with SIGKILL, and a
// new `careerbot report` shows the 👎 answer with its question.
func TestReport_FeedbackSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the careerbot binary")
	}
	bin := filepath.Join(t.TempDir(), "careerbot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
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
	cmd := exec.Command(bin, "serve")
	cmd.Dir = t.TempDir() // no .env file around
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir, "HTTP_ADDR=127.0.0.1:0"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bottest.LogBuffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	base := ""
	sc := bufio.NewScanner(out)
	for base == "" && sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Health: "); ok {
			base = strings.TrimSuffix(strings.Fields(rest)[0], "/healthz")
		}
	}
	if base == "" {
		t.Fatalf("serve printed no address; stderr:\n%s", stderr.String())
	}
	go func() { // keep the pipe drained until the process dies
		for sc.Scan() {
		}
	}()

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

	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed = true
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(time.Minute): // failure guard only
		t.Fatal("serve survived SIGKILL")
	}

	rep := reportAfter(t, env, "--include-local") // asked through the playground
	if rep.Downvotes != 1 || len(rep.Downvoted) != 1 || rep.Downvoted[0].AnswerID != id || rep.Downvoted[0].Question != question {
		t.Fatalf("report after kill -9 = %+v, want the 👎 answer %s to %q", rep, id, question)
	}
}
