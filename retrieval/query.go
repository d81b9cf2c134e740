package retrieval

import (
	"slices"
	"strings"
)

// Weights of a query word's alternatives in lexical scoring. A word in a one-word
// synonym group is scored mainly through the group's concept term (weight 1, as if
// every member were spelt the same), plus its literal spelling at literalWeight so
// that passages using the asker's own word win ties. A spelling correction counts
// nearly as much as the word. A multi-word phrase concept (an acronym's expansion,
// "health info tech") counts fully on the phrase's last word, which then keeps its
// own spelling at literalWeight, and shares altWeightConcept among the other words
// it covers; a word of the phrase that the corpus does not know, or knows only by a
// guessed correction, takes altWeightConcept whole.
const (
	altWeightCorrection = 0.8
	altWeightConcept    = 0.6
	literalWeight       = 0.3
)

// analyze turns a read query into lexical slots: one per distinct content term, with
// the term itself (when the corpus has it), a spelling correction (when it does not)
// and the synonym concepts covering it, then sets the query's intents and gate
// weights. The analysis uses qt's working memory: it is valid until qt is read again.
func (e *Engine) analyze(qt *queryText) lexQuery {
	e.corrections(qt)
	terms := qt.terms
	q, slotOf := e.wordSlots(qt)
	spelled := respelled(terms, qt.fixed)
	q.learning = hasLearningIntent(spelled)
	q.entities = e.ents.uncommon(spelled)
	q.become = e.becomeTarget(qt.toks)
	e.addConcepts(&q, slotOf, e.queryConcepts(terms, spelled))
	e.gateWeights(&q)
	return q
}

// corrections sets qt.ids to the term id of each of qt's terms (-1 when the corpus
// does not know it) and qt.fixed to the corpus term the token of each unknown term
// corrects to ("" otherwise).
func (e *Engine) corrections(qt *queryText) {
	qt.ids, qt.fixed = qt.ids[:0], qt.fixed[:0]
	for i, tok := range qt.toks {
		for _, t := range qt.tokenTerms(i) {
			id, fix := e.lex.id(t), ""
			if id < 0 {
				fix, _ = e.spell.correct(tok)
			}
			qt.ids, qt.fixed = append(qt.ids, id), append(qt.fixed, fix)
		}
	}
}

// Slot working memory: each slot's alternatives start in qt.alts with room for
// altsPerSlot (more spill to the heap), and a repeated term is found by scanning the
// slots until there are linearSlots of them, then through a map.
const (
	altsPerSlot = 4
	linearSlots = 16
)

// wordSlots makes one slot per distinct term of qt (see [Engine.corrections]), with
// the term as written or its correction as the first alternative, and returns the
// slot of each term (-1 for a repeat).
func (e *Engine) wordSlots(qt *queryText) (lexQuery, []int) {
	terms, n := qt.terms, len(qt.terms)
	q := lexQuery{slots: qt.slots[:0]}
	if cap(q.slots) < n {
		q.slots = make([]lexSlot, 0, n)
	}
	if len(qt.alts) < n*altsPerSlot {
		qt.alts = make([]lexAlt, n*altsPerSlot)
	}
	slotOf := qt.slotOf[:0]
	var index map[string]int // term → slot, once there are linearSlots slots
	for i, t := range terms {
		if findSlot(q.slots, index, t) >= 0 {
			slotOf = append(slotOf, -1)
			continue
		}
		at := len(q.slots) * altsPerSlot
		slot := lexSlot{term: t, alts: qt.alts[at : at : at+altsPerSlot]}
		id := qt.ids[i]
		slot.idf = e.lex.idf(e.lex.dfOf(id))
		if id >= 0 {
			slot.alts = append(slot.alts, lexAlt{id: id, w: 1, idf: slot.idf})
			slot.written = true
		} else if fid := e.lex.id(qt.fixed[i]); fid >= 0 && qt.fixed[i] != "" {
			slot.alts = append(slot.alts, lexAlt{id: fid, w: altWeightCorrection, idf: e.lex.idf(e.lex.dfOf(fid))})
			slot.corrected, slot.written = true, true
		}
		slotOf = append(slotOf, len(q.slots))
		q.slots = append(q.slots, slot)
		if len(q.slots) == linearSlots {
			index = make(map[string]int, n)
			for s := range q.slots {
				index[q.slots[s].term] = s
			}
		} else if index != nil {
			index[t] = len(q.slots) - 1
		}
	}
	qt.slots, qt.slotOf = q.slots, slotOf
	return q, slotOf
}

