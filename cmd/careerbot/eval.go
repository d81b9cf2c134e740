package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/careerbot/careerbot/retrieval"
)

// evalQuestion is one line of an eval questions file (see the eval README).
type evalQuestion struct {
	ID          string     `json:"id"`
	Kind        string     `json:"kind"` // see evalKinds
	Topics      []string   `json:"topics"`
	Question    string     `json:"question"`
	Facts       []string   `json:"facts"`
	Must        [][]string `json:"must"`         // answer: every group matched by one alternative
	CaveatWords []string   `json:"caveat_words"` // caveat: any one shows the gap was admitted
	After       []string   `json:"after"`        // earlier messages of the same thread, asked first
	Secrets     []string   `json:"secrets"`
}

// evalKinds are the kinds a questions file may use (see the eval README).
var evalKinds = []string{"answer", "caveat", "decline", "abstain", "phi"}

// evalReport is the output of "careerbot eval --json". The bot metrics are nil when
// the bot could not be built.
type evalReport struct {
	Questions     int            `json:"questions"`
	Kinds         map[string]int `json:"kinds"`
	HitAt1        float64        `json:"hit_at_1"`
	HitAt5        float64        `json:"hit_at_5"`
	MRR           float64        `json:"mrr"`
	FactHitRate   *float64       `json:"fact_hit_rate"`
	AbstainOKRate *float64       `json:"abstain_ok_rate"`
	PhiOKRate     *float64       `json:"phi_ok_rate"`
	// AnswerOKRate: answer items answered with every must group, one fact and valid
	// citations. WrongAbstainRate: answer items abstained or declined.
	AnswerOKRate     *float64 `json:"answer_ok_rate"`
	WrongAbstainRate *float64 `json:"wrong_abstain_rate"`
	// CaveatOKRate: caveat items answered (not abstained) with one caveat word.
	CaveatOKRate *float64 `json:"caveat_ok_rate"`
	// DeclineOKRate: decline items declined with a pointer to a clinician.
	DeclineOKRate *float64      `json:"decline_ok_rate"`
	Failures      []evalFailure `json:"failures"`
	// Search timing, with --repeat (see evaltiming.go).
	*searchTiming
}

// evalFailure names one question that missed a metric.
type evalFailure struct {
	ID     string `json:"id"`
	Metric string `json:"metric"`
	Detail string `json:"detail"`
}

