package answer

import (
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// focusAdvisor builds an advisor whose corpus names a few credentials and the two
// occupations, so the entity rules apply.
func focusAdvisor(t *testing.T) *Advisor {
	t.Helper()
	c := testCorpus()
	c.Synonyms.Acronyms = map[string]string{
		"RHIT": "Registered Health Information Technician", "RHIA": "Registered Health Information Administrator",
		"CCS": "Certified Coding Specialist", "CPC": "Certified Professional Coder",
	}
	a, err := New(Config{Searcher: &fakeSearcher{}, Corpus: c})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func hit(rank int, id, section, text string) retrieval.Hit {
	return retrieval.Hit{Rank: rank, Chunk: retrieval.Chunk{ID: id, DocID: "d", Title: "Doc", Section: section, Topic: "certification", AsOf: "2025-06", Text: text}}
}

// TestExtract_NoRivalCredential: the RHIT section outranks the CCS one and shares
// the question's generic words, but the answer quotes the CCS sentences only.
func TestExtract_NoRivalCredential(t *testing.T) {
	a := focusAdvisor(t)
	hits := []retrieval.Hit{
		hit(1, "d#rhit", "What is the RHIT exam like and what is the passing score?",
			"The RHIT exam has 150 multiple-choice questions in 3.5 hours, and a scaled score of 300 passes the exam. The RHIT exam fee is $229 for members and $299 for non-members."),
		hit(2, "d#ccs", "What is the CCS certification?",
			"The CCS is AHIMA's advanced coding credential for hospital records. The CCS exam lasts about 4 hours and mixes multiple-choice questions with medical-record scenarios."),
	}
	for _, question := range []string{
		"what's the passing score or format of the CCS exam?",
		"What is the Certified Coding Specialist exam like?",
	} {
		q := newQuery(question, "", a.syn)
		text, sources := extract(q, hits, a.analyzer, maxAnswerWords)
		if !strings.Contains(text, "4 hours") {
			t.Errorf("%q: answer lacks the CCS format: %s", question, text)
		}
		if strings.Contains(text, "RHIT") {
			t.Errorf("%q: answer quotes the RHIT section: %s", question, text)
		}
		if !strings.HasPrefix(text, "The CCS exam lasts") {
			t.Errorf("%q: answer does not lead with the format sentence: %s", question, text)
		}
		if len(sources) != 1 || sources[0].ChunkID != "d#ccs" {
			t.Errorf("%q: sources %+v, want only the CCS section", question, sources)
		}
	}
	// Without a CCS sentence, the RHIT sentences are still the answer.
	q := newQuery("what's the passing score of the RHIT exam?", "", a.syn)
	if text, _ := extract(q, hits[:1], a.analyzer, maxAnswerWords); !strings.Contains(text, "300 passes") {
		t.Errorf("RHIT answer: %s", text)
	}
}

// TestExtract_LatestYear: of two pay figures for the same occupation the answer leads
// with the most recent, and a figure for another occupation keeps its own latest year.
func TestExtract_LatestYear(t *testing.T) {
	a := focusAdvisor(t)
	hits := []retrieval.Hit{
		hit(1, "d#history", "How has medical records specialist pay changed?",
			"The median for medical records specialists was $33,310 in May 2011 and $44,090 in May 2020. Pay for medical records specialists has risen steadily over the years."),
		hit(2, "d#now", "How much do medical records specialists earn?",
			"Medical records specialists earned a median annual wage of $50,250 in May 2024."),
		hit(3, "d#tech", "How much do health information technologists earn?",
			"Health information technologists earned a median annual wage of $58,250 in May 2022."),
	}
	q := newQuery("What is the median pay of medical records specialists?", "", a.syn)
	text, _ := extract(q, hits, a.analyzer, maxAnswerWords)
	if !strings.HasPrefix(text, "Medical records specialists earned a median annual wage of $50,250") {
		t.Errorf("answer does not lead with the 2024 figure: %s", text)
	}
	q = newQuery("do health information technologists make more than medical records specialists?", "", a.syn)
	text, _ = extract(q, hits, a.analyzer, maxAnswerWords)
	if !strings.Contains(text, "$58,250") || !strings.Contains(text, "$50,250") {
		t.Errorf("comparison lacks a current figure: %s", text)
	}
	if i, j := strings.Index(text, "$50,250"), strings.Index(text, "$33,310"); j >= 0 && j < i {
		t.Errorf("dated figure before the current one: %s", text)
	}
}

func TestFigureYear(t *testing.T) {
	for _, tc := range []struct {
		s     string
		limit int
		want  int
	}{
		{"BLS projects 7% growth from 2024 to 2034.", 2025, 2024},
		{"$33,310 in May 2011 and $44,090 in May 2020.", 2025, 2020},
		{"The code 29-2072 has no year.", 2025, 0},
		{"$58,250 in May 2022.", 9999, 2022},
	} {
		if got := figureYear(yearsOf(tc.s), tc.limit); got != tc.want {
			t.Errorf("figureYear(%q, %d) = %d, want %d", tc.s, tc.limit, got, tc.want)
		}
	}
}

func TestAskedAttributes(t *testing.T) {
	attrs := newAttributes(testLexicon().Attributes)
	cost := slices.IndexFunc(attrs, func(a attribute) bool { return a.name == "cost" })
	if got := askedAttributes(attrs, "How much does the CCS exam cost?"); len(got) == 0 || got[0] != cost {
		t.Errorf("cost question: %v", got)
	}
	if statesAttributes(attrs, "the fee is $299 for members.", askedAttributes(attrs, "what is the exam fee")) == 0 {
		t.Error("fee sentence not recognised")
	}
	if statesAttributes(attrs, "the ccs is an advanced credential.", askedAttributes(attrs, "what is the exam fee")) > 0 {
		t.Error("sentence without an amount taken for a fee")
	}
	if got := askedAttributes(attrs, "How much does the Registered Health Information Technician exam cost?"); len(got) != 1 {
		t.Errorf("cost question: %v, want only the cost (\"format\" is inside \"information\")", got)
	}
	if askedAttributes(attrs, "what is a coder") != nil {
		t.Error("attributes found in a plain question")
	}
	// "become" asks what qualifies only when nothing else is asked.
	eligible := askedAttributes(attrs, "how do I become a coder")
	if len(eligible) != 1 || statesAttributes(attrs, "the exam is open to graduates of an accredited program.", eligible) == 0 {
		t.Errorf("bare become question: %v", eligible)
	}
	duration := askedAttributes(attrs, "how long does it take to become a coder")
	if len(duration) != 1 || slices.Equal(duration, eligible) {
		t.Errorf("duration question: %v, want only the duration", duration)
	}
	if statesAttributes(attrs, "a certificate usually takes one to two years.", duration) == 0 {
		t.Error("duration sentence not recognised")
	}
	if statesAttributes(attrs, "the exam is open to graduates of an accredited program.", duration) > 0 {
		t.Error("eligibility sentence taken for a duration")
	}
}

// TestDuplicates_Restated: a sentence whose terms the chosen sentences already say
// together is a duplicate, though it overlaps neither much on its own.
func TestDuplicates_Restated(t *testing.T) {
	mk := func(text string) candidate { return candidate{text: text, terms: termSet(text)} }
	chosen := []candidate{
		mk("The RHIT exam is open to graduates of an associate-level HIM program accredited by CAHIIM."),
		mk("Work experience alone does not qualify anyone, and foreign graduates under a reciprocity agreement qualify too."),
	}
	restated := mk("The RHIT exam requires an accredited associate-level HIM program or a reciprocity agreement, and work experience alone does not qualify.")
	if !duplicates(restated, chosen) {
		t.Error("restatement of the chosen sentences not caught")
	}
	if duplicates(mk("The RHIT exam fee is $229 for members and $299 for non-members."), chosen) {
		t.Error("a new fact taken for a duplicate")
	}
}

func TestStatesAttributes_CountsEachAsked(t *testing.T) {
	attrs := newAttributes([]corpus.Attribute{
		{Name: "share", Asks: []string{"percent"}, Need: []string{"%"}, States: []string{"%"}},
		{Name: "remote", Asks: []string{"remote"}, States: []string{"remote"}},
	})
	asked := askedAttributes(attrs, "what percent of coders are remote")
	if got := statesAttributes(attrs, "55% of specialists worked remotely.", asked); got != 2 {
		t.Errorf("a sentence stating both asked attributes counts %d, want 2", got)
	}
	if got := statesAttributes(attrs, "remote coders may not care for dependents.", asked); got != 1 {
		t.Errorf("a sentence stating one asked attribute counts %d, want 1", got)
	}
}

// A sentence stating eligibility in specifics counts once more than one stating it
// in passing; a sentence that does not state it counts nothing, whatever its hours.
func TestDetailsAttributes(t *testing.T) {
	attrs := []attribute{{name: "eligibility", states: []string{"requires a", "route"}, detail: []string{"hour", "credit"}}}
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"route b requires a degree or 60 credits plus 1,950 hours of registry work.", 1},
		{"route b lets a technician move across after a year.", 0},
		{"the exam takes 4 hours.", 0},
	} {
		if got := detailsAttributes(attrs, tc.s, []int{0}); got != tc.want {
			t.Errorf("%q: %d, want %d", tc.s, got, tc.want)
		}
	}
}

