package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

func TestSocket_MentionAnsweredInThread(t *testing.T) {
	rec := newRecorder()
	release := make(chan struct{})
	h := bot.HandlerFunc(func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		bot.Accept(&req) // as the router does: the placeholder comes first
		req.OnPartial("The **RHIT** needs")
		<-release
		return rec.Handle(ctx, req)
	})
	r := startSocket(t, h)
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> how do I become an RHIT?")))

	if got := r.f.WaitCall("ack").Path; got != "env-1" {
		t.Fatalf("ack for %q, want env-1", got)
	}
	placeholder := r.f.WaitCall("chat.postMessage")
	// The ack is handed to the Socket Mode client before any work starts (the hook runs
	// in between, so this order is deterministic); the ack itself was read off the socket above.
	if ack, post := r.f.Index("ack-queued:env-1"), r.f.Index("chat.postMessage"); ack < 0 || ack > post {
		t.Errorf("ack queued at %d, first chat.postMessage at %d: the envelope must be acknowledged first (calls %v)", ack, post, r.f.Methods())
	}
	if got := placeholder.Form.Get("thread_ts"); got != "1700000001.000100" {
		t.Errorf("placeholder thread_ts = %q, want the mention's ts", got)
	}
	if got := placeholder.Form.Get("channel"); got != "C1" {
		t.Errorf("placeholder channel = %q", got)
	}
	if !strings.Contains(slacktest.BlocksText(t, placeholder), "Thinking") {
		t.Errorf("placeholder blocks = %s, want Thinking…", slacktest.BlocksText(t, placeholder))
	}

	partial := r.f.WaitCall("chat.update")
	if got := partial.Form.Get("text"); !strings.Contains(got, "*RHIT* needs") {
		t.Errorf("progressive update text = %q, want the partial answer in mrkdwn", got)
	}
	if got := partial.Form.Get("ts"); got == "" || got != "1700000000.000001" {
		t.Errorf("progressive update ts = %q, want the placeholder's", got)
	}
	close(release)

	final := r.f.WaitCall("chat.update")
	blocks := slacktest.BlocksText(t, final)
	for _, want := range []string{
		"The *RHIT* needs an associate degree [1]",
		"<https://www.ahima.org/certification|AHIMA> &amp; more",
		"[1] <https://www.ahima.org/certification|Certifications for HITs> — ahima.org · as of 2025-06",
		`"action_id":"careerbot:feedback_up"`, `"action_id":"careerbot:feedback_down"`, `"value":"ans-1"`,
	} {
		if !strings.Contains(blocks, want) {
			t.Errorf("final blocks lack %q:\n%s", want, blocks)
		}
	}
	if final.Form.Get("text") == "" {
		t.Error("final update has no fallback text")
	}

	req := rec.next(t)
	if req.Text != "how do I become an RHIT?" || req.Command != bot.CommandAsk || req.Platform != bot.PlatformSlack {
		t.Errorf("request = %+v", req)
	}
	if req.ThreadID != "C1:1700000001.000100" || req.ChannelID != "C1" || req.UserID != "U1" || req.DM {
		t.Errorf("request thread/channel/user = %q %q %q dm=%v", req.ThreadID, req.ChannelID, req.UserID, req.DM)
	}
}

func TestSocket_RetriedEventAnsweredOnce(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	ev := slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> what does an HIT do?")
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, ev))
	r.f.WaitCall("chat.update")
	r.f.Send(slacktest.EventEnvelope("env-2", "Ev1", 1, ev)) // Slack's retry: new envelope, same event_id
	rec.waitDuplicate(t, "Ev1")
	for _, want := range []string{"env-1", "env-2"} {
		if got := r.f.WaitCall("ack").Path; got != want {
			t.Errorf("ack for %q, want %q", got, want)
		}
	}
	r.stop() // waits for anything still in flight

	if n := r.f.Count("chat.postMessage"); n != 1 {
		t.Errorf("chat.postMessage called %d times, want 1 (calls %v)", n, r.f.Methods())
	}
	if n := len(rec.reqs); n != 1 {
		t.Errorf("handler took %d requests on, want 1", n)
	}
}

