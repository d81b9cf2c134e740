package slack

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack/slackevents"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

// FuzzRender checks that any answer text renders within Block Kit's limits and that
// the mrkdwn never carries a "<" Slack would read as markup, except the links the
// converter made itself.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"**bold** _it_ [l](https://x.org) <!channel> & <@U1>",
		"```\ncode < >\n",
		"# h\n- a\n  - b\n1. c\n> q",
		"[a](https://x.org/(b)) [c](javascript:x) <https://y.org>",
		strings.Repeat("word ", 3000),
		"\uE000\uE001\uE002",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m := render(bot.Reply{Text: text, AnswerID: "a1", Sources: testSources})
		checkLimits(t, m)
		md := toMrkdwn(text)
		if strings.ContainsAny(md, "\uE000\uE001\uE002") {
			t.Fatalf("placeholder rune leaked: %q", md)
		}
		for rest := md; ; {
			i := strings.IndexByte(rest, '<')
			if i < 0 {
				break
			}
			rest = rest[i:]
			if !strings.HasPrefix(rest, "<http://") && !strings.HasPrefix(rest, "<https://") {
				t.Fatalf("raw markup in %q", md)
			}
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				t.Fatalf("unclosed link in %q", md)
			}
			rest = rest[end+1:]
		}
	})
}

// FuzzEvents feeds arbitrary Events API bodies (as a verified HTTP request or a
// Socket Mode envelope would carry them) through the parsing and filtering the
// adapter does before any Web API call: it must not panic on missing or mistyped
// fields, and must never answer an event that names no user.
func FuzzEvents(f *testing.F) {
	for _, inner := range []string{
		slacktest.MentionEvent("C1", "1.1", "<@UBOT> hi"),
		slacktest.MessageEvent(nil),
		slacktest.MessageEvent(map[string]any{"user": nil, "channel_type": "channel", "thread_ts": "1.0"}),
		`{"type":"app_mention"}`,
		`{"type":"message","subtype":"message_changed","message":null}`,
	} {
		f.Add(`{"type":"event_callback","event_id":"Ev1","event":` + inner + `}`)
	}
	a, err := New(Config{BotToken: "xoxb-t"})
	if err != nil {
		f.Fatal(err)
	}
	a.threads.Add(threadKey("C1", "1.0"))
	me := identity{UserID: "UBOT"}
	f.Fuzz(func(t *testing.T, body string) {
		if ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken()); err == nil {
			if in, ok := a.classify(me, ev.InnerEvent.Data); ok {
				if req := in.request(); req.UserID == "" {
					t.Fatalf("request without a user from %s", body)
				}
			}
		}
	})
}
