package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

// TestServe_SlackSocketMode runs "careerbot serve" with Slack Socket Mode against a
// fake Slack, end to end through the real router, the answering layer on the
// built-in corpus and the SQLite store in DATA_DIR: a mention is acknowledged and
// answered once in its thread with a citation and numbered, dated sources; Slack's
// retry of the same event is acknowledged but not answered again; a 👍 is stored;
// cancelling stops serve with exit 0.
func TestServe_SlackSocketMode(t *testing.T) {
	slk := slacktest.NewServer(t) // before startServe: serve stops first at cleanup
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(), "LOG_LEVEL": "debug",
		"SLACK_BOT_TOKEN": slacktest.BotToken, "SLACK_APP_TOKEN": slacktest.AppToken,
		"SLACK_API_URL": slk.APIURL() + "/",
	}
	s := startServe(t, env, "--playground=off", "--grace", "30s")
	slk.WaitCall("auth.test")
	slk.WaitCall("apps.connections.open")

	const askTS = "1700000001.000100"
	mention := slacktest.MentionEvent("C1", askTS, "<@"+slacktest.BotUserID+"> How much do medical records specialists earn?")
	slk.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, mention))
	if got := slk.WaitCall("ack").Path; got != "env-1" {
		t.Fatalf("ack for %q, want env-1", got)
	}
	placeholder := slk.WaitCall("chat.postMessage")
	if ch, thread := placeholder.Form.Get("channel"), placeholder.Form.Get("thread_ts"); ch != "C1" || thread != askTS {
		t.Fatalf("first post in channel %q thread %q, want C1 thread %s", ch, thread, askTS)
	}
	// Without an LLM the answer is extractive and not streamed: the next edit is final.
	final := slk.WaitCall("chat.update")
	if ts := final.Form.Get("ts"); ts != "1700000000.000001" { // the first ts the fake hands out
		t.Errorf("chat.update ts = %q, want the placeholder's", ts)
	}
	answerID := checkSlackAnswer(t, final)

	// Slack redelivers the event (same event_id, new envelope): acknowledged, not
	// answered again. The debug log marks the moment the duplicate was dropped; a
	// different question asked afterwards is still answered.
	slk.Send(slacktest.EventEnvelope("env-2", "Ev1", 1, mention))
	if got := slk.WaitCall("ack").Path; got != "env-2" {
		t.Fatalf("ack for %q, want env-2", got)
	}
	s.waitLog(t, "duplicate event ignored", "event_id=Ev1")
	const nextTS = "1700000003.000100"
	slk.Send(slacktest.EventEnvelope("env-3", "Ev3", 0, slacktest.MentionEvent("C1", nextTS, "<@UBOT> What does a health information technician do?")))
	if got := slk.WaitCall("ack").Path; got != "env-3" {
		t.Fatalf("ack for %q, want env-3", got)
	}
	if got := slk.WaitCall("chat.postMessage").Form.Get("thread_ts"); got != nextTS {
		t.Fatalf("next post in thread %q, want %s (the retried event was answered again?)", got, nextTS)
	}
	slk.WaitCall("chat.update")
	if n := threadPosts(slk, askTS); n != 1 {
		t.Errorf("%d posts in the first question's thread, want exactly 1; calls %v", n, slk.Methods())
	}
	if n := slk.Count("chat.update"); n != 2 {
		t.Errorf("%d chat.update calls, want 2 (one per answered question); calls %v", n, slk.Methods())
	}

	// A 👍 on the answer is stored as feedback and acknowledged privately.
	slk.Send(slacktest.InteractiveEnvelope("env-4", slacktest.BlockActionPayload("U2", "careerbot:feedback_up", answerID, slk.ResponseURL("fb"))))
	if resp := slk.WaitCall("respond"); resp.JSON["response_type"] != "ephemeral" {
		t.Errorf("feedback response = %v, want an ephemeral one", resp.JSON)
	}

	s.shutdown(t)
	if strings.Contains(s.stderr.String(), slacktest.AppToken) || strings.Contains(s.stderr.String(), slacktest.BotToken) {
		t.Errorf("a token appears in the log:\n%s", s.stderr)
	}

	// The SQLite store in DATA_DIR kept both questions and the vote.
	if rep := reportAfter(t, env); rep.Questions != 2 || rep.ByOutcome["answered"] != 2 || rep.Upvotes != 1 {
		t.Errorf("report = %+v, want 2 answered questions and 1 upvote", rep)
	}
}

// reSourceLine is a rendered source: number, Slack link to an https URL, as-of date.
var reSourceLine = regexp.MustCompile(`^\[(\d+)\] <https://[^|>\s]+\|[^>]+> — [a-z0-9.-]+ · as of \d{4}-\d{2}`)

// checkSlackAnswer checks a final answer message: a section citing [1] with a pay
// figure, a context block listing sources 1, 2, … as https links with as-of dates,
// and 👍/👎 buttons. It returns the answer id the 👍 button carries.
func checkSlackAnswer(t *testing.T, c slacktest.Call) (answerID string) {
	t.Helper()
	var body strings.Builder
	var sources []string
	for _, b := range slacktest.BlocksOf(t, c) {
		switch b["type"] {
		case "section":
			if txt, ok := b["text"].(map[string]any); ok {
				body.WriteString(txt["text"].(string) + "\n")
			}
		case "context":
			for _, e := range b["elements"].([]any) {
				txt, _ := e.(map[string]any)["text"].(string)
				if !strings.HasPrefix(txt, "[") {
					continue // not a source line
				}
				if !reSourceLine.MatchString(txt) {
					t.Errorf("source line %q is not [n] <https link|title> — site · as of YYYY-MM", txt)
					continue
				}
				sources = append(sources, txt)
			}
		case "actions":
			for _, e := range b["elements"].([]any) {
				if el := e.(map[string]any); el["action_id"] == "careerbot:feedback_up" {
					answerID, _ = el["value"].(string)
				}
			}
		}
	}
	if text := body.String(); !strings.Contains(text, "[1]") || !regexp.MustCompile(`\$\d`).MatchString(text) {
		t.Errorf("answer text lacks a [1] citation or a pay figure:\n%s", text)
	}
	if len(sources) == 0 {
		t.Fatalf("no numbered sources with https links and as-of dates in:\n%s", slacktest.BlocksText(t, c))
	}
	for i, src := range sources {
		if n := reSourceLine.FindStringSubmatch(src)[1]; n != strconv.Itoa(i+1) {
			t.Errorf("source %d is numbered %s: %q", i+1, n, src)
		}
	}
	if answerID == "" {
		t.Errorf("no 👍 button with an answer id in:\n%s", slacktest.BlocksText(t, c))
	}
	return answerID
}

// threadPosts counts the chat.postMessage calls in the thread started at ts.
func threadPosts(slk *slacktest.Server, ts string) int {
	n := 0
	for _, c := range slk.Calls() {
		if c.Method == "chat.postMessage" && c.Form.Get("thread_ts") == ts {
			n++
		}
	}
	return n
}
