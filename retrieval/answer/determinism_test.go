package answer

import "testing"

// determinismThreads are questions, each after the earlier questions of its thread,
// whose answers weigh many sentences of close score: comparisons, multi-part
// questions and follow-ups.
var determinismThreads = [][]string{
	{"What is the difference between the CCA and the CCS?"},
	{"rhit or rhia, which degree does each one want?"},
	{"do RHITs earn more than CPCs?"},
	{"How long is the RHIT exam, what does it cost and how do I become eligible?"},
	{"What does a medical coder do all day, and can I work remotely?"},
	{"Which certification should I get first?", "what about the CCS instead?"},
	{"How much do medical records specialists make?", "and in Texas?"},
}

// determinismRuns is how many times each thread is asked of each advisor; Go
// randomises map iteration order on every range, so a score or an order that
// depends on it shows within a few runs.
const determinismRuns = 10

// TestAdvisor_Deterministic: the same thread gets the same answer every time it is
// asked, of the same advisor and of freshly built ones (whose engines and term tables
// are new map instances). Scores summed over a map in its random order differ in the
// last bits and flip ties between sentences.
func TestAdvisor_Deterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the engine over the embedded corpus several times")
	}
	want := map[int]string{}
	for build := range 3 {
		a := newCorpusAdvisor(t)
		for i, thread := range determinismThreads {
			for range determinismRuns {
				got := askThreadText(t, a, thread)
				if build == 0 && want[i] == "" {
					want[i] = got
					continue
				}
				if got != want[i] {
					t.Fatalf("%q (build %d): answer changed\nfirst:\n%s\nnow:\n%s", thread, build, want[i], got)
				}
			}
		}
	}
}

// askThreadText asks the last question of thread after the earlier ones and returns
// the member-visible text of every answer in turn.
func askThreadText(t *testing.T, a *Advisor, thread []string) string {
	t.Helper()
	var history []Turn
	var all string
	for _, q := range thread {
		r := ask(t, a, q, history)
		history = append(history, Turn{Question: q, Answer: r.Text})
		all += r.Text + "\n---\n"
	}
	return all
}
