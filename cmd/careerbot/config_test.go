package main

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig_Defaults(t *testing.T) {
	c, err := LoadConfig(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "./data" || c.HTTPAddr != "127.0.0.1:8080" || c.Embeddings != "local" ||
		c.ChatModel != "gpt-4o-mini" || c.LLMTimeout != 30*time.Second || c.RateLimitPerMin != 6 ||
		c.DiscordShardCount != 1 || c.LogLevel != slog.LevelInfo || c.LLMEnabled() {
		t.Errorf("defaults = %+v", c)
	}
}

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr []string // fragments; nil means valid
		check   func(t *testing.T, c Config)
	}{
		{name: "BaseURLEnablesLLM", env: map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1"},
			check: func(t *testing.T, c Config) {
				if !c.LLMEnabled() {
					t.Error("LLM not enabled by OPENAI_BASE_URL")
				}
			}},
		{name: "Lists", env: map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODERATOR_USER_IDS": " U1, ,U2 "},
			check: func(t *testing.T, c Config) {
				if fmt.Sprint(c.SlackModeratorUserIDs) != "[U1 U2]" {
					t.Errorf("moderators = %v", c.SlackModeratorUserIDs)
				}
			}},
		{name: "EveryProblemAtOnce", env: map[string]string{
			"LOG_LEVEL": "loud", "EMBEDDINGS": "magic", "LLM_TIMEOUT": "soon", "RATE_LIMIT_PER_MIN": "-1",
			"DISCORD_SHARD_ID": "3", "DISCORD_SHARD_COUNT": "2", "SLACK_BOT_TOKEN": "xoxp-user",
		}, wantErr: []string{"LOG_LEVEL", "EMBEDDINGS", "LLM_TIMEOUT", "RATE_LIMIT_PER_MIN", "DISCORD_SHARD_ID", "SLACK_BOT_TOKEN"}},
		{name: "OpenAIEmbeddingsNeedEndpoint", env: map[string]string{"EMBEDDINGS": "openai"}, wantErr: []string{"EMBEDDINGS: openai needs"}},
		{name: "AppTokenNeedsBotToken", env: map[string]string{"SLACK_APP_TOKEN": "xapp-1"}, wantErr: []string{"Socket Mode also needs SLACK_BOT_TOKEN"}},
		{name: "PublicKeyFormat", env: map[string]string{"DISCORD_PUBLIC_KEY": "zz", "DISCORD_APP_ID": "1"}, wantErr: []string{"DISCORD_PUBLIC_KEY"}},
		{name: "BadURL", env: map[string]string{"DISCORD_API_URL": "discord"}, wantErr: []string{"DISCORD_API_URL"}},
		{name: "HTTPAddrNotHostPort", env: map[string]string{"HTTP_ADDR": "bad"}, wantErr: []string{"HTTP_ADDR: \"bad\" is not host:port"}},
		{name: "HTTPAddrBadPort", env: map[string]string{"HTTP_ADDR": "localhost:http"}, wantErr: []string{"HTTP_ADDR"}},
		{name: "HTTPAddrLocalhost", env: map[string]string{"HTTP_ADDR": "localhost:9000"}, check: func(t *testing.T, c Config) {
			if !loopback(c.HTTPAddr) {
				t.Errorf("localhost:9000 is not loopback")
			}
		}},
		{name: "HTTPAddrAllInterfaces", env: map[string]string{"HTTP_ADDR": ":8080"}, check: func(t *testing.T, c Config) {
			if loopback(c.HTTPAddr) {
				t.Errorf(":8080 counts as loopback")
			}
		}},
		{name: "AppIDNotSnowflake", env: map[string]string{"DISCORD_APP_ID": "my-bot"}, wantErr: []string{"DISCORD_APP_ID: \"my-bot\" is not a Discord id"}},
		{name: "GuildIDNotSnowflake", env: map[string]string{"DISCORD_GUILD_ID": "-5"}, wantErr: []string{"DISCORD_GUILD_ID"}},
		{name: "CorpusDirMissing", env: map[string]string{"CORPUS_DIR": "/no/such/corpus"}, wantErr: []string{"CORPUS_DIR: /no/such/corpus does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(func(k string) string { return tt.env[k] })
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, c)
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestSecret_NeverPrinted(t *testing.T) {
	c, err := LoadConfig(func(k string) string {
		return map[string]string{"OPENAI_API_KEY": "sk-live-123", "SLACK_BOT_TOKEN": "xoxb-secret"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("cfg", "key", c.OpenAIAPIKey, "slack", c.SlackBotToken)
	fmt.Fprintf(&b, "%v %s %+v", c.OpenAIAPIKey, c.SlackBotToken, c)
	if strings.Contains(b.String(), "sk-live-123") || strings.Contains(b.String(), "xoxb-secret") {
		t.Errorf("a secret leaked: %s", b.String())
	}
}