func TestSocket_DMAnswered(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MessageEvent(map[string]any{"text": "what is the pay outlook?"})))
	post := r.f.WaitCall("chat.postMessage")
	if post.Form.Get("channel") != "D1" || post.Form.Get("thread_ts") != "1700000002.000100" {
		t.Errorf("DM answer posted to %q thread %q", post.Form.Get("channel"), post.Form.Get("thread_ts"))
	}
	r.f.WaitCall("chat.update")
	req := rec.next(t)
	if !req.DM || req.Text != "what is the pay outlook?" {
		t.Errorf("request = %+v, want a DM question", req)
	}
}

func TestSocket_IgnoresBotsItselfAndChatter(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	ignored := []string{
		slacktest.MessageEvent(map[string]any{"bot_id": "B9", "text": "I am a bot"}),
		slacktest.MessageEvent(map[string]any{"subtype": "bot_message", "user": nil, "bot_id": "B9"}),
		slacktest.MessageEvent(map[string]any{"user": "UBOT", "text": "my own answer"}),
		slacktest.MessageEvent(map[string]any{"subtype": "message_changed"}),
		slacktest.MessageEvent(map[string]any{"channel": "C1", "channel_type": "channel", "text": "chatter, no mention"}),
		slacktest.MessageEvent(map[string]any{"channel": "C1", "channel_type": "channel", "thread_ts": "1600000000.000001", "text": "a thread the bot never answered"}),
		slacktest.MessageEvent(map[string]any{"channel": "C1", "channel_type": "channel", "text": "<@UBOT> hi (arrives as app_mention too)"}),
		`{"type":"app_mention","user":"U2","bot_id":"B9","text":"<@UBOT> from a bot","channel":"C1","ts":"1.1","event_ts":"1.1"}`,
	}
	for i, ev := range ignored {
		r.f.Send(slacktest.EventEnvelope("env-i"+string(rune('a'+i)), "EvI"+string(rune('a'+i)), 0, ev))
	}
	r.f.Send(slacktest.EventEnvelope("env-dm", "EvDM", 0, slacktest.MessageEvent(map[string]any{"text": "a real question"})))
	for i := range ignored {
		if got, want := r.f.WaitCall("ack").Path, "env-i"+string(rune('a'+i)); got != want {
			t.Errorf("ack %q, want %q: every envelope is acknowledged, in order", got, want)
		}
	}
	r.f.WaitCall("chat.update")
	r.stop()

	if n := len(rec.reqs); n != 1 {
		t.Fatalf("handler called %d times, want 1 (the real DM)", n)
	}
	if req := rec.next(t); req.Text != "a real question" {
		t.Errorf("answered %q", req.Text)
	}
}

func TestSocket_FollowUpInAnsweredThread(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> first question")))
	r.f.WaitCall("chat.update")
	rec.next(t)
	follow := slacktest.MessageEvent(map[string]any{"channel": "C1", "channel_type": "channel", "ts": "1700000003.000100",
		"thread_ts": "1700000001.000100", "text": "and how long does it take?"})
	r.f.Send(slacktest.EventEnvelope("env-2", "Ev2", 0, follow))
	post := r.f.WaitCall("chat.postMessage")
	post = r.f.WaitCall("chat.postMessage")
	if post.Form.Get("thread_ts") != "1700000001.000100" {
		t.Errorf("follow-up answered in thread %q", post.Form.Get("thread_ts"))
	}
	req := rec.next(t)
	if req.Text != "and how long does it take?" || req.ThreadID != "C1:1700000001.000100" {
		t.Errorf("follow-up request = %+v", req)
	}
}

