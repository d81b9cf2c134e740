package discord

import (
	"regexp"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// customIDPrefix starts the custom_id of every button the bot renders.
const customIDPrefix = "careerbot:"

// maxCustomID is Discord's limit on a component custom_id.
const maxCustomID = 100

// encodeCustomID returns "careerbot:<action>:<value>", or false when it would not
// fit Discord's 100-character limit.
func encodeCustomID(action, value string) (string, bool) {
	id := customIDPrefix + action + ":" + value
	return id, len(id) <= maxCustomID && !strings.Contains(action, ":")
}

// decodeCustomID splits a custom_id made by encodeCustomID.
func decodeCustomID(id string) (action, value string, ok bool) {
	rest, ok := strings.CutPrefix(id, customIDPrefix)
	if !ok {
		return "", "", false
	}
	action, value, ok = strings.Cut(rest, ":")
	return action, value, ok && action != ""
}

// stripMention removes mentions of the bot (<@ID> and <@!ID>) from a message and
// trims the result.
func stripMention(content, botID string) string {
	if botID != "" {
		content = strings.ReplaceAll(content, "<@"+botID+">", " ")
		content = strings.ReplaceAll(content, "<@!"+botID+">", " ")
	}
	return strings.Join(strings.Fields(content), " ")
}

var mentionPattern = regexp.MustCompile(`<@!?(\d+)>`)

// mentions reports whether m mentions the user botID, in its mention list or text.
func mentions(m *discordgo.Message, botID string) bool {
	if botID == "" {
		return false
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == botID {
			return true
		}
	}
	for _, sub := range mentionPattern.FindAllStringSubmatch(m.Content, -1) {
		if sub[1] == botID {
			return true
		}
	}
	return false
}

// isModerator reports whether the member behind an interaction may run moderator
// commands: Manage Messages (or Administrator) in the channel, or a configured role.
// Interactions from DMs have no member and are never from a moderator.
func (a *Adapter) isModerator(i *discordgo.Interaction) bool {
	if i.Member == nil {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageMessages|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(a.cfg.ModeratorRoleIDs, r) {
			return true
		}
	}
	return false
}

// interactionUser returns the invoking user's id and display name.
func interactionUser(i *discordgo.Interaction) (id, name string) {
	u := i.User
	if i.Member != nil && i.Member.User != nil {
		u = i.Member.User
		if i.Member.Nick != "" {
			return u.ID, i.Member.Nick
		}
	}
	if u == nil {
		return "", ""
	}
	return u.ID, displayName(u)
}

func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}

// baseRequest fills the fields every interaction shares. An interaction is
// deduplicated on its id: a replayed HTTP interaction is answered once.
func (a *Adapter) baseRequest(i *discordgo.Interaction) bot.Request {
	id, name := interactionUser(i)
	req := bot.Request{
		Platform:  bot.PlatformDiscord,
		UserID:    id,
		UserName:  name,
		ChannelID: i.ChannelID,
		MessageID: i.ID,
		DedupKey:  i.ID,
		DM:        i.GuildID == "",
		Moderator: a.isModerator(i),
		Args:      map[string]string{},
	}
	if a.threads.Has(i.ChannelID) {
		req.ThreadID = i.ChannelID
	}
	return req
}
