package retrieval

import "slices"

// Questions of the form "how do I become (a) X" ask how to enter X. Sections headed
// "Can a health information technician become a cancer registrar?" share the verb
// and the field's own name with "How do I become a health information technician?",
// yet answer the opposite move. So the target of "become" in the question is
// compared with the target in a section's heading: a heading whose target names
// something else is scaled by becomeMismatch, one with the same target by
// becomeMatch, and headings without "become" are left alone.
//
// Two targets are the same when their head nouns, the last words of the phrases,
// are the same ("medical coder" and "inpatient coder") or fall under one synonym or
// acronym concept (HIT and "health information technician").
const (
	becomeMismatch = 0.6
	becomeMatch    = 1.15
)

// becomeTarget is the phrase after "become"/"becoming" in text, reduced to its head
// noun and the concepts that cover it; nil when text has no such phrase.
type becomeTarget struct {
	head     string
	concepts []string
}

func (t *becomeTarget) same(o *becomeTarget) bool {
	if t.head != "" && t.head == o.head {
		return true
	}
	for _, c := range t.concepts {
		if slices.Contains(o.concepts, c) {
			return true
		}
	}
	return false
}

// becomeTargetOf finds the target of "become" in text.
func (e *Engine) becomeTargetOf(text string) *becomeTarget {
	return e.becomeTarget(tokensOf(text))
}

// becomeTarget finds the target of "become" in a text's tokens.
func (e *Engine) becomeTarget(toks []string) *becomeTarget {
	for i, t := range toks {
		if t != "become" && t != "becoming" {
			continue
		}
		var phrase []string
		for _, w := range toks[i+1:] {
			if subjectArticles[w] && len(phrase) == 0 {
				continue
			}
			if subjectQualifiers[w] || len(phrase) == maxSubjectWords+1 {
				break
			}
			phrase = append(phrase, w)
		}
		var terms []string
		for _, w := range phrase {
			terms = appendTerms(terms, w)
		}
		if len(terms) == 0 {
			return nil
		}
		last := len(terms) - 1
		target := &becomeTarget{head: terms[last]}
		for c, idx := range e.syn.concepts(terms) {
			if slices.Contains(idx, last) {
				target.concepts = append(target.concepts, c)
			}
		}
		slices.Sort(target.concepts) // map order must not leak into results
		return target
	}
	return nil
}

// becomeFactor is the factor on a chunk's score for the query's "become" target qt.
func (e *Engine) becomeFactor(doc int32, qt *becomeTarget) float64 {
	ht := e.headTargets[doc]
	switch {
	case qt == nil || ht == nil:
		return 1
	case qt.same(ht):
		return becomeMatch
	default:
		return becomeMismatch
	}
}
