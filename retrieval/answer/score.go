package answer

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// query is a question prepared for sentence scoring.
type query struct {
	text    string
	weights map[string]float64 // term → weight (question, synonym or previous question)
	numeric bool               // the question asks for a figure (pay, growth, length…)
	// open: for an open question ("is it worth it"), the attributes its answer
	// covers besides those it asks (see [Advisor.openParts]).
	open []int
	// openTopics: the topics whose passages may answer an open part the question
	// does not ask itself.
	openTopics []string
	// subject: the entities the question is about when the thread decides it (see
	// [subjectEntities]); nil reads them from text alone.
	subject []retrieval.Entity
}

// candidate is one sentence of one hit.
type candidate struct {
	text   string
	lower  string // text in lower case
	figure bool   // states an amount (see [hasFigure])
	years  []int  // the years it states
	hit    int    // index into the hits
	pos    int    // position in the chunk, 0-based
	terms  map[string]bool
	words  int
	ents   []retrieval.Entity
	score  float64
	// offEntity: the question names entities and the sentence is not about them
	// (see [focus]).
	offEntity bool
	// named: bit i is set when the sentence names the question's i-th entity (of
	// the first eight).
	named uint8
	// states: the sentence states an attribute the question asks for (see [focus]).
	states bool
	// listsRivals: the sentence names, beside the question's entities, another
	// entity of a kind the question's compete in (see [matchEntities]).
	listsRivals bool
	// parts: bit k is set when the sentence states the question's k-th asked
	// attribute (of the first sixteen), so each part of a multi-part question can be
	// answered (see [coverParts]).
	parts uint16
	// admits: the sentence answers an asked part by saying the corpus lacks its
	// figure (see [markParts]).
	admits bool
}

// numericCues mark questions whose answer is a figure; sentences with digits get a
// bonus for them.
var numericCues = []string{
	"how much", "how many", "how long", "how often", "salary", "pay", "wage", "earn",
	"income", "outlook", "growth", "grow", "demand", "cost", "percent", "hours", "years", "renew",
	"make more", "make less", "fee", "median",
}

// sortedTerms returns the weighted terms in lexical order. Scores are sums over them,
// and a sum in map order rounds differently from one run to the next, which flips
// ties between sentences and so the answer.
func (q query) sortedTerms() []string { return slices.Sorted(maps.Keys(q.weights)) }

// newQuery weighs the terms of question (and of the previous question for a
// follow-up) and adds the synonym and acronym concepts they name.
func newQuery(question, previous string, syn *retrieval.Synonyms) query {
	q := query{text: question, weights: map[string]float64{}}
	for t := range withConcepts(syn, termsOf(question)) {
		q.weights[t] = weightQuestion
		if retrieval.IsConcept(t) {
			q.weights[t] = weightSynonym
		}
	}
	for _, t := range termsOf(previous) {
		if _, ok := q.weights[t]; !ok {
			q.weights[t] = weightPrevious
		}
	}
	lower := strings.ToLower(question)
	for _, c := range numericCues {
		if strings.Contains(lower, c) {
			q.numeric = true
			break
		}
	}
	return q
}

// stressFactor multiplies the weight of the terms [query.stress] names.
const stressFactor = 2

// stress weighs the terms of words stressFactor times as much as a question term:
// for pay asked in a place the corpus has no figures for, the sentence giving the
// national figure is the closest answer.
func (q *query) stress(words []string, syn *retrieval.Synonyms) {
	for _, w := range words {
		for t := range withConcepts(syn, termsOf(w)) {
			if _, ok := q.weights[t]; ok {
				q.weights[t] = stressFactor * weightQuestion
			}
		}
	}
}

// candidates splits the top hits into scored sentences. Catalog entries are left out:
// they become course suggestions, not quoted text.
func candidates(q query, hits []retrieval.Hit, an *analyzer) []candidate {
	var cs []candidate
	for i, h := range hits {
		if i == maxAnswerHits {
			break
		}
		if h.CourseID != "" {
			continue
		}
		for pos, s := range an.sentences(h.ID, h.Text) {
			cs = append(cs, candidate{text: s.text, lower: s.lower, figure: s.figure, years: s.years, hit: i, pos: pos, terms: s.terms, words: s.words, ents: s.ents})
		}
	}
	heading := scoreCandidates(q, hits, cs, an.stats)
	focus(q, hits, cs, heading, an)
	return cs
}

