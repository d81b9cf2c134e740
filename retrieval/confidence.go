package retrieval

// ConfidenceGate is the confidence below which [Results.Confident] is false and the
// answerer should abstain.
//
// Calibration. Confidence is the mean of two fractions of the question's content
// words, each word weighted by its BM25 idf (rare words count more, and a word the
// corpus never uses gets the largest idf), except that a word naming the field (an
// anchor: HIT, RHIT, coder, CAHIIM) weighs as much as an unknown word and, in a
// question with an anchor and mostly known words, unknown words weigh half (see
// [Engine.gateWeights]):
//
//   - vocabulary: the share of the question the corpus knows at all, directly, by a
//     spelling correction or through a synonym concept;
//   - best match: the largest share any of the top candidates contains.
//
// An in-scope question is mostly made of corpus words and has a passage that contains
// most of its rare ones, so both fractions sit well above one half. An off-topic
// question ("What's the best pizza topping?", "Write me a Python script to scrape a
// website") is dominated by words the corpus never uses, which carry the most weight,
// so both fractions fall, usually below a third. The gate sits between the two groups,
// measured on the development questions and on off-topic questions written for the
// tests; no word list is involved, so the gate follows the corpus when it grows.
// A question whose subject is an occupation the corpus does not cover has its
// confidence scaled down (see [foreignSubjectFactor]).
const ConfidenceGate = 0.5

// confidence scores how well the best evidence covers the query (see [ConfidenceGate]).
func confidence(q lexQuery, cands []*candidate) float64 {
	if len(q.slots) == 0 {
		return 0
	}
	best := 0.0
	for _, c := range cands[:min(len(cands), confidenceDepth)] {
		best = max(best, c.matched)
	}
	return (q.known() + best) / 2
}

// confidenceDepth is how many top candidates are inspected for the best match.
const confidenceDepth = 5
