package peers

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// sizes are the corpus sizes compared, in sections; 0 is the built-in corpus. The
// others are made by the synthetic-corpus generator (the built-in corpus plus
// generated documents), so the evaluation questions keep their answers at every size.
var sizes = []int{0, 1_000, 10_000, 50_000}

// world is one corpus size with everything the comparison searches.
type world struct {
	eng       *retrieval.Engine
	bleve     bleve.Index
	emb       retrieval.Embedder
	ids       []string    // chunk ids, in chunk order
	vecs      [][]float32 // chunk vectors, in chunk order, for the flat scan
	questions []string
}

var worlds sync.Map // size → *world

var (
	sinkResults retrieval.Results
	sinkBleve   *bleve.SearchResult
)

func sizeName(n int) string {
	if n == 0 {
		return "builtin"
	}
	return strconv.Itoa(n/1000) + "k"
}

// BenchmarkPeers compares, per question and in one loop (so every side sees the same
// machine state), the engine's full search (analysis, query embedding, vector and
// BM25 candidates, fusion, confidence; k=5) with bleve's BM25 search for the same
// question over the same sections (default mapping, scorch, k=5), and the vector side
// alone three ways on the engine's vectors: chromem-go's QueryEmbedding and a flat
// scan, both for the engine's 20 vector candidates. It reports each side's median
// and 99th percentile per question in microseconds.
func BenchmarkPeers(b *testing.B) {
	for _, n := range sizes {
		if n > 10_000 && testing.Short() {
			continue
		}
		b.Run(sizeName(n), func(b *testing.B) { benchPeers(b, n) })
	}
}

func benchPeers(b *testing.B, n int) {
	w := loadWorld(b, n)
	ctx := context.Background()
	var ours, peer, raw, flat []time.Duration
	i := 0
	for b.Loop() {
		q := w.questions[i%len(w.questions)]
		i++
		t0 := time.Now()
		res, err := w.eng.Search(ctx, q, retrieval.SearchOptions{K: 5})
		t1 := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 5, 0, false)
		t2 := time.Now()
		br, err := w.bleve.Search(req)
		t3 := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		qv, err := w.emb.Embed(ctx, []string{q})
		if err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		cr, err := w.eng.Collection().QueryEmbedding(ctx, qv[0], 20, nil, nil)
		t5 := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		fs := flatScan(w.vecs, qv[0], 20)
		t6 := time.Now()
		ours, peer = append(ours, t1.Sub(t0)), append(peer, t3.Sub(t2))
		raw, flat = append(raw, t5.Sub(t4)), append(flat, t6.Sub(t5))
		if cr[0].ID != w.ids[fs[0]] {
			b.Fatalf("%q: nearest chunk: chromem-go %s, flat scan %s", q, cr[0].ID, w.ids[fs[0]])
		}
		sinkResults, sinkBleve = res, br
	}
	report(b, "ours", ours)
	report(b, "bleve", peer)
	report(b, "chromem20", raw)
	report(b, "flat20", flat)
	b.ReportMetric(float64(percentile(ours, 50))/float64(percentile(peer, 50)), "ours/bleve-p50")
}

func report(b *testing.B, name string, ds []time.Duration) {
	b.ReportMetric(float64(percentile(ds, 50).Nanoseconds())/1e3, name+"-p50-us")
	b.ReportMetric(float64(percentile(ds, 99).Nanoseconds())/1e3, name+"-p99-us")
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

// flatScan is the plain exhaustive search: one dot product per vector, a sorted top-k.
func flatScan(vecs [][]float32, q []float32, k int) []int {
	type hit struct {
		i int
		s float32
	}
	top := make([]hit, 0, k+1)
	for i, v := range vecs {
		var s float32
		for j := range q {
			s += q[j] * v[j]
		}
		if len(top) == k && s <= top[k-1].s {
			continue
		}
		at := sort.Search(len(top), func(x int) bool { return top[x].s < s })
		top = append(top, hit{})
		copy(top[at+1:], top[at:])
		top[at] = hit{i, s}
		top = top[:min(len(top), k)]
	}
	out := make([]int, len(top))
	for i, h := range top {
		out[i] = h.i
	}
	return out
}

// loadWorld builds (once per size) the engine, the bleve index and the flat vectors.
func loadWorld(b *testing.B, n int) *world {
	if w, ok := worlds.Load(n); ok {
		return w.(*world)
	}
	c := loadCorpus(b, n)
	ctx := context.Background()
	w := &world{emb: retrieval.NewLocalEmbedder(c.Synonyms), questions: questions(b)}
	var err error
	if w.eng, err = retrieval.Open(ctx, retrieval.Config{Corpus: c, Embedder: w.emb}); err != nil {
		b.Fatal(err)
	}
	w.bleve = bleveIndex(b, w.eng.Chunks())
	for _, ch := range w.eng.Chunks() {
		d, err := w.eng.Collection().GetByID(ctx, ch.ID)
		if err != nil {
			b.Fatal(err)
		}
		w.ids, w.vecs = append(w.ids, ch.ID), append(w.vecs, d.Embedding)
	}
	worlds.Store(n, w)
	return w
}

// loadCorpus returns the built-in corpus (n = 0) or a generated one of n sections.
func loadCorpus(b *testing.B, n int) *corpus.Corpus {
	fsys := corpus.Embedded()
	if n > 0 {
		dir := filepath.Join(b.TempDir(), "corpus")
		cmd := exec.Command("go", "run", "./retrieval/internal/gencorpus", "-sections", strconv.Itoa(n), "-out", dir)
		cmd.Dir = "../.."
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("generate corpus: %v\n%s", err, out)
		}
		fsys = os.DirFS(dir)
	}
	c, err := corpus.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// bleveDoc is one section as bleve indexes it.
type bleveDoc struct {
	Heading string `json:"heading"`
	Title   string `json:"title"`
	Text    string `json:"text"`
}

// bleveIndex indexes the chunks with bleve's default mapping and BM25 scoring.
func bleveIndex(b *testing.B, chunks []retrieval.Chunk) bleve.Index {
	m := mapping.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	idx, err := bleve.New(filepath.Join(b.TempDir(), "bleve"), m)
	if err != nil {
		b.Fatal(err)
	}
	batch := idx.NewBatch()
	for _, c := range chunks {
		if err := batch.Index(c.ID, bleveDoc{Heading: c.Section, Title: c.Title, Text: c.Text}); err != nil {
			b.Fatal(err)
		}
		if batch.Size() >= 1000 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch.Reset()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	return idx
}

// questions reads the evaluation questions (every kind: the bot searches for all of
// them) from ../shared/eval, found from the working directory upwards, or from the
// files named by PEERS_QUESTIONS (comma-separated).
func questions(b *testing.B) []string {
	var files []string
	if env := os.Getenv("PEERS_QUESTIONS"); env != "" {
		files = filepath.SplitList(env)
	} else {
		dir, _ := os.Getwd()
		for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "shared", "eval", "questions.jsonl")); err == nil {
				files = []string{filepath.Join(dir, "shared", "eval", "questions.jsonl"), filepath.Join(dir, "shared", "eval", "members.jsonl")}
				break
			}
		}
	}
	var qs []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			var q struct{ Question string }
			if json.Unmarshal(sc.Bytes(), &q) == nil && q.Question != "" {
				qs = append(qs, q.Question)
			}
		}
		fh.Close()
	}
	if len(qs) == 0 {
		b.Skip(fmt.Sprintf("no evaluation questions found (set PEERS_QUESTIONS): %v", files))
	}
	return qs
}
