package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "careerbot",
		Short: "A career advisor bot for the Health Information Technician career",
		Long: `careerbot answers questions about the Health Information Technician career
from a curated, cited corpus — in the terminal, a browser playground, Discord and Slack.

With no configuration it works offline: a local embedder and an extractive answerer.
Set OPENAI_API_KEY or OPENAI_BASE_URL for LLM answers, and the Discord or Slack
variables to connect to a community (see .env.example).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.init(cmd.Context(), cmd.Annotations[annotationLogs] == "operational")
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newAskCmd(a), newChatCmd(a), newCoursesCmd(a), newSummaryCmd(a),
		newSearchCmd(a), newIngestCmd(a), newEvalCmd(a),
		newCorpusCmd(a),
		newServeCmd(a), newReportCmd(a), newPlanCmd(a),
		newDiscordCmd(a), newSlackCmd(a),
		newVersionCmd(a),
	)
	root.SuggestionsMinimumDistance = 2
	rejectUnknownSubcommands(root)
	return root
}

// rejectUnknownSubcommands makes every command that has subcommands (the root,
// "corpus", "discord", …) treat an unknown word as a usage error (exit status 2) that
// names it and suggests the closest command, and print its help when run alone.
func rejectUnknownSubcommands(cmd *cobra.Command) {
	if !cmd.HasSubCommands() {
		return
	}
	for _, sub := range cmd.Commands() {
		sub.SuggestionsMinimumDistance = cmd.SuggestionsMinimumDistance
		rejectUnknownSubcommands(sub)
	}
	if cmd.Args == nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			hint := "run '" + c.CommandPath() + " help' for the list"
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				hint = "did you mean '" + c.CommandPath() + " " + s[0] + "'?"
			}
			return usagef("unknown command %q for %q; %s", args[0], c.CommandPath(), hint)
		}
	}
	if !cmd.Runnable() {
		cmd.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	}
}

// annotationLogs marks commands that run as a service or a job ("operational"): they
// log at LOG_LEVEL, info by default. Other commands answer a person at the terminal
// and log only warnings unless LOG_LEVEL is set.
const annotationLogs = "logs"

// operational is the Annotations value of service and job commands.
var operational = map[string]string{annotationLogs: "operational"}

// exactArgs is cobra.ExactArgs whose failure is a usage error (exit status 2).
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs whose failure is a usage error (exit status 2) that
// shows what to type: example is a complete command line.
// what names the missing argument ("a question").
func minArgs(n int, what, example string) cobra.PositionalArgs {
	return argsBetween(n, -1, what, example)
}

// argsBetween accepts least to most (-1: any number) arguments; a wrong count is a
// usage error naming what to give and an example command line.
func argsBetween(least, most int, what, example string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < least:
			return usagef("%s needs %s; try: %s", cmd.Name(), what, example)
		case most >= 0 && len(args) > most:
			return usagef("%s takes %s, not %d words (quote it if it has spaces); try: %s", cmd.Name(), what, len(args), example)
		}
		return nil
	}
}
