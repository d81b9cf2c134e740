package main

import (
	"fmt"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/spf13/cobra"
)

func newReportCmd(a *app) *cobra.Command {
	var since string
	var asJSON, includeLocal bool
	cmd := &cobra.Command{
		Use:   "report [--since D] [--include-local] [--json]",
		Short: "Show usage: questions by topic, abstentions, 👎 answers and the top unanswered questions",
		Long: `report reads the store (the SQLite file in DATA_DIR, or DATABASE_URL) and shows what
members asked over a period: questions by topic and outcome, the questions the bot
abstained on, the answers rated 👎 with their (redacted) questions, and the most
frequently unanswered questions — the content-gap list for maintainers of the corpus.
Moderators see the same report in chat with /career-mod report.

Questions asked in the terminal (ask, chat) and the local playground are kept out of
the community report; --include-local adds them.`,
		Example: `  careerbot report
  careerbot report --since 24h
  careerbot report --since 30d --json
  careerbot report --include-local`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			period, err := bot.ParseSince(since)
			if err != nil {
				return usagef("--since: %v", err)
			}
			st, err := a.store(cmd.Context())
			if err != nil {
				return err
			}
			rep, err := st.Report(cmd.Context(), bot.ReportQuery{Since: time.Now().Add(-period), IncludeLocal: includeLocal})
			if err != nil {
				return fmt.Errorf("%w (check that DATA_DIR or DATABASE_URL points at the bot's store)", err)
			}
			if asJSON {
				return writeJSON(a.stdout, newReportJSON(rep))
			}
			_, err = fmt.Fprintln(a.stdout, plainMarkdown(bot.FormatReport(rep)))
			return err
		},
	}
	cmd.Flags().StringVar(&since, "since", "7d", "period to cover: a duration such as 24h, 7d, 2w or 30d (at most a year)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&includeLocal, "include-local", false, "also count questions asked in the terminal and the local playground")
	return cmd
}

// reportJSON is the machine-readable report. Hashed user ids are left out: a report
// is about content, not people.
type reportJSON struct {
	Since         time.Time        `json:"since"`
	Questions     int              `json:"questions"`
	ByTopic       map[string]int   `json:"by_topic"`
	ByOutcome     map[string]int   `json:"by_outcome"`
	Abstentions   []questionJSON   `json:"abstentions"`
	Downvoted     []questionJSON   `json:"downvoted"`
	TopUnanswered []unansweredJSON `json:"top_unanswered"`
	Upvotes       int              `json:"upvotes"`
	Downvotes     int              `json:"downvotes"`
}

type questionJSON struct {
	AnswerID  string    `json:"answer_id"`
	Platform  string    `json:"platform"`
	Question  string    `json:"question"`
	Topic     string    `json:"topic"`
	Outcome   string    `json:"outcome"`
	Mode      string    `json:"mode"`
	Redacted  bool      `json:"redacted"`
	CreatedAt time.Time `json:"created_at"`
}

type unansweredJSON struct {
	Question string `json:"question"`
	Count    int    `json:"count"`
}

func newReportJSON(r bot.Report) reportJSON {
	out := reportJSON{
		Since: r.Since.UTC(), Questions: r.Questions, ByTopic: r.ByTopic, ByOutcome: r.ByOutcome,
		Abstentions: questionsJSON(r.Abstentions), Downvoted: questionsJSON(r.Downvoted),
		TopUnanswered: []unansweredJSON{}, Upvotes: r.Upvotes, Downvotes: r.Downvotes,
	}
	if out.ByTopic == nil {
		out.ByTopic = map[string]int{}
	}
	if out.ByOutcome == nil {
		out.ByOutcome = map[string]int{}
	}
	for _, q := range r.TopUnanswered {
		out.TopUnanswered = append(out.TopUnanswered, unansweredJSON{Question: q.Question, Count: q.Count})
	}
	return out
}

func questionsJSON(recs []bot.QuestionRecord) []questionJSON {
	out := make([]questionJSON, 0, len(recs))
	for _, r := range recs {
		out = append(out, questionJSON{
			AnswerID: r.AnswerID, Platform: r.Platform, Question: r.Question, Topic: r.Topic,
			Outcome: r.Outcome, Mode: r.Mode, Redacted: r.Redacted, CreatedAt: r.CreatedAt.UTC(),
		})
	}
	return out
}
