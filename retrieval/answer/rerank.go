package answer

import (
	"strings"
	"unicode"

	"github.com/careerbot/careerbot/retrieval"
)

// Corpus sections are written to answer one question each, and most headings are
// that question. A member's question that restates a heading almost word for word —
// question words such as "where" and "how" included, which retrieval drops as stop
// words — is strong evidence for that section, so it is moved to the top.
const (
	searchPool       = 8   // hits retrieved before reranking
	headingPromotion = 0.6 // heading similarity at which a hit moves to the top
)

// promoteHeading moves the hit whose section heading best restates question to the
// front when the similarity reaches headingPromotion, and returns at most keep hits.
// Ranks are renumbered; the order of the other hits is kept.
func promoteHeading(question string, hits []retrieval.Hit, keep int) []retrieval.Hit {
	q := headingWords(question)
	best, bestSim := -1, 0.0
	for i, h := range hits {
		if sim := wordJaccard(q, headingWords(h.Section)); sim > bestSim {
			best, bestSim = i, sim
		}
	}
	out := make([]retrieval.Hit, 0, min(keep, len(hits)))
	if best > 0 && bestSim >= headingPromotion {
		out = append(out, hits[best])
	}
	for i, h := range hits {
		if len(out) == keep {
			break
		}
		if i == best && len(out) == 1 && best > 0 && bestSim >= headingPromotion {
			continue
		}
		out = append(out, h)
	}
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// headingWords is the set of lower-case words of s, stop words kept, with a plural
// "s" folded so "technicians" matches "technician".
func headingWords(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}) {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		set[w] = true
	}
	return set
}

func wordJaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return jaccard(a, b)
}
