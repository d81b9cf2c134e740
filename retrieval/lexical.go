package retrieval

import (
	"math"
	"slices"
	"sync"
)

// BM25 parameters (the usual defaults).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// lexIndex is an inverted index with BM25 scoring. Searching touches only the
// postings of the query's terms; per-query scratch space comes from a pool, so a
// search allocates nothing in proportion to the number of chunks. Read-only after
// build and safe for concurrent use.
type lexIndex struct {
	ids      map[string]int32 // term → term id
	postings [][]posting      // by term id, sorted by doc
	docLen   []float32
	avgLen   float32
	// norm is each document's BM25 length normalisation (see [lexIndex.termScore]),
	// computed from docLen by initScratch.
	norm    []float32 `snapshot:"-"`
	topic   []int32   // topic id per doc
	topics  map[string]int32
	scratch sync.Pool `snapshot:"-"` // *lexScratch
}

type posting struct {
	doc int32
	tf  float32
}

// lexScratch is one search's per-document accumulators, indexed by document; only
// the touched documents are non-zero, and they are cleared on release.
type lexScratch struct {
	scores  []float32
	matched []float64 // gate weight of the query slots the document matches
	last    []int32   // 1 + the last slot that counted towards matched
	touched []int32
	total   float64 // gate weight of all slots
	hits    []lexHit
}

// lexDoc is one document to index: weighted fields of terms.
type lexDoc struct {
	topic  string
	fields []lexField
}

type lexField struct {
	terms  []string
	weight float32
}

// newLexIndex indexes docs; doc i gets id i.
func newLexIndex(docs []lexDoc) *lexIndex {
	x := &lexIndex{ids: map[string]int32{}, topics: map[string]int32{}}
	x.docLen = make([]float32, len(docs))
	x.topic = make([]int32, len(docs))
	var total float64
	for i, d := range docs {
		tid, ok := x.topics[d.topic]
		if !ok {
			tid = int32(len(x.topics))
			x.topics[d.topic] = tid
		}
		x.topic[i] = tid
		tf := map[string]float32{}
		var order []string
		for _, f := range d.fields {
			for _, t := range f.terms {
				if _, seen := tf[t]; !seen {
					order = append(order, t)
				}
				tf[t] += f.weight
				x.docLen[i] += f.weight
			}
		}
		total += float64(x.docLen[i])
		for _, t := range order {
			id, ok := x.ids[t]
			if !ok {
				id = int32(len(x.postings))
				x.ids[t] = id
				x.postings = append(x.postings, nil)
			}
			x.postings[id] = append(x.postings[id], posting{doc: int32(i), tf: tf[t]})
		}
	}
	if len(docs) > 0 {
		x.avgLen = float32(total / float64(len(docs)))
	}
	x.initScratch()
	return x
}

// initScratch sets up the run-time state derived from the persisted fields: the
// pool of per-search accumulators and the documents' length normalisations.
func (x *lexIndex) initScratch() {
	n := len(x.docLen)
	x.norm = make([]float32, n)
	for d, l := range x.docLen {
		x.norm[d] = bm25K1 * (1 - bm25B + bm25B*l/x.avgLen)
	}
	x.scratch.New = func() any {
		return &lexScratch{scores: make([]float32, n), matched: make([]float64, n), last: make([]int32, n)}
	}
}

// df is the number of documents containing term (0 when unknown).
func (x *lexIndex) df(term string) int {
	if id, ok := x.ids[term]; ok {
		return len(x.postings[id])
	}
	return 0
}

// id is term's id, -1 when unknown.
func (x *lexIndex) id(term string) int32 {
	if id, ok := x.ids[term]; ok {
		return id
	}
	return -1
}

// dfOf is the number of documents containing the term of id (0 for -1).
func (x *lexIndex) dfOf(id int32) int {
	if id < 0 {
		return 0
	}
	return len(x.postings[id])
}

