package answer

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/retrieval"
)

func newTestAdvisor(tb testing.TB, s retrieval.Searcher, llm *LLM) *Advisor {
	tb.Helper()
	a, err := New(Config{Searcher: s, Corpus: testCorpus(), LLM: llm})
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// ask asks a question after history, streaming nowhere, and fails the test on an
// error.
func ask(tb testing.TB, a *Advisor, question string, history []Turn) Result {
	tb.Helper()
	r, err := a.Ask(context.Background(), question, history, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

var markerRe = regexp.MustCompile(`\[(\d+)\]`)

// checkCited asserts the answer cites only its sources, that every source is cited,
// and that sources are numbered 1..n in order of first use.
func checkCited(tb testing.TB, r Result) {
	tb.Helper()
	var order []int
	for _, m := range markerRe.FindAllStringSubmatch(r.Text, -1) {
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(r.Sources) {
			tb.Errorf("citation [%d] outside 1..%d in %q", n, len(r.Sources), r.Text)
		}
		if !slices.Contains(order, n) {
			order = append(order, n)
		}
	}
	for i, s := range r.Sources {
		if s.N != i+1 {
			tb.Errorf("source %d numbered %d", i, s.N)
		}
		if i >= len(order) || order[i] != i+1 {
			tb.Errorf("sources not cited in order 1..n: first-use order %v, %d sources", order, len(r.Sources))
			break
		}
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"MarkdownAndAbbreviations",
			"## Heading\nThe **RHIT** exam, e.g. for new grads, needs a [CAHIIM](https://x.org) program. O*NET and _snake_case_ stay as written here.\n\n| a | b |\nWhat about questions here?",
			[]string{"The RHIT exam, e.g. for new grads, needs a CAHIIM program.", "O*NET and snake_case stay as written here."}},
		{"SentenceItems",
			"The intro paragraph ends right here.\n- A list item that is a full sentence.\n- Short item\n\nA last line that ends a paragraph.",
			[]string{"The intro paragraph ends right here.", "A list item that is a full sentence.", "A last line that ends a paragraph."}},
		{"FoldedSentenceItems",
			"Two things matter for this:\n\nAccreditation by CAHIIM.\nAn associate degree.\n\nThe next paragraph stands on its own.",
			[]string{"Two things matter for this: accreditation by CAHIIM, and an associate degree.", "The next paragraph stands on its own."}},
		{"FoldedList",
			"Employers hire technicians in several settings:\n- Hospitals\n- Physician offices\n- Insurance companies",
			[]string{"Employers hire technicians in several settings: hospitals, physician offices, and insurance companies."}},
		{"UnmarkedList",
			"The job titles include these ones:\nCoder\nHealth Information Clerk\nMedical Records Technician\n\nEach title means a records job.",
			[]string{"The job titles include these ones: coder, Health Information Clerk, and Medical Records Technician.", "Each title means a records job."}},
		{"DefinitionItems",
			"The two exams differ in these ways:\n- Background: the CCA needs six months of experience.\n- Exam: the CCS exam runs about 4 hours.",
			[]string{"Background: the CCA needs six months of experience.", "Exam: the CCS exam runs about 4 hours."}},
		{"ListWithoutLead",
			"Coder\nHealth Information Clerk\nRegistered Health Information Technician (RHIT)\n\nThe RHIT is also a credential name here.",
			[]string{"The RHIT is also a credential name here."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitSentences(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("splitSentences:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestAdvisor_Ask_Extractive(t *testing.T) {
	a := newTestAdvisor(t, &fakeSearcher{chunks: testChunks, confident: true}, nil)
	tests := []struct {
		question string
		want     []string // facts the answer must contain
	}{
		{"How much do medical records specialists earn?", []string{"$50,250"}},
		{"How do I qualify for the RHIT exam?", []string{"CAHIIM"}},
		{"How often do AHIMA credentials renew?", []string{"two years"}},
		{"What is the job outlook for medical records specialists?", []string{"7%"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			r := ask(t, a, tt.question, nil)
			if r.Mode != ModeExtractive || r.Abstained {
				t.Fatalf("mode %q abstained %v", r.Mode, r.Abstained)
			}
			for _, f := range tt.want {
				if !strings.Contains(r.Text, f) {
					t.Errorf("answer lacks %q: %s", f, r.Text)
				}
			}
			checkCited(t, r)
			body := citeOne.ReplaceAllString(r.Text, "")
			if n := len(strings.Fields(body)); n > maxAnswerWords {
				t.Errorf("answer has %d words: %s", n, r.Text)
			}
			if strings.Contains(r.Text, "**") || strings.Contains(r.Text, "##") {
				t.Errorf("markdown left in answer: %s", r.Text)
			}
			if strings.Count(r.Text, "$50,250") > 1 {
				t.Errorf("near-duplicate sentences kept: %s", r.Text)
			}
		})
	}
}

func TestAdvisor_Ask_Abstains(t *testing.T) {
	a := newTestAdvisor(t, &fakeSearcher{chunks: testChunks, confident: false}, nil)
	r := ask(t, a, "What's the best pizza topping?", nil)
	if !r.Abstained || len(r.Sources) != 0 || len(r.Courses) != 0 {
		t.Fatalf("want abstention without sources, got %+v", r)
	}
	for _, w := range []string{"don't know", "pay and job outlook", "certifications"} {
		if !strings.Contains(r.Text, w) {
			t.Errorf("abstention lacks %q: %s", w, r.Text)
		}
	}
}

func TestAdvisor_Ask_SearchError(t *testing.T) {
	boom := errors.New("index closed")
	a := newTestAdvisor(t, &fakeSearcher{err: boom}, nil)
	if _, err := a.Ask(context.Background(), "How much do coders earn?", nil, nil); !errors.Is(err, boom) {
		t.Fatalf("want wrapped search error, got %v", err)
	}
	if _, err := a.Ask(context.Background(), "  ", nil, nil); err == nil {
		t.Fatal("empty question: want error")
	}
}

func TestAdvisor_Ask_FollowUp(t *testing.T) {
	history := []Turn{{Question: "How do I qualify for the RHIT exam?", Answer: "…", Topic: "certification"}}
	tests := []struct {
		question string
		history  []Turn
		carried  bool // the search includes the previous question's terms
	}{
		{"How long is that exam?", history, true},
		{"And the pay?", history, true},
		{"Is it hard?", history, true},
		{"Which one should I take first?", history, true},
		{"Are there online programs for medical records specialists?", history, false},
		{"How much do medical records specialists earn?", history, false},
		{"How long is that exam?", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			s := &fakeSearcher{chunks: testChunks, confident: true}
			a := newTestAdvisor(t, s, nil)
			r, err := a.Ask(context.Background(), tt.question, tt.history, nil)
			if err != nil {
				t.Fatal(err)
			}
			q := s.lastQuery()
			if got := strings.Contains(q, "RHIT"); got != tt.carried {
				t.Errorf("query %q: carried previous terms = %v, want %v", q, got, tt.carried)
			}
			if !strings.HasPrefix(q, tt.question) {
				t.Errorf("query %q does not start with the question", q)
			}
			if tt.question == "How long is that exam?" && tt.carried && !strings.Contains(r.Text, "3.5 hours") {
				t.Errorf("follow-up answer lacks the exam length: %s", r.Text)
			}
		})
	}
}

func TestComparisonFirst(t *testing.T) {
	cs := []candidate{
		{text: "one side", score: 1, named: 1, states: true},
		{text: "other side", score: 0.8, named: 2, states: true},
		{text: "both sides", score: 0.7, named: 3, states: true},
	}
	got := comparisonFirst(cs, cs)
	if got[0].text != "both sides" || len(got) != 3 {
		t.Errorf("comparisonFirst = %v, want the sentence naming both first", got)
	}
	if got := comparisonFirst(cs[:1], cs[:1]); got[0].text != "one side" {
		t.Errorf("one entity: %v", got)
	}
}

// TestCoverSides_UnstatedSide: in a comparison where only one side has a sentence
// stating what was asked, the other compared side still gets its best sentence, in
// place of a figure that names neither side; a sentence listing both sides among
// rivals does not count as covering one, and an entity that is no compared side
// gets nothing.
func TestCoverSides_UnstatedSide(t *testing.T) {
	terms := func(s string) map[string]bool { return termSet(s) }
	side := candidate{text: "Auditors averaged $70,320.", terms: terms("auditors averaged 70,320"), score: 1, named: 2, states: true, words: 20}
	neither := candidate{text: "Registrars earn $25,000 more.", terms: terms("registrars earn 25,000 more"), score: 0.6, states: true, words: 20, offEntity: true}
	list := candidate{text: "Careers include analyst, CDI, auditor and registrar.", terms: terms("careers include analyst cdi auditor registrar"), score: 0.5, named: 3, listsRivals: true, words: 20}
	other := candidate{text: "CDI staff come from nursing.", terms: terms("cdi staff come from nursing"), score: 0.3, named: 1, words: 20}
	cs := []candidate{side, neither, list, other}
	chosen := []candidate{side, neither, list}
	got := coverSides(cs, chosen, 60, 3)
	if !slices.ContainsFunc(got, func(c candidate) bool { return c.text == other.text }) {
		t.Fatalf("coverSides = %v, want the CDI side added", got)
	}
	if slices.ContainsFunc(got, func(c candidate) bool { return c.text == neither.text }) {
		t.Errorf("coverSides = %v, want the figure about neither side dropped for the budget", got)
	}
	if got := coverSides(cs, chosen, 60, 0); len(got) != len(chosen) {
		t.Errorf("no compared sides: coverSides = %v, want the chosen sentences unchanged", got)
	}
}
