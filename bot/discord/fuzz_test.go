package discord

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// FuzzRoute feeds arbitrary interaction payloads (as a verified HTTP request or a
// gateway event would carry them) to the router of interactions: it must never
// panic, and must always produce a response to send.
func FuzzRoute(f *testing.F) {
	for _, ev := range []map[string]any{
		commandEvent("I1", "career", "ask", member("U1", 0), map[string]string{"question": "q"}),
		commandEvent("I2", "career-mod", "summary", member("U1", 8192), map[string]string{"topic": "education"}),
		buttonEvent("I3", "careerbot:summary_post:education", member("U1", 8192)),
		buttonEvent("I4", "careerbot:feedback_down:A1", nil),
	} {
		b, _ := json.Marshal(ev)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"1","type":2,"data":null}`))
	f.Add([]byte(`{"id":"1","type":2,"data":{"name":"career","options":[{"name":"ask","type":1,"options":[{"name":"question","type":4,"value":3}]}]}}`))
	f.Add([]byte(`{"id":"1","type":3,"data":{"custom_id":"careerbot:"}}`))
	a, err := New(Config{Token: "t"})
	if err != nil {
		f.Fatal(err)
	}
	h := bot.HandlerFunc(func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{}, nil })
	f.Fuzz(func(t *testing.T, body []byte) {
		var i discordgo.Interaction
		if json.Unmarshal(body, &i) != nil {
			return
		}
		if resp, _ := a.route(h, &i); resp == nil {
			t.Fatalf("no response for %s", body)
		}
	})
}

// FuzzRender checks that any reply renders within Discord's limits.
func FuzzRender(f *testing.F) {
	f.Add("Short answer [1].", "", "Title", "https://example.org", 1)
	f.Add(strings.Repeat("word ", 3000), "notice", strings.Repeat("t", 300), "https://example.org/"+strings.Repeat("p", 700), 40)
	f.Add("```\n"+strings.Repeat("code\n", 2000)+"```", strings.Repeat("n", 2500), "[x](y)", "javascript:x", 3)
	f.Fuzz(func(t *testing.T, text, notice, title, url string, nSources int) {
		r := bot.Reply{Text: text, Notice: notice, Buttons: sampleReply().Buttons}
		for i := range min(max(nSources, 0), 60) {
			r.Sources = append(r.Sources, bot.Source{N: i + 1, Title: title, URL: url, AsOf: "2025-06"})
			r.Courses = append(r.Courses, bot.Course{Title: title, URL: url, Provider: title})
		}
		msgs := render(r, title)
		if len(msgs) == 0 {
			t.Fatal("no messages")
		}
		for _, m := range msgs {
			checkLimits(t, sentMessage{Content: m.Content, Embeds: m.Embeds})
			if m.Content == "" && len(m.Embeds) == 0 {
				t.Fatal("an empty message")
			}
		}
	})
}
