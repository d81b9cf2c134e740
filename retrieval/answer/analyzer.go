package answer

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/careerbot/careerbot/retrieval"
)

// maxCachedPassages bounds the passage cache; past it passages are analysed on
// every use. The built-in corpus has a few hundred chunks.
const maxCachedPassages = 4096

// analyzer prepares passages for sentence scoring: the corpus synonym table and term
// statistics, and a cache of analysed passages, since the same chunks answer many
// questions. It is safe for concurrent use.
type analyzer struct {
	syn   *retrieval.Synonyms
	stats termStats
	ents  *retrieval.Entities // nil finds no entities
	attrs []attribute         // what a question can ask (the corpus lexicon's attributes)
	// admissions are the lexicon's cues of a sentence that says a specific is
	// missing, in lower case.
	admissions []string
	// learning and listings are the lexicon's cues of learning intent in a question
	// and of a course listing in a sentence, in lower case.
	learning, listings []string
	// open are the lexicon's cues of an open question ("worth it"), in lower case.
	open []string

	cache  sync.Map // chunk id + "\x00" + text → []sentence
	cached atomic.Int64
	// headings caches the entities of section headings, bounded like cache.
	headings      sync.Map // heading → []retrieval.Entity
	headingsCount atomic.Int64
}

// headingEntities returns the entities a section heading names.
func (an *analyzer) headingEntities(heading string) []retrieval.Entity {
	if v, ok := an.headings.Load(heading); ok {
		return v.([]retrieval.Entity)
	}
	ents := an.ents.FindText(heading)
	if an.headingsCount.Load() < maxCachedPassages {
		if _, loaded := an.headings.LoadOrStore(heading, ents); !loaded {
			an.headingsCount.Add(1)
		}
	}
	return ents
}

// sentence is one quotable sentence of a passage with its scoring terms. Its term
// set is shared through the cache and must not be modified.
type sentence struct {
	text   string
	lower  string // text in lower case
	figure bool   // states an amount (see [hasFigure])
	years  []int  // the years it states, in order
	terms  map[string]bool
	words  int
	ents   []retrieval.Entity // the entities the sentence names, common ones included (see [retrieval.Entities.FindAll])
}

// sentences returns the analysed sentences of one passage.
func (an *analyzer) sentences(id, text string) []sentence {
	key := id + "\x00" + text
	if v, ok := an.cache.Load(key); ok {
		return v.([]sentence)
	}
	var out []sentence
	for _, s := range splitSentences(text) {
		body := withoutAttribution(s)
		ts := termsOf(body)
		set := withConcepts(an.syn, ts)
		out = append(out, sentence{
			text: s, lower: strings.ToLower(s), terms: set, words: len(strings.Fields(s)),
			ents: an.ents.FindAll(ts), figure: hasFigure(s), years: yearsOf(s),
		})
	}
	if an.cached.Load() < maxCachedPassages {
		if _, loaded := an.cache.LoadOrStore(key, out); !loaded {
			an.cached.Add(1)
		}
	}
	return out
}
