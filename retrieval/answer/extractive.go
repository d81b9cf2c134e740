package answer

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/retrieval"
)

// Limits of an extractive answer.
const (
	maxAnswerWords     = 120 // the whole answer, citations not counted
	maxAnswerSentences = 4
	maxAnswerHits      = 5 // hits whose sentences are considered
	nearDuplicate      = 0.6
	restatedMinTerms   = 6    // see duplicates
	restatedShare      = 0.85 // see duplicates
	figureBonus        = 0.2  // for a sentence stating an amount, when the question asks for one
)

// pick chooses up to maxAnswerSentences sentences, best first, skipping near
// duplicates of sentences already chosen and keeping the total within budget words.
// Each further sentence must score a share of the best one (see minShare), or
// offEntityShare for a sentence off the question's entities, so the answer stays on
// the question instead of filling its budget. When the question names several
// entities ("do RHITs earn more than CPCs?") and the best sentence leaves some out,
// the best sentence naming one of those (and, when the best one states what the
// question asks for, stating it too) comes second.
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
	taken := make([]bool, len(cs))
	fits := func(c candidate) bool {
		if len(chosen) > 0 && c.offEntity && c.score < offEntityShare*chosen[0].score {
			return false
		}
		return words+c.words <= budget && !duplicates(c, chosen)
	}
	take := func(i int) {
		chosen = append(chosen, cs[i])
		words += cs[i].words
		taken[i] = true
	}
	for _, i := range order {
		c := cs[i]
		if c.score <= 0 || len(chosen) == maxAnswerSentences {
			break
		}
		if len(chosen) > 0 && c.score < minShare(len(chosen))*chosen[0].score {
			break
		}
		if taken[i] || !fits(c) {
			continue
		}
		take(i)
		if len(chosen) != 1 || c.named == 0 {
			continue
		}
		for _, j := range order {
			d := cs[j]
			if d.score < minShare(1)*c.score {
				break
			}
			if !taken[j] && d.named&^c.named != 0 && (d.states || !c.states) && fits(d) {
				take(j)
				break
			}
		}
	}
	return chosen
}

