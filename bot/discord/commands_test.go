package discord

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

var testTopics = []string{"overview", "education", "certification"}

func TestCommands_Shape(t *testing.T) {
	cmds := Commands(testTopics)
	if len(cmds) != 2 || cmds[0].Name != "career" || cmds[1].Name != "career-mod" {
		t.Fatalf("commands = %v", cmds)
	}
	subs := func(c *discordgo.ApplicationCommand) map[string]*discordgo.ApplicationCommandOption {
		m := map[string]*discordgo.ApplicationCommandOption{}
		for _, o := range c.Options {
			if o.Type != discordgo.ApplicationCommandOptionSubCommand {
				t.Errorf("%s option %s is not a subcommand", c.Name, o.Name)
			}
			m[o.Name] = o
		}
		return m
	}
	career, mod := subs(cmds[0]), subs(cmds[1])
	if ask := career["ask"]; ask == nil || len(ask.Options) != 1 || ask.Options[0].Name != "question" || !ask.Options[0].Required ||
		ask.Options[0].Type != discordgo.ApplicationCommandOptionString {
		t.Errorf("career ask = %+v", ask)
	}
	if c := career["courses"]; c == nil || len(c.Options) != 2 || c.Options[0].Name != "topic" || c.Options[1].Name != "level" {
		t.Errorf("career courses = %+v", c)
	}
	if career["help"] == nil {
		t.Error("career help missing")
	}
	if p := career["plan"]; p == nil || len(p.Options) != 0 {
		t.Errorf("career plan = %+v, want a subcommand without options (it opens a form)", p)
	}
	if cmds[0].DefaultMemberPermissions != nil {
		t.Error("career must be open to everyone")
	}
	if p := cmds[1].DefaultMemberPermissions; p == nil || *p != discordgo.PermissionManageMessages {
		t.Errorf("career-mod default permission = %v, want Manage Messages", p)
	}
	sum := mod["summary"]
	if sum == nil || len(sum.Options) != 1 || len(sum.Options[0].Choices) != len(testTopics) || sum.Options[0].Choices[1].Value != "education" {
		t.Errorf("career-mod summary = %+v", sum)
	}
	if mod["report"] == nil {
		t.Error("career-mod report missing")
	}
}

func TestRegister_GuildAndGlobal(t *testing.T) {
	for _, tc := range []struct{ guild, path string }{
		{"G1", discordtest.API + "/applications/" + testAppID + "/guilds/G1/commands"},
		{"", discordtest.API + "/applications/" + testAppID + "/commands"},
	} {
		t.Run("guild="+tc.guild, func(t *testing.T) {
			f := newFake(t)
			cfg := testConfig(t, f)
			cfg.GuildID, cfg.AppID = tc.guild, "" // the app id is looked up
			created, err := Register(context.Background(), cfg, Commands(testTopics))
			if err != nil {
				t.Fatalf("Register: %v", err)
			}
			if len(created) != 2 || created[0].ID == "" {
				t.Errorf("created = %+v", created)
			}
			put := f.WaitFor(t, "bulk overwrite", is("PUT", tc.path))
			var sent []*discordgo.ApplicationCommand
			put.Decode(t, &sent)
			if len(sent) != 2 || sent[1].Name != "career-mod" {
				t.Errorf("sent = %+v", sent)
			}
		})
	}
	t.Run("BadToken", func(t *testing.T) {
		f := newFake(t)
		cfg := testConfig(t, f)
		cfg.Token = "nope"
		_, err := Register(context.Background(), cfg, Commands(testTopics))
		if err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
			t.Errorf("Register = %v, want an error naming DISCORD_BOT_TOKEN", err)
		}
	})
}

func TestInviteURL(t *testing.T) {
	u, err := url.Parse(InviteURL("123"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Host != "discord.com" || u.Path != "/oauth2/authorize" || q.Get("client_id") != "123" || q.Get("scope") != "bot applications.commands" {
		t.Errorf("invite URL = %s", u)
	}
	perms, err := strconv.ParseInt(q.Get("permissions"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []int64{discordgo.PermissionViewChannel, discordgo.PermissionSendMessages, discordgo.PermissionSendMessagesInThreads,
		discordgo.PermissionCreatePublicThreads, discordgo.PermissionEmbedLinks, discordgo.PermissionReadMessageHistory} {
		if perms&p == 0 {
			t.Errorf("permissions %d lack %d", perms, p)
		}
	}
	if perms&discordgo.PermissionAdministrator != 0 || perms&discordgo.PermissionManageMessages != 0 {
		t.Errorf("permissions %d ask for more than needed", perms)
	}
}

func TestNew_RejectsBadConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"Nothing", Config{}, "DISCORD_BOT_TOKEN"},
		{"Shard", Config{Token: "t", ShardID: 2, ShardCount: 2}, "DISCORD_SHARD_ID"},
		{"PublicKey", Config{PublicKey: "abc"}, "DISCORD_PUBLIC_KEY"},
		{"APIURL", Config{Token: "t", APIURL: "ftp://x"}, "DISCORD_API_URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New = %v, want an error naming %s", err, tc.want)
			}
		})
	}
	a, err := New(Config{Token: "t"})
	if err != nil || a.Name() != "discord" {
		t.Errorf("New = %v, %v", a, err)
	}
}
