package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

func TestGateway_IdentifyCarriesIntentsAndShard(t *testing.T) {
	f := newFake(t)
	cfg := testConfig(t, f)
	cfg.ShardID, cfg.ShardCount = 1, 3
	runGateway(t, f, newTestAdapter(t, cfg), newRecorder(nil))

	id := f.WaitFor(t, "IDENTIFY", func(r discordtest.Request) bool { return r.Path == "op2" })
	var ident struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   *[2]int
	}
	id.Decode(t, &ident)
	if ident.Token != "Bot "+testToken {
		t.Errorf("token = %q", ident.Token)
	}
	want := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages | discordgo.IntentMessageContent
	if discordgo.Intent(ident.Intents) != want {
		t.Errorf("intents = %d, want %d", ident.Intents, want)
	}
	if ident.Shard == nil || *ident.Shard != [2]int{1, 3} {
		t.Errorf("shard = %v, want [1 3]", ident.Shard)
	}
	// Gateway discovery went through DISCORD_API_URL (onlyHost fails any other host).
	f.WaitFor(t, "gateway discovery", is("GET", discordtest.API+"/gateway"))
}

func TestGateway_MentionStartsThreadAndAnswersThere(t *testing.T) {
	f := newFake(t)
	h := newRecorder(nil)
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)

	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "C1", "G1", "<@"+testBotID+"> How do I become an RHIT?", "U1", false, true))
	req := h.next(t)
	if req.Text != "How do I become an RHIT?" || req.Command != bot.CommandAsk || req.UserID != "U1" || req.DM {
		t.Errorf("request = %+v", req)
	}
	th := f.WaitFor(t, "thread start", is("POST", discordtest.API+"/channels/C1/messages/M1/threads"))
	var start struct{ Name string }
	th.Decode(t, &start)
	if strings.Contains(start.Name, "RHIT") {
		t.Errorf("thread name %q repeats the question", start.Name)
	}
	if req.ThreadID == "" || req.ThreadID == "C1" {
		t.Errorf("ThreadID = %q, want the new thread", req.ThreadID)
	}
	answer := f.WaitFor(t, "answer in thread", is("POST", discordtest.API+"/channels/"+req.ThreadID+"/messages"))
	m := decodeMessage(t, answer)
	checkLimits(t, m)
	for _, want := range []string{"associate degree", "[1] [Certification](https://www.ahima.org/certification/rhit) — ahima.org · as of 2025-06", "Medical Terminology", "careerbot:feedback_up:A1", "careerbot:feedback_down:A1"} {
		if !strings.Contains(m.text(), want) {
			t.Errorf("answer lacks %q:\n%s", want, m.text())
		}
	}
	f.WaitFor(t, "typing indicator", is("POST", discordtest.API+"/channels/"+req.ThreadID+"/typing"))

	// A follow-up in the bot's thread needs no mention and is answered in place.
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M2", req.ThreadID, "G1", "And how long does it take?", "U1", false, false))
	follow := h.next(t)
	if follow.Text != "And how long does it take?" || follow.ThreadID != req.ThreadID {
		t.Errorf("follow-up request = %+v", follow)
	}
	f.Wait(t, "second answer in thread", func(rs []discordtest.Request) bool {
		n := 0
		for _, r := range rs {
			if is("POST", discordtest.API+"/channels/"+req.ThreadID+"/messages")(r) {
				n++
			}
		}
		return n == 2
	})
}

func TestGateway_MentionInsideExistingThreadAnswersThere(t *testing.T) {
	f := newFake(t)
	f.AddThread("T9", "C1", "U5") // a thread a member started
	h := newRecorder(nil)
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)

	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "T9", "G1", "<@!"+testBotID+"> what do coders earn?", "U1", false, true))
	if req := h.next(t); req.Text != "what do coders earn?" || req.ThreadID != "T9" {
		t.Errorf("request = %+v", req)
	}
	f.WaitFor(t, "answer in the thread", is("POST", discordtest.API+"/channels/T9/messages"))
	for _, r := range f.Requests() {
		if strings.HasSuffix(r.Path, "/threads") {
			t.Errorf("started a thread inside a thread: %s", r.Path)
		}
	}
}