// idf is the BM25 inverse document frequency for a document frequency; unknown
// terms (df 0) get the largest value.
func (x *lexIndex) idf(df int) float64 {
	n := float64(len(x.docLen))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// termScore is the BM25 contribution of one posting.
func (x *lexIndex) termScore(idf float64, p posting) float32 {
	return float32(idf) * p.tf * (bm25K1 + 1) / (p.tf + x.norm[p.doc])
}

// lexQuery is an analysed query: slots (one per content word) whose alternatives are
// the word itself, a spelling correction or a synonym concept, each with a weight.
// A document's score is the sum of the weighted BM25 scores of all alternatives; the
// weights keep a slot's alternatives from outweighing the word itself.
type lexQuery struct {
	slots []lexSlot
	// learning: the query shows learning intent (see [hasLearningIntent]).
	learning bool
	// entities: the uncommon entities the query names (see [Entities]).
	entities []uint16
	// become: the target of "become" in the query, or nil (see [becomeTarget]).
	become *becomeTarget
	// field: the query names the field (see [Engine.namesField]).
	field bool
}

type lexSlot struct {
	alts   []lexAlt
	idf    float64 // idf of the word as written
	weight float64 // weight of the slot for confidence (see [Engine.gateWeights])
	anchor bool    // an anchor concept covers the word
	term   string  // the word's term as written
	// corrected: the word is unknown and its alternative is a spelling correction.
	corrected bool
	// written: alts[0] is the word as written or its correction.
	written bool
}

type lexAlt struct {
	id  int32
	w   float32
	idf float64
}

// lexHit is one lexical result.
type lexHit struct {
	doc   int32
	score float32
}

// run scores every document that q's postings reach (of topic, when not ""), and
// returns the accumulators: [lexScratch.get] then gives any document's score and
// matched share in constant time. The caller must release it.
func (x *lexIndex) run(q lexQuery, topic string) *lexScratch {
	s := x.scratch.Get().(*lexScratch)
	tid := int32(-1)
	if topic != "" {
		var ok bool
		if tid, ok = x.topics[topic]; !ok {
			return s
		}
	}
	for si, slot := range q.slots {
		s.total += slot.weight
		for _, a := range slot.alts {
			for _, p := range x.postings[a.id] {
				if tid >= 0 && x.topic[p.doc] != tid {
					continue
				}
				if s.last[p.doc] == 0 {
					s.touched = append(s.touched, p.doc)
				}
				if s.last[p.doc] != int32(si+1) {
					s.last[p.doc] = int32(si + 1)
					s.matched[p.doc] += slot.weight
				}
				s.scores[p.doc] += a.w * x.termScore(a.idf, p)
			}
		}
	}
	return s
}

// get returns doc's BM25 score and the gate-weighted fraction of the query's slots it
// matches: the summed weights of the slots with an alternative in doc, over the
// summed weights of all slots.
func (s *lexScratch) get(doc int32) (score float32, matched float64) {
	if s.total > 0 {
		matched = s.matched[doc] / s.total
	}
	return s.scores[doc], matched
}

// release clears the accumulators and returns them to the pool.
func (x *lexIndex) release(s *lexScratch) {
	for _, d := range s.touched {
		s.scores[d], s.matched[d], s.last[d] = 0, 0, 0
	}
	s.touched, s.hits, s.total = s.touched[:0], s.hits[:0], 0
	x.scratch.Put(s)
}

// topHits selects the m best touched documents with a bounded min-heap, into
// s.hits (valid until release).
func topHits(s *lexScratch, m int) []lexHit {
	if m <= 0 {
		return nil
	}
	h := s.hits[:0]
	for _, d := range s.touched {
		c := lexHit{d, s.scores[d]}
		if len(h) < m {
			h = append(h, c)
			for i := len(h) - 1; i > 0 && h[i].worse(h[(i-1)/2]); i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
			continue
		}
		if !h[0].worse(c) {
			continue
		}
		h[0] = c
		for i := 0; ; {
			l, r, min := 2*i+1, 2*i+2, i
			if l < len(h) && h[l].worse(h[min]) {
				min = l
			}
			if r < len(h) && h[r].worse(h[min]) {
				min = r
			}
			if min == i {
				break
			}
			h[i], h[min] = h[min], h[i]
			i = min
		}
	}
	slices.SortFunc(h, func(a, b lexHit) int {
		switch {
		case b.worse(a):
			return -1
		case a.worse(b):
			return 1
		}
		return 0
	})
	s.hits = h
	return h
}

// worse reports whether h ranks below o: a lower score, or an equal score and a
// later document.
func (h lexHit) worse(o lexHit) bool {
	return h.score < o.score || h.score == o.score && h.doc > o.doc
}
