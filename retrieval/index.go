package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	chromem "github.com/philippgille/chromem-go"
	"github.com/schollz/progressbar/v3"
)

// indexFormat versions the layout of the index file; bump it when it changes.
const indexFormat = "1"

// embedBatch is how many chunks are embedded per Embed call while indexing.
const embedBatch = 64

// indexStore builds the chromem-go collection for a set of chunks, reusing vectors
// from the index file in dir when they were made from the same text by the same
// embedder and model.
type indexStore struct {
	dir      string
	emb      Embedder
	log      *slog.Logger
	progress io.Writer
}

// collectionName is the chromem-go collection for one (embedder, model).
func collectionName(emb Embedder) string { return "chunks/" + emb.Name() + "/" + emb.Model() }

// metaName is the collection holding the index's manifest: one document whose
// metadata records the format, key, embedder, model and dimension (chromem-go
// collections do not expose their own metadata).
func metaName(emb Embedder) string { return "meta/" + emb.Name() + "/" + emb.Model() }

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// path is the index file of the store's embedder and model.
func (s *indexStore) path() string {
	if s.dir == "" {
		return ""
	}
	name := unsafeFileChars.ReplaceAllString(s.emb.Name()+"-"+s.emb.Model(), "_")
	return filepath.Join(s.dir, "index-"+name+".gob")
}

// chunkHash fingerprints what is embedded for a chunk.
func chunkHash(c Chunk) string {
	h := sha256.Sum256([]byte(embedText(c)))
	return hex.EncodeToString(h[:12])
}

