package answer

import (
	"context"
	"testing"

	"github.com/careerbot/careerbot/retrieval"
)

var benchSink string

// benchHits retrieves fixed hits from the embedded corpus once, so the benchmarks
// measure answer composition alone.
func benchHits(b *testing.B, a *Advisor, question string) []retrieval.Hit {
	b.Helper()
	res, err := a.search.Search(context.Background(), question, retrieval.SearchOptions{K: searchPool})
	if err != nil || len(res.Hits) == 0 {
		b.Fatalf("search: %v (%d hits)", err, len(res.Hits))
	}
	return promoteHeading(question, res.Hits, searchK)
}

// BenchmarkExtractive composes the extractive answer (scoring, selection, citation)
// for fixed hits of the real corpus; passages are analysed on the first iteration
// and cached after, as in a running bot.
func BenchmarkExtractive(b *testing.B) {
	a := newCorpusAdvisor(b)
	const question = "How much do medical records specialists earn?"
	hits := benchHits(b, a, question)
	b.ReportAllocs()
	for b.Loop() {
		q := newQuery(question, "", a.syn)
		benchSink, _ = extract(q, hits, a.analyzer, maxAnswerWords)
	}
}

// BenchmarkExtractive_Cold also splits and analyses the passages every time, as for
// the first question that reaches them.
func BenchmarkExtractive_Cold(b *testing.B) {
	a := newCorpusAdvisor(b)
	const question = "How much do medical records specialists earn?"
	hits := benchHits(b, a, question)
	b.ReportAllocs()
	for b.Loop() {
		an := &analyzer{syn: a.syn, stats: a.analyzer.stats}
		q := newQuery(question, "", a.syn)
		benchSink, _ = extract(q, hits, an, maxAnswerWords)
	}
}

// BenchmarkAsk_FakeSearch runs Ask end to end on the small hand-written corpus:
// follow-up check, search, rerank, course check and composition.
func BenchmarkAsk_FakeSearch(b *testing.B) {
	a := newTestAdvisor(b, &fakeSearcher{chunks: testChunks, confident: true}, nil)
	b.ReportAllocs()
	for b.Loop() {
		r, _ := a.Ask(context.Background(), "Can you suggest a free online course on medical terminology?", nil, nil)
		benchSink = r.Text
	}
}

// BenchmarkCheckCitations validates and renumbers the citations of a model reply.
func BenchmarkCheckCitations(b *testing.B) {
	const reply = "Medical records specialists earned a median of $50,250 in May 2024 [1]. " +
		"Growth is projected at 7% from 2024 to 2034 [2][9], and certified coders earn more [1, 3]."
	b.ReportAllocs()
	for b.Loop() {
		benchSink, _ = checkCitations(reply, 5)
	}
}
