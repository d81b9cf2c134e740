package retrieval

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLexRun_MatchesScore checks that the accumulators of one lexical run give every
// document the same score and matched share as scoring it alone.
func TestLexRun_MatchesScore(t *testing.T) {
	c := builtinCorpus(t)
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	for _, query := range append(benchQueries, "certfication cost for the RHIT exam", "pizza") {
		q := e.analyze(readQuery(query))
		s := e.lex.run(q, "")
		for d := range e.chunks {
			gs, gm := s.get(int32(d))
			ws, wm := e.lex.score(q, int32(d))
			if math.Abs(float64(gs-ws)) > 1e-5 || math.Abs(gm-wm) > 1e-9 {
				t.Errorf("%q, chunk %d: run gives (%v, %v), score gives (%v, %v)", query, d, gs, gm, ws, wm)
			}
		}
		e.lex.release(s)
	}
}

// TestVectorView_TopMatchesChromem checks the packed scan against chromem-go's own
// query on the same collection, for sparse (local) and dense query vectors, with and
// without a topic filter.
func TestVectorView_TopMatchesChromem(t *testing.T) {
	c := builtinCorpus(t)
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	queries := [][]float32{randomUnit(r, LocalDimension)}
	for _, q := range benchQueries {
		v, _ := e.emb.Embed(ctx, []string{q})
		queries = append(queries, v[0])
	}
	for i, qv := range queries {
		for _, topic := range []string{"", "certification"} {
			var pq queryVec
			pq.prepare(qv)
			if i > 0 && !pq.sparse() {
				t.Errorf("query %d: a local query vector should be sparse", i)
			}
			var keep func(int32) bool
			var where map[string]string
			if topic != "" {
				tid := e.lex.topics[topic]
				keep = func(d int32) bool { return e.lex.topic[d] == tid }
				where = map[string]string{"topic": topic}
			}
			got, _ := e.vecs.top(&pq, 10, keep, nil, nil)
			want, err := e.coll.QueryEmbedding(ctx, qv, 10, where, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("query %d %q: %d hits, chromem-go %d", i, topic, len(got), len(want))
			}
			for j := range got {
				if math.Abs(float64(got[j].sim-want[j].Similarity)) > 1e-5 {
					t.Errorf("query %d %q rank %d: similarity %v (%s), chromem-go %v (%s)", i, topic, j, got[j].sim, e.chunks[got[j].doc].ID, want[j].Similarity, want[j].ID)
				}
			}
		}
	}
}

func TestDot_SparseMatchesDense(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 7, 8, 9, 512, 1536} {
		a, b := randomUnit(r, n), randomUnit(r, n)
		for i := range a {
			if i%5 != 0 {
				a[i] = 0
			}
		}
		var want float64
		for i := range a {
			want += float64(a[i]) * float64(b[i])
		}
		var q queryVec
		q.prepare(a)
		if got := q.dot(b); math.Abs(float64(got)-want) > 1e-5 {
			t.Errorf("n=%d: sparse %v, want %v", n, got, want)
		}
		if got := dot(a, b); math.Abs(float64(got)-want) > 1e-5 {
			t.Errorf("n=%d: dense %v, want %v", n, got, want)
		}
	}
}

// score computes q's BM25 score for one document from its postings alone, and the
// gate-weighted fraction of q's slots that the document matches: the reference
// that [lexIndex.run] is checked against.
func (x *lexIndex) score(q lexQuery, doc int32) (score float32, matched float64) {
	var total float64
	for _, slot := range q.slots {
		total += slot.weight
		hit := false
		for _, a := range slot.alts {
			ps := x.postings[a.id]
			i, ok := slices.BinarySearchFunc(ps, doc, func(p posting, d int32) int { return int(p.doc - d) })
			if ok {
				score += a.w * x.termScore(a.idf, ps[i])
				hit = true
			}
		}
		if hit {
			matched += slot.weight
		}
	}
	if total > 0 {
		matched /= total
	}
	return score, matched
}
