package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

// httpHarness serves an HTTP-interactions-only adapter (no gateway).
type httpHarness struct {
	fake *discordtest.Server
	srv  *httptest.Server
	a    *Adapter
	priv ed25519.PrivateKey
	h    *recorder
	now  time.Time
}

func newHTTPHarness(t *testing.T) *httpHarness {
	t.Helper()
	h := newRecorder(nil)
	x := newHTTPHarnessFor(t, h, nil)
	x.h = h
	return x
}

// newHTTPHarnessFor serves h from an HTTP-only adapter; adjust, when set, edits the
// configuration first.
func newHTTPHarnessFor(t *testing.T, h bot.Handler, adjust func(*Config)) *httpHarness {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := newFake(t)
	cfg := testConfig(t, f)
	cfg.Token = "" // HTTP mode works without the gateway
	cfg.PublicKey = hex.EncodeToString(pub)
	if adjust != nil {
		adjust(&cfg)
	}
	a := newTestAdapter(t, cfg)
	now := time.Unix(1_800_000_000, 0)
	a.now = func() time.Time { return now }
	srv := httptest.NewServer(a.InteractionsHandler(h))
	t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), discordtest.WaitTimeout)
		defer cancel()
		if err := a.Drain(ctx); err != nil {
			t.Errorf("Drain: %v", err)
		}
	})
	return &httpHarness{fake: f, srv: srv, a: a, priv: priv, now: now}
}

// post sends body signed with key at time ts and returns the status and body.
func (x *httpHarness) post(t *testing.T, body []byte, key ed25519.PrivateKey, ts time.Time) (int, string) {
	t.Helper()
	stamp := fmt.Sprint(ts.Unix())
	req, err := http.NewRequest(http.MethodPost, x.srv.URL+InteractionsPath, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	req.Header.Set("Content-Type", "application/json")
	resp, err := x.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	_, _ = out.ReadFrom(resp.Body)
	return resp.StatusCode, strings.TrimSpace(out.String())
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHTTP_PingIsAnsweredWithPong(t *testing.T) {
	x := newHTTPHarness(t)
	status, body := x.post(t, []byte(`{"id":"P1","application_id":"800","type":1,"token":"t"}`), x.priv, x.now)
	if status != 200 || body != `{"type":1}` {
		t.Errorf("PING = %d %s, want 200 {\"type\":1}", status, body)
	}
}

func TestHTTP_SignedCommandIsDeferredThenEdited(t *testing.T) {
	x := newHTTPHarness(t)
	ev := commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "What does an RHIT do?"})
	status, body := x.post(t, mustJSON(t, ev), x.priv, x.now.Add(-4*time.Minute))
	if status != 200 || body != `{"type":5}` {
		t.Fatalf("command = %d %s, want 200 {\"type\":5}", status, body)
	}
	if req := x.h.next(t); req.Text != "What does an RHIT do?" || req.Platform != bot.PlatformDiscord {
		t.Errorf("request = %+v", req)
	}
	edit := x.fake.WaitFor(t, "edit", is("PATCH", originalPath("I1")))
	if m := decodeMessage(t, edit); !strings.Contains(m.text(), "Sources") {
		t.Errorf("edit = %s", m.text())
	}
	if auth := edit.Header.Get("Authorization"); auth != "" {
		t.Errorf("tokenless HTTP mode sent Authorization %q", auth)
	}
	for _, r := range x.fake.Requests() {
		if strings.HasSuffix(r.Path, "/callback") {
			t.Error("HTTP mode must answer in the HTTP response, not with a callback")
		}
	}
}

func TestHTTP_ButtonClick(t *testing.T) {
	x := newHTTPHarness(t)
	status, body := x.post(t, mustJSON(t, buttonEvent("I2", "careerbot:feedback_up:A1", member("U1", 0))), x.priv, x.now)
	if status != 200 || body != `{"type":5,"data":{"tts":false,"content":"","components":[],"embeds":[],"flags":64}}` {
		t.Errorf("click = %d %s", status, body)
	}
	if req := x.h.next(t); req.Command != bot.CommandFeedback || req.Args[bot.ArgVote] != "up" {
		t.Errorf("request = %+v", req)
	}
	x.fake.WaitFor(t, "edit", is("PATCH", originalPath("I2")))
}

