package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

func TestChat_RealRouter(t *testing.T) {
	var out, errOut bytes.Buffer
	env := cliEnv(t)
	in := strings.NewReader("What is an RHIT?\n\nHow long does it take to get one?\n/courses coding\n/help\n/bogus\n/quit\nnever asked\n")
	code := run(context.Background(), []string{"chat"}, func(k string) string { return env[k] }, in, &out, &errOut)
	if code != 0 {
		t.Fatalf("chat: exit %d\n%s", code, errOut.String())
	}
	got := out.String()
	for _, want := range []string{"you> ", "Sources:\n  [1] ", "/courses [topic]", "Unknown command /bogus"} {
		if !strings.Contains(got, want) {
			t.Errorf("chat output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(errOut.String(), `msg="request handled"`); n != 3 {
		t.Errorf("%d requests handled, want 3 (two questions and /courses; nothing after /quit):\n%s", n, errOut.String())
	}
}

func TestChat_EOFAndThreads(t *testing.T) {
	var reqs []bot.Request
	h := bot.HandlerFunc(func(_ context.Context, r bot.Request) (bot.Reply, error) {
		reqs = append(reqs, r)
		return bot.Reply{Text: "ok: " + r.Text, Outcome: bot.OutcomeAnswered}, nil
	})
	a := &app{getenv: func(string) string { return "" }, log: slog.New(slog.DiscardHandler)}
	var out bytes.Buffer
	err := a.chat(context.Background(), h, strings.NewReader("first\nsecond\n/summary skills\n/courses"), &out, 80)
	if err != nil {
		t.Fatalf("chat at EOF: %v", err)
	}
	if len(reqs) != 4 {
		t.Fatalf("%d requests, want 4", len(reqs))
	}
	if reqs[0].ThreadID == "" || reqs[0].ThreadID != reqs[1].ThreadID || reqs[0].UserID != reqs[1].UserID {
		t.Errorf("threads %q/%q users %q/%q; want one conversation", reqs[0].ThreadID, reqs[1].ThreadID, reqs[0].UserID, reqs[1].UserID)
	}
	if reqs[2].Command != bot.CommandSummary || reqs[2].Args[bot.ArgTopic] != "skills" || !reqs[2].Moderator {
		t.Errorf("/summary became %+v", reqs[2])
	}
	if reqs[3].Command != bot.CommandCourses || reqs[3].Args[bot.ArgTopic] != "" {
		t.Errorf("/courses became %+v", reqs[3])
	}
	if !strings.Contains(out.String(), "ok: second") {
		t.Errorf("output lacks the reply:\n%s", out.String())
	}
}

func TestChat_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &app{getenv: func(string) string { return "" }, log: slog.New(slog.DiscardHandler)}
	blocked := &blockingReader{release: make(chan struct{})}
	defer close(blocked.release)
	h := bot.HandlerFunc(func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{}, nil })
	if err := a.chat(ctx, h, blocked, &bytes.Buffer{}, 80); err != nil {
		t.Errorf("chat after cancel: %v", err)
	}
}

// blockingReader blocks until released, like a terminal nobody types into.
type blockingReader struct{ release chan struct{} }

func (b *blockingReader) Read([]byte) (int, error) {
	<-b.release
	return 0, context.Canceled
}
