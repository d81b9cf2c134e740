package discord

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

// longReply is an answer far over every Discord limit, with code blocks and links.
func longReply() bot.Reply {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "Paragraph %d explains coding work in detail with a [link %d](https://example.org/p/%d) and more words to make it long. %s\n\n", i, i, i, strings.Repeat("Health information technicians keep records accurate. ", 6))
		if i%10 == 5 {
			b.WriteString("```\n" + strings.Repeat("code line that must stay inside its block\n", 30) + "```\n\n")
		}
	}
	r := sampleReply()
	r.Text = b.String()
	r.Notice = "I removed personal health information from your question."
	r.Sources = nil
	for i := range 30 {
		r.Sources = append(r.Sources, bot.Source{N: i + 1, Title: fmt.Sprintf("Source number %d with a long descriptive title", i+1), URL: fmt.Sprintf("https://example.org/source/%d/%s", i+1, strings.Repeat("x", 40)), AsOf: "2025-06"})
	}
	return r
}

func TestDelivery_LongAnswersSplitWithinLimits(t *testing.T) {
	f := newFake(t)
	h := newRecorder(func(bot.Request) (bot.Reply, error) { return longReply(), nil })
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)

	t.Run("Interaction", func(t *testing.T) {
		f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
		f.WaitFor(t, "the last follow-up with buttons", func(r discordtest.Request) bool {
			return r.Path == followupPath("I1") && strings.Contains(string(r.Body), "feedback_up")
		})
		var all []string
		for _, r := range f.Requests() {
			if r.Path == originalPath("I1") || r.Path == followupPath("I1") {
				m := decodeMessage(t, r)
				checkLimits(t, m)
				all = append(all, m.text())
			}
		}
		checkSplitText(t, all)
	})
	t.Run("Message", func(t *testing.T) {
		f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "D1", "", "q", "U1", false, false))
		f.WaitFor(t, "the last message with buttons", func(r discordtest.Request) bool {
			return r.Path == discordtest.API+"/channels/D1/messages" && strings.Contains(string(r.Body), "feedback_up")
		})
		var all []string
		for _, r := range f.Requests() {
			if strings.HasPrefix(r.Path, discordtest.API+"/channels/D1/messages") {
				m := decodeMessage(t, r)
				checkLimits(t, m)
				all = append(all, m.text())
			}
		}
		checkSplitText(t, all)
	})
}

// checkSplitText checks that split messages carry the whole answer, no code block
// or link is cut, and every source is listed.
func checkSplitText(t *testing.T, msgs []string) {
	t.Helper()
	if len(msgs) < 3 {
		t.Fatalf("got %d messages, want the answer split over several", len(msgs))
	}
	joined := strings.Join(msgs, "\n")
	for i := range 40 {
		if !strings.Contains(joined, fmt.Sprintf("[link %d](https://example.org/p/%d)", i, i)) {
			t.Errorf("link %d missing or cut", i)
		}
	}
	for i := range 30 {
		if !strings.Contains(joined, fmt.Sprintf("[%d] [Source number %d", i+1, i+1)) {
			t.Errorf("source %d missing", i+1)
		}
	}
	for _, m := range msgs {
		if strings.Count(m, "```")%2 != 0 {
			t.Errorf("a message has an unbalanced code fence:\n%.200s", m)
		}
	}
	if !strings.Contains(msgs[0], "I removed personal health information") {
		t.Error("the notice is not in the first message")
	}
}

func TestDelivery_RetriesServerErrors(t *testing.T) {
	f := newFake(t)
	obs := &recordingObserver{}
	cfg := testConfig(t, f)
	cfg.Observer = obs
	runGateway(t, f, newTestAdapter(t, cfg), newRecorder(nil))

	f.FailNext("PATCH", originalPath("I1"), 429, 1) // discordgo waits retry_after and retries
	f.FailNext("PATCH", originalPath("I1"), 500, 1) // the adapter retries
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	f.Wait(t, "a rate-limited then retried edit", func(rs []discordtest.Request) bool {
		n := 0
		for _, r := range rs {
			if r.Method == "PATCH" && r.Path == originalPath("I1") && strings.Contains(string(r.Body), "Sources") {
				n++
			}
		}
		return n == 3
	})
	if got := obs.errors(); len(got) != 0 {
		t.Errorf("platform errors after a successful retry: %v", got)
	}
}

