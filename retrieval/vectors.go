package retrieval

import (
	"slices"
	"sync"
)

// vectorView is a packed copy of the collection's vectors, built from it and
// persisted with the other derived structures. chromem-go stays the store of record
// (it is what the index file's vector section holds and exports); the view exists
// because contiguous memory is read at memory speed, where chromem-go's query walks
// a map of documents, filters them into a new slice, and feeds a shared heap from
// goroutines under a lock.
//
//   - By chunk (rows): chunk i's vector at [i*dim, (i+1)*dim), for the dot products
//     of single chunks (candidates) and for full scans with dense query vectors.
//   - By dimension (cols), only for embedders whose query vectors are sparse (see
//     [SparseQueries]): dimension j of every chunk at [j*n, (j+1)*n), so that a full
//     scan for a query with z non-zero components streams z contiguous columns
//     instead of all n·dim floats. Full scans are the exception (see
//     [Engine.Search]), so this copy is built on the first one, not persisted.
//
// Read-only after build and safe for concurrent use.
type vectorView struct {
	dim, n   int
	rows     []float32 // by chunk
	byDim    bool      // a by-dimension copy is wanted for full scans
	cols     []float32 `snapshot:"-"` // by dimension, built by colsOnce
	colsOnce sync.Once `snapshot:"-"`
}

// SparseQueries is implemented by embedders whose query vectors have few non-zero
// components (the local embedder hashes a question's few dozen features into 512
// dimensions), so that the engine also lays its vectors out by dimension.
type SparseQueries interface {
	SparseQueries() bool
}

// newVectorView packs vecs (all of length dim, in chunk order) by chunk, and also by
// dimension when byDim is set.
func newVectorView(vecs [][]float32, byDim bool) *vectorView {
	if len(vecs) == 0 {
		return &vectorView{}
	}
	n, dim := len(vecs), len(vecs[0])
	v := &vectorView{dim: dim, n: n, rows: make([]float32, 0, n*dim), byDim: byDim}
	for _, x := range vecs {
		v.rows = append(v.rows, x...)
	}
	return v
}

// columns returns the by-dimension copy, building it on first use; nil when the view
// has none.
func (v *vectorView) columns() []float32 {
	if !v.byDim {
		return nil
	}
	v.colsOnce.Do(func() {
		n := v.n
		v.cols = make([]float32, n*v.dim)
		for i := range n {
			for j, f := range v.rows[i*v.dim : (i+1)*v.dim] {
				v.cols[j*n+i] = f
			}
		}
	})
	return v.cols
}

// len is the number of vectors.
func (v *vectorView) len() int { return v.n }

// dot is q's dot product with chunk i's vector.
func (v *vectorView) dot(q *queryVec, i int32) float32 {
	o := int(i) * v.dim
	return q.dot(v.rows[o : o+v.dim : o+v.dim])
}

// vecHit is one vector-side result.
type vecHit struct {
	doc int32
	sim float32
}

// queryVec is a query vector prepared for scanning: dense, plus its non-zero
// components when they are few. The local embedder hashes a question's few dozen
// features into 512 dimensions, so most components are zero and a dot product over
// the non-zero ones does a tenth of the work; dense vectors (remote embedders) use
// the unrolled dense product.
type queryVec struct {
	dense []float32
	idx   []int32 // non-zero components, when sparse
	val   []float32
}

// sparseMaxShare is the largest share of non-zero components for the sparse product.
const sparseMaxShare = 4 // at most 1/4 of the components

// prepare sets q to v, finding its non-zero components when they are few; it reuses
// q's buffers.
func (q *queryVec) prepare(v []float32) {
	q.dense, q.idx, q.val = v, q.idx[:0], q.val[:0]
	for i, x := range v {
		if x != 0 {
			if len(q.idx) >= len(v)/sparseMaxShare {
				q.idx, q.val = q.idx[:0], q.val[:0]
				return
			}
			q.idx, q.val = append(q.idx, int32(i)), append(q.val, x)
		}
	}
}

// prepareAt is prepare for a vector whose components outside nz (ascending) are
// zero, reading only those; it reports whether v has a non-zero component.
func (q *queryVec) prepareAt(v []float32, nz []int32) bool {
	q.dense, q.idx, q.val = v, q.idx[:0], q.val[:0]
	for _, i := range nz {
		if v[i] != 0 {
			q.idx, q.val = append(q.idx, i), append(q.val, v[i])
		}
	}
	nonzero := len(q.idx) > 0
	if len(q.idx) > len(v)/sparseMaxShare { // too many for the sparse product
		q.idx, q.val = q.idx[:0], q.val[:0]
	}
	return nonzero
}

