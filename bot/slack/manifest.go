package slack

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"
)

// BotScopes are the OAuth bot scopes careerbot needs, and no more.
var BotScopes = []string{
	"app_mentions:read", // app_mention events
	"channels:history",  // follow-ups in public channel threads (message.channels)
	"chat:write",        // answers, progressive edits, summaries
	"commands",          // /career, /career-mod
	"groups:history",    // follow-ups in private channel threads (message.groups)
	"im:history",        // DMs (message.im)
	"im:read",           // DM channel info
	"im:write",          // answering in DMs
}

// BotEvents are the Events API subscriptions careerbot handles.
var BotEvents = []string{"app_mention", "message.channels", "message.groups", "message.im"}

// Manifest is a Slack app manifest (the subset careerbot uses). Field order follows
// Slack's documentation.
type Manifest struct {
	DisplayInformation struct {
		Name            string `yaml:"name" json:"name"`
		Description     string `yaml:"description" json:"description"`
		LongDescription string `yaml:"long_description" json:"long_description"`
		BackgroundColor string `yaml:"background_color" json:"background_color"`
	} `yaml:"display_information" json:"display_information"`
	Features struct {
		AppHome struct {
			HomeTabEnabled             bool `yaml:"home_tab_enabled" json:"home_tab_enabled"`
			MessagesTabEnabled         bool `yaml:"messages_tab_enabled" json:"messages_tab_enabled"`
			MessagesTabReadOnlyEnabled bool `yaml:"messages_tab_read_only_enabled" json:"messages_tab_read_only_enabled"`
		} `yaml:"app_home" json:"app_home"`
		BotUser struct {
			DisplayName  string `yaml:"display_name" json:"display_name"`
			AlwaysOnline bool   `yaml:"always_online" json:"always_online"`
		} `yaml:"bot_user" json:"bot_user"`
		SlashCommands []SlashCommandSpec `yaml:"slash_commands" json:"slash_commands"`
	} `yaml:"features" json:"features"`
	OAuthConfig struct {
		Scopes struct {
			Bot []string `yaml:"bot" json:"bot"`
		} `yaml:"scopes" json:"scopes"`
	} `yaml:"oauth_config" json:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			RequestURL string   `yaml:"request_url,omitempty" json:"request_url,omitempty"`
			BotEvents  []string `yaml:"bot_events" json:"bot_events"`
		} `yaml:"event_subscriptions" json:"event_subscriptions"`
		Interactivity struct {
			IsEnabled  bool   `yaml:"is_enabled" json:"is_enabled"`
			RequestURL string `yaml:"request_url,omitempty" json:"request_url,omitempty"`
		} `yaml:"interactivity" json:"interactivity"`
		OrgDeployEnabled     bool `yaml:"org_deploy_enabled" json:"org_deploy_enabled"`
		SocketModeEnabled    bool `yaml:"socket_mode_enabled" json:"socket_mode_enabled"`
		TokenRotationEnabled bool `yaml:"token_rotation_enabled" json:"token_rotation_enabled"`
	} `yaml:"settings" json:"settings"`
}

// SlashCommandSpec is one slash command in a manifest.
type SlashCommandSpec struct {
	Command      string `yaml:"command" json:"command"`
	URL          string `yaml:"url,omitempty" json:"url,omitempty"`
	Description  string `yaml:"description" json:"description"`
	UsageHint    string `yaml:"usage_hint" json:"usage_hint"`
	ShouldEscape bool   `yaml:"should_escape" json:"should_escape"`
}

// NewManifest returns careerbot's app manifest. With httpBaseURL "" the app uses Socket
// Mode; otherwise it must be the public https base URL the serve command is reached at
// (e.g. https://bot.example.org), and the request URLs point at its /slack/ endpoints.
func NewManifest(httpBaseURL string) (Manifest, error) {
	var m Manifest
	base, err := manifestBase(httpBaseURL)
	if err != nil {
		return m, err
	}
	m.DisplayInformation.Name = "careerbot"
	m.DisplayInformation.Description = "Cited answers about the Health Information Technician career, with course suggestions."
	m.DisplayInformation.LongDescription = "careerbot answers questions about becoming and working as a Health Information Technician: " +
		"education, certification (RHIT, CCA, CCS), daily duties, pay and outlook, challenges and advancement. " +
		"Every answer cites its sources with as-of dates and suggests courses. /career plan lays out a cited route to a goal. @mention it, DM it, or use /career; " +
		"moderators post career summaries with /career-mod."
	m.DisplayInformation.BackgroundColor = "#1d4e89"
	m.Features.AppHome.MessagesTabEnabled = true // members DM the bot
	m.Features.BotUser.DisplayName = "careerbot"
	m.Features.BotUser.AlwaysOnline = true
	m.Features.SlashCommands = []SlashCommandSpec{
		{Command: "/career", Description: "Ask about the Health Information Technician career", UsageHint: "ask <question> | courses [topic] [level] | plan | help"},
		{Command: "/career-mod", Description: "Moderators: post a career summary or see the usage report", UsageHint: "summary <topic> | report [since, e.g. 168h]"},
	}
	m.OAuthConfig.Scopes.Bot = append([]string(nil), BotScopes...)
	m.Settings.EventSubscriptions.BotEvents = append([]string(nil), BotEvents...)
	m.Settings.Interactivity.IsEnabled = true
	m.Settings.SocketModeEnabled = base == ""
	if base != "" {
		for i := range m.Features.SlashCommands {
			m.Features.SlashCommands[i].URL = base + "/slack/commands"
		}
		m.Settings.EventSubscriptions.RequestURL = base + "/slack/events"
		m.Settings.Interactivity.RequestURL = base + "/slack/interactions"
	}
	return m, nil
}

// YAML renders the manifest as YAML, which Slack's "create app from manifest" accepts.
func (m Manifest) YAML() ([]byte, error) {
	out, err := yaml.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("render manifest: %w", err)
	}
	return out, nil
}

// ErrBadBaseURL is returned for an HTTP-mode base URL that is not a bare https URL.
var ErrBadBaseURL = errors.New("the HTTP mode base URL must be a public https URL such as https://bot.example.org (no query or fragment)")

func manifestBase(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q: %w", raw, ErrBadBaseURL)
	}
	return strings.TrimRight(u.String(), "/"), nil
}
