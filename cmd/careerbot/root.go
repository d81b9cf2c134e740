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
		newServeCmd(a), newReportCmd(a),
		newDiscordCmd(a), newSlackCmd(a),
	)
	return root
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

// minArgs is cobra.MinimumNArgs whose failure is a usage error (exit status 2).
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
