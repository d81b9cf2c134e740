package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

const (
	discordTestToken = "serve-test-token"
	discordTestBotID = "900"
	discordTestAppID = "800"
)

// discordSourceLine is how a rendered source reads: "[n] [title](https://…) — site · as of …".
var discordSourceLine = regexp.MustCompile(`\[\d+\] \[[^\]]+\]\(https://[^)\s]+\) — [a-z0-9.-]+ · as of \S+`)

// TestServe_DiscordEndToEnd runs "careerbot serve" against a fake Discord: a mention
// and a /career ask are answered through the real router, answering layer (built-in
// corpus) and SQLite store, with cited sources, and cancelling serve closes the
// gateway session and exits 0.
func TestServe_DiscordEndToEnd(t *testing.T) {
	f := discordtest.New(discordtest.Options{Token: discordTestToken, BotID: discordTestBotID, AppID: discordTestAppID})
	t.Cleanup(f.Close) // registered first, so it runs after serve has stopped
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(),
		"DISCORD_BOT_TOKEN": discordTestToken, "DISCORD_APP_ID": discordTestAppID, "DISCORD_API_URL": f.URL,
	}
	s := startServe(t, env, "--grace", "30s")
	f.WaitFor(t, "IDENTIFY", func(r discordtest.Request) bool { return r.Method == "GATEWAY" && r.Path == "op2" })

	t.Run("Mention", func(t *testing.T) {
		f.Dispatch(t, "MESSAGE_CREATE", map[string]any{
			"id": "M1", "channel_id": "C1", "guild_id": "G1",
			"content":  "<@" + discordTestBotID + "> How do I become an RHIT?",
			"author":   map[string]any{"id": "U1", "username": "member"},
			"mentions": []any{map[string]any{"id": discordTestBotID, "username": "careerbot", "bot": true}},
		})
		th := f.WaitFor(t, "thread start", discordCall("POST", discordtest.API+"/channels/C1/messages/M1/threads"))
		if th.Header.Get("Authorization") != "Bot "+discordTestToken {
			t.Errorf("thread start sent Authorization %q", th.Header.Get("Authorization"))
		}
		thread := discordThread(t, f)
		answer := f.WaitFor(t, "answer in the thread", discordCall("POST", discordtest.API+"/channels/"+thread+"/messages"))
		checkDiscordAnswer(t, answer)
	})

	t.Run("CareerAsk", func(t *testing.T) {
		f.Dispatch(t, "INTERACTION_CREATE", map[string]any{
			"id": "I1", "application_id": discordTestAppID, "type": 2, "token": "tok-I1",
			"channel_id": "C1", "guild_id": "G1",
			"member": map[string]any{"user": map[string]any{"id": "U2", "username": "member2"}, "roles": []string{}, "permissions": "0"},
			"data": map[string]any{"id": "CMD", "name": "career", "type": 1, "options": []any{map[string]any{
				"name": "ask", "type": 1,
				"options": []any{map[string]any{"name": "question", "type": 3, "value": "How do I become an RHIT?"}},
			}}},
		})
		cb := f.WaitFor(t, "interaction callback", discordCall("POST", discordtest.API+"/interactions/I1/tok-I1/callback"))
		var resp struct {
			Type discordgo.InteractionResponseType `json:"type"`
		}
		cb.Decode(t, &resp)
		if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Errorf("callback type %d, want %d (deferred)", resp.Type, discordgo.InteractionResponseDeferredChannelMessageWithSource)
		}
		original := discordtest.API + "/webhooks/" + discordTestAppID + "/tok-I1/messages/@original"
		// The deferred response may be edited more than once; the answer is the edit with sources.
		f.Wait(t, "the answer in @original", func(rs []discordtest.Request) bool {
			for _, r := range rs {
				if discordCall("PATCH", original)(r) && strings.Contains(string(r.Body), "Sources") {
					checkDiscordAnswer(t, r)
					return true
				}
			}
			return false
		})
	})

	_, metrics := get(t, s.base+"/metrics")
	if want := `careerbot_questions_total{command="ask",outcome="answered",platform="discord"} 2`; !strings.Contains(metrics, want) {
		t.Errorf("/metrics lacks %q (both questions must go through the router):\n%s", want, metricLines(metrics, "careerbot_questions_total"))
	}
	if strings.Contains(metrics, `careerbot_platform_errors_total{`) {
		t.Errorf("a Discord call failed:\n%s", metricLines(metrics, "careerbot_platform_errors_total"))
	}
	// Every call reached the fake through DISCORD_API_URL, and only real endpoints.
	f.WaitFor(t, "gateway discovery through DISCORD_API_URL", discordCall("GET", discordtest.API+"/gateway"))
	if u := f.Unrouted(); len(u) > 0 {
		t.Errorf("calls to endpoints the fake does not serve: %+v", u)
	}

	s.shutdown(t)
	closed := f.WaitFor(t, "gateway close frame", func(r discordtest.Request) bool { return r.Method == "GATEWAY" && r.Path == "close" })
	if string(closed.Body) != "1000" {
		t.Errorf("session closed with code %s, want 1000", closed.Body)
	}
	if strings.Contains(s.stderr.String(), discordTestToken) {
		t.Errorf("the token appears in the log:\n%s", s.stderr)
	}

	// Both questions are in the SQLite store in DATA_DIR, as a new process sees it.
	if rep := reportAfter(t, map[string]string{"DATA_DIR": env["DATA_DIR"], "LOG_LEVEL": "error"}); rep.Questions != 2 {
		t.Errorf("report after serve: %d questions, want 2", rep.Questions)
	}
}

// discordCall matches a recorded request by method and exact path.
func discordCall(method, path string) func(discordtest.Request) bool {
	return func(r discordtest.Request) bool { return r.Method == method && r.Path == path }
}

// discordThread is the channel of the first message the bot posted outside C1, the
// channel it was mentioned in: the thread the fake created for it.
func discordThread(t *testing.T, f *discordtest.Server) string {
	t.Helper()
	var id string
	f.Wait(t, "a message posted in a new thread", func(rs []discordtest.Request) bool {
		for _, r := range rs {
			c, ok := strings.CutPrefix(r.Path, discordtest.API+"/channels/")
			if ch, _, _ := strings.Cut(c, "/"); ok && r.Method == "POST" && ch != "C1" && strings.HasSuffix(r.Path, "/messages") {
				id = ch
				return true
			}
		}
		return false
	})
	return id
}

// checkDiscordAnswer checks that a message body carries an answer embed whose text
// cites [1] and whose Sources field lists https links with "as of" dates.
func checkDiscordAnswer(t *testing.T, r discordtest.Request) {
	t.Helper()
	var m struct {
		Embeds []*discordgo.MessageEmbed `json:"embeds"`
	}
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("decode %s %s: %v", r.Method, r.Path, err)
	}
	if len(m.Embeds) == 0 {
		t.Fatalf("%s %s has no embed: %s", r.Method, r.Path, r.Body)
	}
	e := m.Embeds[0]
	if !strings.Contains(e.Description, "[1]") {
		t.Errorf("answer cites nothing: %q", e.Description)
	}
	var sources string
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Name, "Sources") {
			sources += f.Value + "\n"
		}
	}
	if !discordSourceLine.MatchString(sources) {
		t.Errorf("no source linked with an https URL and an as-of date; fields: %+v", e.Fields)
	}
}

// metricLines returns the lines of s that contain sub.
func metricLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