// coverParts makes sure every asked attribute some candidate states is answered: for
// each part (see candidate.parts) no chosen sentence states, the best candidate that
// does joins the answer, in place of the weakest chosen sentence that answers no part
// on its own when the answer is full or over budget. A multi-part question ("fee,
// length and pass rate?") then gets each part answered rather than three sentences
// about the first.
func coverParts(cs, chosen []candidate, budget int) []candidate {
	var all uint16
	for _, c := range cs {
		if c.score > 0 {
			all |= c.parts
		}
	}
	for bit := uint16(1); bit != 0 && all != 0; bit <<= 1 {
		if all&bit == 0 || coveredParts(chosen)&bit != 0 {
			continue
		}
		best := -1
		for i, c := range cs {
			if c.score > 0 && c.parts&bit != 0 && !duplicates(c, chosen) && (best < 0 || c.score > cs[best].score) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		chosen = append(chosen, cs[best])
		for len(chosen) > maxAnswerSentences+1 || wordsOf(chosen) > budget {
			drop := weakestSpare(chosen)
			if drop < 0 {
				chosen = chosen[:len(chosen)-1] // nothing can go: leave the part out
				break
			}
			chosen = slices.Delete(chosen, drop, drop+1)
		}
	}
	return chosen
}

// coverSides makes a comparison state each side: when sentences stating what was
// asked about only one of the question's entities exist for two or more of them
// ("The RHIT requires an associate-level program", "The RHIA requires a bachelor's"),
// each such entity gets its best side sentence, in place of the weakest chosen
// sentence that is no side when the answer is full or over budget. A sentence naming
// both ("the main differences are the degree behind each one") states neither value.
// A side in compared (bits of entities the question sets against a rival of their
// kind: "CDI or coding auditor?") that no sentence states the attribute for is still
// a side: its best sentence naming it alone joins the answer unless a chosen
// sentence names it already (stating what was asked, or at least not listing rivals
// of the sides beside them: "careers include data analyst, CDI, privacy officer…"),
// so a pay figure about neither side cannot leave it out.
func coverSides(cs, chosen []candidate, budget int, compared uint8) []candidate {
	best := map[uint8]int{} // entity bit → its best side sentence
	for i, c := range cs {
		if b, ok := best[c.named]; isSide(c) && (!ok || c.score > cs[b].score) {
			best[c.named] = i
		}
	}
	for i, c := range cs { // a compared side nothing states the attribute for: its best sentence alone
		if b, ok := best[c.named]; c.named&compared != 0 && isSoleMention(c) && (!ok || !isSide(cs[b]) && c.score > cs[b].score) {
			best[c.named] = i
		}
	}
	if len(best) < 2 {
		return chosen
	}
	for bit := uint8(1); bit != 0; bit <<= 1 {
		b, ok := best[bit]
		if !ok || slices.ContainsFunc(chosen, func(c candidate) bool {
			return isSide(c) && c.named == bit || !isSide(cs[b]) && c.named&bit != 0 && (c.states || !c.listsRivals)
		}) {
			continue
		}
		if duplicates(cs[b], chosen) {
			continue
		}
		chosen = append(chosen, cs[b])
		for len(chosen) > maxAnswerSentences+1 || wordsOf(chosen) > budget {
			drop := weakestNonSide(chosen, compared)
			if drop < 0 {
				chosen = chosen[:len(chosen)-1]
				break
			}
			chosen = slices.Delete(chosen, drop, drop+1)
		}
	}
	return chosen
}

// comparedEntities returns the bits (as in candidate.named) of the question's
// entities that have a rival of the same competing kind among them: the sides of a
// comparison ("is coding auditor or CDI better pay?"), not an entity named in
// passing beside another kind ("with my RHIT, how do I become a privacy officer?").
func comparedEntities(q query, an *analyzer) uint8 {
	qe := q.subject
	if qe == nil {
		qe = an.ents.FindText(q.text)
	}
	qe = qe[:min(len(qe), 8)]
	var bits uint8
	for i, e := range qe {
		for j, o := range qe {
			if i != j && e.Kind != retrieval.KindOther && e.Kind == o.Kind {
				bits |= 1 << i
			}
		}
	}
	return bits
}

// isSoleMention reports whether c is on the question's entities and names exactly
// one of them, whatever it states: the closest a side comes when no sentence states
// what was asked about it.
func isSoleMention(c candidate) bool {
	return c.score > 0 && !c.offEntity && c.named != 0 && c.named&(c.named-1) == 0
}

// isSide reports whether c states what was asked about exactly one of the
// question's entities.
func isSide(c candidate) bool {
	return c.states && isSoleMention(c)
}

// weakestNonSide returns the index of the lowest-scored chosen sentence (never the
// first) that is no side (see [isSide]), names no side of compared alone and answers
// no part the others leave out, or -1. One naming none of the question's entities
// goes before one naming some, whatever their scores.
func weakestNonSide(chosen []candidate, compared uint8) int {
	drop := -1
	for i := 1; i < len(chosen); i++ {
		others := slices.Concat(chosen[:i], chosen[i+1:])
		c := chosen[i]
		if isSide(c) || c.named&compared != 0 && isSoleMention(c) || c.parts&^coveredParts(others) != 0 {
			continue
		}
		if drop < 0 || (c.named == 0) != (chosen[drop].named == 0) && c.named == 0 || (c.named == 0) == (chosen[drop].named == 0) && c.score < chosen[drop].score {
			drop = i
		}
	}
	return drop
}

// admissionsFirst moves to the front a chosen sentence that answers an asked part by
// saying the corpus lacks its figure ("A CPC first-time pass rate is unconfirmed"), so
// the answer's first sentence says what it does not have.
func admissionsFirst(chosen []candidate) []candidate {
	for i, c := range chosen {
		if i > 0 && c.admits {
			return slices.Concat([]candidate{c}, chosen[:i], chosen[i+1:])
		}
	}
	return chosen
}

// comparisonFirst moves to the front the best chosen sentence that states what was
// asked about every entity the candidates name for a question naming two or more
// ("the latest medians are $50,250 for one and $58,250 for the other, from different
// years"), so a comparison opens with its answer rather than with one side.
func comparisonFirst(cs, chosen []candidate) []candidate {
	var all uint8
	for _, c := range cs {
		if c.score > 0 {
			all |= c.named
		}
	}
	if all&(all-1) == 0 {
		return chosen // fewer than two entities
	}
	for i, c := range chosen {
		if c.named == all && c.states {
			if i == 0 {
				return chosen
			}
			return slices.Concat([]candidate{c}, chosen[:i], chosen[i+1:])
		}
	}
	return chosen
}

// coveredParts is the union of the chosen sentences' parts.
func coveredParts(chosen []candidate) uint16 {
	var p uint16
	for _, c := range chosen {
		p |= c.parts
	}
	return p
}

// weakestSpare returns the index of the lowest-scored chosen sentence (never the
// first) whose parts the others cover too, or -1.
func weakestSpare(chosen []candidate) int {
	drop := -1
	for i := 1; i < len(chosen); i++ {
		others := slices.Concat(chosen[:i], chosen[i+1:])
		if chosen[i].parts&^coveredParts(others) != 0 {
			continue
		}
		if drop < 0 || chosen[i].score < chosen[drop].score {
			drop = i
		}
	}
	return drop
}

func wordsOf(cs []candidate) int {
	n := 0
	for _, c := range cs {
		n += c.words
	}
	return n
}

// minShare is the share of the best sentence's score the next sentence needs, given
// how many are chosen: a second sentence needs a quarter, later ones a half.
func minShare(chosen int) float64 {
	if chosen <= 1 {
		return 0.25
	}
	return 0.5
}

// duplicates reports whether c repeats what the chosen sentences say: the same text,
// term sets overlapping one chosen sentence's by nearDuplicate or more (Jaccard), or,
// for a sentence of at least restatedMinTerms terms, restatedShare or more of its
// terms said already by the chosen sentences together.
func duplicates(c candidate, chosen []candidate) bool {
	for _, o := range chosen {
		if strings.EqualFold(o.text, c.text) || jaccard(o.terms, c.terms) >= nearDuplicate {
			return true
		}
	}
	if restatesFigures(c, chosen) {
		return true
	}
	if len(c.terms) < restatedMinTerms || len(chosen) < 2 {
		return false
	}
	said := 0
	for t := range c.terms {
		if slices.ContainsFunc(chosen, func(o candidate) bool { return o.terms[t] }) {
			said++
		}
	}
	return float64(said) >= restatedShare*float64(len(c.terms))
}

// restatesFigures reports whether c states amounts (see [amounts]) that the chosen
// sentences all state already, and answers no asked part they leave open: a second
// source's "the fee is $229 for members and $299 for others" adds a citation, not an
// answer, and would crowd out the part of the question still unanswered.
func restatesFigures(c candidate, chosen []candidate) bool {
	figures := amounts(c.text)
	if len(figures) == 0 || len(chosen) == 0 {
		return false
	}
	var parts uint16
	said := map[string]bool{}
	for _, o := range chosen {
		parts |= o.parts
		for _, f := range amounts(o.text) {
			said[f] = true
		}
	}
	if c.parts&^parts != 0 {
		return false
	}
	for _, f := range figures {
		if !said[f] {
			return false
		}
	}
	return true
}

// amounts returns the amounts a sentence states: its numbers with their digit
// grouping dropped ("14,200" and "14200" are one amount), leaving out years (1900 to
// 2099) and the ends of year ranges ("2022–32"), which date a figure rather than
// state one.
func amounts(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' {
			i++
			continue
		}
		if i > 0 && isASCIILetter(text[i-1]) { // a code: skip all its digits
			for i < len(text) && text[i] >= '0' && text[i] <= '9' {
				i++
			}
			continue
		}
		j := i
		var b strings.Builder
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || (text[j] == ',' || text[j] == '.') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9') {
			if text[j] != ',' {
				b.WriteByte(text[j])
			}
			j++
		}
		n := b.String()
		if !(len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20"))) && !yearRangeEnd(text[:i], n) {
			out = append(out, n)
		}
		i = j
	}
	return out
}