// corpusKey fingerprints every chunk's id, text, claims and sources plus the embedder
// and model: the index file matches the corpus exactly when its key equals this. A
// change of citations alone changes the key without re-embedding (chunkHash covers
// only what is embedded).
func corpusKey(emb Embedder, chunks []Chunk) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", indexFormat, emb.Name(), emb.Model())
	for _, c := range chunks {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", c.ID, c.Topic, chunkHash(c), citeHash(c))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// citeHash fingerprints a chunk's claims with their keys and its resolved sources.
func citeHash(c Chunk) string {
	h := sha256.New()
	for _, cl := range c.Claims {
		fmt.Fprintf(h, "%s\x00%s\x01", cl.Text, strings.Join(cl.Keys, "\x00"))
	}
	for _, s := range c.Sources {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x01", s.Key, s.URL, s.Title, s.AsOf, s.Kind)
	}
	fmt.Fprintf(h, "%s\x00%s", c.URL, c.AsOf)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// openedIndex is the vector side of an index opened by [indexStore.open].
type openedIndex struct {
	db        *chromem.DB // holds coll and the manifest, for saving
	coll      *chromem.Collection
	vecs      [][]float32 // in chunk order
	vectorKey string      // the manifest's key (see [corpusKey])
	changed   bool        // the vectors differ from the file's: it needs saving
	stats     Stats
}

// open returns the collection for chunks, reusing the index file's vectors for the
// chunks whose text is unchanged and embedding the others. It does not save.
func (s *indexStore) open(ctx context.Context, chunks []Chunk) (openedIndex, error) {
	ix := openedIndex{stats: Stats{Chunks: len(chunks), Embedder: s.emb.Name(), Model: s.emb.Model(), File: s.path()}}
	key := corpusKey(s.emb, chunks)
	ix.vectorKey = key
	oldDB, old, md := s.load(ctx)
	if old != nil && md["key"] != key {
		s.log.Info("corpus changed since the index file was written; re-embedding changed chunks", "file", ix.stats.File)
	}
	oldDim := 0
	if old != nil {
		oldDim, _ = strconv.Atoi(md["dimension"])
	}
	vecs, reused, err := s.vectors(ctx, old, oldDim, chunks)
	if err != nil {
		return ix, err
	}
	ix.vecs = vecs
	ix.stats.Loaded, ix.stats.Embedded, ix.stats.Dimension = reused, len(chunks)-reused, len(vecs[0])
	if reused == len(chunks) && md["key"] == key && old.Count() == len(chunks) {
		ix.db, ix.coll = oldDB, old // the file matches exactly and every vector checked out
		return ix, nil
	}
	ix.changed = true
	db := chromem.NewDB()
	md = map[string]string{
		"format": indexFormat, "key": key, "embedder": s.emb.Name(), "model": s.emb.Model(),
		"dimension": strconv.Itoa(ix.stats.Dimension),
	}
	meta, err := db.CreateCollection(metaName(s.emb), nil, embedFunc(s.emb))
	if err != nil {
		return ix, fmt.Errorf("create manifest collection: %w", err)
	}
	if err := meta.AddDocument(ctx, chromem.Document{ID: "manifest", Metadata: md, Embedding: []float32{1}}); err != nil {
		return ix, fmt.Errorf("add manifest: %w", err)
	}
	coll, err := db.CreateCollection(collectionName(s.emb), md, embedFunc(s.emb))
	if err != nil {
		return ix, fmt.Errorf("create collection: %w", err)
	}
	docs := make([]chromem.Document, len(chunks))
	for i, c := range chunks {
		docs[i] = chromem.Document{
			ID: c.ID, Embedding: vecs[i], Content: c.Text,
			Metadata: map[string]string{"topic": c.Topic, "hash": chunkHash(c), "vsum": vectorSum(vecs[i])},
		}
	}
	if err := coll.AddDocuments(ctx, docs, runtime.GOMAXPROCS(0)); err != nil {
		return ix, fmt.Errorf("add chunks to collection: %w", err)
	}
	ix.db, ix.coll = db, coll
	return ix, nil
}

// vectors returns a vector per chunk: reused from old when the chunk's hash and the
// dimension match, embedded otherwise. reused counts the reused vectors.
func (s *indexStore) vectors(ctx context.Context, old *chromem.Collection, oldDim int, chunks []Chunk) ([][]float32, int, error) {
	vecs := make([][]float32, len(chunks))
	var todo []int
	for i, c := range chunks {
		if old != nil && oldDim > 0 {
			if d, err := old.GetByID(ctx, c.ID); err == nil && d.Metadata["hash"] == chunkHash(c) &&
				validVector(d.Embedding, oldDim) && d.Metadata["vsum"] == vectorSum(d.Embedding) {
				vecs[i] = d.Embedding
				continue
			}
		}
		todo = append(todo, i)
	}
	if err := s.embed(ctx, chunks, todo, vecs); err != nil {
		return nil, 0, err
	}
	dim := len(vecs[0])
	if len(todo) > 0 && len(todo) < len(chunks) && len(vecs[todo[0]]) != oldDim {
		s.log.Info("embedding dimension changed; re-embedding every chunk", "old", oldDim, "new", len(vecs[todo[0]]))
		return s.vectors(ctx, nil, 0, chunks)
	}
	for i, v := range vecs {
		if !validVector(v, dim) {
			return nil, 0, fmt.Errorf("embed chunk %s: got %d dimensions, want %d, or a zero vector", chunks[i].ID, len(v), dim)
		}
	}
	return vecs, len(chunks) - len(todo), nil
}

// embed fills vecs[i] for every i in todo, in batches, with a progress bar.
func (s *indexStore) embed(ctx context.Context, chunks []Chunk, todo []int, vecs [][]float32) error {
	if len(todo) == 0 {
		return nil
	}
	var bar *progressbar.ProgressBar
	if s.progress != nil {
		bar = progressbar.NewOptions(len(todo), progressbar.OptionSetWriter(s.progress),
			progressbar.OptionSetDescription("embedding chunks"), progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(s.progress) }))
		defer bar.Finish()
	}
	for b := 0; b < len(todo); b += embedBatch {
		idx := todo[b:min(b+embedBatch, len(todo))]
		texts := make([]string, len(idx))
		for j, i := range idx {
			texts[j] = embedText(chunks[i])
		}
		out, err := s.emb.Embed(ctx, texts)
		if err != nil {
			return fmt.Errorf("embed chunks: %w", err)
		}
		if len(out) != len(texts) {
			return fmt.Errorf("embed chunks: got %d vectors for %d texts", len(out), len(texts))
		}
		for j, i := range idx {
			vecs[i] = out[j]
		}
		if bar != nil {
			_ = bar.Add(len(idx))
		}
	}
	return nil
}

// vectorSum fingerprints a stored vector, so that a damaged index file is caught
// even when it still decodes.
func vectorSum(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// validVector reports whether v has dim finite components and is not all zero.
func validVector(v []float32, dim int) bool {
	if len(v) != dim || dim == 0 {
		return false
	}
	nonzero := false
	for _, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return false
		}
		nonzero = nonzero || x != 0
	}
	return nonzero
}

// embedFunc adapts an Embedder to chromem-go, which calls it only for documents or
// queries given as text; the engine always passes vectors.
func embedFunc(emb Embedder) chromem.EmbeddingFunc {
	return func(ctx context.Context, text string) ([]float32, error) {
		v, err := emb.Embed(ctx, []string{text})
		if err != nil {
			return nil, err
		}
		if len(v) != 1 {
			return nil, fmt.Errorf("embedder returned %d vectors for 1 text", len(v))
		}
		return v[0], nil
	}
}
