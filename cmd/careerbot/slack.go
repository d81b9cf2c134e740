package main

import (
	"fmt"

	"github.com/spf13/cobra"

	slackbot "github.com/careerbot/careerbot/bot/slack"
)

func newSlackCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "slack",
		Short: "Slack app tools",
	}
	cmd.AddCommand(newSlackManifestCmd(a))
	return cmd
}

func newSlackManifestCmd(a *app) *cobra.Command {
	var socket bool
	var httpURL string
	cmd := &cobra.Command{
		Use:   "manifest [--socket | --http URL]",
		Short: "Print a Slack app manifest (YAML) to create the careerbot app from",
		Long: `Print a Slack app manifest for careerbot: bot user, the /career and /career-mod
commands, the bot scopes it needs, event subscriptions and interactivity.

In Slack: Create New App → From a manifest → paste the output.

  --socket      Socket Mode (the default): no public URL; needs SLACK_APP_TOKEN.
  --http URL    HTTP mode: URL is the public https base URL that reaches HTTP_ADDR;
                the manifest points Slack at URL/slack/events, /slack/commands and
                /slack/interactions. Needs SLACK_SIGNING_SECRET.`,
		Example: `  careerbot slack manifest > manifest.yaml
  careerbot slack manifest --http https://careerbot.example.org`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			httpSet := cmd.Flags().Changed("http")
			if socket && httpSet {
				return usagef("--socket and --http cannot be used together")
			}
			if httpSet && httpURL == "" {
				return usagef("--http needs the public https base URL, e.g. --http https://careerbot.example.org")
			}
			m, err := slackbot.NewManifest(httpURL)
			if err != nil {
				return usagef("--http: %v", err)
			}
			out, err := m.YAML()
			if err != nil {
				return err
			}
			if _, err := a.stdout.Write(out); err != nil {
				return fmt.Errorf("write manifest: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&socket, "socket", false, "Socket Mode (the default): no public URL needed")
	cmd.Flags().StringVar(&httpURL, "http", "", "HTTP mode: the public https base URL, e.g. https://careerbot.example.org")
	return cmd
}
