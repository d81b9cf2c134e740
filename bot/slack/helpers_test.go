package slack

import (
	"context"
	"log/slog"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

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

// recorder is a bot.Handler that answers like the router would and records requests.
// Like the router it takes a request on (bot.Accept) unless its dedup key was seen.
type recorder struct {
	reqs chan bot.Request
	dups chan string // the dedup key of every duplicate, in call order
	// before, when set, runs first (e.g. to stream partial text).
	before func(req bot.Request)

	mu   sync.Mutex
	seen map[string]bool
}

func newRecorder() *recorder {
	return &recorder{reqs: make(chan bot.Request, 64), dups: make(chan string, 64), seen: map[string]bool{}}
}

func (r *recorder) Handle(_ context.Context, req bot.Request) (bot.Reply, error) {
	if req.DedupKey != "" {
		r.mu.Lock()
		dup := r.seen[req.DedupKey]
		r.seen[req.DedupKey] = true
		r.mu.Unlock()
		if dup {
			r.dups <- req.DedupKey
			return bot.Reply{Outcome: bot.OutcomeDuplicate}, nil
		}
	}
	bot.Accept(&req)
	req.OnPartial, req.Args = nil, maps.Clone(req.Args)
	if r.before != nil {
		r.before(req)
	}
	r.reqs <- req
	return testReply(req), nil
}

// waitDuplicate waits until a request with dedup key was refused as a duplicate.
func (r *recorder) waitDuplicate(t *testing.T, key string) {
	t.Helper()
	deadline := time.NewTimer(slacktest.WaitLimit)
	defer deadline.Stop()
	for {
		select {
		case k := <-r.dups:
			if k == key {
				return
			}
		case <-deadline.C:
			t.Fatalf("no duplicate of %q was refused", key)
		}
	}
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
		return bot.Reply{Text: "**Certification** key points [1].", Sources: testSources, Ephemeral: true, Topic: req.Args[bot.ArgTopic], Outcome: bot.OutcomeOK,
			Buttons: []bot.Button{
				{Action: bot.ActionPostSummary, Label: "Post to channel", Value: req.Args[bot.ArgTopic], Style: "primary"},
				{Action: bot.ActionDiscard, Label: "Discard", Value: req.Args[bot.ArgTopic]},
			}}
	case bot.CommandPost:
		return bot.Reply{Text: "**Certification** key points [1].\n\n*Posted by " + req.UserName + "*", Sources: testSources, Topic: req.Args[bot.ArgTopic], Outcome: bot.OutcomeOK}
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
	case <-time.After(slacktest.WaitLimit):
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
	f    *slacktest.Server
	a    *Adapter
	stop func() // cancels Run and waits for it; idempotent
}

// startSocket runs an adapter in Socket Mode and waits for the connection. The adapter
// is stopped (and Run's result checked) before the fake server closes. adjust may
// change the configuration first.
func startSocket(t *testing.T, h bot.Handler, adjust ...func(*Config)) *socketRun {
	t.Helper()
	f := slacktest.NewServer(t)
	cfg := Config{
		BotToken: slacktest.BotToken, AppToken: slacktest.AppToken, APIURL: f.APIURL(),
		ModeratorUserIDs: []string{"UMOD"}, Logger: testLogger(t),
		StreamInterval: 10 * time.Millisecond,
	}
	for _, fn := range adjust {
		fn(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	a.ackHook = func(id string) { f.Record(slacktest.Call{Method: "ack-queued", Path: id}) }
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
			case <-time.After(slacktest.WaitLimit):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	f.WaitCall("apps.connections.open")
	return &socketRun{f: f, a: a, stop: stop}
}
