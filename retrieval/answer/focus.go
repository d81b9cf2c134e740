package answer

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// A question that names an entity (a credential, a body, a code set, an occupation:
// see [retrieval.Entities]) is answered by sentences about that entity. Generic words
// ("exam", "cost", "pass") occur in every credential's section, so without a
// correction a sentence about the RHIT exam answers a question about the CCS exam.
// Once the question names entities and some candidate sentence names one of them:
//
//   - a sentence naming them gains up to entityBonus, unless it names a rival entity
//     (another credential for a credential question) first or its section is headed by
//     one: then the mention is incidental and the sentence is off the entity;
//   - a sentence naming only rivals is left out;
//   - a sentence naming none is off the entity, except in a section whose heading
//     names the question's entities, where it is about them implicitly.
//
// A sentence off the entity is scaled by offEntityFactor and, to follow the best
// sentence, needs offEntityShare of its score (see [pick]).
//
// For such a question, the sentences of the hit whose heading best matches it (its
// terms and its entities) are also scaled by bestHeadingFactor. For any question, a
// sentence stating what the question asks
// for (a fee, an eligibility rule, an exam format, a duration, a pay or growth figure) gains
// attributeBonus for each attribute asked that it states, and again for each it states
// in specifics (the attribute's detail cues: "160 hours", "60 credits") while, when some candidate states it, the others are scaled by
// offAttributeFactor, and for a question asking for a figure, a figure older than the
// latest one the candidates give for the same entity is scaled down by staleStep per
// year, to at most staleFloor. When the question asks for a figure (an attribute
// with need cues: a price, a percentage, a pass rate) and some candidate states it,
// a sentence stating no asked figure is scaled by offFigureFactor as well: "what
// percent of coders work remotely" is answered by the share, not by remote-work rules.
// A sentence that lists courses (the lexicon's learning cues) answers a question
// without those cues only when nothing else does: it is scaled by listingFactor.
const (
	entityBonus        = 0.2
	offEntityShare     = 0.6
	offEntityFactor    = 0.55
	bestHeadingFactor  = 1.15
	attributeBonus     = 0.15
	offAttributeFactor = 0.75
	offFigureFactor    = 0.6
	listingFactor      = 0.6
	staleStep          = 0.1
	staleFloor         = 0.5
)

// attribute is a kind of fact a question asks for (the corpus lexicon's attributes),
// with the cues that show the question asks for it and the cues that show a sentence
// states it. A sentence needs one of need (when set) and one of states. Cues are
// lower case.
type attribute struct {
	name, label                       string
	asks, need, states, goals, detail []string
}

// newAttributes prepares the lexicon's attributes for matching.
func newAttributes(as []corpus.Attribute) []attribute {
	lower := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = strings.ToLower(s)
		}
		return out
	}
	out := make([]attribute, len(as))
	for i, a := range as {
		out[i] = attribute{name: a.Name, label: a.Label, asks: lower(a.Asks), need: lower(a.Need), states: lower(a.States), goals: lower(a.Goals), detail: lower(a.Detail)}
	}
	return out
}

// weakAsk is an eligibility cue that yields to any other attribute: "how long does
// it take to become…" asks for a duration, "how much does it cost to become…" for a
// fee, and only a bare "how do I become…" asks what qualifies.
const weakAsk = "become"

// askedAttributes returns the indexes of the attributes question asks for.
func askedAttributes(attrs []attribute, question string) []int {
	lower := strings.ToLower(question)
	var out, weak []int
	for i, a := range attrs {
		switch {
		case slices.ContainsFunc(a.asks, func(c string) bool { return c != weakAsk && containsAny(lower, []string{c}) }):
			out = append(out, i)
		case slices.Contains(a.asks, weakAsk) && containsAny(lower, []string{weakAsk}):
			weak = append(weak, i)
		}
	}
	if len(out) == 0 {
		return weak
	}
	return out
}

// statesAttributes counts the attributes asked that a sentence, in lower case,
// states.
func statesAttributes(attrs []attribute, lower string, asked []int) int {
	n := 0
	for _, i := range asked {
		if statesOne(attrs[i], lower) {
			n++
		}
	}
	return n
}

// detailsAttributes counts the attributes asked that a sentence, in lower case,
// states in specifics (one of the attribute's detail cues).
func detailsAttributes(attrs []attribute, lower string, asked []int) int {
	n := 0
	for _, i := range asked {
		if statesOne(attrs[i], lower) && containsAny(lower, attrs[i].detail) {
			n++
		}
	}
	return n
}

