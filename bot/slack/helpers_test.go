package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

// testStore is a minimal bot.Store: FirstSeen works, calls are observable.
type testStore struct {
	mu        sync.Mutex
	seen      map[string]bool
	firstSeen chan string // every FirstSeen key, in call order
}

func newTestStore() *testStore {
	return &testStore{seen: map[string]bool{}, firstSeen: make(chan string, 256)}
}

func (s *testStore) FirstSeen(_ context.Context, key string, _ time.Duration) (bool, error) {
	s.mu.Lock()
	first := !s.seen[key]
	s.seen[key] = true
	s.mu.Unlock()
	s.firstSeen <- key
	return first, nil
}

func (s *testStore) LogQuestion(context.Context, bot.QuestionRecord) error { return nil }
func (s *testStore) SaveFeedback(context.Context, bot.Feedback) error      { return nil }
func (s *testStore) Allow(context.Context, string, int, time.Duration) (bool, time.Duration, error) {
	return true, 0, nil
}
func (s *testStore) Report(context.Context, time.Time) (bot.Report, error) { return bot.Report{}, nil }
func (s *testStore) Ping(context.Context) error                            { return nil }
func (s *testStore) Close() error                                          { return nil }

// testObserver records PlatformError calls.
type testObserver struct {
	bot.NopObserver
	mu  sync.Mutex
	ops []string
}

func (o *testObserver) PlatformError(platform, op string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ops = append(o.ops, platform+":"+op)
}

func (o *testObserver) errors() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.ops...)
}

// waitFirstSeen waits until FirstSeen was called with key n times in all.
func (s *testStore) waitFirstSeen(t *testing.T, key string, n int) {
	t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for got := 0; got < n; {
		select {
		case k := <-s.firstSeen:
			if k == key {
				got++
			}
		case <-deadline.C:
			t.Fatalf("FirstSeen(%q) not called %d times", key, n)
		}
	}
}

// recorder is a bot.Handler that answers like the router would and records requests.
type recorder struct {
	reqs chan bot.Request
	// before, when set, runs first (e.g. to stream partial text).
	before func(req bot.Request)
}

func newRecorder() *recorder { return &recorder{reqs: make(chan bot.Request, 64)} }

func (r *recorder) Handle(_ context.Context, req bot.Request) (bot.Reply, error) {
	req.OnPartial, req.Args = nil, cloneArgs(req.Args)
	if r.before != nil {
		r.before(req)
	}
	r.reqs <- req
	return testReply(req), nil
}

