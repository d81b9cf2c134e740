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
			return a.init(cmd.Context())
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newAskCmd(a), newChatCmd(a), newCoursesCmd(a), newSummaryCmd(a),
		newSearchCmd(a), newIngestCmd(a), newEvalCmd(a),
		newCorpusCmd(a),
		newServeCmd(a), newReportCmd(a),
		newDiscordCmd(a), newSlackCmd(a),
	)
	return root
}

// exactArgs is cobra.ExactArgs whose failure is a usage error (exit status 2).
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs whose failure is a usage error (exit status 2).
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