func TestSocket_SlashCommandAnsweredThroughResponseURL(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	r.f.Send(slacktest.SlashEnvelope("env-1", "/career", "ask what is an RHIT?", "U1", r.f.ResponseURL("1")))
	if got := r.f.WaitCall("ack").Path; got != "env-1" {
		t.Fatalf("ack %q", got)
	}
	resp := r.f.WaitCall("respond")
	if resp.JSON["response_type"] != "in_channel" {
		t.Errorf("response_type = %v, want in_channel", resp.JSON["response_type"])
	}
	if b := slacktest.BlocksText(t, resp); !strings.Contains(b, "careerbot:feedback_up") || !strings.Contains(b, "*RHIT*") {
		t.Errorf("response blocks = %s", b)
	}
	if resp.JSON["text"] == "" {
		t.Error("response has no text")
	}
	req := rec.next(t)
	if req.Command != bot.CommandAsk || req.Text != "what is an RHIT?" || req.UserName != "name-U1" {
		t.Errorf("request = %+v", req)
	}

	r.f.Send(slacktest.SlashEnvelope("env-2", "/career", "courses coding beginner", "U1", r.f.ResponseURL("2")))
	resp = r.f.WaitCall("respond")
	if b := slacktest.BlocksText(t, resp); !strings.Contains(b, "<https://example.org/mt|Medical Terminology>") {
		t.Errorf("courses blocks = %s", b)
	}
	req = rec.next(t)
	if req.Command != bot.CommandCourses || req.Args[bot.ArgTopic] != "coding beginner" { // the core reads the level out
		t.Errorf("courses request = %+v", req)
	}

	r.f.Send(slacktest.SlashEnvelope("env-3", "/career", "help", "U1", r.f.ResponseURL("3")))
	if resp := r.f.WaitCall("respond"); resp.JSON["response_type"] != "ephemeral" {
		t.Errorf("help response_type = %v, want ephemeral", resp.JSON["response_type"])
	}
}

func TestSocket_FeedbackButton(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	r.f.Send(slacktest.InteractiveEnvelope("env-1", slacktest.BlockActionPayload("U1", "careerbot:feedback_down", "ans-1", r.f.ResponseURL("fb"))))
	if got := r.f.WaitCall("ack").Path; got != "env-1" {
		t.Fatalf("ack %q", got)
	}
	req := rec.next(t)
	if req.Command != bot.CommandFeedback || req.Args[bot.ArgAnswerID] != "ans-1" || req.Args[bot.ArgVote] != "down" || req.UserID != "U1" {
		t.Errorf("feedback request = %+v", req)
	}
	resp := r.f.WaitCall("respond")
	if resp.JSON["response_type"] != "ephemeral" || !strings.Contains(slacktest.BlocksText(t, resp), "Thanks") {
		t.Errorf("feedback response = %v", resp.JSON)
	}
}

