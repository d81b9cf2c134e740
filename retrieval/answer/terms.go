package answer

import (
	"strings"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

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

// Weights of query terms by origin: the question itself, a synonym or acronym of one
// of its terms, and the previous question of a follow-up.
const (
	weightQuestion = 1.0
	weightSynonym  = 0.6
	weightPrevious = 0.5
)

// thesaurus is the corpus synonym table prepared for matching terms.
type thesaurus struct {
	groups   [][]member
	acronyms []acronym
}

// member is one phrase of a synonym group.
type member struct {
	terms []string
	// trigger is false for phrases that lose words to the stop list ("no cost" →
	// "cost"): their remaining terms mean something else, so they do not pull in
	// the group, though the group can still add them.
	trigger bool
}

type acronym struct {
	term      string   // the acronym as a term, e.g. "rhit"
	expansion string   // lower-case expansion phrase
	terms     []string // terms of the expansion
}

func newThesaurus(s corpus.Synonyms) thesaurus {
	var th thesaurus
	for _, g := range s.Groups {
		var members []member
		for _, m := range g {
			if ts := termsOf(m); len(ts) > 0 {
				words := strings.FieldsFunc(m, func(r rune) bool { return r == ' ' || r == '-' })
				members = append(members, member{terms: ts, trigger: len(ts) >= len(words)})
			}
		}
		if len(members) > 1 {
			th.groups = append(th.groups, members)
		}
	}
	for a, exp := range s.Acronyms {
		at := termsOf(a)
		et := termsOf(exp)
		if len(at) != 1 || len(et) == 0 {
			continue
		}
		th.acronyms = append(th.acronyms, acronym{term: at[0], expansion: strings.ToLower(strings.TrimSpace(exp)), terms: et})
	}
	return th
}

// expand adds synonyms and acronym forms of the terms already in q, at weight w.
// Existing weights are kept.
func (th thesaurus) expand(q map[string]float64, text string, w float64) {
	add := func(ts []string) {
		for _, t := range ts {
			if _, ok := q[t]; !ok {
				q[t] = w
			}
		}
	}
	has := func(ts []string) bool {
		for _, t := range ts {
			if _, ok := q[t]; !ok {
				return false
			}
		}
		return true
	}
	lower := strings.ToLower(text)
	for _, g := range th.groups {
		for _, m := range g {
			if m.trigger && has(m.terms) {
				for _, other := range g {
					add(other.terms)
				}
				break
			}
		}
	}
	for _, a := range th.acronyms {
		if _, ok := q[a.term]; ok {
			continue
		}
		if strings.Contains(lower, a.expansion) {
			q[a.term] = w
		}
	}
}

// annotate adds to a sentence's term set the acronyms whose expansion it spells out,
// so "Registered Health Information Technician" matches a question about the RHIT.
func (th thesaurus) annotate(set map[string]bool, lowerText string) {
	for _, a := range th.acronyms {
		if !set[a.term] && strings.Contains(lowerText, a.expansion) {
			set[a.term] = true
		}
	}
}