func TestHTTP_RejectsForgedStaleAndOversized(t *testing.T) {
	x := newHTTPHarness(t)
	_, otherKey, _ := ed25519.GenerateKey(nil)
	ev := mustJSON(t, commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	for _, tc := range []struct {
		name   string
		body   []byte
		key    ed25519.PrivateKey
		at     time.Time
		status int
	}{
		{"Forged", ev, otherKey, x.now, 401},
		{"Stale", ev, x.priv, x.now.Add(-6 * time.Minute), 401},
		{"FromTheFuture", ev, x.priv, x.now.Add(6 * time.Minute), 401},
		{"Oversized", append(ev, bytes.Repeat([]byte(" "), maxInteractionBody)...), x.priv, x.now, 413},
		{"Malformed", []byte(`{"type":`), x.priv, x.now, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, body := x.post(t, tc.body, tc.key, tc.at); status != tc.status {
				t.Errorf("status = %d (%s), want %d", status, body, tc.status)
			}
		})
	}
	t.Run("Tampered", func(t *testing.T) {
		stamp := fmt.Sprint(x.now.Unix())
		req, _ := http.NewRequest(http.MethodPost, x.srv.URL+InteractionsPath, bytes.NewReader(ev))
		req.Header.Set("X-Signature-Timestamp", stamp)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(x.priv, []byte(stamp+`{"type":1}`))))
		resp, err := x.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("status = %d, want 401", resp.StatusCode)
		}
	})
	t.Run("GET", func(t *testing.T) {
		resp, err := x.srv.Client().Get(x.srv.URL + InteractionsPath)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 405 {
			t.Errorf("status = %d, want 405", resp.StatusCode)
		}
	})
	select {
	case req := <-x.h.reqs:
		t.Errorf("a rejected request reached the core: %+v", req)
	default:
	}
	if rs := x.fake.Requests(); len(rs) != 0 {
		t.Errorf("a rejected request made Discord calls: %v", rs)
	}
}

// TestHTTP_ReplayAnsweredOnce: a signed interaction sent again within the signature
// window (a replay) is answered once: the core drops it on its interaction id.
func TestHTTP_ReplayAnsweredOnce(t *testing.T) {
	router, know := bottest.NewRouter(t)
	outcomes := make(chan string, 4)
	x := newHTTPHarnessFor(t, bot.HandlerFunc(func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		rep, err := router.Handle(ctx, req)
		outcomes <- rep.Outcome
		return rep, err
	}), nil)

	body := mustJSON(t, commandEvent("I7", "career", "ask", member("U1", 0), map[string]string{"question": "What does an RHIT do?"}))
	for range 2 {
		if status, _ := x.post(t, body, x.priv, x.now); status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), discordtest.WaitTimeout)
	defer cancel()
	if err := x.a.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	got := []string{<-outcomes, <-outcomes}
	if !slices.Contains(got, bot.OutcomeAnswered) || !slices.Contains(got, bot.OutcomeDuplicate) {
		t.Errorf("outcomes = %v, want one answer and one duplicate", got)
	}
	if n := len(know.Queries()); n != 1 {
		t.Errorf("knowledge asked %d times, want once", n)
	}
	for _, r := range x.fake.Requests() {
		if strings.Contains(r.Path, "/webhooks/") && r.Method == http.MethodPost {
			t.Errorf("the replay got a follow-up: %s %s", r.Method, r.Path)
		}
	}
}

// readSpy is a request body that records whether anyone read it.
type readSpy struct{ reads int }

func (s *readSpy) Read([]byte) (int, error) { s.reads++; return 0, io.ErrUnexpectedEOF }

// TestHTTP_HeadersCheckedBeforeBody: a request without a well-formed signature header
// or with a stale timestamp is refused before its body is read.
func TestHTTP_HeadersCheckedBeforeBody(t *testing.T) {
	x := newHTTPHarness(t)
	a := newTestAdapter(t, testConfig(t, newFake(t)))
	a.publicKey = x.priv.Public().(ed25519.PublicKey)
	a.now = func() time.Time { return x.now }
	h := a.InteractionsHandler(x.h)
	sig := hex.EncodeToString(make([]byte, ed25519.SignatureSize))
	for name, header := range map[string]map[string]string{
		"Unsigned":      {"X-Signature-Timestamp": fmt.Sprint(x.now.Unix())},
		"ShortSig":      {"X-Signature-Timestamp": fmt.Sprint(x.now.Unix()), "X-Signature-Ed25519": "abcd"},
		"NoStamp":       {"X-Signature-Ed25519": sig},
		"Stale":         {"X-Signature-Timestamp": fmt.Sprint(x.now.Add(-6 * time.Minute).Unix()), "X-Signature-Ed25519": sig},
		"FromTheFuture": {"X-Signature-Timestamp": fmt.Sprint(x.now.Add(6 * time.Minute).Unix()), "X-Signature-Ed25519": sig},
	} {
		spy := &readSpy{}
		req := httptest.NewRequest(http.MethodPost, InteractionsPath, spy)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusUnauthorized || spy.reads != 0 {
			t.Errorf("%s: status %d after %d body reads, want 401 before any", name, w.Code, spy.reads)
		}
	}
}
