package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// Slash command, subcommand and option names.
const (
	cmdCareer    = "career"
	cmdCareerMod = "career-mod"
	subAsk       = "ask"
	subCourses   = "courses"
	subHelp      = "help"
	subSummary   = "summary"
	subReport    = "report"
	optQuestion  = "question"
	optTopic     = "topic"
	optLevel     = "level"
	optSince     = "since"
)

// Levels offered as choices of /career courses.
var courseLevels = []string{"beginner", "intermediate", "advanced", "graduate"}

// Commands returns the slash commands: /career (ask, courses, plan, help) for everyone
// and /career-mod (summary, report) hidden by default from members without Manage
// Messages. topics become the choices of /career-mod summary (Discord allows 25);
// plans, when given, become the choices of /career plan's options.
func Commands(topics []string, plans ...bot.PlanChoices) []*discordgo.ApplicationCommand {
	manageMessages := int64(discordgo.PermissionManageMessages)
	guildOnly := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	everywhere := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	return []*discordgo.ApplicationCommand{
		{
			Name:        cmdCareer,
			Description: "Ask about the Health Information Technician career",
			Contexts:    &everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				subcommand(subAsk, "Ask a career question; the answer cites its sources",
					stringOption(optQuestion, "Your question, e.g. How do I become an RHIT?", true, 1000)),
				subcommand(subCourses, "Suggest courses from the catalog",
					stringOption(optTopic, "A subject such as coding, ehr, privacy-law or exam-prep", false, 100),
					withChoices(stringOption(optLevel, "Course level", false, 0), courseLevels)),
				subcommand(subHelp, "What the bot covers, how to ask, and the privacy note"),
				planSubcommand(plans...),
			},
		},
		{
			Name:                     cmdCareerMod,
			Description:              "Moderator tools: career summaries and usage reports",
			DefaultMemberPermissions: &manageMessages,
			Contexts:                 &guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				subcommand(subSummary, "Preview a cited career summary privately, then post it",
					withChoices(stringOption(optTopic, "The topic to summarise", true, 0), topics)),
				subcommand(subReport, "Private report: questions, abstentions, 👎 answers",
					stringOption(optSince, "How far back, e.g. 24h or 168h (default: a week)", false, 20)),
			},
		},
	}
}

func subcommand(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
}

func stringOption(name, desc string, required bool, maxLen int) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required, MaxLength: maxLen}
}

func withChoices(o *discordgo.ApplicationCommandOption, values []string) *discordgo.ApplicationCommandOption {
	for _, v := range values[:min(len(values), 25)] {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return o
}

// Register overwrites the application's slash commands with cmds: in cfg.GuildID
// when set (visible at once), else globally (may take up to an hour to appear). It
// needs cfg.Token; the application id is looked up when cfg.AppID is empty.
func Register(ctx context.Context, cfg Config, cmds []*discordgo.ApplicationCommand) ([]*discordgo.ApplicationCommand, error) {
	if cfg.Token == "" {
		return nil, errors.New("register commands: DISCORD_BOT_TOKEN is not set")
	}
	s, err := newSession(cfg)
	if err != nil {
		return nil, err
	}
	appID, err := appID(ctx, s, cfg.AppID)
	if err != nil {
		return nil, err
	}
	created, err := s.ApplicationCommandBulkOverwrite(appID, cfg.GuildID, cmds, discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("register commands: %w", explainAuth(err))
	}
	return created, nil
}

// AppID returns cfg.AppID, or asks Discord for the application of cfg.Token.
func AppID(ctx context.Context, cfg Config) (string, error) {
	if cfg.AppID != "" {
		return cfg.AppID, nil
	}
	if cfg.Token == "" {
		return "", errors.New("set DISCORD_APP_ID (or DISCORD_BOT_TOKEN to look it up)")
	}
	s, err := newSession(cfg)
	if err != nil {
		return "", err
	}
	return appID(ctx, s, "")
}

func appID(ctx context.Context, s *discordgo.Session, known string) (string, error) {
	if known != "" {
		return known, nil
	}
	var app discordgo.Application
	body, err := s.RequestWithBucketID("GET", discordgo.EndpointOAuth2Application("@me"), nil,
		discordgo.EndpointOAuth2Applications, discordgo.WithContext(ctx))
	if err == nil {
		err = json.Unmarshal(body, &app)
	}
	if err == nil && app.ID == "" {
		err = errors.New("the response carries no id")
	}
	if err != nil {
		return "", fmt.Errorf("look up application id: %w", explainAuth(err))
	}
	return app.ID, nil
}

// invitePermissions are what the bot needs in a channel: read it, answer with
// embeds, start and post in threads.
const invitePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads | discordgo.PermissionCreatePublicThreads |
	discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory

// InviteURL returns the OAuth2 URL that adds the bot to a server with the bot and
// applications.commands scopes and the permissions it needs.
func InviteURL(appID string) string {
	q := url.Values{}
	q.Set("client_id", appID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(invitePermissions, 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// explainAuth turns a 401 into an error naming the variable to fix.
func explainAuth(err error) error {
	if statusOf(err) == 401 {
		return fmt.Errorf("DISCORD_BOT_TOKEN was rejected by Discord (401 Unauthorized); copy the token from the Bot page of the Developer Portal: %w", err)
	}
	return err
}
