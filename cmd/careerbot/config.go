package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// secret is a credential. It never prints or logs in clear.
type secret string

func (s secret) String() string { return redacted(s) }

// LogValue keeps secrets out of structured logs.
func (s secret) LogValue() slog.Value { return slog.StringValue(redacted(s)) }

// Reveal returns the credential itself, for the client that needs it.
func (s secret) Reveal() string { return string(s) }

func redacted(s secret) string {
	if s == "" {
		return ""
	}
	return "REDACTED"
}

// Config is careerbot's configuration, read from the environment (see .env.example).
type Config struct {
	DataDir   string
	CorpusDir string
	HTTPAddr  string
	LogLevel  slog.Level
	LogFormat string // text or json

	Embeddings     string // local or openai
	EmbeddingModel string
	OpenAIAPIKey   secret
	OpenAIBaseURL  string
	ChatModel      string
	LLMTimeout     time.Duration

	DiscordBotToken         secret
	DiscordAppID            string
	DiscordGuildID          string
	DiscordPublicKey        string
	DiscordAPIURL           string
	DiscordShardID          int
	DiscordShardCount       int
	DiscordModeratorRoleIDs []string

	SlackBotToken         secret
	SlackAppToken         secret
	SlackSigningSecret    secret
	SlackAPIURL           string
	SlackModeratorUserIDs []string

	DatabaseURL     secret
	RateLimitPerMin int
}

// LLMEnabled reports whether answers come from an OpenAI-compatible chat model.
func (c Config) LLMEnabled() bool { return c.OpenAIAPIKey != "" || c.OpenAIBaseURL != "" }

// DiscordGateway reports whether the Discord gateway adapter should run.
func (c Config) DiscordGateway() bool { return c.DiscordBotToken != "" }

// DiscordHTTP reports whether the Discord HTTP interactions endpoint should run.
func (c Config) DiscordHTTP() bool { return c.DiscordPublicKey != "" }

// SlackSocket reports whether the Slack Socket Mode adapter should run.
func (c Config) SlackSocket() bool { return c.SlackBotToken != "" && c.SlackAppToken != "" }

// SlackHTTP reports whether the Slack HTTP endpoints should run.
func (c Config) SlackHTTP() bool { return c.SlackSigningSecret != "" }

