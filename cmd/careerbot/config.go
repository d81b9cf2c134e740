package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// secret is a credential. It never prints or logs in clear.
type secret string

// String keeps secrets out of fmt output: "REDACTED", or "" when unset.
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
	e := &envReader{getenv: getenv}
	c := e.read()
	e.validate(c)
	return c, errors.Join(e.errs...)
}

// envReader reads variables and collects every problem found on the way.
type envReader struct {
	getenv func(string) string
	errs   []error
}

// get returns variable k without surrounding space.
func (e *envReader) get(k string) string { return strings.TrimSpace(e.getenv(k)) }

// or returns variable k, or def when it is unset or blank.
func (e *envReader) or(k, def string) string {
	if v := e.get(k); v != "" {
		return v
	}
	return def
}

// bad records a problem with variable k.
func (e *envReader) bad(k, format string, a ...any) {
	e.errs = append(e.errs, fmt.Errorf("%s: %s", k, fmt.Sprintf(format, a...)))
}

// integer returns variable k as a whole number of at least least, or def when it is
// unset (or invalid, which is recorded).
func (e *envReader) integer(k string, def, least int) int {
	v := e.get(k)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		e.bad(k, "%q is not a whole number ≥ %d", v, least)
		return def
	}
	return n
}

// read fills a Config from the environment, with defaults, recording the values that
// cannot be parsed.
func (e *envReader) read() Config {
	c := Config{
		DataDir:                 e.or("DATA_DIR", "./data"),
		CorpusDir:               e.get("CORPUS_DIR"),
		HTTPAddr:                e.or("HTTP_ADDR", "127.0.0.1:8080"),
		LogFormat:               strings.ToLower(e.or("LOG_FORMAT", "text")),
		Embeddings:              strings.ToLower(e.or("EMBEDDINGS", "local")),
		EmbeddingModel:          e.or("EMBEDDING_MODEL", "text-embedding-3-small"),
		OpenAIAPIKey:            secret(e.get("OPENAI_API_KEY")),
		OpenAIBaseURL:           e.get("OPENAI_BASE_URL"),
		ChatModel:               e.or("CHAT_MODEL", "gpt-4o-mini"),
		DiscordBotToken:         secret(strings.TrimPrefix(e.get("DISCORD_BOT_TOKEN"), "Bot ")),
		DiscordAppID:            e.get("DISCORD_APP_ID"),
		DiscordGuildID:          e.get("DISCORD_GUILD_ID"),
		DiscordPublicKey:        e.get("DISCORD_PUBLIC_KEY"),
		DiscordAPIURL:           strings.TrimRight(e.get("DISCORD_API_URL"), "/"),
		DiscordShardID:          e.integer("DISCORD_SHARD_ID", 0, 0),
		DiscordShardCount:       e.integer("DISCORD_SHARD_COUNT", 1, 1),
		DiscordModeratorRoleIDs: list(e.get("DISCORD_MODERATOR_ROLE_IDS")),
		SlackBotToken:           secret(e.get("SLACK_BOT_TOKEN")),
		SlackAppToken:           secret(e.get("SLACK_APP_TOKEN")),
		SlackSigningSecret:      secret(e.get("SLACK_SIGNING_SECRET")),
		SlackAPIURL:             e.get("SLACK_API_URL"),
		SlackModeratorUserIDs:   list(e.get("SLACK_MODERATOR_USER_IDS")),
		DatabaseURL:             secret(e.get("DATABASE_URL")),
		RateLimitPerMin:         e.integer("RATE_LIMIT_PER_MIN", 6, 1),
	}
	if err := c.LogLevel.UnmarshalText([]byte(e.or("LOG_LEVEL", "info"))); err != nil {
		e.bad("LOG_LEVEL", "%q is not one of debug, info, warn, error", e.get("LOG_LEVEL"))
	}
	timeout, err := time.ParseDuration(e.or("LLM_TIMEOUT", "30s"))
	if err != nil || timeout <= 0 {
		e.bad("LLM_TIMEOUT", "%q is not a positive duration such as 30s", e.get("LLM_TIMEOUT"))
		timeout = 30 * time.Second
	}
	c.LLMTimeout = timeout
	return c
}