func TestSocket_SummaryPreviewPostAndDiscard(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)

	r.f.Send(slacktest.SlashEnvelope("env-1", "/career-mod", "summary certification", "UMOD", r.f.ResponseURL("preview")))
	preview := r.f.WaitCall("respond")
	if preview.JSON["response_type"] != "ephemeral" {
		t.Errorf("preview response_type = %v", preview.JSON["response_type"])
	}
	pb := slacktest.BlocksText(t, preview)
	for _, want := range []string{`"action_id":"careerbot:summary_post"`, `"value":"certification"`, `"action_id":"careerbot:summary_discard"`} {
		if !strings.Contains(pb, want) {
			t.Errorf("preview lacks %s: %s", want, pb)
		}
	}
	if req := rec.next(t); req.Command != bot.CommandSummary || !req.Moderator || req.Args[bot.ArgTopic] != "certification" {
		t.Errorf("summary request = %+v", req)
	}

	r.f.Send(slacktest.InteractiveEnvelope("env-2", slacktest.BlockActionPayload("UMOD", "careerbot:summary_post", "certification", r.f.ResponseURL("preview"))))
	post := r.f.WaitCall("chat.postMessage")
	if post.Form.Get("channel") != "C1" || strings.Count(slacktest.BlocksText(t, post), "Posted by") != 1 {
		t.Errorf("published summary: channel %q blocks %s", post.Form.Get("channel"), slacktest.BlocksText(t, post))
	}
	if strings.Contains(slacktest.BlocksText(t, post), "summary_post") {
		t.Error("published summary still offers Post")
	}
	if del := r.f.WaitCall("respond"); del.JSON["delete_original"] != true {
		t.Errorf("preview not deleted after posting: %v", del.JSON)
	}
	if req := rec.next(t); req.Command != bot.CommandPost || !req.Moderator || req.Args[bot.ArgTopic] != "certification" {
		t.Errorf("post request = %+v", req)
	}

	r.f.Send(slacktest.InteractiveEnvelope("env-3", slacktest.BlockActionPayload("UMOD", "careerbot:summary_discard", "", r.f.ResponseURL("preview2"))))
	if del := r.f.WaitCall("respond"); del.JSON["delete_original"] != true || del.Path != "/respond/preview2" {
		t.Errorf("discard: %v %s", del.JSON, del.Path)
	}

	// Non-moderators: the slash command is refused privately, and a forged Post click
	// publishes nothing.
	r.f.Send(slacktest.SlashEnvelope("env-4", "/career-mod", "summary certification", "U1", r.f.ResponseURL("refused")))
	if resp := r.f.WaitCall("respond"); resp.JSON["response_type"] != "ephemeral" || !strings.Contains(slacktest.BlocksText(t, resp), "moderators") {
		t.Errorf("non-moderator summary: %v", resp.JSON)
	}
	if req := rec.next(t); req.Moderator {
		t.Error("U1 treated as a moderator")
	}
	r.f.Send(slacktest.InteractiveEnvelope("env-5", slacktest.BlockActionPayload("U1", "careerbot:summary_post", "certification", r.f.ResponseURL("forged"))))
	if resp := r.f.WaitCall("respond"); resp.JSON["response_type"] != "ephemeral" || !strings.Contains(slacktest.BlocksText(t, resp), "moderators") {
		t.Errorf("forged post: %v", resp.JSON)
	}
	r.stop()
	if n := r.f.Count("chat.postMessage"); n != 1 {
		t.Errorf("chat.postMessage called %d times, want 1", n)
	}
}

func TestSocket_ReconnectsAfterDisconnect(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	r.f.Send(`{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"fake"}}`)
	r.f.WaitCall("apps.connections.open")
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> still there?")))
	r.f.WaitCall("chat.update")
	if req := rec.next(t); req.Text != "still there?" {
		t.Errorf("request after reconnect = %+v", req)
	}
}

func TestSocket_RetriesRateLimitedPost(t *testing.T) {
	rec := newRecorder()
	r := startSocket(t, rec)
	r.f.FailNext("chat.postMessage", 429)
	r.f.FailNext("chat.update", 503)
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> salary?")))
	r.f.WaitCall("chat.postMessage:429")
	r.f.WaitCall("chat.postMessage")
	r.f.WaitCall("chat.update:503")
	final := r.f.WaitCall("chat.update")
	if !strings.Contains(slacktest.BlocksText(t, final), "careerbot:feedback_up") {
		t.Errorf("final answer after retries: %s", slacktest.BlocksText(t, final))
	}
}

func TestSocket_EphemeralReplyInChannelStaysPrivate(t *testing.T) {
	h := bot.HandlerFunc(func(context.Context, bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "You're asking faster than I can answer — try again in 20 s.", Ephemeral: true, Outcome: bot.OutcomeRateLimited}, nil
	})
	r := startSocket(t, h)
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> again?")))
	placeholder := r.f.WaitCall("chat.postMessage")
	del := r.f.WaitCall("chat.delete")
	if del.Form.Get("ts") != "1700000000.000001" || del.Form.Get("channel") != "C1" {
		t.Errorf("deleted %v, want the placeholder %v", del.Form, placeholder.Form.Get("ts"))
	}
	eph := r.f.WaitCall("chat.postEphemeral")
	if eph.Form.Get("user") != "U1" || eph.Form.Get("thread_ts") != "1700000001.000100" || !strings.Contains(slacktest.BlocksText(t, eph), "faster than I can answer") {
		t.Errorf("ephemeral reply = %v", eph.Form)
	}
	r.stop()
	if n := r.f.Count("chat.update"); n != 0 {
		t.Errorf("chat.update called %d times: a private reply was made public", n)
	}
}

