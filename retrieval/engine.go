package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/careerbot/careerbot/corpus"
)

// Config configures [Open].
type Config struct {
	// Corpus is the knowledge base to index. Files may be given instead: the corpus
	// unparsed, which Open parses only when the index file does not match its
	// fingerprint, so a warm start never parses the corpus. One of them is required.
	Corpus   *corpus.Corpus
	Files    *corpus.Files
	Embedder Embedder     // required; see [NewLocalEmbedder] and [NewOpenAIEmbedder]
	DataDir  string       // where the index file lives; empty keeps the index in memory only
	Logger   *slog.Logger // nil discards logs
	Progress io.Writer    // receives a progress bar while chunks are embedded; nil for none
}

// Stats describes an opened index.
type Stats struct {
	Chunks    int    // chunks in the index
	Embedded  int    // chunks embedded by this Open
	Loaded    int    // chunks whose vectors came from the index file
	Dimension int    // vector dimension
	Embedder  string // embedder name
	Model     string // embedder model
	File      string // index file path; "" when in memory only
	Saved     bool   // the index file was written by this Open
	// DerivedLoaded: the chunks, lexical index and other derived structures came from
	// the index file instead of being rebuilt from the corpus.
	DerivedLoaded bool
	Took          time.Duration // time Open spent building or loading
}

// Engine is the retrieval engine: the corpus's chunks in a chromem-go collection plus
// a lexical index, searched together. Build one with [Open]; it is read-only
// afterwards and safe for concurrent use.
//
// Every field not tagged `snapshot:"-"` is derived from the corpus alone and is
// persisted in the index file (see snapshot.go), so a process whose corpus matches
// the file loads it instead of rebuilding it; fields tagged `snapshot:"-"` are
// run-time state, set by [Open].
type Engine struct {
	emb    Embedder     `snapshot:"-"`
	log    *slog.Logger `snapshot:"-"`
	syn    *Synonyms
	norm   *Normalizer
	chunks []Chunk
	byID   map[string]int32
	// coll is the chromem-go collection of record; after a warm load it is read from
	// the index file only when asked for (see [Engine.Collection]).
	coll     *chromem.Collection        `snapshot:"-"`
	collOnce sync.Once                  `snapshot:"-"`
	collLoad func() *chromem.Collection `snapshot:"-"`
	// vecs is a packed view of the collection's vectors in chunk order, built from
	// the collection and persisted with the other derived structures.
	vecs  *vectorView
	lex   *lexIndex
	spell *speller
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
	// homes are the home topics of the lexicon's attributes (see [homeBoost]).
	homes   []topicHome
	stats   Stats     `snapshot:"-"`
	scratch sync.Pool `snapshot:"-"` // *searchScratch
}

var _ Searcher = (*Engine)(nil)

