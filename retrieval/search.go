package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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

// Candidate generation is lexical first. The lexical side's m best chunks are the
// candidates, and the vector side scores them (a few dot products) instead of
// scanning every chunk for its own m nearest. A chunk that matches no query word can
// only reach the top k through the vector score (fuseVector of the fused score) when
// the lexical evidence is weak; so when the lexical side finds fewer than m chunks (a
// query of rare, misspelt or unknown words) the vector side also scans every chunk
// for its m nearest. On the evaluation question sets this gives the same retrieval
// and answer metrics as always scanning, at a fraction of the cost, and the cost of a
// search no longer grows with the number of chunks times the dimension.

// searchScratch is per-search working memory, pooled so that a search allocates
// nothing in proportion to the number of chunks.
type searchScratch struct {
	cands []candidate
	at    []int32 // by chunk: index+1 into cands, 0 when absent
	vhits []vecHit
	list  []*candidate
	qv    queryVec
	acc   []float32   // per-chunk similarities of a sparse query
	text  queryText   // the query, read once
	qvec  []float32   // the query vector of a [queryEmbedder]
	qnz   []int32     // the components of qvec its features add to
	lex   *lexScratch // the lexical search's accumulators, until putScratch
}

// Search returns the chunks that best answer query: vector similarity (a packed view
// of the chromem-go collection's vectors) fused with BM25 over an inverted index,
// optionally restricted to opts.Topic, at most opts.K results (default [DefaultK],
// clamped to the collection size). A blank query gives empty Results and no error.
// The query is normalised first (see [Normalizer]). Results.Confidence and
// Results.Confident carry the confidence gate (see [ConfidenceGate]). Safe for
// concurrent use.
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
	s := e.scratch.Get().(*searchScratch)
	defer e.putScratch(s)
	s.text.read(query)
	q := e.analyze(&s.text)
	s.lex = e.lex.run(q, opts.Topic)
	lex := topHits(s.lex, m)
	for _, h := range lex {
		s.add(h.doc).lex = h.score
	}
	hasVec, err := e.queryVector(ctx, query, s)
	if err != nil {
		return res, err
	}
	if hasVec && len(lex) < m {
		e.vectorCandidates(opts.Topic, m, s)
	}
	list := e.complete(hasVec, s)
	homes := e.homeTopics(query)
	for _, c := range list {
		c.prior = e.prior(c.doc, q.learning) * e.entityFactor(c.doc, q.entities) * e.becomeFactor(c.doc, q.become) * e.homeFactor(c.doc, homes)
	}
	fuse(list)
	res.Hits = make([]Hit, 0, min(k, len(list)))
	for i, c := range list[:min(k, len(list))] {
		res.Hits = append(res.Hits, Hit{Chunk: e.chunks[c.doc], Rank: i + 1, Score: c.fused})
	}
	res.Confidence = confidence(q, list)
	if e.foreignSubject(&s.text) {
		res.Confidence *= foreignSubjectFactor
	}
	if !q.field {
		res.Confidence *= fieldlessFactor
	}
	res.Confident = res.Confidence >= ConfidenceGate
	return res, nil
}

// add returns the candidate for doc, adding it (both scores unknown: -1) if new.
func (s *searchScratch) add(doc int32) *candidate {
	if i := s.at[doc]; i > 0 {
		return &s.cands[i-1]
	}
	s.cands = append(s.cands, candidate{doc: doc, vec: -1, lex: -1})
	s.at[doc] = int32(len(s.cands))
	return &s.cands[len(s.cands)-1]
}

func (e *Engine) newScratch() any {
	return &searchScratch{at: make([]int32, len(e.chunks))}
}

func (e *Engine) putScratch(s *searchScratch) {
	if s.lex != nil {
		e.lex.release(s.lex)
		s.lex = nil
	}
	for _, c := range s.cands {
		s.at[c.doc] = 0
	}
	s.cands, s.vhits, s.qv.dense = s.cands[:0], s.vhits[:0], nil
	clear(s.list)
	s.list = s.list[:0]
	e.scratch.Put(s)
}

// queryEmbedder is implemented by embedders that read text the way the engine does
// (the local one): embedQuery gives the vector Embed would give for the text qt was
// read from, written into v (of [LocalDimension] components), and appends to nz the
// components that may be non-zero, in ascending order (every other one is zero), so a
// search embeds the query it has already read without tokenising it again and reads
// only those components. Its vectors are finite by construction.
type queryEmbedder interface {
	embedQuery(v []float32, nz []int32, qt *queryText) ([]float32, []int32)
}

// queryVector embeds the query (read into s.text) and prepares it in s.qv; false when
// it has no vector features (e.g. a query of punctuation), which makes the search
// lexical only.
func (e *Engine) queryVector(ctx context.Context, query string, s *searchScratch) (bool, error) {
	if qe, ok := e.emb.(queryEmbedder); ok {
		if err := ctx.Err(); err != nil {
			return false, fmt.Errorf("embed query: %w", err)
		}
		if len(s.qvec) != LocalDimension {
			s.qvec = make([]float32, LocalDimension)
		}
		v, nz := qe.embedQuery(s.qvec, s.qnz[:0], &s.text)
		s.qnz = nz
		return len(v) == e.stats.Dimension && s.qv.prepareAt(v, nz), nil
	}
	vs, err := e.emb.Embed(ctx, []string{query})
	if err != nil {
		return false, fmt.Errorf("embed query: %w", err)
	}
	if len(vs) != 1 || !validVector(vs[0], e.stats.Dimension) {
		return false, nil
	}
	s.qv.prepare(vs[0])
	return true, nil
}

// vectorCandidates adds the m chunks nearest to the query vector s.qv (of topic,
// when set) to s.
func (e *Engine) vectorCandidates(topic string, m int, s *searchScratch) {
	var keep func(int32) bool
	if topic != "" {
		tid := e.lex.topics[topic]
		keep = func(d int32) bool { return e.lex.topic[d] == tid }
	}
	s.vhits, s.acc = e.vecs.top(&s.qv, m, keep, s.vhits[:0], s.acc)
	for _, h := range s.vhits {
		s.add(h.doc).vec = h.sim
	}
}

// complete fills in the score each candidate lacks (the vector similarity of a
// lexical-only candidate, the BM25 score of a vector-only one) and the share of the
// query each matches, and returns the candidates.
func (e *Engine) complete(hasVec bool, s *searchScratch) []*candidate {
	for i := range s.cands {
		c := &s.cands[i]
		lex, matched := s.lex.get(c.doc)
		c.matched = matched
		if c.lex < 0 {
			c.lex = lex
		}
		if c.vec < 0 {
			c.vec = 0
			if hasVec {
				c.vec = e.vecs.dot(&s.qv, c.doc)
			}
		}
		s.list = append(s.list, c)
	}
	return s.list
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
	slices.SortFunc(list, func(a, b *candidate) int {
		if a.fused != b.fused {
			return cmp.Compare(b.fused, a.fused)
		}
		return cmp.Compare(a.doc, b.doc)
	})
}

func (e *Engine) hasTopic(t string) bool {
	_, ok := e.lex.topics[t]
	return ok
}
