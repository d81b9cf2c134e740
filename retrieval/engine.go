package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/careerbot/careerbot/corpus"
)

// Config configures [Open].
type Config struct {
	Corpus   *corpus.Corpus // required
	Embedder Embedder       // required; see [NewLocalEmbedder] and [NewOpenAIEmbedder]
	DataDir  string         // where the index file lives; empty keeps the index in memory only
	Logger   *slog.Logger   // nil discards logs
	Progress io.Writer      // receives a progress bar while chunks are embedded; nil for none
}

// Stats describes an opened index.
type Stats struct {
	Chunks    int           // chunks in the index
	Embedded  int           // chunks embedded by this Open
	Loaded    int           // chunks whose vectors came from the index file
	Dimension int           // vector dimension
	Embedder  string        // embedder name
	Model     string        // embedder model
	File      string        // index file path; "" when in memory only
	Saved     bool          // the index file was written by this Open
	Took      time.Duration // time Open spent building or loading
}

// vectorCacheMax is the largest index whose vectors the engine keeps beside the
// collection, to score lexical candidates without copying vectors out of chromem-go.
// Larger indexes fetch the few vectors they need per search instead of doubling
// their memory.
const vectorCacheMax = 20_000

// Engine is the retrieval engine: the corpus's chunks in a chromem-go collection plus
// a lexical index, searched together. Build one with [Open]; it is read-only
// afterwards and safe for concurrent use.
type Engine struct {
	emb    Embedder
	log    *slog.Logger
	syn    *Synonyms
	norm   *Normalizer
	chunks []Chunk
	byID   map[string]int32
	coll   *chromem.Collection
	vecs   [][]float32 // chunk vectors for small indexes (see vectorCacheMax); nil otherwise
	lex    *lexIndex
	spell  *speller
	// anchors: term ids of the anchor concepts (see [findAnchors]).
	anchors map[int32]bool
	// bigrams: adjacent term pairs of the chunks' headings and titles: the subjects
	// the corpus is about, not every pair its text happens to contain.
	bigrams map[string]bool
	// ents finds named entities; chunkEnts holds each chunk's (see [Engine.entityFactor]).
	ents      *Entities
	chunkEnts []chunkEntities
	// headTargets holds the target of "become" in each chunk's heading, or nil.
	headTargets []*becomeTarget
	// field holds the terms of the lexicon's field words; occHeads and jobHeads the
	// terms that end another career's name (see [Engine.foreignSubject]).
	field, occHeads, jobHeads map[string]bool
	stats                     Stats
}

var _ Searcher = (*Engine)(nil)

// Open chunks the corpus, loads the index file from DataDir when it matches the
// corpus, embedder and model (re-embedding only the chunks that changed), embeds
// whatever is missing, saves the index file atomically when anything changed, and
// builds the lexical index. An unreadable, corrupt or incompatible index file is
// logged and rebuilt; a failure to write it is logged and the engine still works from
// memory. Open fails only when the configuration is incomplete, embedding fails or
// ctx is done.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	start := time.Now()
	if cfg.Corpus == nil {
		return nil, errors.New("open retrieval engine: no corpus")
	}
	if cfg.Embedder == nil {
		return nil, errors.New("open retrieval engine: no embedder")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Engine{
		emb:      cfg.Embedder,
		log:      log.With("embedder", cfg.Embedder.Name(), "model", cfg.Embedder.Model()),
		syn:      NewSynonyms(cfg.Corpus.Synonyms),
		norm:     NewNormalizer(cfg.Corpus.Lexicon),
		ents:     NewEntities(cfg.Corpus),
		chunks:   BuildChunks(cfg.Corpus),
		field:    termSetOf(cfg.Corpus.Lexicon.Field),
		occHeads: termSetOf(cfg.Corpus.Lexicon.OccupationHeads),
		jobHeads: termSetOf(cfg.Corpus.Lexicon.JobHeads),
	}
	if len(e.chunks) == 0 {
		return nil, errors.New("open retrieval engine: the corpus has no chunks")
	}
	e.byID = make(map[string]int32, len(e.chunks))
	for i, c := range e.chunks {
		e.byID[c.ID] = int32(i)
	}
	e.buildLexical()
	st := &indexStore{dir: cfg.DataDir, emb: cfg.Embedder, log: e.log, progress: cfg.Progress}
	coll, vecs, stats, err := st.open(ctx, e.chunks)
	if err != nil {
		return nil, fmt.Errorf("open retrieval engine: %w", err)
	}
	if len(vecs) <= vectorCacheMax {
		e.vecs = vecs
	}
	e.coll, e.stats = coll, stats
	e.stats.Took = time.Since(start)
	msg, level := "index built", slog.LevelInfo
	if stats.Embedded == 0 {
		msg, level = "index loaded", slog.LevelDebug
	}
	e.log.Log(ctx, level, msg, "chunks", stats.Chunks, "embedded", stats.Embedded, "loaded", stats.Loaded,
		"dimension", stats.Dimension, "file", stats.File, "saved", stats.Saved,
		"took_ms", e.stats.Took.Milliseconds())
	return e, nil
}

