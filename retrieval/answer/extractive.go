package answer

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/careerbot/careerbot/retrieval"
)

// Limits of an extractive answer.
const (
	maxAnswerWords     = 120 // the whole answer, citations not counted
	maxAnswerSentences = 4
	maxAnswerHits      = 5 // hits whose sentences are considered
	nearDuplicate      = 0.6
)

// query is a question prepared for sentence scoring.
type query struct {
	text    string
	weights map[string]float64 // term → weight (question, synonym or previous question)
	numeric bool               // the question asks for a figure (pay, growth, length…)
}

// candidate is one sentence of one hit.
type candidate struct {
	text  string
	hit   int // index into the hits
	pos   int // position in the chunk, 0-based
	terms map[string]bool
	words int
	score float64
}

// numericCues mark questions whose answer is a figure; sentences with digits get a
// bonus for them.
var numericCues = []string{
	"how much", "how many", "how long", "how often", "salary", "pay", "wage", "earn",
	"income", "outlook", "growth", "grow", "demand", "cost", "percent", "hours", "years", "renew",
}

// newQuery weighs the terms of question (and of the previous question for a
// follow-up) and expands them with the corpus thesaurus.
func newQuery(question, previous string, th thesaurus) query {
	q := query{text: question, weights: map[string]float64{}}
	for _, t := range termsOf(question) {
		q.weights[t] = weightQuestion
	}
	th.expand(q.weights, question, weightSynonym)
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

// candidates splits the top hits into scored sentences. Catalog entries are left out:
// they become course suggestions, not quoted text.
func candidates(q query, hits []retrieval.Hit, th thesaurus) []candidate {
	var cs []candidate
	for i, h := range hits {
		if i == maxAnswerHits {
			break
		}
		if h.CourseID != "" {
			continue
		}
		for pos, s := range splitSentences(h.Text) {
			set := termSet(s)
			th.annotate(set, strings.ToLower(s))
			cs = append(cs, candidate{text: s, hit: i, pos: pos, terms: set, words: len(strings.Fields(s))})
		}
	}
	scoreCandidates(q, hits, cs)
	return cs
}

// scoreCandidates scores each sentence by the IDF-weighted share of the question's
// terms it contains (IDF over the candidate sentences, so words every passage shares
// count little), discounted by its chunk's rank, with bonuses for the opening
// sentences of a section whose heading matches the question and for figures when the
// question asks for one.
func scoreCandidates(q query, hits []retrieval.Hit, cs []candidate) {
	if len(cs) == 0 {
		return
	}
	df := map[string]int{}
	for _, c := range cs {
		for t := range q.weights {
			if c.terms[t] {
				df[t]++
			}
		}
	}
	idf := func(t string) float64 { return math.Log(1 + float64(len(cs))/float64(df[t])) }
	var total float64
	for t, w := range q.weights {
		if df[t] > 0 {
			total += w * idf(t)
		}
	}
	if total == 0 {
		return
	}
	heading := map[int]float64{}
	for i := range cs {
		c := &cs[i]
		var got float64
		for t, w := range q.weights {
			if c.terms[t] {
				got += w * idf(t)
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
		if q.numeric && hasFigure(c.text) {
			s += 0.15
		}
		c.score = s
	}
}

// headingMatch is the weighted share of the question's own terms found in a heading.
func headingMatch(q query, heading string) float64 {
	hs := termSet(heading)
	var got, total float64
	for t, w := range q.weights {
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

func hasFigure(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// pick chooses up to maxAnswerSentences sentences, best first, skipping near
// duplicates of sentences already chosen and keeping the total within budget words.
// It keeps sentences scoring at least 30% of the best, and always two when there
// are two that match at all.
func pick(cs []candidate, budget int) []candidate {
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case cs[a].score > cs[b].score:
			return -1
		case cs[a].score < cs[b].score:
			return 1
		}
		return 0
	})
	var chosen []candidate
	words := 0
	for _, i := range order {
		c := cs[i]
		if c.score <= 0 || len(chosen) == maxAnswerSentences {
			break
		}
		if len(chosen) >= 2 && c.score < 0.3*chosen[0].score {
			break
		}
		if words+c.words > budget || duplicates(c, chosen) {
			continue
		}
		chosen = append(chosen, c)
		words += c.words
	}
	return chosen
}

// duplicates reports whether c repeats a chosen sentence: the same text, or term
// sets overlapping by nearDuplicate or more (Jaccard).
func duplicates(c candidate, chosen []candidate) bool {
	for _, o := range chosen {
		if strings.EqualFold(o.text, c.text) || jaccard(o.terms, c.terms) >= nearDuplicate {
			return true
		}
	}
	return false
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for t := range a {
		if b[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// compose orders the chosen sentences for reading — chunks in the order their best
// sentence was chosen, sentences within a chunk in text order — and cites each with
// [n], numbering the chunks in order of first use. It returns the text and the
// sources, renumbered 1..n.
func compose(chosen []candidate, hits []retrieval.Hit) (string, []Source) {
	var hitOrder []int
	for _, c := range chosen {
		if !slices.Contains(hitOrder, c.hit) {
			hitOrder = append(hitOrder, c.hit)
		}
	}
	var b strings.Builder
	var sources []Source
	for n, hi := range hitOrder {
		var group []candidate
		for _, c := range chosen {
			if c.hit == hi {
				group = append(group, c)
			}
		}
		slices.SortFunc(group, func(a, b candidate) int { return a.pos - b.pos })
		for _, c := range group {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.TrimSpace(c.text))
			b.WriteString(" [" + strconv.Itoa(n+1) + "]")
		}
		sources = append(sources, sourceOf(n+1, hits[hi]))
	}
	return b.String(), sources
}

// extract composes the extractive answer to q from hits within budget words. When no
// sentence shares a term with the question, it quotes the opening of the best
// passage. It returns "" when no hit has a quotable sentence.
func extract(q query, hits []retrieval.Hit, th thesaurus, budget int) (string, []Source) {
	cs := candidates(q, hits, th)
	chosen := pick(cs, budget)
	if len(chosen) == 0 && len(cs) > 0 {
		words := 0
		for _, c := range cs {
			if c.hit == cs[0].hit && len(chosen) < 2 && (len(chosen) == 0 || words+c.words <= budget) {
				chosen = append(chosen, c)
				words += c.words
			}
		}
	}
	if len(chosen) == 0 {
		return "", nil
	}
	return compose(chosen, hits)
}

// sourceOf turns a hit into a numbered source.
func sourceOf(n int, h retrieval.Hit) Source {
	return Source{N: n, DocID: h.DocID, ChunkID: h.ID, Title: h.Title, Topic: h.Topic, URL: h.URL, AsOf: h.AsOf, Score: h.Score}
}
