package retrieval

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Spelling correction thresholds: a word is corrected only to a corpus word of
// similar length that shares most of its character trigrams.
const (
	spellMinLen  = 6 // shorter words are too ambiguous to correct
	spellMaxDiff = 2 // largest length difference in letters
	abbrevMinLen = 4 // shortest abbreviation completed to a corpus word
)

// maxEdits is the largest edit distance accepted for a word of n letters.
func maxEdits(n int) int {
	if n >= 8 {
		return 2
	}
	return 1
}

// speller corrects misspelt query words to corpus words using a trigram index of
// the corpus vocabulary. Read-only after finish; safe for concurrent use.
type speller struct {
	count   map[string]int     // corpus word → occurrences
	words   []string           // sorted vocabulary
	grams   map[string][]int32 // trigram → indexes into words
	nGram   []int              // trigram count per word
	scratch sync.Pool          `snapshot:"-"` // *spellScratch
}

// spellScratch counts shared trigrams per vocabulary word during one correction.
type spellScratch struct {
	shared  []uint16 // by word index
	touched []int32
	grams   []string // the distinct trigrams of the word corrected
}

func newSpeller() *speller { return &speller{count: map[string]int{}} }

func (s *speller) putScratch(sc *spellScratch) {
	for _, i := range sc.touched {
		sc.shared[i] = 0
	}
	clear(sc.grams)
	sc.touched, sc.grams = sc.touched[:0], sc.grams[:0]
	s.scratch.Put(sc)
}

// addText adds the content words of text to the vocabulary.
func (s *speller) addText(text string) {
	forEachToken(text, func(tok string) {
		if !isStop(tok) && isAlpha(tok) && utf8.RuneCountInString(tok) >= spellMinLen {
			s.count[tok]++
		}
	})
}

// initScratch sets up the pool of per-correction counters.
func (s *speller) initScratch() {
	s.scratch.New = func() any { return &spellScratch{shared: make([]uint16, len(s.words))} }
}

// finish builds the trigram index; words whose stem is not indexed are dropped.
func (s *speller) finish(x *lexIndex) {
	s.initScratch()
	for w := range s.count {
		if x.df(Stem(w)) > 0 {
			s.words = append(s.words, w)
		}
	}
	sort.Strings(s.words)
	s.grams = map[string][]int32{}
	s.nGram = make([]int, len(s.words))
	for i, w := range s.words {
		g := appendDistinctTrigrams(nil, w)
		s.nGram[i] = len(g)
		for _, t := range g {
			s.grams[t] = append(s.grams[t], int32(i))
		}
	}
}

// correct returns the stem of the corpus word closest to tok by edit distance (at
// most [maxEdits], same first letter; typos rarely hit it), else of the most frequent
// corpus word that tok abbreviates, or false when tok is a corpus word itself or
// nothing fits. Ties go to the more frequent word, then the alphabetically first.
func (s *speller) correct(tok string) (string, bool) {
	n := utf8.RuneCountInString(tok)
	if !isAlpha(tok) || s.count[tok] > 0 {
		return "", false
	}
	if n < spellMinLen {
		return s.complete(tok)
	}
	sc := s.scratch.Get().(*spellScratch)
	defer s.putScratch(sc)
	sc.grams = appendDistinctTrigrams(sc.grams[:0], tok)
	g := sc.grams
	if len(sc.shared) < len(s.words) {
		sc.shared = make([]uint16, len(s.words))
	}
	for _, t := range g {
		for _, i := range s.grams[t] {
			if sc.shared[i] == 0 {
				sc.touched = append(sc.touched, i)
			}
			sc.shared[i]++
		}
	}
	best, bestDist := int32(-1), maxEdits(n)+1
	for _, i := range sc.touched {
		if 3*int(sc.shared[i]) < len(g) { // the cheap tests first: most words share a trigram or two
			continue
		}
		w := s.words[i]
		if w[0] != tok[0] {
			continue
		}
		if d := utf8.RuneCountInString(w) - n; d > spellMaxDiff || d < -spellMaxDiff {
			continue
		}
		dist := editDistance(tok, w)
		if dist < bestDist || dist == bestDist && best >= 0 && s.better(i, best) {
			best, bestDist = i, dist
		}
	}
	if best < 0 || bestDist > maxEdits(n) {
		return s.complete(tok)
	}
	return Stem(s.words[best]), true
}

// complete treats tok as an abbreviation ("info", "tech") and returns the stem of
// the most frequent corpus word it begins, if any.
func (s *speller) complete(tok string) (string, bool) {
	if len(tok) < abbrevMinLen {
		return "", false
	}
	best := -1
	for i := sort.SearchStrings(s.words, tok); i < len(s.words) && strings.HasPrefix(s.words[i], tok); i++ {
		if best < 0 || s.better(int32(i), int32(best)) {
			best = i
		}
	}
	if best < 0 {
		return "", false
	}
	return Stem(s.words[best]), true
}

// editDistance is the optimal-string-alignment distance (insertions, deletions,
// substitutions and adjacent transpositions) between a and b.
func editDistance(a, b string) int {
	// Words up to editStack runes are worked on the stack.
	const editStack = 32
	var xs, ys [editStack]rune
	x, y := appendRunes(xs[:0], a), appendRunes(ys[:0], b)
	var rows [3][editStack + 1]int
	row := func(i int) []int {
		if len(y) <= editStack {
			return rows[i][:len(y)+1]
		}
		return make([]int, len(y)+1)
	}
	prev2, prev, cur := row(0), row(1), row(2)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// appendRunes appends the runes of s to dst, as []rune(s) would give them.
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

func (s *speller) better(i, j int32) bool {
	ci, cj := s.count[s.words[i]], s.count[s.words[j]]
	if ci != cj {
		return ci > cj
	}
	return s.words[i] < s.words[j]
}

// appendDistinctTrigrams appends w's distinct trigrams (see [trigramsOf]) to dst, in
// order of first occurrence.
func appendDistinctTrigrams(dst []string, w string) []string {
	start := len(dst)
	for t := newTrigrams(w); ; {
		g, ok := t.next()
		if !ok {
			return dst
		}
		if !slices.Contains(dst[start:], g) {
			dst = append(dst, g)
		}
	}
}