// sparse reports whether the sparse product applies.
func (q *queryVec) sparse() bool { return len(q.idx) > 0 }

// dot is q·row.
func (q *queryVec) dot(row []float32) float32 {
	if q.sparse() {
		return sparseDot(q.idx, q.val, row)
	}
	return dot(q.dense, row)
}

// sparseDot is the dot product of the sparse vector (idx, val) with row.
func sparseDot(idx []int32, val []float32, row []float32) float32 {
	val = val[:len(idx)]
	var s0, s1 float32
	i := 0
	for ; i+2 <= len(idx); i += 2 {
		s0 += val[i] * row[idx[i]]
		s1 += val[i+1] * row[idx[i+1]]
	}
	if i < len(idx) {
		s0 += val[i] * row[idx[i]]
	}
	return s0 + s1
}

// top appends to out the m vectors most similar to q (by dot product, which is the
// cosine for the unit vectors the engine stores), best first, ties to the lower
// chunk index. keep, when not nil, skips the chunks it returns false for. acc is
// scratch space for sparse queries (grown as needed and returned).
func (v *vectorView) top(q *queryVec, m int, keep func(int32) bool, out []vecHit, acc []float32) ([]vecHit, []float32) {
	if m <= 0 || len(q.dense) != v.dim {
		return out, acc
	}
	h := vecHeap(out[len(out):len(out)])
	offer := func(doc int32, s float32) {
		if keep != nil && !keep(doc) {
			return
		}
		if len(h) < m {
			h = h.push(vecHit{doc, s})
		} else if s > h[0].sim {
			h[0] = vecHit{doc, s}
			h.down(0)
		}
	}
	if cols := v.columns(); cols != nil && q.sparse() {
		acc = v.scoreColumns(q, cols, acc)
		for i, s := range acc {
			offer(int32(i), s)
		}
	} else {
		for i := range v.n {
			o := i * v.dim
			offer(int32(i), q.dot(v.rows[o:o+v.dim:o+v.dim]))
		}
	}
	slices.SortFunc(h, func(a, b vecHit) int {
		switch {
		case a.sim > b.sim:
			return -1
		case a.sim < b.sim:
			return 1
		}
		return int(a.doc - b.doc)
	})
	return append(out, h...), acc
}

// scoreColumns returns every chunk's dot product with the sparse query q, in acc
// (resized to the number of chunks), from the by-dimension layout.
func (v *vectorView) scoreColumns(q *queryVec, cols, acc []float32) []float32 {
	n := v.n
	if cap(acc) < n {
		acc = make([]float32, n)
	}
	acc = acc[:n]
	clear(acc)
	for k, j := range q.idx {
		axpy(acc, q.val[k], cols[int(j)*n:int(j+1)*n])
	}
	return acc
}

// axpy adds a·x to y (len(x) >= len(y)).
func axpy(y []float32, a float32, x []float32) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		yy := y[i : i+4 : i+4]
		xx := x[i : i+4 : i+4]
		yy[0] += a * xx[0]
		yy[1] += a * xx[1]
		yy[2] += a * xx[2]
		yy[3] += a * xx[3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

// vecHeap is a min-heap by similarity (the worst kept hit on top); among equal
// similarities the higher chunk index is worse.
type vecHeap []vecHit

func (h vecHeap) less(i, j int) bool {
	return h[i].sim < h[j].sim || h[i].sim == h[j].sim && h[i].doc > h[j].doc
}

func (h vecHeap) push(x vecHit) vecHeap {
	h = append(h, x)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func (h vecHeap) down(i int) {
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h.less(l, m) {
			m = l
		}
		if r < len(h) && h.less(r, m) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// dot is the dot product of a and b (len(b) >= len(a)), unrolled with four
// accumulators so the loads and multiplies of consecutive lanes overlap.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x := a[i : i+8 : i+8]
		y := b[i : i+8 : i+8]
		s0 += x[0]*y[0] + x[4]*y[4]
		s1 += x[1]*y[1] + x[5]*y[5]
		s2 += x[2]*y[2] + x[6]*y[6]
		s3 += x[3]*y[3] + x[7]*y[7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
