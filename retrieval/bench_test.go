package retrieval

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/corpus"
)

var (
	sinkResults Results
	sinkAny     any
)

var benchQueries = []string{
	"How much do medical records specialists earn?",
	"What certification should I get to become a coder?",
	"Can I work from home as a medical coder?",
	"What classes are in a health information technology program?",
	"Will AI replace medical coders?",
}

func builtinCorpus(tb testing.TB) *corpus.Corpus {
	tb.Helper()
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// BenchmarkEngine_Search_Builtin is a warm search on the built-in corpus with the
// local embedder: analysis, query embedding, vector and lexical search, fusion.
func BenchmarkEngine_Search_Builtin(b *testing.B) {
	c := builtinCorpus(b)
	e := openTest(b, c, NewLocalEmbedder(c.Synonyms), "")
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkResults, _ = e.Search(ctx, benchQueries[i%len(benchQueries)], SearchOptions{K: 5})
		i++
	}
}

// BenchmarkOpen_Builtin builds the in-memory index of the built-in corpus: chunking,
// local embedding, chromem-go collection and lexical index.
func BenchmarkOpen_Builtin(b *testing.B) {
	c := builtinCorpus(b)
	emb := NewLocalEmbedder(c.Synonyms)
	b.ReportAllocs()
	for b.Loop() {
		sinkAny = openTest(b, c, emb, "")
	}
}

// BenchmarkOpen_BuiltinFromFile opens the built-in corpus from a saved index file.
func BenchmarkOpen_BuiltinFromFile(b *testing.B) {
	c := builtinCorpus(b)
	emb := NewLocalEmbedder(c.Synonyms)
	dir := b.TempDir()
	openTest(b, c, emb, dir)
	b.ReportAllocs()
	for b.Loop() {
		sinkAny = openTest(b, c, emb, dir)
	}
}

// synthDim is the vector dimension of the synthetic benchmarks.
const synthDim = 256

// randomEmbedder gives each text a pseudo-random unit vector seeded by its hash, so
// large synthetic indexes build quickly and identically on every run.
type randomEmbedder struct{}

func (randomEmbedder) Name() string  { return "random" }
func (randomEmbedder) Model() string { return fmt.Sprintf("seeded-%d", synthDim) }
func (randomEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		h := fnv.New64a()
		h.Write([]byte(t))
		r := rand.New(rand.NewPCG(h.Sum64(), 42))
		v := make([]float32, synthDim)
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		out[i] = normalize(v)
	}
	return out, nil
}

var synthEngines sync.Map // size → *Engine

// synthEngine builds (once per size) an engine over n synthetic chunks whose texts
// are 40 words drawn from the built-in corpus's vocabulary.
func synthEngine(b *testing.B, n int) *Engine {
	if e, ok := synthEngines.Load(n); ok {
		return e.(*Engine)
	}
	words := map[string]bool{}
	for _, ch := range BuildChunks(builtinCorpus(b)) {
		forEachToken(ch.Text, func(tok string) { words[tok] = true })
	}
	vocab := make([]string, 0, len(words))
	for w := range words {
		vocab = append(vocab, w)
	}
	sort.Strings(vocab)
	r := rand.New(rand.NewPCG(7, 7))
	c := &corpus.Corpus{}
	const perDoc = 10
	for d := 0; d < n/perDoc; d++ {
		doc := corpus.Document{ID: fmt.Sprintf("doc-%d", d), Title: fmt.Sprintf("Synthetic document %d", d),
			Topic: corpus.Topics[d%len(corpus.Topics)], Sources: []corpus.Source{{Key: "ex", URL: "https://example.org"}}, AsOf: "2025-01"}
		for s := 0; s < perDoc; s++ {
			var t strings.Builder
			for range 40 {
				t.WriteString(vocab[r.IntN(len(vocab))])
				t.WriteByte(' ')
			}
			doc.Sections = append(doc.Sections, corpus.Section{Heading: fmt.Sprintf("Section %d", s), Slug: fmt.Sprintf("s%d", s), Text: t.String()})
		}
		c.Docs = append(c.Docs, doc)
	}
	e := openTest(b, c, randomEmbedder{}, "")
	synthEngines.Store(n, e)
	return e
}

func benchSearch(b *testing.B, n int) {
	e := synthEngine(b, n)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkResults, _ = e.Search(ctx, benchQueries[i%len(benchQueries)], SearchOptions{K: 5})
		i++
	}
}

// benchChromem runs raw chromem-go QueryEmbedding on the engine's own collection
// (the same vectors), with the same query vectors the engine's search computes.
func benchChromem(b *testing.B, n int) {
	e := synthEngine(b, n)
	ctx := context.Background()
	qv, _ := randomEmbedder{}.Embed(ctx, benchQueries)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r, err := e.coll.QueryEmbedding(ctx, qv[i%len(qv)], 5, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		sinkAny = r
		i++
	}
}

func BenchmarkSearch_10k(b *testing.B)        { benchSearch(b, 10_000) }
func BenchmarkChromemQuery_10k(b *testing.B)  { benchChromem(b, 10_000) }
func BenchmarkSearch_100k(b *testing.B)       { benchSearch(b, 100_000) }
func BenchmarkChromemQuery_100k(b *testing.B) { benchChromem(b, 100_000) }

// benchPaired alternates the engine's search and raw chromem-go QueryEmbedding on
// the same collection in one loop, so both see the same machine load, and reports
// each one's time per query and their ratio.
func benchPaired(b *testing.B, n int) {
	e := synthEngine(b, n)
	ctx := context.Background()
	qv, _ := randomEmbedder{}.Embed(ctx, benchQueries)
	var ours, raw time.Duration
	i := 0
	for b.Loop() {
		q := i % len(benchQueries)
		t0 := time.Now()
		sinkResults, _ = e.Search(ctx, benchQueries[q], SearchOptions{K: 5})
		t1 := time.Now()
		r, err := e.coll.QueryEmbedding(ctx, qv[q], 5, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		sinkAny = r
		raw += time.Since(t1)
		ours += t1.Sub(t0)
		i++
	}
	b.ReportMetric(float64(ours.Nanoseconds())/float64(i), "search-ns/query")
	b.ReportMetric(float64(raw.Nanoseconds())/float64(i), "chromem-ns/query")
	b.ReportMetric(float64(ours)/float64(raw), "ratio")
}

func BenchmarkPaired_10k(b *testing.B)  { benchPaired(b, 10_000) }
func BenchmarkPaired_100k(b *testing.B) { benchPaired(b, 100_000) }

// benchLexical measures the lexical side alone (analysis and BM25 over postings), the
// engine's work on top of chromem-go's vector query.
func benchLexical(b *testing.B, n int) {
	e := synthEngine(b, n)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := e.analyze(benchQueries[i%len(benchQueries)])
		sinkAny = e.lex.search(q, "", minCandidates)
		i++
	}
}

func BenchmarkLexical_10k(b *testing.B)  { benchLexical(b, 10_000) }
func BenchmarkLexical_100k(b *testing.B) { benchLexical(b, 100_000) }