// Open opens the engine over cfg.Corpus. When DataDir holds an index file made from
// the same corpus by the same embedder, model and program, the chunks, the lexical
// index and every other derived structure are loaded from it and nothing is rebuilt.
// Otherwise Open chunks the corpus, builds the lexical index, reuses the file's
// vectors for unchanged chunks (re-embedding only the chunks that changed), embeds
// whatever is missing, and saves the index file atomically. An unreadable, corrupt or
// incompatible index file is logged and rebuilt; a failure to write it is logged and
// the engine still works from memory. Open fails only when the configuration is
// incomplete, embedding fails or ctx is done.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	start := time.Now()
	if cfg.Corpus == nil && cfg.Files == nil {
		return nil, errors.New("open retrieval engine: no corpus")
	}
	if cfg.Embedder == nil {
		return nil, errors.New("open retrieval engine: no embedder")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("embedder", cfg.Embedder.Name(), "model", cfg.Embedder.Model())
	st := &indexStore{dir: cfg.DataDir, emb: cfg.Embedder, log: log, progress: cfg.Progress}
	key, err := derivedKey(cfg, cfg.Embedder)
	if err != nil {
		log.Warn("corpus cannot be fingerprinted; the index is rebuilt on every start", "err", err)
	}
	e, err := st.openWarm(ctx, key)
	if e == nil && err == nil {
		c := cfg.Corpus
		if c == nil {
			c, err = cfg.Files.Parse()
		}
		if err == nil {
			e, err = openCold(ctx, c, st, key)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open retrieval engine: %w", err)
	}
	e.emb, e.log = cfg.Embedder, log
	e.scratch.New = e.newScratch
	e.stats.Took = time.Since(start)
	msg, level := "index built", slog.LevelInfo
	if e.stats.Embedded == 0 {
		msg, level = "index loaded", slog.LevelDebug
	}
	e.log.Log(ctx, level, msg, "chunks", e.stats.Chunks, "embedded", e.stats.Embedded, "loaded", e.stats.Loaded,
		"derived_loaded", e.stats.DerivedLoaded, "dimension", e.stats.Dimension, "file", e.stats.File,
		"saved", e.stats.Saved, "took_ms", e.stats.Took.Milliseconds())
	return e, nil
}

// sparseQueries reports whether emb's query vectors are sparse (see [SparseQueries]).
func sparseQueries(emb Embedder) bool {
	sq, ok := emb.(SparseQueries)
	return ok && sq.SparseQueries()
}

// openCold builds the engine from the corpus, reusing what vectors the index file
// has, and saves the index file with the derived structures (key "" saves vectors
// only).
func openCold(ctx context.Context, c *corpus.Corpus, st *indexStore, key string) (*Engine, error) {
	e := &Engine{
		syn:      NewSynonyms(c.Synonyms),
		norm:     NewNormalizer(c.Lexicon),
		ents:     NewEntities(c),
		chunks:   BuildChunks(c),
		field:    termSetOf(c.Lexicon.Field),
		occHeads: termSetOf(c.Lexicon.OccupationHeads),
		jobHeads: termSetOf(c.Lexicon.JobHeads),
		homes:    newHomes(c.Lexicon.Attributes),
	}
	if len(e.chunks) == 0 {
		return nil, errors.New("the corpus has no chunks")
	}
	e.byID = make(map[string]int32, len(e.chunks))
	for i, c := range e.chunks {
		e.byID[c.ID] = int32(i)
	}
	e.buildLexical()
	ix, err := st.open(ctx, e.chunks)
	if err != nil {
		return nil, err
	}
	e.coll, e.vecs, e.stats = ix.coll, newVectorView(ix.vecs, sparseQueries(st.emb)), ix.stats
	if st.dir == "" {
		return e, nil
	}
	var derived []byte
	if key != "" {
		if derived, err = encodeDerived(e, key, ix.vectorKey); err != nil {
			st.log.Warn("derived index structures cannot be saved; they are rebuilt on every start", "err", err)
		}
	}
	if derived == nil && !ix.changed {
		return e, nil
	}
	if err := st.save(ix.db, derived); err != nil {
		st.log.Warn("index file not saved; the index stays in memory", "file", e.stats.File, "err", err)
	} else {
		e.stats.Saved = true
	}
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
		headTerms, textTerms := Terms(head), Terms(c.Text)
		docs[i] = lexDoc{topic: c.Topic}
		e.chunkEnts[i] = chunkEntities{head: e.ents.uncommon(headTerms), text: e.ents.uncommon(textTerms)}
		e.headTargets[i] = e.becomeTargetOf(head)
		for _, f := range []struct {
			text   string
			terms  []string
			weight float32
		}{{head, headTerms, headingWeight}, {title, Terms(title), 1}, {c.Text, textTerms, 1}} {
			ts := f.terms
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

// Collection returns the chromem-go collection of record: the chunk vectors, keyed
// by chunk id, as persisted in the index file. Searching does not need it, so after a
// warm load it is read from the index file on the first call; nil if that fails.
// Callers must not modify it.
func (e *Engine) Collection() *chromem.Collection {
	e.collOnce.Do(func() {
		if e.coll == nil && e.collLoad != nil {
			e.coll = e.collLoad()
		}
	})
	return e.coll
}

// Stats describes how the index was opened.
func (e *Engine) Stats() Stats { return e.stats }

// Expand adds synonym and acronym concept terms to analysed terms (see
// [Synonyms.Expand]), so callers can compare texts the way the engine does.
func (e *Engine) Expand(terms []string) []string { return e.syn.Expand(terms) }

// Synonyms returns the engine's synonym table.
func (e *Engine) Synonyms() *Synonyms { return e.syn }
