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
				dir := a.cfg.CorpusDir
				for _, p := range cerr.Problems {
					if dir != "" {
						p.File = strings.TrimSuffix(dir, string(os.PathSeparator)) + string(os.PathSeparator) + p.File
					}
					fmt.Fprintln(a.stdout, p)
				}
				return fmt.Errorf("corpus lint: %d problem(s) found", len(cerr.Problems))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "ok: %d documents, %d courses, %d synonym entries\n", len(c.Docs), len(c.Courses), c.Synonyms.Len())
			return nil
		},
	}
}

func newCorpusStatsCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Show documents, sections, words and courses per topic",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.corpus()
			if err != nil {
				return err
			}
			st := corpus.Stats(c)
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
			return nil
		},
	}
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
