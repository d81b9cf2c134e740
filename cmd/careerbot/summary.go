package main

import (
	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/bot"
)

func newSummaryCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "summary TOPIC",
		Short: "Print the cited career summary of a topic, as moderators preview it",
		Long: `summary prints the key points of one corpus topic with numbered sources and as-of
dates: the text a moderator previews with /career-mod summary before posting it.
Topics: overview, education, certification, duties, skills, work-settings, pay-outlook,
challenges, advancement, courses.`,
		Args: argsBetween(1, 1, "a topic (overview, education, certification, duties, skills, work-settings, pay-outlook, challenges, advancement or courses)", "careerbot summary certification"),
		RunE: func(cmd *cobra.Command, args []string) error {
			h, err := a.router(cmd.Context())
			if err != nil {
				return err
			}
			req := a.terminalRequest(bot.CommandSummary, "", map[string]string{bot.ArgTopic: args[0]})
			rep, err := h.Handle(cmd.Context(), req)
			if err != nil {
				return err
			}
			if rep.Outcome == bot.OutcomeInvalid {
				return usagef("summary: %s", rep.Text)
			}
			printBody(a.stdout, rep, termWidth(a.stdout))
			return nil
		},
	}
}
