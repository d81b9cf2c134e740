package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/corpus"
)

func newCorpusCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "corpus",
		Short: "Check and describe the corpus",
	}
	cmd.AddCommand(newCorpusLintCmd(a), newCorpusStatsCmd(a))
	return cmd
}

func newCorpusLintCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "lint [DIR]",
		Short: "Validate the corpus (CORPUS_DIR, DIR or the built-in one); exit 1 with file:line messages",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				a.cfg.CorpusDir = args[0]
			}
			c, err := a.corpus()
			var cerr *corpus.Error
			if errors.As(err, &cerr) {
				for _, p := range cerr.Problems {
					fmt.Fprintln(a.stdout, a.inCorpusDir(p))
				}
				return fmt.Errorf("corpus lint: %d problem(s) found", len(cerr.Problems))
			}
			if err != nil {
				return err
			}
			for _, w := range c.Warnings {
				w.Msg = "warning: " + w.Msg
				fmt.Fprintln(a.stdout, a.inCorpusDir(w))
			}
			fmt.Fprintf(a.stdout, "ok: %d documents, %d courses, %d synonym entries", len(c.Docs), len(c.Courses), c.Synonyms.Len())
			if p := c.Pathways; p != nil {
				fmt.Fprintf(a.stdout, ", %d plan goals with %d steps", len(p.Goals), len(p.Steps))
			}
			fmt.Fprintf(a.stdout, ", %d clinical vocabulary entries", c.Clinical.Len())
			if n := len(c.Warnings); n > 0 {
				fmt.Fprintf(a.stdout, ", %d warning(s)", n)
			}
			fmt.Fprintln(a.stdout)
			return nil
		},
	}
}

// inCorpusDir prefixes a problem's file with CORPUS_DIR when one is in use.
func (a *app) inCorpusDir(p corpus.Problem) corpus.Problem {
	if dir := a.cfg.CorpusDir; dir != "" {
		p.File = strings.TrimSuffix(dir, string(os.PathSeparator)) + string(os.PathSeparator) + p.File
	}
	return p
}

// statsJSON is the machine-readable output of "careerbot corpus stats --json".
type statsJSON struct {
	Docs                     int              `json:"docs"`
	Sections                 int              `json:"sections"`
	Words                    int              `json:"words"`
	Sources                  int              `json:"sources"`
	FigureSentences          int              `json:"figure_sentences"`
	FigureSentencesUnsourced int              `json:"figure_sentences_unsourced"`
	Courses                  int              `json:"courses"`
	SynonymEntries           int              `json:"synonym_entries"`
	Warnings                 int              `json:"warnings"`
	MissingTopics            []string         `json:"missing_topics"`
	Topics                   []topicStatsJSON `json:"topics"`
}

type topicStatsJSON struct {
	Topic     string `json:"topic"`
	Documents int    `json:"documents"`
	Sections  int    `json:"sections"`
	Words     int    `json:"words"`
	Courses   int    `json:"courses"`
}

func newStatsJSON(c *corpus.Corpus) statsJSON {
	st, cs := corpus.Stats(c), corpus.Citations(c)
	out := statsJSON{
		Docs: st.Total.Documents, Sections: st.Total.Sections, Words: st.Total.Words,
		Sources: cs.Sources, FigureSentences: cs.FigureSentences, FigureSentencesUnsourced: cs.FigureSentencesUnsourced,
		Courses: st.Total.Courses, SynonymEntries: c.Synonyms.Len(), Warnings: len(c.Warnings),
		MissingTopics: append([]string{}, st.Missing...),
	}
	for _, t := range st.Topics {
		out.Topics = append(out.Topics, topicStatsJSON{t.Topic, t.Documents, t.Sections, t.Words, t.Courses})
	}
	return out
}

func newCorpusStatsCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show documents, sections, words, courses and source coverage per topic",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.corpus()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, newStatsJSON(c))
			}
			st, cs := corpus.Stats(c), corpus.Citations(c)
			tw := tabwriter.NewWriter(a.stdout, 0, 2, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "topic\tdocuments\tsections\twords\tcourses\t")
			for _, t := range st.Topics {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", t.Topic, t.Documents, t.Sections, t.Words, t.Courses)
			}
			fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", st.Total.Documents, st.Total.Sections, st.Total.Words, st.Total.Courses)
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "\n%d synonym entries; topics without documents: %s\n", c.Synonyms.Len(), orNone(st.Missing))
			fmt.Fprintf(a.stdout, "%d source pages; %d figure sentences, %d without a source key\n", cs.Sources, cs.FigureSentences, cs.FigureSentencesUnsourced)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print machine-readable JSON")
	return cmd
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