func cloneArgs(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// testReply is what the fake core answers.
func testReply(req bot.Request) bot.Reply {
	modOnly := req.Command == bot.CommandSummary || req.Command == bot.CommandPost || req.Command == bot.CommandReport
	if modOnly && !req.Moderator {
		return bot.Reply{Text: "Sorry, that command is for moderators.", Ephemeral: true, Outcome: bot.OutcomeRefused}
	}
	switch req.Command {
	case bot.CommandFeedback:
		return bot.Reply{Text: "Thanks — noted.", Ephemeral: true, Outcome: bot.OutcomeOK}
	case bot.CommandHelp:
		return bot.Reply{Text: "I answer questions about the **HIT** career.", Ephemeral: true, Outcome: bot.OutcomeOK}
	case bot.CommandSummary:
		return bot.Reply{Text: "**Certification** key points [1].", Sources: testSources, Ephemeral: true, Topic: req.Args[bot.ArgTopic], Outcome: bot.OutcomeOK}
	case bot.CommandPost:
		return bot.Reply{Text: "**Certification** key points [1].", Sources: testSources, Topic: req.Args[bot.ArgTopic], Outcome: bot.OutcomeOK}
	case bot.CommandReport:
		return bot.Reply{Text: "3 questions this week.", Ephemeral: true, Outcome: bot.OutcomeOK}
	case bot.CommandCourses:
		return bot.Reply{Courses: []bot.Course{{ID: "c1", Title: "Medical Terminology", Provider: "Open U", URL: "https://example.org/mt", Level: "beginner"}}, Outcome: bot.OutcomeOK}
	}
	return bot.Reply{
		Text:     "The **RHIT** needs an associate degree [1]. See [AHIMA](https://www.ahima.org/certification) & more.",
		Sources:  testSources,
		AnswerID: "ans-1",
		Question: req.Text,
		Outcome:  bot.OutcomeAnswered,
	}
}

var testSources = []bot.Source{{N: 1, Title: "Certifications for HITs", URL: "https://www.ahima.org/certification", AsOf: "2025-06"}}

// next returns the next recorded request.
func (r *recorder) next(t *testing.T) bot.Request {
	t.Helper()
	select {
	case req := <-r.reqs:
		return req
	case <-time.After(waitLimit):
		t.Fatal("handler was not called")
		return bot.Request{}
	}
}

// testLogger writes adapter logs to the test log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// socketRun is a running Socket Mode adapter against a fake Slack.
type socketRun struct {
	f     *fakeSlack
	a     *Adapter
	store *testStore
	stop  func() // cancels Run and waits for it; idempotent
}

// startSocket runs an adapter in Socket Mode and waits for the connection. The adapter
// is stopped (and Run's result checked) before the fake server closes.
func startSocket(t *testing.T, h bot.Handler) *socketRun {
	t.Helper()
	store := newTestStore()
	r := startSocketWith(t, h, store)
	r.store = store
	return r
}

// startSocketWith is startSocket with a given store.
func startSocketWith(t *testing.T, h bot.Handler, store bot.Store, adjust ...func(*Config)) *socketRun {
	t.Helper()
	f := newFakeSlack(t)
	cfg := Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: f.APIURL(),
		ModeratorUserIDs: []string{"UMOD"}, Store: store, Logger: testLogger(t),
		StreamInterval: 10 * time.Millisecond,
	}
	for _, fn := range adjust {
		fn(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	a.ackHook = func(id string) { f.record(apiCall{Method: "ack-queued", Path: id}) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, h) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run returned %v after a clean shutdown, want nil", err)
				}
			case <-time.After(waitLimit):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	f.waitCall("apps.connections.open")
	return &socketRun{f: f, a: a, stop: stop}
}

// eventEnvelope is an events_api envelope around an inner event.
func eventEnvelope(envelopeID, eventID string, retry int, inner string) string {
	reason := ""
	if retry > 0 {
		reason = "timeout"
	}
	return fmt.Sprintf(`{"type":"events_api","envelope_id":%q,"accepts_response_payload":false,"retry_attempt":%d,"retry_reason":%q,`+
		`"payload":{"type":"event_callback","token":"legacy","team_id":"T1","api_app_id":"A1","event_id":%q,"event_time":1700000000,"event":%s}}`,
		envelopeID, retry, reason, eventID, inner)
}

func mentionEvent(channel, ts, text string) string {
	return fmt.Sprintf(`{"type":"app_mention","user":"U1","text":%q,"channel":%q,"ts":%q,"event_ts":%q}`, text, channel, ts, ts)
}

func messageEvent(fields map[string]any) string {
	ev := map[string]any{"type": "message", "user": "U1", "text": "hello", "channel": "D1", "channel_type": "im", "ts": "1700000002.000100"}
	for k, v := range fields {
		if v == nil {
			delete(ev, k)
			continue
		}
		ev[k] = v
	}
	b, _ := json.Marshal(ev)
	return string(b)
}

// slashEnvelope is a slash_commands envelope.
func slashEnvelope(envelopeID, command, text, user, responseURL string) string {
	payload, _ := json.Marshal(map[string]string{
		"command": command, "text": text, "channel_id": "C1", "user_id": user, "user_name": "name-" + user,
		"response_url": responseURL, "trigger_id": "trig", "team_id": "T1", "api_app_id": "A1",
	})
	return fmt.Sprintf(`{"type":"slash_commands","envelope_id":%q,"accepts_response_payload":true,"payload":%s}`, envelopeID, payload)
}

// blockActionPayload is a block_actions interaction payload.
func blockActionPayload(user, actionID, value, responseURL string) string {
	b, _ := json.Marshal(map[string]any{
		"type":         "block_actions",
		"user":         map[string]string{"id": user, "name": "name-" + user},
		"channel":      map[string]string{"id": "C1"},
		"container":    map[string]any{"type": "message", "message_ts": "1700000000.000001", "channel_id": "C1", "is_ephemeral": true},
		"response_url": responseURL,
		"trigger_id":   "trig",
		"actions":      []map[string]string{{"action_id": actionID, "block_id": "careerbot_actions", "value": value, "type": "button", "action_ts": "1"}},
	})
	return string(b)
}

func interactiveEnvelope(envelopeID, payload string) string {
	return fmt.Sprintf(`{"type":"interactive","envelope_id":%q,"accepts_response_payload":false,"payload":%s}`, envelopeID, payload)
}

// blocksOf decodes the blocks form field of a Web API call.
func blocksOf(t *testing.T, c apiCall) []map[string]any {
	t.Helper()
	var blocks []map[string]any
	raw := c.Form.Get("blocks")
	if c.JSON != nil {
		b, _ := json.Marshal(c.JSON["blocks"])
		raw = string(b)
	}
	if raw == "" || raw == "null" {
		return nil
	}
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		t.Fatalf("blocks are not JSON: %v\n%s", err, raw)
	}
	return blocks
}

// blocksText returns the blocks as JSON text, for substring checks.
func blocksText(t *testing.T, c apiCall) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(blocksOf(t, c)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
