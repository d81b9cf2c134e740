package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

const (
	testToken = "test-token"
	testBotID = "900"
	testAppID = "800"
)

// newFake starts a fake Discord that is closed when the test ends (after the
// adapter, whose cleanup is registered later and so runs first).
func newFake(t *testing.T) *discordtest.Server {
	t.Helper()
	f := discordtest.New(discordtest.Options{Token: testToken, BotID: testBotID, AppID: testAppID})
	t.Cleanup(f.Close)
	return f
}

// onlyHost is a transport that refuses requests to any host but the fake's, so a
// test fails if some call bypasses DISCORD_API_URL.
type onlyHost struct {
	t    *testing.T
	host string
}

func (o onlyHost) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != o.host {
		o.t.Errorf("request to %s escaped the fake (%s)", r.URL, o.host)
		return nil, fmt.Errorf("unexpected host %s", r.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// testConfig points an adapter at the fake.
func testConfig(t *testing.T, f *discordtest.Server) Config {
	return Config{
		Token:        testToken,
		AppID:        testAppID,
		APIURL:       f.URL,
		Logger:       newTestLogger(&bottest.LogBuffer{}),
		HTTPClient:   &http.Client{Transport: onlyHost{t: t, host: strings.TrimPrefix(f.URL, "http://")}, Timeout: 20 * time.Second},
		EditInterval: 5 * time.Millisecond,
	}
}

// newTestAdapter builds an adapter with fast retries and reconnects.
func newTestAdapter(t *testing.T, cfg Config) *Adapter {
	t.Helper()
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	a.retryBase = time.Millisecond
	a.reconnectBase = time.Millisecond
	return a
}

// runGateway runs a on the fake until the test ends, and waits for IDENTIFY.
func runGateway(t *testing.T, f *discordtest.Server, a *Adapter, h bot.Handler) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx, h) }()
	t.Cleanup(func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	f.WaitFor(t, "IDENTIFY", func(r discordtest.Request) bool { return r.Path == "op2" })
}

// newTestLogger returns a text logger at level Debug writing to l.
func newTestLogger(l *bottest.LogBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// recorder is a bot.Handler that records requests and answers with its reply func.
// Like the router it takes each request on (bot.Accept) first.
type recorder struct {
	reqs  chan bot.Request
	mu    sync.Mutex
	reply func(bot.Request) (bot.Reply, error)
}

// setReply changes how later requests are answered.
func (r *recorder) setReply(fn func(bot.Request) (bot.Reply, error)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reply = fn
}

func newRecorder(reply func(bot.Request) (bot.Reply, error)) *recorder {
	if reply == nil {
		reply = func(req bot.Request) (bot.Reply, error) { return sampleReply(), nil }
	}
	return &recorder{reqs: make(chan bot.Request, 100), reply: reply}
}

func (r *recorder) Handle(_ context.Context, req bot.Request) (bot.Reply, error) {
	bot.Accept(&req)
	r.reqs <- req
	r.mu.Lock()
	fn := r.reply
	r.mu.Unlock()
	return fn(req)
}

// next returns the next request the handler received.
func (r *recorder) next(t *testing.T) bot.Request {
	t.Helper()
	select {
	case req := <-r.reqs:
		return req
	case <-time.After(discordtest.WaitTimeout):
		t.Fatal("timed out waiting for the handler to be called")
		return bot.Request{}
	}
}

// sampleReply is an answer with sources, courses and feedback buttons.
func sampleReply() bot.Reply {
	return bot.Reply{
		Text:    "Most RHITs earn an associate degree first [1].",
		Sources: []bot.Source{{N: 1, Title: "Certification", URL: "https://www.ahima.org/certification/rhit", AsOf: "2025-06"}},
		Courses: []bot.Course{{Title: "Medical Terminology", Provider: "Open College", URL: "https://example.org/mt", Level: "beginner"}},
		Buttons: []bot.Button{
			{Action: bot.ActionFeedbackUp, Label: "👍", Value: "A1"},
			{Action: bot.ActionFeedbackDown, Label: "👎", Value: "A1"},
		},
		AnswerID: "A1",
		Outcome:  bot.OutcomeAnswered,
	}
}

// messageEvent is a MESSAGE_CREATE payload.
func messageEvent(id, channel, guild, content, author string, isBot bool, mentionBot bool) map[string]any {
	m := map[string]any{
		"id": id, "channel_id": channel, "content": content,
		"author":   map[string]any{"id": author, "username": "user" + author, "bot": isBot},
		"mentions": []any{},
	}
	if guild != "" {
		m["guild_id"] = guild
	}
	if mentionBot {
		m["mentions"] = []any{map[string]any{"id": testBotID, "username": "careerbot", "bot": true}}
	}
	return m
}

// member is the member object of an interaction.
func member(user string, perms int64, roles ...string) map[string]any {
	return map[string]any{
		"user":        map[string]any{"id": user, "username": "user" + user},
		"nick":        "Nick" + user,
		"roles":       append([]string{}, roles...),
		"permissions": fmt.Sprint(perms),
	}
}

// commandEvent is an INTERACTION_CREATE payload for /<name> <sub> with string options.
func commandEvent(id, name, sub string, mem map[string]any, opts map[string]string) map[string]any {
	var o []any
	for k, v := range opts {
		o = append(o, map[string]any{"name": k, "type": 3, "value": v})
	}
	return commandEventWith(id, name, sub, mem, o)
}

// commandEventWith is an INTERACTION_CREATE payload for /<name> <sub> with options
// as Discord sends them (name, type and value each), of any type.
func commandEventWith(id, name, sub string, mem map[string]any, o []any) map[string]any {
	return map[string]any{
		"id": id, "application_id": testAppID, "type": 2, "token": "tok-" + id,
		"channel_id": "C1", "guild_id": "G1", "member": mem,
		"data": map[string]any{"id": "CMD", "name": name, "type": 1,
			"options": []any{map[string]any{"name": sub, "type": 1, "options": o}}},
	}
}

// buttonEvent is an INTERACTION_CREATE payload for a button click.
func buttonEvent(id, customID string, mem map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": testAppID, "type": 3, "token": "tok-" + id,
		"channel_id": "C1", "guild_id": "G1", "member": mem,
		"message": map[string]any{"id": "PREVIEW", "channel_id": "C1"},
		"data":    map[string]any{"custom_id": customID, "component_type": 2},
	}
}

