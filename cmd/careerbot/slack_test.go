package main

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestSlackManifest(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		socket     bool
		commandURL string
	}{
		{"Default", nil, true, ""},
		{"Socket", []string{"--socket"}, true, ""},
		{"HTTP", []string{"--http", "https://careerbot.example.org/"}, false, "https://careerbot.example.org/slack/commands"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, append([]string{"slack", "manifest"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var m struct {
				Features struct {
					BotUser       map[string]any `yaml:"bot_user"`
					SlashCommands []struct {
						Command   string `yaml:"command"`
						URL       string `yaml:"url"`
						UsageHint string `yaml:"usage_hint"`
					} `yaml:"slash_commands"`
				} `yaml:"features"`
				OAuthConfig struct {
					Scopes struct {
						Bot []string `yaml:"bot"`
					} `yaml:"scopes"`
				} `yaml:"oauth_config"`
				Settings struct {
					SocketModeEnabled bool `yaml:"socket_mode_enabled"`
				} `yaml:"settings"`
			}
			if err := yaml.Unmarshal([]byte(out), &m); err != nil {
				t.Fatalf("output is not YAML: %v\n%s", err, out)
			}
			var cmds []string
			for _, c := range m.Features.SlashCommands {
				cmds = append(cmds, c.Command)
				if c.URL != tc.commandURL || c.UsageHint == "" {
					t.Errorf("%s: url %q usage %q", c.Command, c.URL, c.UsageHint)
				}
			}
			if strings.Join(cmds, " ") != "/career /career-mod" {
				t.Errorf("commands = %v", cmds)
			}
			scopes := strings.Join(m.OAuthConfig.Scopes.Bot, " ")
			for _, want := range []string{"app_mentions:read", "chat:write", "commands", "im:history", "channels:history"} {
				if !strings.Contains(scopes, want) {
					t.Errorf("scopes %q lack %s", scopes, want)
				}
			}
			if m.Settings.SocketModeEnabled != tc.socket || m.Features.BotUser == nil {
				t.Errorf("socket_mode_enabled = %v, bot_user = %v", m.Settings.SocketModeEnabled, m.Features.BotUser)
			}
		})
	}
}

func TestSlackManifest_UsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--socket", "--http", "https://x.org"},
		{"--http", "http://x.org"},
		{"--http", ""},
		{"--http"},
		{"extra"},
	} {
		code, out, errOut := runCLI(t, nil, append([]string{"slack", "manifest"}, args...)...)
		if code != 2 || out != "" || errOut == "" {
			t.Errorf("slack manifest %q: exit %d, stdout %q, stderr %q; want usage error (2)", args, code, out, errOut)
		}
	}
}
