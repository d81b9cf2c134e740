package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// searchJSON is the machine-readable output of "careerbot search --json".
type searchJSON struct {
	Query      string             `json:"query"`
	Confidence float64            `json:"confidence"`
	Confident  bool               `json:"confident"`
	Results    []searchResultJSON `json:"results"`
}

type searchResultJSON struct {
	Rank    int     `json:"rank"`
	ChunkID string  `json:"chunk_id"`
	DocID   string  `json:"doc_id"`
	Topic   string  `json:"topic"`
	Title   string  `json:"title"`
	Score   float64 `json:"score"`
	Text    string  `json:"text"`
}

func newSearchCmd(a *app) *cobra.Command {
	var asJSON bool
	var k int
	var topic string
	cmd := &cobra.Command{
		Use:   "search [--json] [--k N] [--topic T] QUERY",
		Short: "Show the corpus passages that best match a query",
		Args:  minArgs(1, "a search query", `careerbot search "RHIT exam fee"`),
		RunE: func(cmd *cobra.Command, args []string) error {
			if k < 1 {
				return usagef("--k must be at least 1")
			}
			if topic != "" && !corpus.ValidTopic(topic) {
				return usagef("--topic %q is not one of %s", topic, strings.Join(corpus.Topics, ", "))
			}
			eng, err := a.engine(cmd.Context())
			if err != nil {
				return err
			}
			query := strings.Join(args, " ")
			res, err := eng.Search(cmd.Context(), query, retrieval.SearchOptions{K: k, Topic: topic})
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			if asJSON {
				return writeSearchJSON(a, res)
			}
			writeSearchText(a, res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&k, "k", retrieval.DefaultK, "number of results")
	cmd.Flags().StringVar(&topic, "topic", "", "only passages of this topic ("+strings.Join(corpus.Topics, ", ")+")")
	return cmd
}

func writeSearchJSON(a *app, res retrieval.Results) error {
	out := searchJSON{Query: res.Query, Confidence: res.Confidence, Confident: res.Confident, Results: []searchResultJSON{}}
	for _, h := range res.Hits {
		out.Results = append(out.Results, searchResultJSON{
			Rank: h.Rank, ChunkID: h.ID, DocID: h.DocID, Topic: h.Topic, Title: h.Title, Score: h.Score, Text: h.Text,
		})
	}
	return writeJSON(a.stdout, out)
}

func writeSearchText(a *app, res retrieval.Results) {
	gate := "confident"
	if !res.Confident {
		gate = "not confident: the bot would abstain"
	}
	fmt.Fprintf(a.stdout, "confidence %.2f (%s)\n", res.Confidence, gate)
	if len(res.Hits) == 0 {
		fmt.Fprintln(a.stdout, "no results")
	}
	for _, h := range res.Hits {
		fmt.Fprintf(a.stdout, "\n%d. %s  [%s]  score %.3f\n   %s — %s\n   %s\n", h.Rank, h.ID, h.Topic, h.Score, h.Title, h.Section, excerpt(h.Text, 240))
	}
}

// excerpt shortens text to about n characters at a word boundary, on one line.
func excerpt(text string, n int) string {
	s := strings.Join(strings.Fields(text), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndex(s[:n], " ")
	if cut <= 0 {
		cut = n
	}
	return s[:cut] + " …"
}
