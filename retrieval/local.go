package retrieval

import (
	"context"
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/careerbot/careerbot/corpus"
)

// Embedder turns texts into vectors. Implementations return one L2-normalised vector
// per text, in order, all of the same dimension, and must be safe for concurrent use.
type Embedder interface {
	// Name identifies the kind of embedder ("local", "openai").
	Name() string
	// Model names the model; a different model means incompatible vectors.
	Model() string
	// Embed embeds a batch of texts.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// LocalDimension is the dimension of [LocalEmbedder] vectors.
const LocalDimension = 512

// Feature weights of the local embedder: whole terms dominate; synonym concepts let
// different words for one idea meet; term pairs reward phrases; character trigrams
// of each word make misspellings ("certfication") and unseen inflections land near
// the right word.
const (
	weightTerm    = 1.0
	weightConcept = 0.8
	weightBigram  = 0.4
	weightTrigram = 0.2
)

// LocalEmbedder is the offline, deterministic embedder: a hashed bag of features
// (analysed terms, synonym and acronym concepts, term pairs and character trigrams of
// each word) with sub-linear term frequency, projected into [LocalDimension]
// dimensions by signed feature hashing and L2-normalised. It needs no network and no
// model files; the same text always gives the same vector, independent of the rest of
// the corpus, so a changed chunk is re-embedded alone. Safe for concurrent use.
type LocalEmbedder struct {
	syn   *Synonyms
	model string
}

// NewLocalEmbedder returns a local embedder that uses syn for concepts. The model
// name includes a fingerprint of syn, so editing the synonym table re-embeds the index.
func NewLocalEmbedder(syn corpus.Synonyms) *LocalEmbedder {
	return &LocalEmbedder{syn: NewSynonyms(syn), model: "hash-v2-" + synonymsFingerprint(syn)}
}

var _ queryEmbedder = (*LocalEmbedder)(nil)

// SparseQueries reports true: a question's few dozen features fill few of the
// [LocalDimension] components (see [SparseQueries]).
func (e *LocalEmbedder) SparseQueries() bool { return true }

// Name returns "local".
func (e *LocalEmbedder) Name() string { return "local" }

// Model returns the feature scheme's version and the synonym table's fingerprint.
func (e *LocalEmbedder) Model() string { return e.model }

// Embed embeds texts; it fails only when ctx is done.
func (e *LocalEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	var nz []int32 // reused: the components each vector's features add to
	for i, t := range texts {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		out[i], nz = e.embed(t, nz[:0])
	}
	return out, nil
}

// featureBufs pools the feature-hash buffers of embed.
var featureBufs = sync.Pool{New: func() any { return new(featureBuf) }}

// featureBuf holds one text's feature hashes, as collected and grouped by component.
type featureBuf struct {
	hashes, grouped []uint64
}

// embed computes one vector, and appends to nz the components its features add to (see
// [LocalEmbedder.embedTerms]). A text without features gives the zero vector.
func (e *LocalEmbedder) embed(text string, nz []int32) ([]float32, []int32) {
	var words, terms []string
	forEachToken(text, func(tok string) {
		if !isStop(tok) {
			words = append(words, tok)
			terms = appendTerms(terms, tok)
		}
	})
	return e.embedTerms(make([]float32, LocalDimension), nz, words, terms)
}

// embedQuery is embed for a query already read: the same vector as embed(text) for
// the text qt was read from, written into v (of [LocalDimension] components, which it
// overwrites), and the components its features add to appended to nz.
func (e *LocalEmbedder) embedQuery(v []float32, nz []int32, qt *queryText) ([]float32, []int32) {
	clear(v)
	return e.embedTerms(v, nz, qt.words, qt.terms)
}

// embedTerms adds into the zero vector v the features of a text's content words (its
// tokens that are not stop words) and their terms, normalises v and returns it, with
// the components the features added to appended to nz in ascending order: every other
// component of v is zero.
func (e *LocalEmbedder) embedTerms(v []float32, nz []int32, words, terms []string) ([]float32, []int32) {
	buf := featureBufs.Get().(*featureBuf)
	fs := buf.hashes[:0]
	for _, t := range terms {
		fs = append(fs, featureHash('t', t, ""))
	}
	e.syn.eachConcept(terms, func(c string) { fs = append(fs, featureHash('c', c, "")) })
	for i := 1; i < len(terms); i++ {
		fs = append(fs, featureHash('b', terms[i-1], terms[i]))
	}
	for _, w := range words {
		fs = appendTrigramHashes(fs, w)
	}
	buf.hashes = fs
	// Equal features are adjacent once grouped: each run is one feature and its count.
	fs = byComponent(fs, buf.grouped)
	buf.grouped = fs
	for i := 0; i < len(fs); {
		h, j := fs[i], i+1
		for j < len(fs) && fs[j] == h {
			j++
		}
		tf := 1.0 // sub-linear TF: 1 + ln(count), which is 1 for the usual single occurrence
		if j-i > 1 {
			tf += math.Log(float64(j - i))
		}
		val := float32(featureWeight[h&0xff] * tf)
		if h>>63 == 1 {
			val = -val
		}
		c := int32(component(h))
		if len(nz) == 0 || nz[len(nz)-1] != c {
			nz = append(nz, c)
		}
		v[c] += val
		i = j
	}
	featureBufs.Put(buf)
	return normalizeAt(v, nz), nz
}

// component is the vector component a feature hash adds to.
func component(h uint64) uint64 { return (h >> 8) % LocalDimension }

// byComponent returns the feature hashes fs ordered by component and, within a
// component, by hash, in out (grown as needed). Equal features end up adjacent, and
// every component receives its features in ascending hash order, as after a full sort
// by hash, so the floating-point sums are the same; a counting pass over the
// components and an insertion sort of their few features each cost less than that sort.
func byComponent(fs, out []uint64) []uint64 {
	var end [LocalDimension + 1]int32 // end[c+1]: features of components up to c
	for _, h := range fs {
		end[component(h)+1]++
	}
	for c := 1; c <= LocalDimension; c++ {
		end[c] += end[c-1]
	}
	out = slices.Grow(out[:0], len(fs))[:len(fs)]
	for _, h := range fs {
		c := component(h)
		out[end[c]] = h
		end[c]++
	}
	less := func(a, b uint64) bool {
		ca, cb := component(a), component(b)
		return ca < cb || ca == cb && a < b
	}
	for i := 1; i < len(out); i++ { // only features of one component are out of order
		for j := i; j > 0 && less(out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// appendTrigramHashes appends the feature hashes of w's trigrams (see [trigramsOf])
// without building the trigram strings.
func appendTrigramHashes(fs []uint64, w string) []uint64 {
	for t := newTrigrams(w); ; {
		g, ok := t.next()
		if !ok {
			return fs
		}
		fs = append(fs, featureHash('g', g, ""))
	}
}

// trigramsOf walks the character trigrams of a word padded with boundary marks
// ("^coding$": "^co", "cod", … "ng$"), each a substring of one padded copy; an
// empty or invalid word has none.
type trigramsOf struct {
	padded  string
	a, b, i int // byte offsets of the two runes before the one at i
	k       int // runes read
}

func newTrigrams(w string) trigramsOf {
	if !utf8.ValidString(w) || w == "" {
		return trigramsOf{}
	}
	return trigramsOf{padded: "^" + w + "$"}
}

// next returns the next trigram, or false after the last.
func (t *trigramsOf) next() (string, bool) {
	for t.i < len(t.padded) {
		_, size := utf8.DecodeRuneInString(t.padded[t.i:])
		g := t.padded[t.a : t.i+size]
		t.a, t.b, t.i, t.k = t.b, t.i, t.i+size, t.k+1
		if t.k >= 3 {
			return g, true
		}
	}
	return "", false
}

// featureHash is FNV-1a over a feature's kind and text (a and b, separated), with
// the kind kept in the low byte so the weight can be looked up from the hash.
func featureHash(kind byte, a, b string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(kind)) * prime
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	if b != "" {
		h = (h ^ ' ') * prime
		for i := 0; i < len(b); i++ {
			h = (h ^ uint64(b[i])) * prime
		}
	}
	return h&^0xff | uint64(kind)
}

// featureWeight maps a feature's kind (its first byte) to its weight.
var featureWeight = [256]float64{'t': weightTerm, 'c': weightConcept, 'b': weightBigram, 'g': weightTrigram}

// normalizeAt is normalize for a vector whose components outside nz (ascending) are
// zero: the same result, reading only nz.
func normalizeAt(v []float32, nz []int32) []float32 {
	var sum float64
	for _, i := range nz {
		sum += float64(v[i]) * float64(v[i])
	}
	if sum == 0 {
		return v
	}
	inv := float32(1 / math.Sqrt(sum))
	for _, i := range nz {
		v[i] *= inv
	}
	return v
}

// normalize scales v to unit length in place and returns it; a zero vector stays zero.
func normalize(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return v
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
	return v
}