// scoreCandidates scores each sentence by the IDF-weighted share of the question's
// terms it contains (IDF over the corpus's sentences and the candidates, so words
// every passage shares, like "health information", count little), discounted by its
// chunk's rank, with bonuses for the opening sentences of a section whose heading
// matches the question and for figures when the question asks for one. It returns
// the heading match (see [headingMatch]) of each hit with a scored sentence.
func scoreCandidates(q query, hits []retrieval.Hit, cs []candidate, st termStats) map[int]float64 {
	if len(cs) == 0 {
		return nil
	}
	terms := q.sortedTerms()
	df := map[string]int{}
	for _, c := range cs {
		for _, t := range terms {
			if c.terms[t] {
				df[t]++
			}
		}
	}
	idf := func(t string) float64 {
		return math.Log(1 + float64(st.sentences+len(cs))/float64(st.df[t]+df[t]))
	}
	var total float64
	for _, t := range terms {
		if df[t] > 0 {
			total += q.weights[t] * idf(t)
		}
	}
	if total == 0 {
		return nil
	}
	heading := map[int]float64{}
	for i := range cs {
		c := &cs[i]
		var got float64
		for _, t := range terms {
			if c.terms[t] {
				got += q.weights[t] * idf(t)
			}
		}
		if got == 0 {
			continue
		}
		h, ok := heading[c.hit]
		if !ok {
			h = headingMatch(q, hits[c.hit].Section)
			heading[c.hit] = h
		}
		s := got / total
		s *= 1 / (1 + 0.3*float64(c.hit))
		if c.pos < 2 {
			s += 0.25 * h / float64(c.pos+1)
		}
		if q.numeric && c.figure {
			s += figureBonus
		}
		c.score = s
	}
	return heading
}

// headingMatch is the weighted share of the question's own terms found in a heading.
func headingMatch(q query, heading string) float64 {
	hs := termSet(heading)
	var got, total float64
	for _, t := range q.sortedTerms() {
		w := q.weights[t]
		if w < weightQuestion {
			continue
		}
		total += w
		if hs[t] {
			got += w
		}
	}
	if total == 0 {
		return 0
	}
	return got / total
}

// quantity matches an amount: money, a percentage, or a number with a unit. Bare
// years and codes ("2014", "29-2072") are not amounts.
var quantity = regexp.MustCompile(`(?i)\$\s?\d|\d\s?%|\b\d[\d,.]*\s+(?:percent|hours?|weeks?|months?|years?|days?|questions?|credits?|CEUs?|modules?|openings|jobs)\b`)

// hasFigure reports whether s states an amount.
func hasFigure(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0 && quantity.MatchString(s)
}

// withoutAttribution drops a sentence's closing parenthetical, which in the corpus
// names the source ("(BLS Occupational Outlook Handbook, 2020)"), so words of a
// source's title do not count as matches for the question.
func withoutAttribution(s string) string {
	t := strings.TrimRight(s, ".!\" ")
	if !strings.HasSuffix(t, ")") {
		return s
	}
	if i := strings.LastIndex(t, " ("); i > 0 {
		return t[:i]
	}
	return s
}

// termStats counts, for each term, the corpus sentences that contain it.
type termStats struct {
	sentences int
	df        map[string]int
}

// newTermStats counts term occurrences over the sentences of every document.
func newTermStats(c *corpus.Corpus, syn *retrieval.Synonyms) termStats {
	st := termStats{df: map[string]int{}}
	for _, d := range c.Docs {
		for _, sec := range d.Sections {
			for _, s := range splitSentences(sec.Text) {
				body := withoutAttribution(s)
				set := withConcepts(syn, termsOf(body))
				for t := range set {
					st.df[t]++
				}
				st.sentences++
			}
		}
	}
	return st
}