// headingWeight is the term-frequency weight of a chunk's heading (a course's title)
// in the lexical index, against 1 for its title and text. Corpus headings are the
// questions their sections answer, so a question that shares its words with a
// heading is about that section.
const headingWeight = 3

// buildLexical indexes every chunk's heading (weighted by headingWeight), title and text,
// with synonym concepts, collects the vocabulary for spelling correction and the
// term pairs for subject checks, and finds the anchor concepts of the confidence gate.
func (e *Engine) buildLexical() {
	docs := make([]lexDoc, len(e.chunks))
	e.spell = newSpeller()
	e.bigrams = map[string]bool{}
	e.chunkEnts = make([]chunkEntities, len(e.chunks))
	e.headTargets = make([]*becomeTarget, len(e.chunks))
	for i, c := range e.chunks {
		head, title := c.Section, c.Title
		if c.CourseID != "" {
			head, title = c.Title, c.Section
		}
		docs[i] = lexDoc{topic: c.Topic}
		e.chunkEnts[i] = chunkEntities{head: e.ents.uncommon(Terms(head)), text: e.ents.uncommon(Terms(c.Text))}
		e.headTargets[i] = e.becomeTargetOf(head)
		for _, f := range []struct {
			text   string
			weight float32
		}{{head, headingWeight}, {title, 1}, {c.Text, 1}} {
			ts := Terms(f.text)
			if f.text != c.Text { // a subject the corpus is about is named in a heading or title
				addBigrams(e.bigrams, ts)
			}
			docs[i].fields = append(docs[i].fields, lexField{terms: e.syn.Expand(ts), weight: f.weight})
			e.spell.addText(f.text)
		}
	}
	e.lex = newLexIndex(docs)
	e.spell.finish(e.lex)
	e.anchors = findAnchors(e.syn, e.lex, e.chunks, docs)
}

// embedText is what gets embedded for a chunk: its title, heading and text.
func embedText(c Chunk) string {
	if c.CourseID != "" {
		return c.Text
	}
	return c.Title + "\n" + c.Section + "\n" + c.Text
}

// Chunks returns a copy of the indexed chunks in corpus order.
func (e *Engine) Chunks() []Chunk { return append([]Chunk(nil), e.chunks...) }

// Stats describes how the index was opened.
func (e *Engine) Stats() Stats { return e.stats }

// Expand adds synonym and acronym concept terms to analysed terms (see
// [Synonyms.Expand]), so callers can compare texts the way the engine does.
func (e *Engine) Expand(terms []string) []string { return e.syn.Expand(terms) }

// Synonyms returns the engine's synonym table.
func (e *Engine) Synonyms() *Synonyms { return e.syn }
