package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// newCorpusAdvisor opens the real engine, in memory, over the embedded corpus.
func newCorpusAdvisor(tb testing.TB) *Advisor {
	tb.Helper()
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		tb.Fatal(err)
	}
	return openAdvisor(tb, c, nil)
}

// openAdvisor opens the real engine, in memory, over c and an advisor on it.
func openAdvisor(tb testing.TB, c *corpus.Corpus, llm *LLM) *Advisor {
	tb.Helper()
	eng, err := retrieval.Open(context.Background(), retrieval.Config{Corpus: c, Embedder: retrieval.NewLocalEmbedder(c.Synonyms)})
	if err != nil {
		tb.Fatal(err)
	}
	a, err := New(Config{Searcher: eng, Corpus: c, LLM: llm})
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// TestAdvisor_EmbeddedCorpus answers questions of every topic from the real corpus and
// checks the answer's shape: cited, within the word budget, no Markdown left over,
// and abstaining on an off-topic question.
func TestAdvisor_EmbeddedCorpus(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, q := range []string{
		"What does a health information technician do?",
		"How much do medical records specialists make?",
		"Which certification should I get first?",
		"Can I work remotely as a medical coder?",
		"Suggest a free course on HIPAA",
	} {
		r := ask(t, a, q, nil)
		if r.Abstained || len(r.Sources) == 0 {
			t.Errorf("%q: abstained or no sources: %+v", q, r)
			continue
		}
		checkCited(t, r)
		body := strings.SplitN(r.Text, "\n\nCourses to consider", 2)[0]
		if n := len(strings.Fields(citeOne.ReplaceAllString(body, ""))); n > maxAnswerWords {
			t.Errorf("%q: %d words", q, n)
		}
		if strings.Contains(body, "**") || strings.Contains(body, "\n#") || strings.Contains(body, "|") {
			t.Errorf("%q: Markdown left: %s", q, body)
		}
	}
	r := ask(t, a, "What's the best pizza topping?", nil)
	if !r.Abstained {
		t.Errorf("pizza question answered: %s", r.Text)
	}
	for _, topic := range corpus.Topics {
		if _, err := a.Summary(context.Background(), topic, nil); err != nil {
			t.Errorf("summary %s: %v", topic, err)
		}
	}
}

// TestAdvisor_EvalQuestions measures the share of in-scope evaluation questions whose
// answer contains an expected fact. It runs only with CAREERBOT_EVAL set to the
// questions file; it reports, it does not gate (the eval command does).
func TestAdvisor_EvalQuestions(t *testing.T) {
	path := os.Getenv("CAREERBOT_EVAL")
	if path == "" {
		t.Skip("set CAREERBOT_EVAL to a questions.jsonl file")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := newCorpusAdvisor(t)
	total, hit := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct {
			ID, Kind, Question string
			Facts              []string
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil || q.Kind != "answer" {
			continue
		}
		r := ask(t, a, q.Question, nil)
		total++
		ok := false
		for _, fact := range q.Facts {
			if strings.Contains(strings.ToLower(r.Text), strings.ToLower(fact)) {
				ok = true
			}
		}
		if ok {
			hit++
		}
		t.Logf("%s ok=%v abstained=%v\n  Q: %s\n  A: %s", q.ID, ok, r.Abstained, q.Question, r.Text)
	}
	t.Logf("fact hit rate: %d/%d = %.2f", hit, total, float64(hit)/float64(max(total, 1)))
}

// TestAdvisor_AskedTopicOverListings asks, in member wording, for a share and for
// the skills the work needs: the share of workers who work remotely must lead over
// other remote-work sentences and other percentages, and the skills document's
// qualities must answer over course listings when no course was asked for.
func TestAdvisor_AskedTopicOverListings(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, tt := range []struct {
		q          string
		first, not string // the answer's first sentence contains first; the answer lacks not
	}{
		{"how much of the coding workforce is remote, percentage wise", "55%", ""},
		{"roughly what percentage of records specialists get to work from home?", "55%", ""},
		{"what skills would i need to do this kind of work", "attention to detail", "Coursera"},
		{"which qualities make someone good at health info work", "qualities", "Coursera"},
	} {
		t.Run(tt.q, func(t *testing.T) {
			first, text := askFirst(t, a, tt.q)
			if !strings.Contains(first, tt.first) {
				t.Errorf("first sentence lacks %q:\n%s", tt.first, text)
			}
			if tt.not != "" && strings.Contains(text, tt.not) {
				t.Errorf("answer has %q:\n%s", tt.not, text)
			}
		})
	}
}

// TestAdvisor_EligibilityOfNamedCredential asks whether experience alone qualifies
// for a named credential: the answer must open with that credential's own rule, not
// with a sentence about another credential's routes that names it in passing.
func TestAdvisor_EligibilityOfNamedCredential(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, tt := range []struct{ q, want, notFirst string }{
		{"can i get the cca just by working for years, no degree?", "CCA", "routes to the CCS"},
		{"could i qualify for the rhit from job experience alone", "RHIT", "RHIA"},
	} {
		t.Run(tt.q, func(t *testing.T) {
			first, text := askFirst(t, a, tt.q)
			if !strings.Contains(first, tt.want) || strings.Contains(first, tt.notFirst) {
				t.Errorf("first sentence should name %q and not %q:\n%s", tt.want, tt.notFirst, text)
			}
		})
	}
}

// askFirst asks q and returns the answer's first sentence, without its citation, and
// the whole answer.
func askFirst(t *testing.T, a *Advisor, q string) (first, text string) {
	t.Helper()
	r := ask(t, a, q, nil)
	first, _, _ = strings.Cut(r.Text, " [")
	return first, r.Text
}

// TestAdvisor_ComparisonStatesBothSides compares two credentials' schooling in
// member wording: the answer must state each side's degree level.
func TestAdvisor_ComparisonStatesBothSides(t *testing.T) {
	a := newCorpusAdvisor(t)
	for _, q := range []string{
		"what schooling does rhit need compared to rhia",
		"rhit or rhia, which degree does each one want?",
	} {
		t.Run(q, func(t *testing.T) {
			_, text := askFirst(t, a, q)
			lower := strings.ToLower(text)
			for _, side := range [][]string{{"associate"}, {"bachelor", "baccalaureate"}} {
				if !slices.ContainsFunc(side, func(w string) bool { return strings.Contains(lower, w) }) {
					t.Errorf("answer lacks %q:\n%s", side, text)
				}
			}
		})
	}
}
