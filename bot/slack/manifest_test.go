package slack

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func TestManifest(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		socket     bool
	}{
		{"Socket", "", true},
		{"HTTP", "https://bot.example.org/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := NewManifest(tc.base)
			if err != nil {
				t.Fatal(err)
			}
			out, err := m.YAML()
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := yaml.Unmarshal(out, &got); err != nil {
				t.Fatalf("manifest is not YAML: %v\n%s", err, out)
			}
			features := got["features"].(map[string]any)
			if bu := features["bot_user"].(map[string]any); bu["display_name"] != "careerbot" {
				t.Errorf("bot_user = %v", bu)
			}
			cmds := map[string]map[string]any{}
			for _, c := range features["slash_commands"].([]any) {
				c := c.(map[string]any)
				cmds[c["command"].(string)] = c
				if c["usage_hint"] == "" || c["description"] == "" {
					t.Errorf("command %v lacks a description or usage hint", c["command"])
				}
			}
			for _, name := range []string{"/career", "/career-mod"} {
				c, ok := cmds[name]
				if !ok {
					t.Fatalf("manifest lacks %s:\n%s", name, out)
				}
				if url, _ := c["url"].(string); tc.socket != (url == "") || (!tc.socket && url != "https://bot.example.org/slack/commands") {
					t.Errorf("%s url = %q", name, url)
				}
			}
			scopes := got["oauth_config"].(map[string]any)["scopes"].(map[string]any)["bot"].([]any)
			var have []string
			for _, s := range scopes {
				have = append(have, s.(string))
			}
			for _, want := range []string{"app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write", "channels:history", "groups:history"} {
				if !contains(have, want) {
					t.Errorf("scopes %v lack %s", have, want)
				}
			}
			if len(have) != len(BotScopes) {
				t.Errorf("scopes %v", have)
			}
			settings := got["settings"].(map[string]any)
			if settings["socket_mode_enabled"] != tc.socket {
				t.Errorf("socket_mode_enabled = %v", settings["socket_mode_enabled"])
			}
			events := settings["event_subscriptions"].(map[string]any)
			var evs []string
			for _, e := range events["bot_events"].([]any) {
				evs = append(evs, e.(string))
			}
			for _, want := range []string{"app_mention", "message.im", "message.channels"} {
				if !contains(evs, want) {
					t.Errorf("bot_events %v lack %s", evs, want)
				}
			}
			inter := settings["interactivity"].(map[string]any)
			if inter["is_enabled"] != true {
				t.Error("interactivity disabled")
			}
			if !tc.socket {
				if events["request_url"] != "https://bot.example.org/slack/events" || inter["request_url"] != "https://bot.example.org/slack/interactions" {
					t.Errorf("request URLs: %v %v", events["request_url"], inter["request_url"])
				}
			} else if _, ok := events["request_url"]; ok {
				t.Error("socket mode manifest has an events request_url")
			}
			di := got["display_information"].(map[string]any)
			if n := utf8.RuneCountInString(di["description"].(string)); n > 140 {
				t.Errorf("description has %d characters, Slack allows 140", n)
			}
			if n := utf8.RuneCountInString(di["long_description"].(string)); n < 175 || n > 4000 {
				t.Errorf("long_description has %d characters, Slack wants 175–4000", n)
			}
		})
	}
}

func TestManifest_RejectsBadBaseURL(t *testing.T) {
	for _, u := range []string{"http://bot.example.org", "bot.example.org", "https://", "https://x.org/?a=1", "https://x.org/#f", "https://u:p@x.org"} {
		if _, err := NewManifest(u); !errors.Is(err, ErrBadBaseURL) {
			t.Errorf("NewManifest(%q) error = %v", u, err)
		}
	}
	if m, err := NewManifest("https://x.org/bot"); err != nil || !strings.HasSuffix(m.Settings.EventSubscriptions.RequestURL, "/bot/slack/events") {
		t.Errorf("base with a path: %v %v", m.Settings.EventSubscriptions.RequestURL, err)
	}
}