// LoadConfig reads the configuration through getenv, applies defaults and validates
// it, reporting every problem at once.
func LoadConfig(getenv func(string) string) (Config, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	or := func(k, def string) string {
		if v := get(k); v != "" {
			return v
		}
		return def
	}
	var errs []error
	bad := func(k, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", k, fmt.Sprintf(format, a...)))
	}
	intVar := func(k string, def, min int) int {
		v := get(k)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < min {
			bad(k, "%q is not a whole number ≥ %d", v, min)
			return def
		}
		return n
	}

	c := Config{
		DataDir:                 or("DATA_DIR", "./data"),
		CorpusDir:               get("CORPUS_DIR"),
		HTTPAddr:                or("HTTP_ADDR", "127.0.0.1:8080"),
		LogFormat:               strings.ToLower(or("LOG_FORMAT", "text")),
		Embeddings:              strings.ToLower(or("EMBEDDINGS", "local")),
		EmbeddingModel:          or("EMBEDDING_MODEL", "text-embedding-3-small"),
		OpenAIAPIKey:            secret(get("OPENAI_API_KEY")),
		OpenAIBaseURL:           get("OPENAI_BASE_URL"),
		ChatModel:               or("CHAT_MODEL", "gpt-4o-mini"),
		DiscordBotToken:         secret(strings.TrimPrefix(get("DISCORD_BOT_TOKEN"), "Bot ")),
		DiscordAppID:            get("DISCORD_APP_ID"),
		DiscordGuildID:          get("DISCORD_GUILD_ID"),
		DiscordPublicKey:        get("DISCORD_PUBLIC_KEY"),
		DiscordAPIURL:           strings.TrimRight(get("DISCORD_API_URL"), "/"),
		DiscordModeratorRoleIDs: list(get("DISCORD_MODERATOR_ROLE_IDS")),
		SlackBotToken:           secret(get("SLACK_BOT_TOKEN")),
		SlackAppToken:           secret(get("SLACK_APP_TOKEN")),
		SlackSigningSecret:      secret(get("SLACK_SIGNING_SECRET")),
		SlackAPIURL:             get("SLACK_API_URL"),
		SlackModeratorUserIDs:   list(get("SLACK_MODERATOR_USER_IDS")),
		DatabaseURL:             secret(get("DATABASE_URL")),
	}
	c.DiscordShardID = intVar("DISCORD_SHARD_ID", 0, 0)
	c.DiscordShardCount = intVar("DISCORD_SHARD_COUNT", 1, 1)
	c.RateLimitPerMin = intVar("RATE_LIMIT_PER_MIN", 6, 1)

	if err := c.LogLevel.UnmarshalText([]byte(or("LOG_LEVEL", "info"))); err != nil {
		bad("LOG_LEVEL", "%q is not one of debug, info, warn, error", get("LOG_LEVEL"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		bad("LOG_FORMAT", "%q is not text or json", c.LogFormat)
	}
	if c.Embeddings != "local" && c.Embeddings != "openai" {
		bad("EMBEDDINGS", "%q is not local or openai", c.Embeddings)
	}
	if c.Embeddings == "openai" && !c.LLMEnabled() {
		bad("EMBEDDINGS", "openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
	}
	timeout, err := time.ParseDuration(or("LLM_TIMEOUT", "30s"))
	if err != nil || timeout <= 0 {
		bad("LLM_TIMEOUT", "%q is not a positive duration such as 30s", get("LLM_TIMEOUT"))
		timeout = 30 * time.Second
	}
	c.LLMTimeout = timeout
	for _, u := range []struct{ key, val string }{
		{"OPENAI_BASE_URL", c.OpenAIBaseURL}, {"DISCORD_API_URL", c.DiscordAPIURL}, {"SLACK_API_URL", c.SlackAPIURL},
	} {
		if u.val == "" {
			continue
		}
		if p, err := url.Parse(u.val); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			bad(u.key, "%q is not an http(s) URL", u.val)
		}
	}
	if c.DiscordShardID >= c.DiscordShardCount {
		bad("DISCORD_SHARD_ID", "%d must be less than DISCORD_SHARD_COUNT (%d)", c.DiscordShardID, c.DiscordShardCount)
	}
	if k := c.DiscordPublicKey; k != "" {
		if b, err := hex.DecodeString(k); err != nil || len(b) != 32 {
			bad("DISCORD_PUBLIC_KEY", "must be the 64-hex-digit public key from the Developer Portal")
		}
		if c.DiscordAppID == "" && c.DiscordBotToken == "" {
			bad("DISCORD_PUBLIC_KEY", "HTTP interactions need DISCORD_APP_ID (and DISCORD_BOT_TOKEN for posting)")
		}
	}
	if t := c.SlackBotToken.Reveal(); t != "" && !strings.HasPrefix(t, "xoxb-") {
		bad("SLACK_BOT_TOKEN", "must be a bot token starting with xoxb-")
	}
	if t := c.SlackAppToken.Reveal(); t != "" {
		if !strings.HasPrefix(t, "xapp-") {
			bad("SLACK_APP_TOKEN", "must be an app-level token starting with xapp-")
		}
		if c.SlackBotToken == "" {
			bad("SLACK_APP_TOKEN", "Socket Mode also needs SLACK_BOT_TOKEN")
		}
	}
	if c.SlackSigningSecret != "" && c.SlackBotToken == "" {
		bad("SLACK_SIGNING_SECRET", "HTTP mode also needs SLACK_BOT_TOKEN")
	}
	return c, errors.Join(errs...)
}

// list splits a comma-separated variable, dropping blanks.
func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
