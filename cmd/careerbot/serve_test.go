package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/web/webtest"
)

// served is a running "careerbot serve".
type served struct {
	base   string // http://127.0.0.1:PORT
	stop   context.CancelFunc
	code   chan int
	stderr *bottest.LogBuffer
}

// startServe runs "careerbot serve args…" through run with env, and returns once it
// has printed the address it serves on. It fails the test when serve exits first.
func startServe(t *testing.T, env map[string]string, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stop: cancel, code: make(chan int, 1), stderr: &bottest.LogBuffer{}}
	pr, pw := io.Pipe()
	go func() {
		s.code <- run(ctx, append([]string{"serve"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), pw, s.stderr)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "Health: "); ok {
			s.base = strings.TrimSuffix(strings.Fields(rest)[0], "/healthz")
			break
		}
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	t.Cleanup(func() {
		cancel()
		s.exitCode(t)
	})
	if s.base == "" {
		t.Fatalf("serve printed no address; exit %d; stderr:\n%s", s.exitCode(t), s.stderr)
	}
	return s
}

// exitCode waits for run to return and gives its exit status.
func (s *served) exitCode(t *testing.T) int {
	t.Helper()
	select {
	case c := <-s.code:
		s.code <- c // keep it for a second caller
		return c
	case <-time.After(2 * time.Minute): // failure guard only
		t.Fatalf("serve did not stop; stderr:\n%s", s.stderr)
		return -1
	}
}

// shutdown cancels serve, as SIGINT does, and fails the test unless it exits 0.
func (s *served) shutdown(t *testing.T) {
	t.Helper()
	s.stop()
	if c := s.exitCode(t); c != 0 {
		t.Fatalf("exit %d after cancel, want 0; stderr:\n%s", c, s.stderr)
	}
}

// waitLog waits until one line of serve's log contains every part.
func (s *served) waitLog(t *testing.T, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute) // failure guard only
	for {
		for _, line := range strings.Split(s.stderr.String(), "\n") {
			if containsAll(line, parts) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q; stderr:\n%s", parts, s.stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// askPlayground asks question through the playground API and returns the final
// reply, or nil after reporting an error (it may run in its own goroutine).
func askPlayground(t *testing.T, base, question string) map[string]any {
	t.Helper()
	return webtest.AskAPI(t, base, question)
}

func TestServe_NoCredentials(t *testing.T) {
	env := map[string]string{"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir()}
	s := startServe(t, env, "--grace", "5s")
	if code, body := get(t, s.base+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if code, body := get(t, s.base+"/readyz"); code != 200 || !strings.HasPrefix(body, "ready") {
		t.Errorf("/readyz: %d %q", code, body)
	}
	if code, body := get(t, s.base+"/"); code != 200 || !strings.Contains(body, "careerbot playground") {
		t.Errorf("/: %d", code)
	}

	reply := askPlayground(t, s.base, "What does a health information technician do?")
	if reply == nil {
		t.FailNow()
	}
	if reply["outcome"] != "answered" || len(reply["sources"].([]any)) == 0 || !strings.Contains(reply["html"].(string), "<a href=") {
		t.Errorf("reply = %v", reply)
	}

	code, metrics := get(t, s.base+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`careerbot_questions_total{command="ask",outcome="answered",platform="web"} 1`,
		`careerbot_retrieval_duration_seconds_count`,
		`careerbot_request_duration_seconds_count{command="ask",platform="web"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	s.shutdown(t)
}

// fakeDiscord rejects every token, like Discord does for a revoked one.
func fakeDiscord(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"message": "401: Unauthorized", "code": 0}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestServe_BadTokenKeepsPlayground(t *testing.T) {
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(),
		"DISCORD_BOT_TOKEN": "revoked-token", "DISCORD_API_URL": fakeDiscord(t),
	}
	s := startServe(t, env)
	// The gateway fails at once; the failure names the variable, the rest keeps going.
	s.waitLog(t, "adapter stopped")
	logs := s.stderr.String()
	if !strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "DISCORD_BOT_TOKEN") {
		t.Fatalf("no error naming DISCORD_BOT_TOKEN in the log:\n%s", logs)
	}
	if strings.Contains(logs, "revoked-token") {
		t.Errorf("the token appears in the log:\n%s", logs)
	}
	if reply := askPlayground(t, s.base, "How much do health information technicians earn?"); reply == nil || reply["html"] == "" {
		t.Errorf("playground reply = %v", reply)
	}
	if code, _ := get(t, s.base+"/healthz"); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	s.shutdown(t)
}

func TestServe_NothingLeft(t *testing.T) {
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(),
		"DISCORD_BOT_TOKEN": "revoked-token", "DISCORD_API_URL": fakeDiscord(t),
	}
	s := startServe(t, env, "--playground=off")
	if c := s.exitCode(t); c != 1 {
		t.Fatalf("exit %d, want 1", c)
	}
	if !strings.Contains(s.stderr.String(), "every adapter has stopped") {
		t.Errorf("stderr lacks the cause:\n%s", s.stderr)
	}
}

func TestServe_StartupErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"Grace", map[string]string{"HTTP_ADDR": "127.0.0.1:0"}, []string{"--grace", "0s"}, 2, "--grace"},
		{"Playground", map[string]string{"HTTP_ADDR": "127.0.0.1:0"}, []string{"--playground", "maybe"}, 2, "--playground"},
		{"PortBusy", map[string]string{"HTTP_ADDR": busy.Addr().String()}, nil, 1, "HTTP_ADDR"},
		{"NothingToServe", map[string]string{"HTTP_ADDR": "127.0.0.1:0"}, []string{"--playground=off"}, 1, "nothing to serve"},
		{"BadConfig", map[string]string{"DISCORD_SHARD_ID": "3", "DISCORD_SHARD_COUNT": "2"}, nil, 1, "DISCORD_SHARD_ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env["DATA_DIR"] = t.TempDir()
			code, _, stderr := runCLI(t, tt.env, append([]string{"serve"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d mentioning %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

// TestServe_GraceFinishesAnswers cancels serve while an LLM answer is being written:
// the answer still reaches the playground, and serve exits 0.
func TestServe_GraceFinishesAnswers(t *testing.T) {
	llm := newFakeLLM(t, 0)
	llm.hold, llm.started = make(chan struct{}), make(chan struct{}, 1)
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(),
		"OPENAI_BASE_URL": llm.URL + "/v1", "CHAT_MODEL": "fake", "LLM_TIMEOUT": "60s",
	}
	s := startServe(t, env, "--grace", "60s")
	replies := make(chan map[string]any, 1)
	go func() { replies <- askPlayground(t, s.base, "What does a health information technician do?") }()
	select {
	case <-llm.started:
	case <-time.After(time.Minute): // failure guard only
		t.Fatalf("the question never reached the LLM; stderr:\n%s", s.stderr)
	}
	s.stop()
	s.waitLog(t, "shutting down")
	close(llm.hold)
	reply := <-replies
	if reply == nil || reply["mode"] != "llm" || !strings.Contains(reply["text"].(string), "keep patient records accurate") {
		t.Errorf("in-flight answer = %v", reply)
	}
	s.shutdown(t)
}
