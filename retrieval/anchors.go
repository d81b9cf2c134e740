package retrieval

// Gate weights. The confidence gate (see [ConfidenceGate]) weighs each query word by
// its idf, so a word the corpus never uses weighs the most and the field's own names
// (HIT, RHIT, CAHIIM), which occur everywhere, weigh the least. For a question that
// names the field that is backwards: "Is online HIT school legit?" is about the field
// whatever "legit" means. So a query word that an anchor concept covers weighs as
// much as an unknown word, and when a query has an anchor and at least half of its words
// are known, its unknown words weigh unknownWithAnchor of their idf. A question without
// an anchor is judged as before, which keeps off-topic questions (pizza, weather,
// scripts) below the gate, and one mostly of unknown words stays low even with an
// anchor ("HIPAA compliant hosting for my startup on AWS").
//
// A question that names nothing of the field (no anchor, no credential or occupation,
// no word of the lexicon's field list) is held to stricter evidence: its confidence
// is scaled by fieldlessFactor, so "Will AI take over the world?" is declined though
// every word of it occurs in the corpus. A question that names the field and whose
// words the corpus mostly knows ignores its unknown words altogether: slang, names and
// typos the corpus never uses never lower the confidence of an in-scope question.
const (
	// fieldlessFactor scales the confidence of a question that names nothing of the field.
	fieldlessFactor = 0.6
	// anchorMinDocs is how many documents a named concept must occur in to be an
	// anchor: a name the whole corpus is about, not one glossary mention.
	anchorMinDocs = 6
	// unknownWithAnchor scales the gate weight of an unknown word in a query that
	// has an anchor but names nothing of the field (an unknown word in a question
	// that names the field weighs nothing).
	unknownWithAnchor = 0.5
)

// findAnchors returns the term ids of the anchor concepts: named concepts (see
// [Synonyms]) that occur in at least anchorMinDocs documents, one-letter names
// ("A&P" is "~p") left out. docs are the indexed chunks, in chunk order.
func findAnchors(syn *Synonyms, x *lexIndex, chunks []Chunk, docs []lexDoc) map[int32]bool {
	in := map[string]map[string]bool{} // concept → document ids
	for i, d := range docs {
		for _, f := range d.fields {
			for _, t := range f.terms {
				if !IsConcept(t) || !syn.isNamed(t) {
					continue
				}
				if in[t] == nil {
					in[t] = map[string]bool{}
				}
				in[t][chunks[i].DocID] = true
			}
		}
	}
	out := map[int32]bool{}
	for t, ds := range in {
		if id, ok := x.ids[t]; ok && len(ds) >= anchorMinDocs && len(t) > len(ConceptPrefix)+1 {
			out[id] = true
		}
	}
	return out
}

// gateWeights sets each slot's gate weight from its idf, its anchor and whether the
// corpus knows it (see the constants above).
func (e *Engine) gateWeights(q *lexQuery) {
	anchored, unknown := false, 0
	for i := range q.slots {
		s := &q.slots[i]
		if len(s.alts) == 0 {
			unknown++
		}
		for _, a := range s.alts {
			if e.anchors[a.id] {
				s.anchor, anchored = true, true
				break
			}
		}
	}
	// An anchor names a concept the corpus is full of (AI, in a corpus that discusses
	// automation everywhere); only the lexicon's field words, credentials and
	// occupations show that the question is about the career itself.
	q.field = e.namesField(*q)
	mostlyKnown := 2*unknown <= len(q.slots)
	anchored = anchored && mostlyKnown
	maxIDF := e.lex.idf(0)
	for i := range q.slots {
		s := &q.slots[i]
		switch {
		case s.anchor:
			s.weight = maxIDF
		case len(s.alts) == 0 && q.field && mostlyKnown:
			s.weight = 0
		case len(s.alts) == 0 && anchored:
			s.weight = s.idf * unknownWithAnchor
		default:
			s.weight = s.idf
		}
	}
}

// namesField reports whether q names the field: a word of the lexicon's field list,
// or a credential or occupation (see [Entities]).
func (e *Engine) namesField(q lexQuery) bool {
	for _, s := range q.slots {
		if e.field[s.term] {
			return true
		}
	}
	for _, i := range q.entities {
		if e.ents.kind(i) != KindOther {
			return true
		}
	}
	return false
}

// termSetOf returns the set of the terms of words.
func termSetOf(words []string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words {
		for _, t := range Terms(w) {
			set[t] = true
		}
	}
	return set
}