func TestGateway_IgnoresBotsSelfAndUnaddressedMessages(t *testing.T) {
	f := newFake(t)
	h := newRecorder(nil)
	a := newTestAdapter(t, testConfig(t, f))
	a.session.SyncEvents = true // events in order, so "the DM came last" means the others were seen
	runGateway(t, f, a, h)

	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "C1", "G1", "<@"+testBotID+"> hi", "U7", true, true))
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M2", "C1", "G1", "<@"+testBotID+"> hi", testBotID, true, true))
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M3", "C1", "G1", "just chatting", "U1", false, false))
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M4", "D1", "", "What is an RHIT?", "U1", false, false))

	req := h.next(t)
	if req.MessageID != "M4" || !req.DM || req.ThreadID != "D1" {
		t.Fatalf("first handled request = %+v, want the DM M4", req)
	}
	f.WaitFor(t, "DM answer", is("POST", discordtest.API+"/channels/D1/messages"))
	select {
	case extra := <-h.reqs:
		t.Errorf("handled an ignored message: %+v", extra)
	default:
	}
	for _, r := range f.Requests() {
		if strings.Contains(r.Path, "/channels/C1/") {
			t.Errorf("acted on an ignored message: %s %s", r.Method, r.Path)
		}
	}
}

func TestGateway_CareerAskDefersThenEditsProgressively(t *testing.T) {
	f := newFake(t)
	h := newRecorder(nil)
	h.setReply(func(req bot.Request) (bot.Reply, error) {
		req.OnPartial("Most RHITs earn")
		// Hold the answer until the progressive edit has reached Discord.
		f.WaitFor(t, "partial edit", func(r discordtest.Request) bool {
			return r.Method == "PATCH" && r.Path == originalPath("I1") && strings.Contains(string(r.Body), "Most RHITs earn …")
		})
		return sampleReply(), nil
	})
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)

	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "How do I become an RHIT?"}))
	req := h.next(t)
	if req.Command != bot.CommandAsk || req.Text != "How do I become an RHIT?" || req.UserName != "NickU1" || req.MessageID != "I1" {
		t.Errorf("request = %+v", req)
	}
	cb := f.WaitFor(t, "deferral", is("POST", callbackPath("I1")))
	var resp discordgo.InteractionResponse
	cb.Decode(t, &resp)
	if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || (resp.Data != nil && resp.Data.Flags != 0) {
		t.Errorf("deferral = %+v, want public type 5", resp)
	}
	final := f.WaitFor(t, "final edit", func(r discordtest.Request) bool {
		return r.Method == "PATCH" && r.Path == originalPath("I1") && strings.Contains(string(r.Body), "Sources")
	})
	m := decodeMessage(t, final)
	checkLimits(t, m)
	if len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "associate degree first [1]") || !strings.Contains(m.text(), "careerbot:feedback_up:A1") {
		t.Errorf("final message = %s", m.text())
	}
	// The deferral precedes every edit.
	var order []string
	for _, r := range f.Requests() {
		if r.Path == callbackPath("I1") || r.Path == originalPath("I1") {
			order = append(order, r.Method)
		}
	}
	if len(order) < 3 || order[0] != "POST" {
		t.Errorf("calls = %v, want the callback, then a partial and the final edit", order)
	}
}

func TestGateway_ReconnectResumesAndKeepsAnswering(t *testing.T) {
	f := newFake(t)
	h := newRecorder(nil)
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "D1", "", "first", "U1", false, false))
	h.next(t)
	seq := f.Seq()

	f.DropConnections()
	resume := f.WaitFor(t, "RESUME", func(r discordtest.Request) bool { return r.Path == "op6" })
	var p struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int    `json:"seq"`
	}
	resume.Decode(t, &p)
	if p.SessionID != discordtest.SessionID || p.Seq != seq || p.Token != "Bot "+testToken {
		t.Errorf("resume = %+v, want session %s seq %d", p, discordtest.SessionID, seq)
	}
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M2", "D1", "", "after the reconnect", "U1", false, false))
	if req := h.next(t); req.Text != "after the reconnect" {
		t.Errorf("request after resume = %+v", req)
	}
	f.Wait(t, "two DM answers", func(rs []discordtest.Request) bool {
		n := 0
		for _, r := range rs {
			if is("POST", discordtest.API+"/channels/D1/messages")(r) {
				n++
			}
		}
		return n == 2
	})
}

func TestGateway_BadTokenNamesTheVariable(t *testing.T) {
	f := newFake(t)
	cfg := testConfig(t, f)
	cfg.Token = "wrong"
	a := newTestAdapter(t, cfg)
	err := a.Run(context.Background(), newRecorder(nil))
	if err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
		t.Fatalf("Run = %v, want an error naming DISCORD_BOT_TOKEN", err)
	}
	for _, r := range f.Requests() {
		if r.Method == "GATEWAY" {
			t.Errorf("connected to the gateway with a rejected token")
		}
	}
}