func TestDelivery_UndeliverableAnswerIsLoggedAndObserved(t *testing.T) {
	f := newFake(t)
	obs := &recordingObserver{}
	cfg := testConfig(t, f)
	cfg.Observer = obs
	logs := &bottest.LogBuffer{}
	cfg.Logger = newTestLogger(logs)
	a := newTestAdapter(t, cfg)
	runGateway(t, f, a, newRecorder(nil))

	f.FailNext("PATCH", originalPath("I1"), 503, maxAttempts)
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	obs.wait(t, "discord/edit_interaction_response")
	waitLog(t, logs, "answer not delivered", "interaction_id=I1")
}

func TestDelivery_HandlerErrorShowsTheCoreApology(t *testing.T) {
	f := newFake(t)
	h := newRecorder(func(bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Sorry, I couldn't answer that right now.", Outcome: bot.OutcomeError}, errors.New("index unavailable")
	})
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	m := decodeMessage(t, f.WaitFor(t, "apology", is("PATCH", originalPath("I1"))))
	if !strings.Contains(m.text(), "Sorry, I couldn't answer that right now.") {
		t.Errorf("reply = %s", m.text())
	}

	h.setReply(func(bot.Request) (bot.Reply, error) { panic("boom") })
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I2", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	// The apology is private, like every apology of the core: the public "thinking…"
	// goes and only the asker sees it.
	f.WaitFor(t, "public placeholder removed after panic", is("DELETE", originalPath("I2")))
	if m := decodeMessage(t, f.WaitFor(t, "apology after panic", is("POST", followupPath("I2")))); m.Flags != 64 || !strings.Contains(m.text(), bot.ApologyText()) {
		t.Errorf("reply after panic = %+v", m)
	}
}

func TestDelivery_PrivateReplyToPublicCommand(t *testing.T) {
	f := newFake(t)
	h := newRecorder(func(bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "You're asking a lot; try again in a minute.", Ephemeral: true, Outcome: bot.OutcomeRateLimited}, nil
	})
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	f.WaitFor(t, "public placeholder removed", is("DELETE", originalPath("I1")))
	fu := decodeMessage(t, f.WaitFor(t, "private follow-up", is("POST", followupPath("I1"))))
	if fu.Flags != 64 || !strings.Contains(fu.text(), "try again") {
		t.Errorf("follow-up = %+v", fu)
	}
}

// recordingObserver records PlatformError calls.
type recordingObserver struct {
	bot.NopObserver
	mu   sync.Mutex
	errs []string
}

func (o *recordingObserver) PlatformError(platform, op string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.errs = append(o.errs, platform+"/"+op)
}

func (o *recordingObserver) errors() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.errs...)
}

func (o *recordingObserver) wait(t *testing.T, want string) {
	t.Helper()
	poll(t, "PlatformError "+want, func() bool {
		for _, e := range o.errors() {
			if e == want {
				return true
			}
		}
		return false
	})
}

func waitLog(t *testing.T, logs *bottest.LogBuffer, want ...string) {
	t.Helper()
	poll(t, fmt.Sprintf("log line with %q", want), func() bool {
		for _, line := range strings.Split(logs.String(), "\n") {
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(line, w)
			}
			if ok {
				return true
			}
		}
		return false
	})
}

// poll waits for cond, which another goroutine makes true (observer and log
// calls have no channel to wait on). The timeout only guards against hangs.
func poll(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(discordtest.WaitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestCall_ErrorLeavesTokenOut: a failed call to an interaction webhook (whose URL
// carries the interaction token) is returned and logged without the URL's path.
func TestCall_ErrorLeavesTokenOut(t *testing.T) {
	a := newTestAdapter(t, testConfig(t, newFake(t)))
	hook := "https://discord.com/api/v10/webhooks/800/tok-sekrit-interaction/messages/@original"
	err := a.call(t.Context(), "edit original", func(...discordgo.RequestOption) error {
		return &url.Error{Op: "Patch", URL: hook, Err: errors.New("connection refused")}
	})
	if err == nil || strings.Contains(err.Error(), "tok-sekrit") || !strings.Contains(err.Error(), "edit original") || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("call error = %v, want the op and cause without the token", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Error("the scrubbed error no longer unwraps to the *url.Error")
	}
}
