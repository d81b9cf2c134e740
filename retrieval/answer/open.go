package answer

import (
	"context"
	"slices"
	"strings"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// Open questions ("is it worth it?", "is coding stressful?") have no single fact for
// an answer. Their answer is balanced: the best passages' own sentences, plus a
// sentence for each of the lexicon's open parts (pay, outlook, challenges) drawn also
// from the best passage of each of its open topics, so the member hears the upside
// and the downside with citations instead of a list of percentiles.

// openParts returns the attribute indexes an open question's answer covers, or nil
// when question is not open (no cue of the lexicon's open list).
func (a *Advisor) openParts(question string) []int {
	if !containsAny(strings.ToLower(question), a.analyzer.open) || len(askedAttributes(a.analyzer.attrs, question)) > 0 {
		return nil // "is a 2nd cert worth it pay-wise?" asks for pay
	}
	return a.open
}

// withoutOpenCues returns question in lower case without the lexicon's open cues:
// its subject ("is coding worth it" → "is coding").
func (a *Advisor) withoutOpenCues(question string) string {
	lower := strings.ToLower(question)
	for _, c := range a.analyzer.open {
		lower = strings.ReplaceAll(lower, c, " ")
	}
	return strings.Join(strings.Fields(lower), " ")
}

// openAttrs returns the indexes in attrs of the attributes named by parts, the
// lexicon's open parts.
func openAttrs(parts []string, attrs []attribute) []int {
	var out []int
	for _, name := range parts {
		if i := slices.IndexFunc(attrs, func(at attribute) bool { return at.name == name }); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// keyPointCounts returns, for each of docs, how many of the attributes open its key
// points state.
func keyPointCounts(docs []corpus.Document, attrs []attribute, open []int) []int {
	out := make([]int, len(docs))
	for i, d := range docs {
		for _, p := range open {
			if slices.ContainsFunc(d.Summary, func(s string) bool { return statesOne(attrs[p], strings.ToLower(s)) }) {
				out[i]++
			}
		}
	}
	return out
}

// subjectHits returns the passages about an open question's subject: the hits of the
// question as asked interleaved with those of its subject alone (see
// [Advisor.withoutOpenCues]), so "worth" does not decide alone which passages answer.
// It returns hits when nothing is left to search or that search finds no confident
// evidence.
func (a *Advisor) subjectHits(ctx context.Context, question, previous string, hits []retrieval.Hit) []retrieval.Hit {
	subject := a.withoutOpenCues(question)
	if len(termsOf(subject)) == 0 {
		return hits
	}
	res, err := a.searchFor(ctx, subject, previous)
	if err != nil || !res.Confident || len(res.Hits) == 0 {
		return hits
	}
	var out []retrieval.Hit
	for i := 0; i < max(len(hits), len(res.Hits)); i++ {
		for _, list := range [][]retrieval.Hit{hits, res.Hits} {
			if i < len(list) && !slices.ContainsFunc(out, func(h retrieval.Hit) bool { return h.ID == list[i].ID }) {
				out = append(out, list[i])
			}
		}
	}
	return out
}

// withTopicHits returns hits with the key points (see [retrieval.SummaryChunk]) of
// the document that best answers question within each open topic, in place of the
// weakest hits, so the answer can draw on the documents' own overview of pay, outlook
// and challenges. A failed topic search is skipped: the answer then balances with what
// it has.
func (a *Advisor) withTopicHits(ctx context.Context, question, previous string, hits []retrieval.Hit) []retrieval.Hit {
	var extra []retrieval.Hit
	for _, t := range a.corpus.Lexicon.OpenTopics {
		res, err := a.search.Search(ctx, searchText(question, previous), retrieval.SearchOptions{K: 1, Topic: t})
		if err != nil || len(res.Hits) == 0 {
			continue
		}
		if d, ok := a.keyPointsDoc(t, res.Hits[0].DocID); ok {
			extra = append(extra, retrieval.Hit{Chunk: retrieval.SummaryChunk(d), Score: res.Hits[0].Score})
		}
	}
	keep := min(len(hits), maxAnswerHits-len(extra))
	out := append(slices.Clone(hits[:keep]), extra...)
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// keyPointsDoc returns the document of topic whose key points state the most open
// parts, preferring found (the topic's best match for the question) on a tie.
func (a *Advisor) keyPointsDoc(topic, found string) (corpus.Document, bool) {
	best, bestN := -1, -1
	for i, d := range a.corpus.Docs {
		if d.Topic != topic || len(d.Summary) == 0 {
			continue
		}
		if n := a.keyPoints[i]; n > bestN || n == bestN && d.ID == found {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return corpus.Document{}, false
	}
	return a.corpus.Docs[best], true
}