// Matchers for recorded requests.
func is(method, path string) func(discordtest.Request) bool {
	return func(r discordtest.Request) bool { return r.Method == method && r.Path == path }
}

func callbackPath(id string) string {
	return discordtest.API + "/interactions/" + id + "/tok-" + id + "/callback"
}

func originalPath(id string) string {
	return discordtest.API + "/webhooks/" + testAppID + "/tok-" + id + "/messages/@original"
}

func followupPath(id string) string { return discordtest.API + "/webhooks/" + testAppID + "/tok-" + id }

// sentMessage is the JSON body of a message create or edit.
type sentMessage struct {
	Content    string                    `json:"content"`
	Embeds     []*discordgo.MessageEmbed `json:"embeds"`
	Components []json.RawMessage         `json:"components"`
	Flags      int                       `json:"flags"`
}

func decodeMessage(t *testing.T, r discordtest.Request) sentMessage {
	t.Helper()
	var m sentMessage
	r.Decode(t, &m)
	return m
}

// text joins everything visible in a message, for substring assertions.
func (m sentMessage) text() string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	for _, c := range m.Components {
		b.Write(c)
	}
	return b.String()
}

// checkLimits fails the test when a message breaks one of Discord's limits.
func checkLimits(t *testing.T, m sentMessage) {
	t.Helper()
	if n := runes(m.Content); n > maxContent {
		t.Errorf("content has %d runes (limit %d)", n, maxContent)
	}
	if len(m.Embeds) > maxEmbeds {
		t.Errorf("%d embeds (limit %d)", len(m.Embeds), maxEmbeds)
	}
	total := 0
	for _, e := range m.Embeds {
		if n := runes(e.Description); n > maxDescription {
			t.Errorf("description has %d runes (limit %d)", n, maxDescription)
		}
		if len(e.Fields) > maxFields {
			t.Errorf("%d fields (limit %d)", len(e.Fields), maxFields)
		}
		for _, f := range e.Fields {
			if runes(f.Name) > maxFieldName || runes(f.Value) > maxFieldValue {
				t.Errorf("field %q too long: name %d, value %d runes", f.Name, runes(f.Name), runes(f.Value))
			}
		}
		total += embedSize(e)
	}
	if total > maxEmbedTotal {
		t.Errorf("embeds total %d runes (limit %d)", total, maxEmbedTotal)
	}
}