// A question's parts are the clauses of its sentences that ask something; a
// sentence without a question word is context.
func TestQuestionClauses(t *testing.T) {
	for q, want := range map[string]string{
		"does the va hire, and who is the biggest employer":           "does the va hire|who is the biggest employer",
		"which certs would get me into auditing or data analyst work": "which certs would get me into auditing|data analyst work",
		"what do HIM directors make these days? like current numbers": "what do him directors make these days",
		"been coding 5 yrs. can i sit for the ccs":                    "can i sit for the ccs",
		"between ai tools and hospital cyberattacks is this job safe": "ai tools|hospital cyberattacks is this job safe",
		"": "",
	} {
		if got := strings.Join(questionClauses(q), "|"); got != want {
			t.Errorf("questionClauses(%q) = %q, want %q", q, got, want)
		}
	}
}

// A clause that asks an attribute of its own is answered by that attribute's part;
// one that shares its attribute with another clause is a part of its own.
func TestAsksOwnAttribute(t *testing.T) {
	an := &analyzer{attrs: []attribute{
		{name: "outlook", asks: []string{"growing", "openings"}},
		{name: "pay", asks: []string{"pay"}},
	}}
	clauses := []string{"whats the pay", "is it growing", "how many openings"}
	for i, want := range []bool{true, false, false} {
		if got := asksOwnAttribute(clauses, i, an); got != want {
			t.Errorf("asksOwnAttribute(%q) = %v, want %v", clauses[i], got, want)
		}
	}
}

// Each clause of a multi-part question gets the sentence that states it when the
// search has one: a credential for each goal named, the cyberattack part beside the
// AI part. Phrasings written for this test.
func TestAdvisor_EachClauseAnswered(t *testing.T) {
	a := newCorpusAdvisor(t)
	for q, groups := range map[string][][]string{
		"which certs would get me into auditing or data analyst work": {{"CPMA"}, {"CHDA"}},
		"between ai tools and hospital cyberattacks is this job safe": {{"cyberattack", "ransomware"}, {"AI"}},
	} {
		wantAll(t, q, askThread(t, a, q), groups...)
	}
}
