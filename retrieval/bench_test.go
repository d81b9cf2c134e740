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

	chromem "github.com/philippgille/chromem-go"

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

// synthDim is the vector dimension of the synthetic engine benchmarks: the local
// embedder's.
const synthDim = 512

// randomEmbedder gives each text a pseudo-random unit vector of dim dimensions seeded
// by its hash, so large synthetic indexes build quickly and identically on every run.
type randomEmbedder struct{ dim int }

func (randomEmbedder) Name() string    { return "random" }
func (r randomEmbedder) Model() string { return fmt.Sprintf("seeded-%d", r.dim) }
func (r randomEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		h := fnv.New64a()
		h.Write([]byte(t))
		out[i] = randomUnit(rand.New(rand.NewPCG(h.Sum64(), 42)), r.dim)
	}
	return out, nil
}

func randomUnit(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	for j := range v {
		v[j] = float32(r.NormFloat64())
	}
	return normalize(v)
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
	e := openTest(b, c, randomEmbedder{synthDim}, "")
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

func BenchmarkSearch_10k(b *testing.B) { benchSearch(b, 10_000) }

// benchLexical measures the lexical side alone (analysis and BM25 over postings).
func benchLexical(b *testing.B, n int) {
	e := synthEngine(b, n)
	b.ReportAllocs()
	qt := new(queryText) // reused, as a search reuses its pooled reading
	i := 0
	for b.Loop() {
		qt.read(benchQueries[i%len(benchQueries)])
		q := e.analyze(qt)
		s := e.lex.run(q, "")
		sinkAny = topHits(s, minCandidates)
		e.lex.release(s)
		i++
	}
}

func BenchmarkLexical_10k(b *testing.B) { benchLexical(b, 10_000) }

// vectorSet is n seeded random unit vectors held three ways: a chromem-go
// collection, the engine's packed view, and a plain slice of slices for the flat scan.
type vectorSet struct {
	coll    *chromem.Collection
	view    *vectorView
	vecs    [][]float32
	queries [][]float32
}

var vectorSets sync.Map // "n×dim" → *vectorSet

func newVectorSet(b *testing.B, n, dim int) *vectorSet {
	key := fmt.Sprintf("%d×%d", n, dim)
	if v, ok := vectorSets.Load(key); ok {
		return v.(*vectorSet)
	}
	r := rand.New(rand.NewPCG(uint64(n), uint64(dim)))
	vs := &vectorSet{vecs: make([][]float32, n)}
	docs := make([]chromem.Document, n)
	for i := range vs.vecs {
		vs.vecs[i] = randomUnit(r, dim)
		docs[i] = chromem.Document{ID: fmt.Sprintf("c%d", i), Embedding: vs.vecs[i],
			Metadata: map[string]string{"topic": corpus.Topics[i%len(corpus.Topics)]}}
	}
	for range 16 {
		vs.queries = append(vs.queries, randomUnit(r, dim))
	}
	coll, err := chromem.NewDB().CreateCollection("bench", nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := coll.AddDocuments(context.Background(), docs, 2); err != nil {
		b.Fatal(err)
	}
	vs.coll, vs.view = coll, newVectorView(vs.vecs, false)
	vectorSets.Store(key, vs)
	return vs
}

// flatScan is the plain exhaustive search the packed view is measured against: one
// dot product per stored vector, a sorted top-k list.
func flatScan(vecs [][]float32, q []float32, k int) []vecHit {
	top := make([]vecHit, 0, k+1)
	for i, v := range vecs {
		var s float32
		for j := range q {
			s += q[j] * v[j]
		}
		if len(top) == k && s <= top[k-1].sim {
			continue
		}
		at := sort.Search(len(top), func(x int) bool { return top[x].sim < s })
		top = append(top, vecHit{})
		copy(top[at+1:], top[at:])
		top[at] = vecHit{int32(i), s}
		top = top[:min(len(top), k)]
	}
	return top
}

// vectorK is the neighbours asked of each vector search: the engine's candidate
// count for the default k.
const vectorK = minCandidates

// benchVectorsPaired runs, per query and in one loop (so all three see the same
// machine state), the engine's packed scan, chromem-go's QueryEmbedding and the flat
// scan over the same n vectors of dim dimensions, checks that they agree on the
// nearest neighbour, and reports each one's time per query and the ratios.
func benchVectorsPaired(b *testing.B, n, dim int) {
	vs := newVectorSet(b, n, dim)
	ctx := context.Background()
	var ours, raw, flat time.Duration
	var out []vecHit
	i := 0
	for b.Loop() {
		q := vs.queries[i%len(vs.queries)]
		t0 := time.Now()
		var pq queryVec
		pq.prepare(q)
		out, _ = vs.view.top(&pq, vectorK, nil, out[:0], nil)
		t1 := time.Now()
		r, err := vs.coll.QueryEmbedding(ctx, q, vectorK, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		f := flatScan(vs.vecs, q, vectorK)
		t3 := time.Now()
		ours, raw, flat = ours+t1.Sub(t0), raw+t2.Sub(t1), flat+t3.Sub(t2)
		if r[0].ID != fmt.Sprintf("c%d", out[0].doc) || f[0].doc != out[0].doc {
			b.Fatalf("nearest neighbour: packed c%d, chromem %s, flat c%d", out[0].doc, r[0].ID, f[0].doc)
		}
		i++
	}
	b.ReportMetric(float64(ours.Nanoseconds())/float64(i), "packed-ns/query")
	b.ReportMetric(float64(raw.Nanoseconds())/float64(i), "chromem-ns/query")
	b.ReportMetric(float64(flat.Nanoseconds())/float64(i), "flat-ns/query")
	b.ReportMetric(float64(ours)/float64(flat), "packed/flat")
	b.ReportMetric(float64(raw)/float64(flat), "chromem/flat")
}

func BenchmarkVectorsPaired_10k_512(b *testing.B)   { benchVectorsPaired(b, 10_000, 512) }
func BenchmarkVectorsPaired_100k_512(b *testing.B)  { benchVectorsPaired(b, 100_000, 512) }
func BenchmarkVectorsPaired_100k_1536(b *testing.B) { benchVectorsPaired(b, 100_000, 1536) }