// yearRangeEnd reports whether the two-digit n closes a year range that before ends
// with ("2022–32", "2024-34"): a date, not an amount.
func yearRangeEnd(before, n string) bool {
	if len(n) != 2 {
		return false
	}
	for _, dash := range []string{"–", "-"} {
		if y, ok := strings.CutSuffix(before, dash); ok && len(y) >= 4 {
			y = y[len(y)-4:]
			return (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && strings.Trim(y, "0123456789") == ""
		}
	}
	return false
}

// isASCIILetter reports whether b is an ASCII letter: a digit right after one belongs
// to a code ("HIM210", "A0098812") rather than to an amount.
func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

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

// compose orders the chosen sentences for reading — the best one first, then the
// others grouped by chunk (chunks in the order they first appear, sentences in text
// order) — and cites each with the page(s) its own claim comes from, numbering the
// pages in order of first use (see [pages]). It returns the text and the sources,
// numbered 1..n.
func compose(chosen []candidate, hits []retrieval.Hit) (string, []Source) {
	if len(chosen) == 0 {
		return "", nil
	}
	rest := slices.Clone(chosen[1:])
	first := map[int]int{chosen[0].hit: -1} // chunk → rank of its first appearance
	for i, c := range rest {
		if _, ok := first[c.hit]; !ok {
			first[c.hit] = i
		}
	}
	slices.SortStableFunc(rest, func(a, b candidate) int {
		if a.hit != b.hit {
			return first[a.hit] - first[b.hit]
		}
		return a.pos - b.pos
	})
	order := append([]candidate{chosen[0]}, rest...)
	ps := newPages()
	var b strings.Builder
	for _, c := range order {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(cite(c.text, ps.sentence(hits[c.hit], c.text)...))
	}
	return b.String(), ps.sources()
}

// distinguishTitles adds the section heading to the titles of sources that come from
// the same document, so "[1]" and "[2]" do not read as the same source twice.
func distinguishTitles(sources []Source) []Source {
	count := map[string]int{}
	for _, s := range sources {
		count[s.Title]++
	}
	for i, s := range sources {
		if count[s.Title] > 1 && s.Section != "" {
			sources[i].Title = s.Title + " — " + s.Section
		}
	}
	return sources
}

// extract composes the extractive answer to q from hits within budget words. When no
// sentence shares a term with the question, it quotes the opening of the best
// passage. It returns "" when no hit has a quotable sentence.
func extract(q query, hits []retrieval.Hit, an *analyzer, budget int) (string, []Source) {
	cs := candidates(q, hits, an)
	compared := comparedEntities(q, an)
	chosen := comparisonFirst(cs, admissionsFirst(coverSides(cs, coverParts(cs, pick(cs, budget), budget), budget, compared)))
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
	return Source{N: n, DocID: h.DocID, ChunkID: h.ID, Title: h.Title, Section: h.Section, Topic: h.Topic, URL: h.URL, AsOf: h.AsOf, Score: h.Score}
}
