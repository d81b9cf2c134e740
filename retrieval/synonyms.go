package retrieval

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"

	"github.com/careerbot/careerbot/corpus"
)

// ConceptPrefix starts the concept terms that [Synonyms.Expand] adds: "~rhit" stands
// for RHIT and "Registered Health Information Technician" alike, "~salary" for every
// word of the salary group.
const ConceptPrefix = "~"

// Synonyms expands analysed terms with the corpus's synonym and acronym table. Each
// acronym (with its expansion) and each synonym group is one concept; wherever a
// member phrase occurs in a term sequence, the concept's term is added. Apply it to
// both sides of a comparison (passages and questions) so that "pay" meets "salary" and
// "RHIT" meets "registered health information technician". A Synonyms is read-only
// and safe for concurrent use; the zero value expands nothing.
type Synonyms struct {
	byFirst map[string][]phrase // first term → phrases starting with it, longest first
	// named: concepts of the acronym table, and of synonym groups that share a member
	// with it ("hit" in the job-title group) or with the tail of a credential's name
	// ("coder" of Certified Professional Coder). They name the field's credentials,
	// bodies, code sets and job titles.
	named map[string]bool
}

type phrase struct {
	terms   []string
	concept string
}

// NewSynonyms builds the expansion table from the corpus's synonyms. Entries whose
// words are all stop words are skipped.
func NewSynonyms(syn corpus.Synonyms) *Synonyms {
	s := &Synonyms{byFirst: map[string][]phrase{}, named: map[string]bool{}}
	acronymPhrases := map[string]bool{}
	add := func(text, concept string) {
		ts := Terms(text)
		if len(ts) == 0 || concept == ConceptPrefix {
			return
		}
		s.byFirst[ts[0]] = append(s.byFirst[ts[0]], phrase{terms: ts, concept: concept})
	}
	acr := make([]string, 0, len(syn.Acronyms))
	for a := range syn.Acronyms {
		acr = append(acr, a)
	}
	sort.Strings(acr) // deterministic order
	for _, a := range acr {
		c := ConceptPrefix + strings.Join(Terms(a), "_")
		add(a, c)
		add(syn.Acronyms[a], c)
		s.named[c] = true
		acronymPhrases[strings.Join(Terms(a), " ")] = true
		exp := Terms(syn.Acronyms[a])
		acronymPhrases[strings.Join(exp, " ")] = true
		if len(exp) > 1 && (exp[0] == Stem("certified") || exp[0] == Stem("registered")) {
			for i := 1; i < len(exp); i++ { // the job a credential names: "coder", "coding specialist"
				acronymPhrases[strings.Join(exp[i:], " ")] = true
			}
		}
	}
	for _, g := range syn.Groups {
		if len(g) == 0 {
			continue
		}
		c := ConceptPrefix + strings.Join(Terms(g[0]), "_")
		for _, m := range g {
			add(m, c)
			if acronymPhrases[strings.Join(Terms(m), " ")] {
				s.named[c] = true
			}
		}
	}
	for k, ps := range s.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].terms) > len(ps[j].terms) })
		s.byFirst[k] = dedupPhrases(ps)
	}
	return s
}

func dedupPhrases(ps []phrase) []phrase {
	out := ps[:0]
	for _, p := range ps {
		if !slices.ContainsFunc(out, func(q phrase) bool {
			return q.concept == p.concept && slices.Equal(q.terms, p.terms)
		}) {
			out = append(out, p)
		}
	}
	return out
}

// Expand returns terms followed by the concept term of every synonym or acronym
// phrase found in them, once per occurrence. Concept terms start with
// [ConceptPrefix]. The input slice is not modified.
func (s *Synonyms) Expand(terms []string) []string {
	out := slices.Clone(terms)
	s.eachConcept(terms, func(c string) { out = append(out, c) })
	return out
}

// eachConcept calls fn with the concept term of every synonym or acronym phrase found
// in terms, once per occurrence, in the order [Synonyms.Expand] adds them.
func (s *Synonyms) eachConcept(terms []string, fn func(concept string)) {
	if s == nil {
		return
	}
	for i, t := range terms {
		for _, p := range s.byFirst[t] {
			if i+len(p.terms) <= len(terms) && slices.Equal(terms[i:i+len(p.terms)], p.terms) {
				fn(p.concept)
			}
		}
	}
}

// startingWith returns the phrases whose first term is term, longest first.
func (s *Synonyms) startingWith(term string) []phrase {
	if s == nil {
		return nil
	}
	return s.byFirst[term]
}

// concepts returns the concept terms that Expand would add for terms, deduplicated,
// each with the indexes of the terms it covers.
func (s *Synonyms) concepts(terms []string) map[string][]int {
	if s == nil {
		return nil
	}
	var out map[string][]int
	for i, t := range terms {
		for _, p := range s.byFirst[t] {
			if i+len(p.terms) <= len(terms) && slices.Equal(terms[i:i+len(p.terms)], p.terms) {
				if out == nil {
					out = map[string][]int{}
				}
				for j := i; j < i+len(p.terms); j++ {
					if !slices.Contains(out[p.concept], j) {
						out[p.concept] = append(out[p.concept], j)
					}
				}
			}
		}
	}
	return out
}

// inPhrases marks the positions of terms that a synonym or acronym phrase of two or
// more terms covers ("medical records tech").
func (s *Synonyms) inPhrases(terms []string) []bool {
	out := make([]bool, len(terms))
	if s == nil {
		return out
	}
	for i, t := range terms {
		for _, p := range s.byFirst[t] {
			if len(p.terms) > 1 && i+len(p.terms) <= len(terms) && slices.Equal(terms[i:i+len(p.terms)], p.terms) {
				for j := i; j < i+len(p.terms); j++ {
					out[j] = true
				}
			}
		}
	}
	return out
}

// named reports whether concept names something of the acronym table (see
// [Synonyms]).
func (s *Synonyms) isNamed(concept string) bool { return s != nil && s.named[concept] }

// IsConcept reports whether term was added by [Synonyms.Expand].
func IsConcept(term string) bool { return strings.HasPrefix(term, ConceptPrefix) }

// synonymsFingerprint is a short, order-independent hash of a synonym table.
func synonymsFingerprint(syn corpus.Synonyms) string {
	var lines []string
	for a, x := range syn.Acronyms {
		lines = append(lines, "a\x00"+a+"\x00"+x)
	}
	for _, g := range syn.Groups {
		lines = append(lines, "g\x00"+strings.Join(g, "\x00"))
	}
	sort.Strings(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(h[:4])
}
