package answer

import (
	"strings"
	"sync"
	"sync/atomic"
)

// maxCachedPassages bounds the passage cache; past it passages are analysed on
// every use. The built-in corpus has a few hundred chunks.
const maxCachedPassages = 4096

// analyzer prepares passages for sentence scoring: the corpus thesaurus and term
// statistics, and a cache of analysed passages, since the same chunks answer many
// questions. It is safe for concurrent use.
type analyzer struct {
	th    thesaurus
	stats termStats

	cache  sync.Map // chunk id + "\x00" + text → []sentence
	cached atomic.Int64
}

// sentence is one quotable sentence of a passage with its scoring terms. Its term
// set is shared through the cache and must not be modified.
type sentence struct {
	text  string
	terms map[string]bool
	words int
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
		set := termSet(body)
		an.th.annotate(set, strings.ToLower(body))
		out = append(out, sentence{text: s, terms: set, words: len(strings.Fields(s))})
	}
	if an.cached.Load() < maxCachedPassages {
		if _, loaded := an.cache.LoadOrStore(key, out); !loaded {
			an.cached.Add(1)
		}
	}
	return out
}
