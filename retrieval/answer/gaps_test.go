package answer

import (
	"strings"
	"testing"
)

// Questions that ask for a specific the corpus lacks get an answer whose first
// sentence says so, followed by the closest cited facts; questions the corpus
// answers get no such sentence. Phrasings written for this test.
func TestAdvisor_SaysWhatItDoesNotHave(t *testing.T) {
	a := newCorpusAdvisor(t)
	for q, want := range map[string]string{
		"what do medical records specialists earn in new mexico":          "New Mexico",
		"is cleveland clinic hiring coders":                               "Cleveland Clinic",
		"does the oakton ehr course use meditech":                         "Meditech",
		"what was the median pay for medical records specialists in 2013": "2013",
		"what will the ccs exam fee be in 2031":                           "can't predict",
		"whats the pass rate for the ctr exam":                            "pass rate for the CTR",
		"who earns more, rhit or rhia holders":                            "for the RHIT or the RHIA",
	} {
		r := ask(t, a, q, nil)
		first := strings.SplitN(r.Text, ". ", 2)[0]
		if n := wordCount(citeOne.ReplaceAllString(r.Text, "")); n > maxAnswerWords {
			t.Errorf("%q: %d words with the gap sentence", q, n)
		}
		if r.Abstained || !strings.Contains(first, want) || !strings.Contains(r.Text, "[1]") {
			t.Errorf("%q: %q; want a first sentence naming %q, then cited facts", q, r.Text, want)
		}
	}
	for _, q := range []string{
		"what is the median pay for medical records specialists",
		"how much does the cca exam cost",
		"what was the first-time pass rate for the chps",
		"does georgia tech's cs6440 need enrollment",
	} {
		r := ask(t, a, q, nil)
		if strings.HasPrefix(r.Text, "I don't have") || strings.HasPrefix(r.Text, "I can't") {
			t.Errorf("%q: %q; the corpus has this, no gap to admit", q, r.Text)
		}
	}
}

func TestJoinOrAndWords(t *testing.T) {
	if got := joinOr([]string{"philly", "new york", "ohio"}); got != "Philly, New York or Ohio" {
		t.Errorf("joinOr = %q", got)
	}
	if got := joinOr([]string{"nyc", "albany GA"}); got != "NYC or Albany GA" {
		t.Errorf("joinOr = %q", got)
	}
	if !containsWord("moving to ohio soon", "ohio") || containsWord("indiana pay", "india") || containsWord("ohioan", "ohio") {
		t.Error("containsWord does not match whole words")
	}
	g := &gapFinder{constraints: []constraintSet{{names: []string{"york", "new york", "cleveland"}}, {names: []string{"kaiser", "optum", "cleveland clinic"}}}}
	got := g.missingConstraints("kaiser, cleveland clinic or optum in new york", "optum is mentioned", nil)
	if strings.Join(got[0], "|") != "new york" || strings.Join(got[1], "|") != "kaiser|cleveland clinic" {
		t.Errorf("missingConstraints = %q", got)
	}
}

// A place counts as answered only by a sentence that states what was asked, and a
// short code counts only after "in" or "in <town>".
func TestMissingConstraints_CodesAndAttributes(t *testing.T) {
	g := &gapFinder{
		attrs:       []attribute{{name: "pay", asks: []string{"make"}, need: []string{"$"}, states: []string{"median", "earn"}}},
		constraints: []constraintSet{{names: []string{"georgia"}, codes: map[string]bool{"ga": true, "or": true}, search: "state city"}},
	}
	for _, tc := range []struct{ q, answer, want string }{
		{"how much do coders make in georgia", "Georgia Tech's course covers FHIR. Coders earn a median of $50,250.", "georgia"},
		{"how much do coders make in georgia", "Coders in Georgia earn a median of $44,000.", ""},
		{"how much do coders make in albany ga", "Coders earn a median of $50,250.", "albany GA"},
		{"coders make in ga?", "Coders earn a median of $50,250.", "GA"},
		{"do coders make more or less", "Coders earn a median of $50,250.", ""},
	} {
		got := g.missingConstraints(tc.q, tc.answer, []int{0})
		if strings.Join(got[0], "|") != tc.want {
			t.Errorf("%q: missing %q, want %q", tc.q, got[0], tc.want)
		}
	}
	an := &analyzer{}
	if got := g.searchable("how much do coders make in albany ga", an); got != "how much do coders make in state city" {
		t.Errorf("searchable = %q", got)
	}
	if got := g.searchable("what is georgia known for", an); got != "what is georgia known for" {
		t.Errorf("searchable without an asked attribute = %q", got)
	}
}

