package answer

import "github.com/careerbot/careerbot/retrieval"

// termsOf returns the content terms of text, tokenised and stemmed exactly as the
// retrieval engine does, so question terms match sentence terms.
func termsOf(text string) []string { return retrieval.Terms(text) }

// termSet returns the distinct content terms of text.
func termSet(text string) map[string]bool {
	ts := termsOf(text)
	set := make(map[string]bool, len(ts))
	for _, t := range ts {
		set[t] = true
	}
	return set
}

// Weights of query terms by origin: the question itself, a synonym or acronym
// concept of its terms (see [retrieval.Synonyms]), and the previous question of a
// follow-up.
const (
	weightQuestion = 1.0
	weightSynonym  = 0.6
	weightPrevious = 0.5
)

// withConcepts returns the set of terms and of the synonym and acronym concepts they
// name, as the retrieval engine expands them: "salary" meets "pay" through "~salary",
// "RHIT" meets "Registered Health Information Technician" through "~rhit".
func withConcepts(syn *retrieval.Synonyms, terms []string) map[string]bool {
	exp := syn.Expand(terms)
	set := make(map[string]bool, len(exp))
	for _, t := range exp {
		set[t] = true
	}
	return set
}
