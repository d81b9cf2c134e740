package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// httpRun is an adapter serving HTTP mode against a fake Slack.
type httpRun struct {
	f   *slacktest.Server
	a   *Adapter
	srv *httptest.Server
}

func startHTTP(t *testing.T, h bot.Handler) *httpRun {
	t.Helper()
	f := slacktest.NewServer(t)
	a, err := New(Config{
		BotToken: slacktest.BotToken, SigningSecret: testSecret, APIURL: f.APIURL() + "/",
		ModeratorUserIDs: []string{"UMOD"}, Logger: testLogger(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.HTTPHandler(h))
	t.Cleanup(func() {
		srv.Close()
		if err := a.Shutdown(context.Background()); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return &httpRun{f: f, a: a, srv: srv}
}

// sign returns Slack's v0 signature headers for body at time ts.
func sign(secret string, ts time.Time, body string) http.Header {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", stamp)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

func (r *httpRun) post(t *testing.T, path, contentType, body string, header http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, r.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := r.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (r *httpRun) postSigned(t *testing.T, path, contentType, body string) (int, string) {
	t.Helper()
	return r.post(t, path, contentType, body, sign(testSecret, time.Now(), body))
}

func TestHTTP_URLVerification(t *testing.T) {
	r := startHTTP(t, newRecorder())
	body := `{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	code, got := r.postSigned(t, "/slack/events", "application/json", body)
	if code != http.StatusOK || got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification: %d %q", code, got)
	}
}

func TestHTTP_RejectsForgedAndStaleRequests(t *testing.T) {
	rec := newRecorder()
	r := startHTTP(t, rec)
	body := `{"type":"event_callback","event_id":"EvX","event":` + slacktest.MentionEvent("C1", "1.1", "<@UBOT> hi") + `}`
	for _, tc := range []struct {
		name   string
		header http.Header
	}{
		{"WrongSecret", sign("not-the-secret", time.Now(), body)},
		{"Stale", sign(testSecret, time.Now().Add(-10*time.Minute), body)},
		{"Future", sign(testSecret, time.Now().Add(10*time.Minute), body)},
		{"TamperedBody", sign(testSecret, time.Now(), body+" ")},
		{"Unsigned", http.Header{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/slack/events", "/slack/commands", "/slack/interactions"} {
				if code, _ := r.post(t, path, "application/json", body, tc.header); code != http.StatusUnauthorized {
					t.Errorf("%s: status %d, want 401", path, code)
				}
			}
		})
	}
	for path, limit := range map[string]int{"/slack/events": maxEventBody, "/slack/commands": maxCommandBody, "/slack/interactions": maxInteractionBody} {
		if code, _ := r.post(t, path, "application/json", strings.Repeat("x", limit+1), sign(testSecret, time.Now(), "")); code != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: body of %d bytes: status %d, want 413", path, limit+1, code)
		}
	}
	resp, err := r.srv.Client().Get(r.srv.URL + "/slack/events")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", resp.StatusCode)
	}
	if err := r.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(rec.reqs) != 0 {
		t.Errorf("a rejected request reached the handler")
	}
}

func TestHTTP_EventAnsweredOnceDespiteRetry(t *testing.T) {
	rec := newRecorder()
	r := startHTTP(t, rec)
	body := `{"token":"legacy","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"EvH","event_time":1700000000,"event":` +
		slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> what is coding?") + `}`
	if code, got := r.postSigned(t, "/slack/events", "application/json", body); code != http.StatusOK || got != "" {
		t.Fatalf("event: %d %q", code, got)
	}
	post := r.f.WaitCall("chat.postMessage")
	if post.Form.Get("thread_ts") != "1700000001.000100" {
		t.Errorf("answered in thread %q", post.Form.Get("thread_ts"))
	}
	r.f.WaitCall("chat.update")
	// Slack's retry of the same event.
	h := sign(testSecret, time.Now(), body)
	h.Set("X-Slack-Retry-Num", "1")
	h.Set("X-Slack-Retry-Reason", "http_timeout")
	if code, _ := r.post(t, "/slack/events", "application/json", body, h); code != http.StatusOK {
		t.Fatalf("retry: status %d", code)
	}
	rec.waitDuplicate(t, "EvH")
	if err := r.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := r.f.Count("chat.postMessage"); n != 1 {
		t.Errorf("chat.postMessage called %d times, want 1", n)
	}
	if req := rec.next(t); req.Text != "what is coding?" {
		t.Errorf("request = %+v", req)
	}
}

func TestHTTP_SlashCommandAndInteraction(t *testing.T) {
	rec := newRecorder()
	r := startHTTP(t, rec)
	form := url.Values{
		"command": {"/career"}, "text": {"ask how do I get certified?"}, "channel_id": {"C1"}, "user_id": {"U1"},
		"user_name": {"ann"}, "response_url": {r.f.ResponseURL("cmd")}, "trigger_id": {"t1"}, "team_id": {"T1"},
	}.Encode()
	if code, got := r.postSigned(t, "/slack/commands", "application/x-www-form-urlencoded", form); code != http.StatusOK || got != "" {
		t.Fatalf("command: %d %q", code, got)
	}
	resp := r.f.WaitCall("respond")
	if !strings.Contains(slacktest.BlocksText(t, resp), "*RHIT*") {
		t.Errorf("command answer: %s", slacktest.BlocksText(t, resp))
	}
	if req := rec.next(t); req.Command != bot.CommandAsk || req.Text != "how do I get certified?" {
		t.Errorf("command request = %+v", req)
	}

	payload := url.Values{"payload": {slacktest.BlockActionPayload("U1", "careerbot:feedback_up", "ans-1", r.f.ResponseURL("fb"))}}.Encode()
	if code, _ := r.postSigned(t, "/slack/interactions", "application/x-www-form-urlencoded", payload); code != http.StatusOK {
		t.Fatalf("interaction: status %d", code)
	}
	req := rec.next(t)
	if req.Command != bot.CommandFeedback || req.Args[bot.ArgVote] != "up" || req.Args[bot.ArgAnswerID] != "ans-1" {
		t.Errorf("feedback request = %+v", req)
	}
	if fb := r.f.WaitCall("respond"); fb.JSON["response_type"] != "ephemeral" {
		t.Errorf("feedback response = %v", fb.JSON)
	}

	if code, _ := r.postSigned(t, "/slack/interactions", "application/x-www-form-urlencoded", "payload=%7Bnot-json"); code != http.StatusBadRequest {
		t.Errorf("malformed interaction: status %d, want 400", code)
	}
}

func TestHTTP_DisabledWithoutSigningSecret(t *testing.T) {
	a, err := New(Config{BotToken: "xoxb-test"})
	if err != nil {
		t.Fatal(err)
	}
	rr := httptest.NewRecorder()
	a.HTTPHandler(newRecorder()).ServeHTTP(rr, httptest.NewRequest(http.MethodPost, "/slack/events", strings.NewReader("{}")))
	if rr.Code != http.StatusNotFound {
		t.Errorf("status %d, want 404", rr.Code)
	}
}

// TestHTTP_ReplaysAnsweredOnce: a signed slash command or click sent again within the
// signature window (a replay) is answered once — the real core drops it on its
// trigger_id.
func TestHTTP_ReplaysAnsweredOnce(t *testing.T) {
	router, know := bottest.NewRouter(t)
	dups := make(chan string, 4)
	h := bot.HandlerFunc(func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		rep, err := router.Handle(ctx, req)
		if rep.Outcome == bot.OutcomeDuplicate {
			dups <- req.Command
		}
		return rep, err
	})
	r := startHTTP(t, h)
	form := url.Values{
		"command": {"/career"}, "text": {"ask how do I get certified?"}, "channel_id": {"C1"}, "user_id": {"U1"},
		"user_name": {"ann"}, "response_url": {r.f.ResponseURL("cmd")}, "trigger_id": {"t-replayed"}, "team_id": {"T1"},
	}.Encode()
	payload := url.Values{"payload": {slacktest.BlockActionPayload("U1", "careerbot:feedback_up", "ab12", r.f.ResponseURL("fb"))}}.Encode()
	for range 2 {
		if code, _ := r.postSigned(t, "/slack/commands", "application/x-www-form-urlencoded", form); code != http.StatusOK {
			t.Fatalf("command: status %d", code)
		}
		if code, _ := r.postSigned(t, "/slack/interactions", "application/x-www-form-urlencoded", payload); code != http.StatusOK {
			t.Fatalf("interaction: status %d", code)
		}
	}
	for range 2 {
		select {
		case <-dups:
		case <-time.After(slacktest.WaitLimit):
			t.Fatal("a replay was not dropped")
		}
	}
	if err := r.a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := r.f.Count("respond"); n != 2 {
		t.Errorf("%d responses, want 2: the command's answer and the vote's thanks, once each", n)
	}
	if n := len(know.Queries()); n != 1 {
		t.Errorf("knowledge asked %d times, want once", n)
	}
}

// readSpy is a request body that records whether anyone read it.
type readSpy struct{ reads int }

func (s *readSpy) Read([]byte) (int, error) { s.reads++; return 0, io.ErrUnexpectedEOF }

// TestHTTP_HeadersCheckedBeforeBody: an unsigned or stale request is refused without
// reading its body, so a slow or huge body from a stranger costs nothing.
func TestHTTP_HeadersCheckedBeforeBody(t *testing.T) {
	r := startHTTP(t, newRecorder())
	h := r.a.HTTPHandler(newRecorder())
	for name, header := range map[string]http.Header{
		"Unsigned": {},
		"Stale":    sign(testSecret, time.Now().Add(-10*time.Minute), ""),
		"NoStamp":  {"X-Slack-Signature": {"v0=00"}},
	} {
		for _, path := range []string{"/slack/events", "/slack/commands", "/slack/interactions"} {
			spy := &readSpy{}
			req := httptest.NewRequest(http.MethodPost, path, spy)
			req.Header = header.Clone()
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusUnauthorized || spy.reads != 0 {
				t.Errorf("%s %s: status %d after %d body reads, want 401 before any", name, path, w.Code, spy.reads)
			}
		}
	}
}

// TestHTTP_LogsKeepSecretsOut: when an answer cannot be delivered, the log says so
// without the response_url (a credential) or the member's raw user id.
func TestHTTP_LogsKeepSecretsOut(t *testing.T) {
	const user, token = "UZ9RAWID", "sekrit-hook-token"
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/commands/T1/99/" + token
	dead.Close() // every post to the response_url fails to connect
	f := slacktest.NewServer(t)
	var logs bottest.LogBuffer
	a, err := New(Config{
		BotToken: slacktest.BotToken, SigningSecret: testSecret, APIURL: f.APIURL() + "/", UserSalt: "salt",
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.HTTPHandler(newRecorder()))
	defer srv.Close()
	r := &httpRun{f: f, a: a, srv: srv}
	form := url.Values{
		"command": {"/career"}, "text": {"help"}, "channel_id": {"C1"}, "user_id": {user},
		"user_name": {"ann"}, "response_url": {deadURL}, "trigger_id": {"t-logs"}, "team_id": {"T1"},
	}.Encode()
	if code, _ := r.postSigned(t, "/slack/commands", "application/x-www-form-urlencoded", form); code != http.StatusOK {
		t.Fatalf("command: status %d", code)
	}
	if err := a.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	if !strings.Contains(out, "answer not delivered") {
		t.Fatalf("no delivery failure logged:\n%s", out)
	}
	for _, secret := range []string{token, user, "/commands/T1/99/"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain %q:\n%s", secret, out)
		}
	}
	if want := bot.HashUser("salt", bot.PlatformSlack, user); !strings.Contains(out, want) {
		t.Errorf("logs lack the hashed user %s:\n%s", want, out)
	}
}