// findSlot returns the slot of term t, or -1: from index when not nil, else by
// scanning slots.
func findSlot(slots []lexSlot, index map[string]int, t string) int {
	if index != nil {
		if s, ok := index[t]; ok {
			return s
		}
		return -1
	}
	for s := range slots {
		if slots[s].term == t {
			return s
		}
	}
	return -1
}

// respelled is terms with each unknown term replaced by its correction.
func respelled(terms, fixed []string) []string {
	spelled := slices.Clone(terms)
	for i, f := range fixed {
		if f != "" {
			spelled[i] = f
		}
	}
	return spelled
}

// queryConcepts returns the synonym concepts of the words as written and as
// corrected: "info tech" is a synonym phrase as written, "certifcation" only once
// corrected. Each concept carries the indexes of the terms it covers.
func (e *Engine) queryConcepts(terms, spelled []string) map[string][]int {
	concepts := e.syn.concepts(spelled)
	if slices.Equal(spelled, terms) {
		return concepts
	}
	for c, idx := range e.syn.concepts(terms) {
		if concepts == nil {
			concepts = map[string][]int{}
		}
		for _, i := range idx {
			if !slices.Contains(concepts[c], i) {
				concepts[c] = append(concepts[c], i)
			}
		}
	}
	return concepts
}

// addConcepts adds each concept the corpus indexes as an alternative of the slots it
// covers, longer phrases first and then by name, so that weights never depend on map
// order (see [conceptWeight]).
func (e *Engine) addConcepts(q *lexQuery, slotOf []int, concepts map[string][]int) {
	names := make([]string, 0, len(concepts))
	for c := range concepts {
		names = append(names, c)
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := len(concepts[b]) - len(concepts[a]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	phrased := make([]bool, len(q.slots)) // a phrase's last word: the phrase carries it
	for _, concept := range names {
		idx := concepts[concept]
		id, ok := e.lex.ids[concept]
		if !ok {
			continue
		}
		cidf := e.lex.idf(len(e.lex.postings[id]))
		for _, i := range idx {
			s := slotOf[i]
			if s < 0 || slices.ContainsFunc(q.slots[s].alts, func(a lexAlt) bool { return a.id == id }) {
				continue
			}
			w := conceptWeight(&q.slots[s], idx, i, &phrased[s])
			q.slots[s].alts = append(q.slots[s].alts, lexAlt{id: id, w: w, idf: cidf})
		}
	}
}

// conceptWeight is the weight of a concept covering the terms idx on term i's slot,
// demoting the slot's written word where the concept carries it (see the weights
// above). phrased tells, and is set when, a phrase carries the slot.
func conceptWeight(slot *lexSlot, idx []int, i int, phrased *bool) float32 {
	switch {
	case len(idx) == 1 && *phrased:
		return literalWeight
	case len(idx) == 1:
		demoteWritten(slot)
		return 1
	case i == slices.Max(idx):
		// The phrase's last word carries the phrase, as a one-word synonym carries
		// its concept: "health info tech" means the job title whatever else "tech"
		// occurs with.
		*phrased = true
		demoteWritten(slot)
		return 1
	case slot.corrected || len(slot.alts) == 0:
		// A phrase as written is a surer reading than a guessed correction.
		demoteWritten(slot)
		return altWeightConcept
	}
	return altWeightConcept / float32(len(idx))
}

// demoteWritten caps the weight of the slot's word as written (or as corrected) at
// literalWeight: a concept now carries the slot, and the word itself only breaks ties.
func demoteWritten(slot *lexSlot) {
	if slot.written && len(slot.alts) > 0 {
		slot.alts[0].w = min(slot.alts[0].w, literalWeight)
	}
}

// known is the gate-weighted fraction of the query's slots that the corpus vocabulary
// covers (directly, by correction or by a synonym concept).
func (q lexQuery) known() float64 {
	var total, known float64
	for _, s := range q.slots {
		total += s.weight
		switch {
		case len(s.alts) == 0:
		case s.corrected:
			known += s.weight * altWeightCorrection // a guess at what was meant
		default:
			known += s.weight
		}
	}
	if total == 0 {
		return 0
	}
	return known / total
}
