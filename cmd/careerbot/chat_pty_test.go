package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/careerbot/careerbot/bot"
)

// TestChat_TerminalLineEditing drives chat through a pseudo-terminal as a person
// would: arrow keys move the cursor and recall history instead of reaching the bot
// as control characters.
func TestChat_TerminalLineEditing(t *testing.T) {
	master, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { master.Close(); tty.Close() })
	if err := pty.Setsize(master, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var asked []string
	h := bot.HandlerFunc(func(_ context.Context, r bot.Request) (bot.Reply, error) {
		mu.Lock()
		asked = append(asked, r.Text)
		mu.Unlock()
		return bot.Reply{Text: "answer to " + r.Text, Outcome: bot.OutcomeAnswered}, nil
	})
	a := &app{getenv: func(string) string { return "" }, log: slog.New(slog.DiscardHandler)}

	var screen bytes.Buffer
	var screenMu sync.Mutex
	go func() { // the terminal's screen: everything chat draws
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			screenMu.Lock()
			screen.Write(buf[:n])
			screenMu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- a.chat(context.Background(), h, tty, tty, 80) }()

	const (
		left  = "\x1b[D"
		up    = "\x1b[A"
		home  = "\x01" // Ctrl-A
		enter = "\r"
		ctrlD = "\x04"
	)
	waitFor := func(want string, times int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			screenMu.Lock()
			got := screen.String()
			screenMu.Unlock()
			if strings.Count(got, want) >= times {
				return
			}
		}
		screenMu.Lock()
		defer screenMu.Unlock()
		t.Fatalf("screen never showed %q:\n%q", want, screen.String())
	}
	typeKeys := func(keys string) {
		t.Helper()
		if _, err := io.WriteString(master, keys); err != nil {
			t.Fatal(err)
		}
	}

	waitFor("you> ", 1)
	typeKeys("what is an RHT" + left + "I" + enter) // fix a typo in place
	waitFor("answer to what is an RHIT", 1)
	typeKeys("pay" + home + "and " + enter) // insert at the start of the line
	waitFor("answer to and pay", 1)
	typeKeys(up + up + enter) // recall the first question from history
	waitFor("answer to what is an RHIT", 2)
	typeKeys(ctrlD)

	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chat: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("chat did not end on Ctrl-D")
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"what is an RHIT", "and pay", "what is an RHIT"}
	if strings.Join(asked, "|") != strings.Join(want, "|") {
		t.Errorf("the bot was asked %q, want %q", asked, want)
	}
	for _, q := range asked {
		if strings.ContainsAny(q, "\x1b\x01\x04") {
			t.Errorf("control characters reached the bot: %q", q)
		}
	}
}