// goalRival reports whether a sentence, in lower case, names right after a goal cue
// of an asked attribute an entity of a kind the question names that the question does
// not name: "A CCA holder … matches one of the routes to the CCS" states the CCS's
// eligibility, not the CCA's.
func goalRival(an *analyzer, asked []int, qe []retrieval.Entity, lower string) bool {
	for _, i := range asked {
		for _, cue := range an.attrs[i].goals {
			for off := 0; off < len(lower); {
				k := strings.Index(lower[off:], cue)
				if k < 0 {
					break
				}
				off += k + len(cue)
				after := lower[off:min(len(lower), off+goalReach)]
				if ents := an.ents.FindText(after); len(ents) > 0 && matchEntities(qe, ents[:1]).rival {
					return true
				}
			}
		}
	}
	return false
}

// goalReach is how far after a goal cue, in bytes, the goal's entity is looked for.
const goalReach = 24

// figureAttributes returns the asked attributes that are figures: those a sentence
// states only with one of their need cues.
func figureAttributes(attrs []attribute, asked []int) []int {
	var out []int
	for _, i := range asked {
		if len(attrs[i].need) > 0 {
			out = append(out, i)
		}
	}
	return out
}

// statesOne reports whether a sentence, in lower case, states attribute a.
func statesOne(a attribute, lower string) bool {
	return (len(a.need) == 0 || containsAny(lower, a.need)) && containsAny(lower, a.states)
}

// containsAny reports whether one of cues occurs in s at the start of a word (see
// [retrieval.HasCue]).
func containsAny(s string, cues []string) bool { return retrieval.HasCue(s, cues) }

// containsWordAny reports whether one of words occurs in s as whole words
// ("course" does not occur in "coursework"). Words are lower case.
func containsWordAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return containsWord(s, w) })
}

// entityMatch describes how a set of entities, in order of first mention, relates to
// the question's.
type entityMatch struct {
	named int  // question entities named
	rival bool // names an entity of a kind the question names, not named by the question
	// leadRival: the first entity of a kind the question names is a rival; it is
	// usually the subject ("The CCS exam requires …, or an existing CCS-P").
	leadRival bool
}

func matchEntities(qe, ents []retrieval.Entity) entityMatch {
	var m entityMatch
	for _, e := range ents {
		if slices.Contains(qe, e) {
			m.named++
			continue
		}
		if e.Kind == retrieval.KindOther {
			continue
		}
		for _, q := range qe {
			if q.Kind == e.Kind && !m.rival {
				m.rival = true
				m.leadRival = m.named == 0
			}
		}
	}
	return m
}

// focus adjusts the scores of cs, already scored for their terms, for the
// question's entities, its best-matching heading, the attributes it asks for and the
// age of figures (see above). heading holds each hit's headingMatch.
func focus(q query, hits []retrieval.Hit, cs []candidate, heading map[int]float64, an *analyzer) {
	qe := q.subject
	if qe == nil {
		qe = an.ents.FindText(q.text)
	}
	asked := askedAttributes(an.attrs, q.text)
	heads := map[int]entityMatch{}
	anyNamed := false
	for _, c := range cs {
		if _, ok := heads[c.hit]; !ok {
			heads[c.hit] = matchEntities(qe, an.headingEntities(hits[c.hit].Section))
		}
		anyNamed = anyNamed || matchEntities(qe, c.ents).named > 0
	}
	stated := make([]int, len(cs)) // how many asked attributes each candidate states
	anyStated := false
	figures := figureAttributes(an.attrs, asked)
	figure := make([]bool, len(cs)) // the candidate states an asked figure
	anyFigure := false
	learning := containsAny(strings.ToLower(q.text), an.learning)
	parts := unionInts(asked, q.open)
	for i, c := range cs {
		if len(asked) > 0 && c.score > 0 {
			stated[i] = statesAttributes(an.attrs, c.lower, asked)
			figure[i] = statesAttributes(an.attrs, c.lower, figures) > 0
		}
		anyFigure = anyFigure || figure[i] && len(q.open) == 0
		anyStated = anyStated || stated[i] > 0 && len(q.open) == 0
		open := q.open
		if !slices.Contains(q.openTopics, hits[c.hit].Topic) {
			open = nil // an open part comes from its own topic's passage
		}
		markParts(&cs[i], parts, open, asked, an)
	}
	if len(q.open) == 0 {
		markClauses(cs, questionClauses(q.text), min(len(parts), maxParts), an)
	}
	best, bestScore := -1, 0.0
	for i := range hits {
		h, ok := heading[i]
		if !ok {
			continue
		}
		if len(qe) > 0 {
			h += 0.5 * float64(heads[i].named) / float64(len(qe))
		}
		if h > bestScore || h == bestScore && i < best {
			best, bestScore = i, h
		}
	}
	for i := range cs {
		c := &cs[i]
		if c.score <= 0 {
			continue
		}
		for k, e := range qe[:min(len(qe), 8)] {
			if slices.Contains(c.ents, e) {
				c.named |= 1 << k
			}
		}
		c.listsRivals = matchEntities(qe, c.ents).rival
		if len(qe) > 0 && anyNamed {
			m := matchEntities(qe, c.ents)
			m.leadRival = m.leadRival || goalRival(an, asked, qe, c.lower)
			c.score, c.offEntity = entityAdjust(c.score, m, heads[c.hit], len(qe))
		}
		if c.hit == best && len(qe) > 0 {
			c.score *= bestHeadingFactor
		}
		switch {
		case stated[i] > 0: // a sentence stating more of what was asked, or in specifics, ranks higher
			c.score += attributeBonus * float64(stated[i]+detailsAttributes(an.attrs, c.lower, asked))
			c.states = true
		case anyStated:
			c.score *= offAttributeFactor
		}
		if anyFigure && !figure[i] {
			c.score *= offFigureFactor
		}
		if !learning && containsWordAny(c.lower, an.listings) {
			c.score *= listingFactor
		}
	}
	if q.numeric {
		preferRecent(qe, hits, cs)
	}
}