func TestSocket_UndeliverableAnswerLoggedAndObserved(t *testing.T) {
	log, buf := bottest.NewLogger()
	obs := &testObserver{}
	r := startSocket(t, newRecorder(), func(c *Config) { c.Logger, c.Observer = log, obs })
	// The placeholder posts; then both the final edit and the fallback post fail.
	r.f.ErrorNext("chat.update", "msg_too_long")
	r.f.ErrorNext("chat.postMessage", "", "channel_not_found")
	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> hi there")))
	r.f.WaitCall("chat.postMessage")
	r.f.WaitCall("chat.update:msg_too_long")
	r.f.WaitCall("chat.postMessage:channel_not_found")
	r.stop()

	got := obs.errors()
	for _, want := range []string{"slack:chat.update", "slack:chat.postMessage"} {
		if !contains(got, want) {
			t.Errorf("observer saw %v, want %s", got, want)
		}
	}
	logs := buf.String()
	for _, want := range []string{"answer not delivered", `"channel":"C1"`, `"thread_ts":"1700000001.000100"`, `"event_id":"Ev1"`, "channel_not_found"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestRun_InvalidTokens(t *testing.T) {
	for _, tc := range []struct {
		name, authErr, appErr, want string
	}{
		{"BotToken", "invalid_auth", "", "SLACK_BOT_TOKEN"},
		{"AppToken", "", "invalid_auth", "SLACK_APP_TOKEN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := slacktest.NewServer(t)
			f.FailAuth(tc.authErr)
			f.FailConnect(tc.appErr)
			a, err := New(Config{BotToken: slacktest.BotToken, AppToken: slacktest.AppToken, APIURL: f.APIURL(), Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			err = a.Run(context.Background(), newRecorder())
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "invalid_auth") {
				t.Errorf("Run error = %v, want one naming %s", err, tc.want)
			}
		})
	}
}

func TestNew_Validates(t *testing.T) {
	if _, err := New(Config{}); err == nil || !strings.Contains(err.Error(), "SLACK_BOT_TOKEN") {
		t.Errorf("New(empty) error = %v", err)
	}
	a, err := New(Config{BotToken: "xoxb-test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Run(context.Background(), newRecorder()); err == nil || !strings.Contains(err.Error(), "SLACK_APP_TOKEN") {
		t.Errorf("Run without app token: %v", err)
	}
	if a.Name() != "slack" {
		t.Errorf("Name() = %q", a.Name())
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestSocket_HandlerPanicGetsApology(t *testing.T) {
	rec := newRecorder()
	h := bot.HandlerFunc(func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		if strings.Contains(req.Text, "boom") {
			panic("boom")
		}
		return rec.Handle(ctx, req)
	})
	r := startSocket(t, h)
	r.f.Send(slacktest.SlashEnvelope("env-1", "/career", "ask boom", "U1", r.f.ResponseURL("1")))
	if b := slacktest.BlocksText(t, r.f.WaitCall("respond")); !strings.Contains(b, bot.ApologyText()) {
		t.Errorf("response after a handler panic = %s, want the apology", b)
	}
	// The adapter survives and answers the next command.
	r.f.Send(slacktest.SlashEnvelope("env-2", "/career", "ask what is an RHIT?", "U1", r.f.ResponseURL("2")))
	if b := slacktest.BlocksText(t, r.f.WaitCall("respond")); !strings.Contains(b, "*RHIT*") {
		t.Errorf("response after recovery = %s", b)
	}
	if req := rec.next(t); req.Text != "what is an RHIT?" {
		t.Errorf("request after recovery = %+v", req)
	}
}