// A place named in a question that asks only a rule the corpus states (eligibility
// for a degree from abroad) gets no gap once the answer states the rule, and the
// rule's own words are searched; pay in a place, listed or not, still gets one.
func TestMissingConstraints_RulesAndUnknownPlaces(t *testing.T) {
	g := &gapFinder{
		attrs: []attribute{
			{name: "pay", asks: []string{"make"}, need: []string{"$"}, states: []string{"median", "earn"}},
			{name: "eligibility", asks: []string{"eligib"}, states: []string{"eligib", "qualif"}},
		},
		constraints: []constraintSet{
			{names: []string{"ohio"}, search: "state city", rules: map[string]bool{"eligibility": true}, unknown: true},
			{names: []string{"india"}, search: "state city", rules: map[string]bool{"eligibility": true},
				ruleSearch: "foreign reciprocity", ruleWords: []string{"foreign", "reciprocity"}},
		},
		known: func(t string) bool { return t == "coder" || t == "make" || t == "first" || t == "year" },
	}
	for _, tc := range []struct{ q, answer, want string }{
		{"is my degree from india eligible for the rhit", "Graduates of a foreign program under a reciprocity agreement qualify.", ""},
		{"is my degree from india eligible for the rhit", "An accredited associate degree qualifies you.", "india"},
		{"rhit eligibility in ohio", "An accredited associate degree qualifies you.", ""},
		{"how much do coders make in ohio", "Coders earn a median of $50,250.", "ohio"},
		{"how much do coders make in tbilisi", "Coders earn a median of $50,250.", "tbilisi"},
		{"how much do coders make in their first year", "Coders earn a median of $50,250.", ""},
		{"how much do coders make in 2024", "Coders earn a median of $50,250.", ""},
		{"am i eligible in tbilisi", "An accredited associate degree qualifies you.", ""},
	} {
		lq := strings.ToLower(tc.q)
		got := g.missingConstraints(lq, tc.answer, askedAttributes(g.attrs, lq))
		if all := strings.Join(append(got[0], got[1]...), "|"); all != tc.want {
			t.Errorf("%q: missing %q, want %q", tc.q, all, tc.want)
		}
	}
	an := &analyzer{}
	if got := g.searchable("is my degree from india eligible", an); got != "is my degree from foreign reciprocity eligible" {
		t.Errorf("searchable for a rule = %q", got)
	}
	if got := g.searchable("how much do coders make in tbilisi", an); got != "how much do coders make in state city" {
		t.Errorf("searchable for an unlisted place = %q", got)
	}
}

// An open question gets a balanced answer: the subject, then pay, outlook and a
// challenge from the documents' key points, each cited; a question asking for a
// specific is not treated as open. Phrasings written for this test.
func TestAdvisor_OpenQuestionIsBalanced(t *testing.T) {
	a := newCorpusAdvisor(t)
	r := ask(t, a, "would u say records work is a good career in 2025 or a dead end", nil)
	for _, want := range []string{"$", "%", "challenge"} {
		if !strings.Contains(strings.ToLower(r.Text), want) {
			t.Errorf("open answer %q lacks %q", r.Text, want)
		}
	}
	checkCited(t, r)
	if n := len(strings.Fields(citeOne.ReplaceAllString(r.Text, ""))); n > maxAnswerWords {
		t.Errorf("open answer has %d words", n)
	}
	if parts := a.openParts("is the cca worth it, how much is the fee"); parts != nil {
		t.Errorf("a question asking the fee read as open: %v", parts)
	}
}
