package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/bot/discord"
	"github.com/careerbot/careerbot/corpus"
)

func newDiscordCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "discord",
		Short: "Set up the Discord application: register slash commands, print the invite URL",
	}
	cmd.AddCommand(newDiscordRegisterCmd(a), newDiscordInviteCmd(a))
	return cmd
}

func newDiscordRegisterCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "register",
		Short: "Register /career and /career-mod (in DISCORD_GUILD_ID when set, else globally)",
		Long: `register overwrites the application's slash commands with /career (ask, courses,
help) and /career-mod (summary, report). With DISCORD_GUILD_ID the commands appear in
that server at once; without it they are registered globally, which Discord may take
up to an hour to show. Needs DISCORD_BOT_TOKEN; DISCORD_APP_ID is looked up when unset.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.cfg.DiscordBotToken == "" {
				return errors.New("discord register: DISCORD_BOT_TOKEN is not set (copy it from the Bot page of the Developer Portal)")
			}
			cmds, err := discord.Register(cmd.Context(), a.discordConfig(), discord.Commands(corpus.Topics, a.planChoices()))
			if err != nil {
				return fmt.Errorf("discord register: %w", err)
			}
			where := "globally (Discord may take up to an hour to show them)"
			if a.cfg.DiscordGuildID != "" {
				where = "in guild " + a.cfg.DiscordGuildID
			}
			for _, c := range cmds {
				fmt.Fprintf(a.stdout, "registered /%s\n", c.Name)
			}
			fmt.Fprintf(a.stdout, "%d commands registered %s\n", len(cmds), where)
			return nil
		},
	}
}

func newDiscordInviteCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "invite-url",
		Short: "Print the OAuth2 URL that adds the bot to a server",
		Long: `invite-url prints the URL a server admin opens to add the bot, with the bot and
applications.commands scopes and the permissions it needs (view channels, send
messages, embed links, read history, start and post in threads). It uses
DISCORD_APP_ID, or looks the id up with DISCORD_BOT_TOKEN.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			id, err := discord.AppID(cmd.Context(), a.discordConfig())
			if err != nil {
				return fmt.Errorf("discord invite-url: %w", err)
			}
			fmt.Fprintln(a.stdout, discord.InviteURL(id))
			return nil
		},
	}
}

// discordConfig is the Discord adapter configuration from the environment.
func (a *app) discordConfig() discord.Config {
	c := a.cfg
	return discord.Config{
		Token: c.DiscordBotToken.Reveal(), AppID: c.DiscordAppID, GuildID: c.DiscordGuildID,
		PublicKey: c.DiscordPublicKey, APIURL: c.DiscordAPIURL,
		ShardID: c.DiscordShardID, ShardCount: c.DiscordShardCount, ModeratorRoleIDs: c.DiscordModeratorRoleIDs,
		PlanChoices: a.planChoices(),
		Logger:      a.log,
	}
}