func newEvalCmd(a *app) *cobra.Command {
	var asJSON bool
	var file string
	var repeat int
	var mins, maxs []string
	cmd := &cobra.Command{
		Use:   "eval [--json] [--repeat N] [--min METRIC=V]... [--max METRIC=V]... --questions FILE",
		Short: "Measure retrieval and answers against a questions file",
		Long: `Measure the bot against a JSONL questions file: hit_at_1, hit_at_5 and mrr of
retrieval over the "answer" questions, and, through the full bot, fact_hit_rate,
abstain_ok_rate and phi_ok_rate.

Each line is one question: {"id", "kind": "answer"|"caveat"|"decline"|"abstain"|"phi",
"question", "topics": [corpus topics that count as a correct retrieval], "facts":
[strings an answer should contain, any one], "must": [[alternatives], ...] (every
group matched), "caveat_words": [phrases showing a missing specific was admitted],
"after": [earlier messages of the same thread], "secrets": [strings a phi question's
reply must not contain]}.

Answer metrics also include answer_ok_rate, wrong_abstain_rate, caveat_ok_rate and
decline_ok_rate. Questions with "after" are asked as one thread. With --repeat N,
every question's search is also timed N times in process, the index already
loaded, and the report adds search_us_p50 and search_us_p99 (microseconds). The eval keeps its
own in-memory state: nothing is written to the store or the question report.

--min METRIC=V and --max METRIC=V (repeatable) make the command fail (exit 1) when a
metric of the report is below V or above V, after printing the report; CI uses them
so answer quality cannot silently regress.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return usagef("eval needs --questions FILE (a JSONL file of questions)")
			}
			if err := checkRepeat(repeat); err != nil {
				return err
			}
			lims, err := parseBounds(mins, maxs)
			if err != nil {
				return err
			}
			qs, err := readEvalQuestions(file)
			if err != nil {
				return err
			}
			rep, err := runEval(cmd.Context(), a, qs)
			if err != nil {
				return err
			}
			if rep.searchTiming, err = timeEvalSearches(cmd.Context(), a, qs, repeat); err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(a.stdout, rep); err != nil {
					return err
				}
			} else {
				writeEvalText(a.stdout, rep)
				writeSearchTiming(a.stdout, rep.searchTiming)
			}
			return lims.check(rep)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&file, "questions", "", "JSONL questions file")
	cmd.Flags().StringArrayVar(&mins, "min", nil, "fail when METRIC is below V (METRIC=V, repeatable)")
	cmd.Flags().StringArrayVar(&maxs, "max", nil, "fail when METRIC is above V (METRIC=V, repeatable)")
	cmd.Flags().IntVar(&repeat, "repeat", 0, "also time every question's warm search N times (search_us_p50, search_us_p99)")
	return cmd
}

// readEvalQuestions reads and checks a questions file; problems name the line.
func readEvalQuestions(path string) ([]evalQuestion, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("read questions: %v", err)
	}
	defer f.Close()
	var qs []evalQuestion
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q evalQuestion
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("%s:%d: %v (fix the line)", path, line, err)
		}
		if !slices.Contains(evalKinds, q.Kind) || strings.TrimSpace(q.Question) == "" {
			return nil, fmt.Errorf("%s:%d: needs a question and a kind (%s)", path, line, strings.Join(evalKinds, ", "))
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read questions %s: %w", path, err)
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s: no questions", path)
	}
	return qs, nil
}

// runEval measures retrieval through the engine and answers through the router.
func runEval(ctx context.Context, a *app, qs []evalQuestion) (evalReport, error) {
	rep := evalReport{Questions: len(qs), Kinds: map[string]int{}, Failures: []evalFailure{}}
	eng, err := a.engine(ctx)
	if err != nil {
		return rep, err
	}
	for _, q := range qs {
		rep.Kinds[q.Kind]++
	}
	if err := evalRetrieval(ctx, eng, qs, &rep); err != nil {
		return rep, err
	}
	h, err := a.evalRouter(ctx)
	if err != nil {
		fmt.Fprintf(a.stderr, "careerbot: warning: answer metrics skipped: %v\n", err)
		return rep, nil
	}
	evalAnswers(ctx, h, qs, &rep)
	return rep, nil
}

// evalRetrieval computes hit@1, hit@5 and MRR over the answer questions: a hit is a
// result whose topic is one of the question's topics.
func evalRetrieval(ctx context.Context, eng *retrieval.Engine, qs []evalQuestion, rep *evalReport) error {
	n := 0
	for _, q := range qs {
		if q.Kind != "answer" {
			continue
		}
		n++
		res, err := eng.Search(ctx, evalSearchText(q), retrieval.SearchOptions{K: 5})
		if err != nil {
			return fmt.Errorf("search %s: %w", q.ID, err)
		}
		rank := slices.IndexFunc(res.Hits, func(h retrieval.Hit) bool { return slices.Contains(q.Topics, h.Topic) }) + 1
		switch {
		case rank == 1:
			rep.HitAt1++
		case rank == 0:
			top := ""
			if len(res.Hits) > 0 {
				top = res.Hits[0].ID
			}
			rep.Failures = append(rep.Failures, evalFailure{q.ID, "hit_at_5", "no result of topic " + strings.Join(q.Topics, "|") + "; top: " + top})
		default:
			rep.Failures = append(rep.Failures, evalFailure{q.ID, "hit_at_1", fmt.Sprintf("first matching topic at rank %d; top: %s", rank, res.Hits[0].ID)})
		}
		if rank > 0 {
			rep.HitAt5++
			rep.MRR += 1 / float64(rank)
		}
	}
	if n > 0 {
		rep.HitAt1 /= float64(n)
		rep.HitAt5 /= float64(n)
		rep.MRR /= float64(n)
	}
	return nil
}

// writeEvalText prints the report as a table and lists the failures.
func writeEvalText(w io.Writer, rep evalReport) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "questions\t%d\t(answer %d, caveat %d, decline %d, abstain %d, phi %d)\n", rep.Questions,
		rep.Kinds["answer"], rep.Kinds["caveat"], rep.Kinds["decline"], rep.Kinds["abstain"], rep.Kinds["phi"])
	fmt.Fprintf(tw, "hit_at_1\t%.3f\t\n", rep.HitAt1)
	fmt.Fprintf(tw, "hit_at_5\t%.3f\t\n", rep.HitAt5)
	fmt.Fprintf(tw, "mrr\t%.3f\t\n", rep.MRR)
	for _, m := range []struct {
		name string
		v    *float64
	}{{"fact_hit_rate", rep.FactHitRate}, {"abstain_ok_rate", rep.AbstainOKRate}, {"phi_ok_rate", rep.PhiOKRate},
		{"answer_ok_rate", rep.AnswerOKRate}, {"wrong_abstain_rate", rep.WrongAbstainRate},
		{"caveat_ok_rate", rep.CaveatOKRate}, {"decline_ok_rate", rep.DeclineOKRate}} {
		if m.v == nil {
			fmt.Fprintf(tw, "%s\t-\t(not measured)\n", m.name)
		} else {
			fmt.Fprintf(tw, "%s\t%.3f\t\n", m.name, *m.v)
		}
	}
	tw.Flush()
	if len(rep.Failures) > 0 {
		fmt.Fprintf(w, "\nfailures:\n")
		for _, f := range rep.Failures {
			fmt.Fprintf(w, "  %-10s %-11s %s\n", f.ID, f.Metric, f.Detail)
		}
	}
}