// validate records the values that parse but do not fit together or are not what
// their platform expects.
func (e *envReader) validate(c Config) {
	if c.LogFormat != "text" && c.LogFormat != "json" {
		e.bad("LOG_FORMAT", "%q is not text or json", c.LogFormat)
	}
	if c.Embeddings != "local" && c.Embeddings != "openai" {
		e.bad("EMBEDDINGS", "%q is not local or openai", c.Embeddings)
	}
	if c.Embeddings == "openai" && !c.LLMEnabled() {
		e.bad("EMBEDDINGS", "openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
	}
	for _, u := range []struct{ key, val string }{
		{"OPENAI_BASE_URL", c.OpenAIBaseURL}, {"DISCORD_API_URL", c.DiscordAPIURL}, {"SLACK_API_URL", c.SlackAPIURL},
	} {
		if u.val == "" {
			continue
		}
		if p, err := url.Parse(u.val); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			e.bad(u.key, "%q is not an http(s) URL", u.val)
		}
	}
	e.validateHTTPAddr(c.HTTPAddr)
	e.validateCorpusDir(c.CorpusDir)
	e.validateDiscord(c)
	e.validateSlack(c)
}

// validateHTTPAddr checks that HTTP_ADDR is host:port with a numeric port; the host
// may be empty (all interfaces), a name such as localhost, or an IP address.
func (e *envReader) validateHTTPAddr(addr string) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		e.bad("HTTP_ADDR", "%q is not host:port, e.g. 127.0.0.1:8080 or localhost:8080", addr)
		return
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		e.bad("HTTP_ADDR", "%q has no port number 0-65535 after the colon", addr)
	}
	if strings.ContainsAny(host, " /") {
		e.bad("HTTP_ADDR", "%q has no valid host before the colon", addr)
	}
}

// validateCorpusDir checks that CORPUS_DIR, when set, is a directory.
func (e *envReader) validateCorpusDir(dir string) {
	if dir == "" {
		return
	}
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		e.bad("CORPUS_DIR", "%s does not exist; unset CORPUS_DIR to use the built-in corpus", dir)
	case !fi.IsDir():
		e.bad("CORPUS_DIR", "%s is not a directory", dir)
	}
}

// snowflake reports whether s is a Discord id: a positive 64-bit decimal number.
func snowflake(s string) bool {
	n, err := strconv.ParseUint(s, 10, 64)
	return err == nil && n > 0 && s[0] != '+'
}

func (e *envReader) validateDiscord(c Config) {
	for _, id := range []struct{ key, val string }{{"DISCORD_APP_ID", c.DiscordAppID}, {"DISCORD_GUILD_ID", c.DiscordGuildID}} {
		if id.val != "" && !snowflake(id.val) {
			e.bad(id.key, "%q is not a Discord id: use the number from the Developer Portal (General Information → Application ID) or Copy ID", id.val)
		}
	}
	if c.DiscordShardID >= c.DiscordShardCount {
		e.bad("DISCORD_SHARD_ID", "%d must be less than DISCORD_SHARD_COUNT (%d)", c.DiscordShardID, c.DiscordShardCount)
	}
	if k := c.DiscordPublicKey; k != "" {
		if b, err := hex.DecodeString(k); err != nil || len(b) != 32 {
			e.bad("DISCORD_PUBLIC_KEY", "must be the 64-hex-digit public key from the Developer Portal")
		}
		if c.DiscordAppID == "" && c.DiscordBotToken == "" {
			e.bad("DISCORD_PUBLIC_KEY", "HTTP interactions need DISCORD_APP_ID (and DISCORD_BOT_TOKEN for posting)")
		}
	}
}

func (e *envReader) validateSlack(c Config) {
	if t := c.SlackBotToken.Reveal(); t != "" && !strings.HasPrefix(t, "xoxb-") {
		e.bad("SLACK_BOT_TOKEN", "must be a bot token starting with xoxb-")
	}
	if t := c.SlackAppToken.Reveal(); t != "" {
		if !strings.HasPrefix(t, "xapp-") {
			e.bad("SLACK_APP_TOKEN", "must be an app-level token starting with xapp-")
		}
		if c.SlackBotToken == "" {
			e.bad("SLACK_APP_TOKEN", "Socket Mode also needs SLACK_BOT_TOKEN")
		}
	}
	if c.SlackSigningSecret != "" && c.SlackBotToken == "" {
		e.bad("SLACK_SIGNING_SECRET", "HTTP mode also needs SLACK_BOT_TOKEN")
	}
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
