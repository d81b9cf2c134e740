// Package discord connects careerbot to Discord. It runs in two modes that can be
// combined: the gateway (a websocket session that receives @mentions, DMs, thread
// follow-ups and slash commands) when a bot token is configured, and HTTP
// interactions (Discord POSTs signed slash commands and button clicks to
// /discord/interactions) when an application public key is configured.
//
// Every event becomes a [bot.Request] for a [bot.Handler]; the [bot.Reply] comes back
// as embeds with numbered sources, course suggestions and buttons, split to fit
// Discord's message limits. Slash commands are deferred at once and the deferred
// response is edited while the answer streams.
package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// threadMemory bounds the threads the bot started that it remembers; the oldest is
// forgotten first. A thread lives until Discord archives it, so there is no ttl.
const threadMemory = 4096

// Config configures an [Adapter]. Token enables the gateway ([Adapter.Run]);
// PublicKey enables HTTP interactions ([Adapter.InteractionsHandler]).
type Config struct {
	Token     string // bot token, without the "Bot " prefix (DISCORD_BOT_TOKEN)
	AppID     string // application id (DISCORD_APP_ID); learned from READY or the API when empty
	GuildID   string // guild for command registration (DISCORD_GUILD_ID); "" registers globally
	PublicKey string // hex Ed25519 public key of the application (DISCORD_PUBLIC_KEY)
	// APIURL is an origin such as "http://proxy:8080" that replaces https://discord.com
	// for every REST call and gateway discovery; paths stay unchanged. "" means Discord.
	APIURL     string
	ShardID    int // DISCORD_SHARD_ID
	ShardCount int // DISCORD_SHARD_COUNT; 0 means 1
	// ModeratorRoleIDs are roles whose members may run moderator commands besides
	// members with the Manage Messages permission.
	ModeratorRoleIDs []string
	// PlanChoices fill the /career plan form; without goals the command says plans
	// are not available.
	PlanChoices bot.PlanChoices

	Logger   *slog.Logger // nil discards logs
	Observer bot.Observer // nil means bot.NopObserver
	// HTTPClient, when set, is used for REST calls (its Transport is wrapped to honour
	// APIURL). nil means a client with a 20-second timeout.
	HTTPClient *http.Client

	MaxConcurrent int           // answers worked on at once; 0 means 8
	ShutdownGrace time.Duration // how long Run waits for in-flight answers; 0 means 10s
	EditInterval  time.Duration // minimum time between progressive edits; 0 means 1s
}

// Adapter is the Discord adapter. It is safe for concurrent use; one Adapter runs
// one gateway session (one shard) and may serve HTTP interactions at the same time.
type Adapter struct {
	cfg       Config
	log       *slog.Logger
	obs       bot.Observer
	session   *discordgo.Session
	publicKey ed25519.PublicKey

	work    *bot.Workers   // in-flight answers, at most MaxConcurrent at once
	threads *bot.ThreadSet // threads the bot started, for follow-ups without a mention

	retryBase     time.Duration // first backoff of REST retries
	reconnectBase time.Duration // first backoff of gateway reconnects
	now           func() time.Time
}

var _ bot.Adapter = (*Adapter)(nil)

// New checks cfg and builds an Adapter. It does not connect: [Adapter.Run] opens the
// gateway and [Adapter.InteractionsHandler] serves HTTP interactions.
func New(cfg Config) (*Adapter, error) {
	if cfg.Token == "" && cfg.PublicKey == "" {
		return nil, errors.New("discord: set DISCORD_BOT_TOKEN (gateway) or DISCORD_PUBLIC_KEY (HTTP interactions)")
	}
	if cfg.ShardCount == 0 {
		cfg.ShardCount = 1
	}
	if cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord: shard id %d is outside 0..%d (DISCORD_SHARD_ID, DISCORD_SHARD_COUNT)", cfg.ShardID, cfg.ShardCount-1)
	}
	var key ed25519.PublicKey
	if cfg.PublicKey != "" {
		b, err := hex.DecodeString(cfg.PublicKey)
		if err != nil || len(b) != ed25519.PublicKeySize {
			return nil, errors.New("discord: DISCORD_PUBLIC_KEY must be the 64-hex-digit public key from the Developer Portal")
		}
		key = b
	}
	s, err := newSession(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Observer == nil {
		cfg.Observer = bot.NopObserver{}
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 8
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if cfg.EditInterval <= 0 {
		cfg.EditInterval = time.Second
	}
	log := cfg.Logger.With("adapter", "discord")
	return &Adapter{
		cfg:           cfg,
		log:           log,
		obs:           cfg.Observer,
		session:       s,
		publicKey:     key,
		work:          bot.NewWorkers(cfg.MaxConcurrent, log),
		threads:       bot.NewThreadSet(threadMemory, 0),
		retryBase:     500 * time.Millisecond,
		reconnectBase: time.Second,
		now:           time.Now,
	}, nil
}

// Name returns "discord".
func (a *Adapter) Name() string { return bot.PlatformDiscord }

// newSession builds a discordgo session (not connected) whose REST client honours
// cfg.APIURL and whose IDENTIFY carries the intents and shard the bot needs.
func newSession(cfg Config) (*discordgo.Session, error) {
	token := ""
	if cfg.Token != "" { // without a token (HTTP-only mode) send no Authorization header at all
		token = "Bot " + cfg.Token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord: create session: %w", err)
	}
	client := &http.Client{Timeout: 20 * time.Second}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		client = &c
	}
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("discord: DISCORD_API_URL %q must be an http(s) origin such as https://proxy.example:8080", cfg.APIURL)
		}
		client.Transport = &originTransport{base: client.Transport, origin: u}
	}
	s.Client = client
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages |
		discordgo.IntentsDirectMessages | discordgo.IntentMessageContent
	s.ShardID, s.ShardCount = cfg.ShardID, max(cfg.ShardCount, 1)
	// Run reconnects itself (stayConnected): discordgo's loop would retry forever
	// even when Discord refuses the token or the intents.
	s.ShouldReconnectOnError = false
	s.ShouldRetryOnRateLimit = true
	s.LogLevel = discordgo.LogError
	return s, nil
}