// openFloor is the score a sentence that shares no word with an open question gets
// when it states one of the parts the balanced answer covers (pay, outlook,
// challenges), so it can be chosen for that part.
const openFloor = 0.05

// markParts sets c.parts for the parts (asked and open ones, the first sixteen) c
// states: an asked part needs a sentence with a score of its own; an open part that
// was not asked needs a sentence of an open topic's passage (open lists the open
// parts c may state). A sentence that says the corpus lacks an asked part ("a CPC pass
// rate is unconfirmed") answers it too, without the figure the part needs.
func markParts(c *candidate, parts, open, asked []int, an *analyzer) {
	admits := containsAny(c.lower, an.admissions)
	for k, a := range parts[:min(len(parts), 16)] {
		isAsked := slices.Contains(asked, a)
		at := an.attrs[a]
		states := statesOne(at, c.lower)
		admitted := !states && isAsked && admits && len(at.need) > 0 && containsAny(c.lower, at.states)
		if !states && !admitted || isAsked && c.score <= 0 || !isAsked && !slices.Contains(open, a) {
			continue
		}
		c.admits = c.admits || admitted
		c.parts |= 1 << k
		c.score = max(c.score, openFloor)
	}
}

// maxParts is how many parts a candidate's parts bits hold.
const maxParts = 16

// A question of several clauses ("does the VA hire, and who is the biggest
// employer?", "between AI tools and cyberattacks is this job safe") asks each of
// them, whether or not the lexicon has an attribute for it. A clause's key terms are
// its rarest corpus terms no other clause of the question has; a sentence holding one
// states that clause as a part (bits after the asked attributes'), so [coverParts]
// adds the best sentence for a clause no chosen sentence answers.

// sentenceBreaks end a sentence of a question; coordinators join clauses inside one.
// A sentence without a question word ("like current numbers", "my boss keeps
// asking") is context, not a part.
var (
	sentenceBreaks = []string{",", ";", "?", "!", ". "}
	coordinators   = []string{" and ", " or ", " but ", " plus ", " also ", " between "}
	questionWords  = map[string]bool{"what": true, "whats": true, "which": true, "who": true, "how": true, "why": true,
		"when": true, "where": true, "is": true, "are": true, "does": true, "do": true, "can": true, "could": true,
		"will": true, "would": true, "should": true, "am": true, "did": true}
)

// questionClauses returns the clauses, in lower case, of the sentences of question
// that hold a question word.
func questionClauses(question string) []string {
	var out []string
	for _, sent := range splitAny(" "+strings.ToLower(question)+" ", sentenceBreaks) {
		if !slices.ContainsFunc(strings.Fields(sent), func(w string) bool { return questionWords[w] }) {
			continue
		}
		out = append(out, splitAny(" "+sent+" ", coordinators)...)
	}
	return out
}