func TestGateway_ShutdownWaitsForInFlightAnswers(t *testing.T) {
	f := newFake(t)
	release := make(chan struct{})
	h := newRecorder(func(bot.Request) (bot.Reply, error) { <-release; return sampleReply(), nil })
	a := newTestAdapter(t, testConfig(t, f))
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx, h) }()
	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}))
	h.next(t)
	cancel()
	close(release)
	if err := <-errc; err != nil {
		t.Fatalf("Run: %v", err)
	}
	delivered := false
	for _, r := range f.Requests() {
		delivered = delivered || (r.Method == "PATCH" && r.Path == originalPath("I1") && strings.Contains(string(r.Body), "Sources"))
	}
	if !delivered {
		t.Error("Run returned before the in-flight answer was delivered")
	}
}

// decodeCallback returns the interaction response a callback carried.
func decodeCallback(t *testing.T, r discordtest.Request) discordgo.InteractionResponse {
	t.Helper()
	var resp struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	r.Decode(t, &resp)
	out := discordgo.InteractionResponse{Type: resp.Type}
	if len(resp.Data) > 0 && string(resp.Data) != "null" {
		out.Data = &discordgo.InteractionResponseData{}
		if err := json.Unmarshal(resp.Data, out.Data); err != nil {
			t.Fatalf("decode callback data: %v", err)
		}
	}
	return out
}

func TestGateway_DisallowedIntentNamesTheFix(t *testing.T) {
	f := discordtest.New(discordtest.Options{Token: testToken, BotID: testBotID, AppID: testAppID, IdentifyCloseCode: 4014})
	t.Cleanup(f.Close)
	err := newTestAdapter(t, testConfig(t, f)).Run(context.Background(), newRecorder(nil))
	if err == nil || !strings.Contains(err.Error(), "Message Content intent") {
		t.Fatalf("Run = %v, want an error about the Message Content intent", err)
	}
}

// TestGateway_RejectedOnReconnectEndsRun resets the token while the connection is
// down: the RESUME is refused with close code 4004, and Run returns an error naming
// DISCORD_BOT_TOKEN instead of retrying forever.
func TestGateway_RejectedOnReconnectEndsRun(t *testing.T) {
	for _, tc := range []struct {
		code int
		want string
	}{
		{4004, "DISCORD_BOT_TOKEN"},
		{4014, "Message Content intent"},
	} {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			f := discordtest.New(discordtest.Options{Token: testToken, BotID: testBotID, AppID: testAppID, ResumeCloseCode: tc.code})
			t.Cleanup(f.Close)
			a := newTestAdapter(t, testConfig(t, f))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			errc := make(chan error, 1)
			go func() { errc <- a.Run(ctx, newRecorder(nil)) }()
			f.WaitFor(t, "IDENTIFY", func(r discordtest.Request) bool { return r.Path == "op2" })
			// An answered message shows the session is up, so the reconnect resumes it.
			f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "D1", "", "first", "U1", false, false))
			f.WaitFor(t, "DM answer", is("POST", discordtest.API+"/channels/D1/messages"))
			f.DropConnections()
			select {
			case err := <-errc:
				if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), fmt.Sprint(tc.code)) {
					t.Fatalf("Run = %v, want an error naming %s and close code %d", err, tc.want, tc.code)
				}
			case <-time.After(discordtest.WaitTimeout): // failure guard only
				t.Fatal("Run did not return after the resume was refused")
			}
			resumes := 0
			for _, r := range f.Requests() {
				if r.Path == "op6" {
					resumes++
				}
			}
			if resumes != 1 {
				t.Errorf("%d RESUME attempts, want 1: a refused session is not retried", resumes)
			}
		})
	}
}

func TestGateway_MessageAnswerStreamsIntoOneMessage(t *testing.T) {
	f := newFake(t)
	h := newRecorder(nil)
	h.setReply(func(req bot.Request) (bot.Reply, error) {
		req.OnPartial("Most RHITs")
		f.WaitFor(t, "partial message", func(r discordtest.Request) bool {
			return r.Method == "POST" && r.Path == discordtest.API+"/channels/D1/messages" && strings.Contains(string(r.Body), "Most RHITs …")
		})
		return sampleReply(), nil
	})
	runGateway(t, f, newTestAdapter(t, testConfig(t, f)), h)
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M1", "D1", "", "How do I start?", "U1", false, false))
	final := f.WaitFor(t, "final edit of the partial message", func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.HasPrefix(r.Path, discordtest.API+"/channels/D1/messages/")
	})
	if m := decodeMessage(t, final); !strings.Contains(m.text(), "Sources") || !strings.Contains(m.text(), "feedback_up") {
		t.Errorf("final edit = %s", m.text())
	}
	posts := 0
	for _, r := range f.Requests() {
		if is("POST", discordtest.API+"/channels/D1/messages")(r) {
			posts++
		}
	}
	if posts != 1 {
		t.Errorf("%d messages posted, want the one partial message edited into the answer", posts)
	}
}
