package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/bot"
)

func newCoursesCmd(a *app) *cobra.Command {
	var topic, level string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "courses [--topic T] [--level L] [--json] [WORDS...]",
		Short: "Suggest up to 5 courses from the catalog",
		Long: `courses lists up to five catalog courses that fit a topic (a corpus topic such as
certification, or a subject such as coding, medical-terminology, privacy-law), a level
(beginner, intermediate, advanced, graduate) and any free words, best first.

With --json it prints {"topic","level","courses":[{"id","title","provider","url","level"}]}.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			h, err := a.router(cmd.Context())
			if err != nil {
				return err
			}
			req := a.terminalRequest(bot.CommandCourses, strings.Join(args, " "), map[string]string{bot.ArgTopic: topic, bot.ArgLevel: level})
			rep, err := h.Handle(cmd.Context(), req)
			if err != nil {
				return err
			}
			if rep.Outcome == bot.OutcomeInvalid {
				return usagef("courses: %s", rep.Text)
			}
			if asJSON {
				return writeJSON(a.stdout, struct {
					Topic   string       `json:"topic"`
					Level   string       `json:"level"`
					Courses []courseJSON `json:"courses"`
				}{topic, level, toCourseJSON(rep.Courses)})
			}
			if len(rep.Courses) == 0 {
				fmt.Fprintln(a.stdout, wrapText(plainMarkdown(rep.Text), termWidth(a.stdout)))
				return nil
			}
			printCourses(a.stdout, rep.Courses, false, termWidth(a.stdout))
			return nil
		},
	}
	cmd.Flags().StringVar(&topic, "topic", "", "topic or subject, e.g. coding, certification, privacy-law")
	cmd.Flags().StringVar(&level, "level", "", "beginner, intermediate, advanced or graduate")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the courses as JSON")
	return cmd
}
