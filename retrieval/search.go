package retrieval

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// DefaultK is the number of results when SearchOptions.K is 0.
const DefaultK = 5

// Fusion weights: the fused score is a weighted sum of the vector similarity and the
// BM25 score, each divided by the best of its kind among the candidates, so both
// lie in 0..1 and the fused score does too.
const (
	fuseVector  = 0.3
	fuseLexical = 0.7
)

// minCandidates is how many results each side (vector, lexical) contributes at
// least; both sides' candidates are scored by both measures and fused.
const minCandidates = 20

// candidate is one chunk under consideration with its two raw scores.
type candidate struct {
	doc     int32
	vec     float32
	lex     float32
	matched float64
	prior   float64 // factor on the fused score (see [Engine.prior] and [Engine.entityFactor])
	fused   float64
}

// Search returns the chunks that best answer query: vector similarity (chromem-go)
// fused with BM25 over an inverted index, optionally restricted to opts.Topic, at most
// opts.K results (default [DefaultK], clamped to the collection size). A blank query
// gives empty Results and no error. The query is normalised first (see [Normalizer]). Results.Confidence and Results.Confident carry
// the confidence gate (see [ConfidenceGate]). Safe for concurrent use.
func (e *Engine) Search(ctx context.Context, query string, opts SearchOptions) (Results, error) {
	res := Results{Query: query}
	if strings.TrimSpace(query) == "" {
		return res, nil
	}
	if opts.Topic != "" && !e.hasTopic(opts.Topic) {
		return res, nil
	}
	k := opts.K
	if k <= 0 {
		k = DefaultK
	}
	k = min(k, len(e.chunks))
	m := max(4*k, minCandidates)
	query = e.norm.Normalize(query)
	q := e.analyze(query)
	cands := map[int32]*candidate{}
	qv, err := e.vectorCandidates(ctx, query, opts.Topic, m, cands)
	if err != nil {
		return res, err
	}
	for _, h := range e.lex.search(q, opts.Topic, m) {
		if c, ok := cands[h.doc]; ok {
			c.lex = h.score
		} else {
			cands[h.doc] = &candidate{doc: h.doc, lex: h.score, vec: -1}
		}
	}
	list := e.complete(ctx, q, qv, cands)
	for _, c := range list {
		c.prior = e.prior(c.doc, q.learning) * e.entityFactor(c.doc, q.entities) * e.becomeFactor(c.doc, q.become)
	}
	fuse(list)
	for i, c := range list[:min(k, len(list))] {
		res.Hits = append(res.Hits, Hit{Chunk: e.chunks[c.doc], Rank: i + 1, Score: c.fused})
	}
	res.Confidence = confidence(q, list)
	if e.foreignSubject(query) {
		res.Confidence *= foreignSubjectFactor
	}
	if !q.field {
		res.Confidence *= fieldlessFactor
	}
	res.Confident = res.Confidence >= ConfidenceGate
	return res, nil
}

// vectorCandidates adds the m nearest chunks by vector similarity to cands and
// returns the query vector, nil when the query has no vector features.
func (e *Engine) vectorCandidates(ctx context.Context, query, topic string, m int, cands map[int32]*candidate) ([]float32, error) {
	vs, err := e.emb.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vs) != 1 || !validVector(vs[0], e.stats.Dimension) {
		return nil, nil // nothing to compare (e.g. a query of punctuation); lexical only
	}
	qv := vs[0]
	var where map[string]string
	if topic != "" {
		where = map[string]string{"topic": topic}
	}
	n := min(m, e.coll.Count())
	if n == 0 {
		return qv, nil
	}
	rs, err := e.coll.QueryEmbedding(ctx, qv, n, where, nil)
	if err != nil {
		return nil, fmt.Errorf("query vectors: %w", err)
	}
	for _, r := range rs {
		if d, ok := e.byID[r.ID]; ok {
			cands[d] = &candidate{doc: d, vec: r.Similarity}
		}
	}
	return qv, nil
}

// complete fills in the score each candidate lacks (the vector similarity of a
// lexical-only candidate, the BM25 score of a vector-only one) and returns the
// candidates in a deterministic order.
func (e *Engine) complete(ctx context.Context, q lexQuery, qv []float32, cands map[int32]*candidate) []*candidate {
	list := make([]*candidate, 0, len(cands))
	for _, c := range cands {
		lex, matched := e.lex.score(q, c.doc)
		c.matched = matched
		if c.lex == 0 {
			c.lex = lex
		}
		if c.vec < 0 {
			c.vec = 0
			if qv == nil {
				continue
			}
			if e.vecs != nil {
				c.vec = dot(qv, e.vecs[c.doc])
			} else if d, err := e.coll.GetByID(ctx, e.chunks[c.doc].ID); err == nil && len(d.Embedding) == len(qv) {
				c.vec = dot(qv, d.Embedding)
			}
		}
	}
	for _, c := range cands {
		list = append(list, c)
	}
	return list
}

// fuse computes fused scores, scaled by each candidate's prior, and sorts best first
// (ties by corpus order).
func fuse(list []*candidate) {
	var maxVec, maxLex float32
	for _, c := range list {
		maxVec, maxLex = max(maxVec, c.vec), max(maxLex, c.lex)
	}
	for _, c := range list {
		var f float64
		if maxVec > 0 {
			f += fuseVector * float64(max(c.vec, 0)/maxVec)
		}
		if maxLex > 0 {
			f += fuseLexical * float64(c.lex/maxLex)
		}
		c.fused = f * c.prior
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].fused != list[j].fused {
			return list[i].fused > list[j].fused
		}
		return list[i].doc < list[j].doc
	})
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func (e *Engine) hasTopic(t string) bool {
	_, ok := e.lex.topics[t]
	return ok
}