// splitAny splits s at every occurrence of one of seps and returns the trimmed,
// non-empty pieces.
func splitAny(s string, seps []string) []string {
	for _, b := range seps {
		s = strings.ReplaceAll(s, b, "\x00")
	}
	var out []string
	for _, c := range strings.Split(s, "\x00") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// keyShare is the largest share of corpus sentences a clause's rarest term may occur
// in for the clause to have key terms; keySpread is how many times as common as the
// rarest another key term may be.
const (
	keyShare  = 0.05
	keySpread = 3
)

// clauseKeys returns each clause's key terms (see above); a clause without any gets
// none. Figures are never key terms ("im 35").
func clauseKeys(clauses []string, an *analyzer) [][]string {
	sets := make([]map[string]bool, len(clauses))
	for i, c := range clauses {
		sets[i] = withConcepts(an.syn, termsOf(c))
	}
	out := make([][]string, len(clauses))
	for i, set := range sets {
		minDF := 0
		var own []string
		for t := range set {
			df := an.stats.df[t]
			if df == 0 || strings.ContainsAny(t, "0123456789") || inOther(sets, i, t) {
				continue
			}
			own = append(own, t)
			if minDF == 0 || df < minDF {
				minDF = df
			}
		}
		if minDF == 0 || float64(minDF) > keyShare*float64(an.stats.sentences) {
			continue
		}
		for _, t := range own {
			if an.stats.df[t] <= keySpread*minDF {
				out[i] = append(out[i], t)
			}
		}
		slices.Sort(out[i])
	}
	return out
}

// inOther reports whether a term set other than sets[i] holds t.
func inOther(sets []map[string]bool, i int, t string) bool {
	for j, o := range sets {
		if j != i && o[t] {
			return true
		}
	}
	return false
}

// minClauseShared is how many of a clause's terms a sentence must hold to answer it:
// a key term alone is often a plain word the corpus seldom writes ("biggest").
const minClauseShared = 2

// shared counts the terms of clause (synonym concepts included) that the sentence's
// terms hold.
func shared(sentence, clause map[string]bool) int {
	n := 0
	for t := range clause {
		if sentence[t] {
			n++
		}
	}
	return n
}

// clauseFloor is the share of the best candidate's score a sentence needs to answer a
// clause: one that shares a key term and little else with the question is no answer.
const clauseFloor = 0.25

// asksOwnAttribute reports whether clauses[i] asks an attribute that no other clause
// asks ("how many people work in this field" beside "is it growing").
func asksOwnAttribute(clauses []string, i int, an *analyzer) bool {
	for _, a := range askedAttributes(an.attrs, clauses[i]) {
		if !slices.ContainsFunc(clauses, func(c string) bool { return c != clauses[i] && slices.Contains(askedAttributes(an.attrs, c), a) }) {
			return true
		}
	}
	return false
}

// markClauses sets, for a question of two or more clauses with key terms, the part
// bit base+k of each candidate holding a key term of clause k whose score reaches
// clauseFloor of the best, unless clause k asks an attribute of its own.
func markClauses(cs []candidate, clauses []string, base int, an *analyzer) {
	if len(clauses) < 2 {
		return
	}
	best := 0.0
	for _, c := range cs {
		best = max(best, c.score)
	}
	keys := clauseKeys(clauses, an)
	var keyed [][]string
	var sets []map[string]bool
	var own []bool // the clause asks an attribute no other clause asks: its part covers it
	for i, k := range keys {
		if len(k) > 0 {
			keyed = append(keyed, k)
			sets = append(sets, withConcepts(an.syn, termsOf(clauses[i])))
			own = append(own, asksOwnAttribute(clauses, i, an))
		}
	}
	if len(keyed) < 2 {
		return
	}
	for k, terms := range keyed {
		bit := base + k
		if bit >= maxParts {
			return
		}
		if own[k] {
			continue
		}
		for i := range cs {
			if cs[i].score > 0 && cs[i].score >= clauseFloor*best && slices.ContainsFunc(terms, func(t string) bool { return cs[i].terms[t] }) && shared(cs[i].terms, sets[k]) >= minClauseShared {
				cs[i].parts |= 1 << bit
			}
		}
	}
}

// unionInts returns a followed by the elements of b not in a.
func unionInts(a, b []int) []int {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// entityAdjust applies the entity rules to one sentence's score and reports whether
// the sentence is off the entity.
func entityAdjust(score float64, s, head entityMatch, n int) (float64, bool) {
	switch {
	case s.named > 0 && (s.leadRival || head.named == 0 && head.rival):
		return score * offEntityFactor, true // an aside about a rival, or in its section
	case s.named > 0:
		return score + entityBonus*(0.5+0.5*float64(s.named)/float64(n)), false
	case s.rival:
		return 0, true
	case head.named > 0:
		return score, false
	default:
		return score * offEntityFactor, true
	}
}
