package retrieval

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
)

var queryTextSamples = []string{
	"What education do I need to become a health information technician?",
	"hw much do RHITs make lol", "ICD-10-CM vs CPC-A: $50,250 or 7%?", "computer-assisted coding",
	"What's a member's job? whats", "the the the", "", "  ?! ", "naïve Café ÉCOLE", "x\xffy",
	"certfication certification certified", "a-b-c-d e-f $5-6",
}

// checkQueryText checks a reading of text against the analyser it stands in for.
func checkQueryText(t *testing.T, qt *queryText, text string) {
	t.Helper()
	if want := Terms(text); !slices.Equal(qt.terms, want) && len(qt.terms)+len(want) > 0 {
		t.Errorf("%q: terms %q, Terms gives %q", text, qt.terms, want)
	}
	var toks, words, concat []string
	forEachToken(text, func(tok string) {
		toks = append(toks, tok)
		if !isStop(tok) {
			words = append(words, tok)
		}
	})
	if !slices.Equal(qt.toks, toks) || !slices.Equal(qt.words, words) {
		t.Errorf("%q: tokens %q and words %q, want %q and %q", text, qt.toks, qt.words, toks, words)
	}
	for i, tok := range qt.toks {
		if qt.tokTerm[i] != term(tok) {
			t.Errorf("%q: token %q has term %q, want %q", text, tok, qt.tokTerm[i], term(tok))
		}
		concat = append(concat, qt.tokenTerms(i)...)
	}
	if !slices.Equal(concat, qt.terms) {
		t.Errorf("%q: the tokens' terms %q are not the terms %q", text, concat, qt.terms)
	}
}

func TestQueryText_MatchesAnalyser(t *testing.T) {
	reused := new(queryText)
	for _, text := range queryTextSamples {
		checkQueryText(t, readQuery(text), text)
		reused.read(text)
		checkQueryText(t, reused, text)
	}
}

func FuzzQueryText(f *testing.F) {
	for _, s := range queryTextSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkQueryText(t, readQuery(text), text)
	})
}

// TestLocalEmbedder_QueryMatchesEmbed checks that the vector of a read query is the
// vector of its text, bit for bit, also when the buffer is reused.
func TestLocalEmbedder_QueryMatchesEmbed(t *testing.T) {
	c := builtinCorpus(t)
	emb := NewLocalEmbedder(c.Synonyms)
	buf := make([]float32, LocalDimension)
	for _, text := range append(queryTextSamples, benchQueries...) {
		want, err := emb.Embed(context.Background(), []string{text})
		if err != nil {
			t.Fatal(err)
		}
		got, nz := emb.embedQuery(buf, nil, readQuery(text))
		if !slices.Equal(got, want[0]) {
			t.Errorf("%q: the read query's vector differs from Embed's", text)
		}
		checkComponents(t, text, got, nz)
	}
}

// checkComponents checks that nz lists, in ascending order, components of v that
// include every non-zero one, and that a query vector prepared from them is the one
// prepared from the whole vector.
func checkComponents(t *testing.T, text string, v []float32, nz []int32) {
	t.Helper()
	if !slices.IsSorted(nz) || len(slices.Compact(slices.Clone(nz))) != len(nz) {
		t.Errorf("%q: components %v not ascending", text, nz)
	}
	for i, x := range v {
		if x != 0 && !slices.Contains(nz, int32(i)) {
			t.Errorf("%q: non-zero component %d not listed", text, i)
		}
	}
	var whole, at queryVec
	whole.prepare(v)
	nonzero := at.prepareAt(v, nz)
	if nonzero != slices.ContainsFunc(v, func(x float32) bool { return x != 0 }) ||
		!slices.Equal(whole.idx, at.idx) || !slices.Equal(whole.val, at.val) {
		t.Errorf("%q: prepared from the listed components: %v %v, from the vector: %v %v", text, at.idx, at.val, whole.idx, whole.val)
	}
}

// TestEngine_Analyze_OneSlotPerTerm checks that a long query with repeated words
// (past the length where repeats are found through a map) gets one slot per distinct
// term, in order of first use, and that each term points to its slot.
func TestEngine_Analyze_OneSlotPerTerm(t *testing.T) {
	e := builtinEngine(t)
	text := strings.Repeat("coding salary exam remote hospital privacy billing audit registry ", 3) +
		"cancer tumor data quality release records education certificate associate degree program coding"
	qt := readQuery(text)
	q := e.analyze(qt)
	var distinct []string
	for _, term := range qt.terms {
		if !slices.Contains(distinct, term) {
			distinct = append(distinct, term)
		}
	}
	if len(distinct) <= linearSlots {
		t.Fatalf("only %d distinct terms; the test needs more than %d", len(distinct), linearSlots)
	}
	var got []string
	for _, s := range q.slots {
		got = append(got, s.term)
	}
	if !slices.Equal(got, distinct) {
		t.Fatalf("slots %q, want %q", got, distinct)
	}
	for i, term := range qt.terms {
		first := slices.Index(qt.terms, term)
		if s := qt.slotOf[i]; first == i && (s < 0 || q.slots[s].term != term) || first < i && s != -1 {
			t.Errorf("term %d %q: slot %d", i, term, s)
		}
	}
}

// embedSorted is the local embedder's vector computed with a full sort of the feature
// hashes, the plain form of the grouping by component that embed uses.
func embedSorted(e *LocalEmbedder, text string) []float32 {
	var fs []uint64
	qt := readQuery(text)
	for _, t := range qt.terms {
		fs = append(fs, featureHash('t', t, ""))
	}
	for _, c := range e.syn.Expand(qt.terms)[len(qt.terms):] {
		fs = append(fs, featureHash('c', c, ""))
	}
	for i := 1; i < len(qt.terms); i++ {
		fs = append(fs, featureHash('b', qt.terms[i-1], qt.terms[i]))
	}
	for _, w := range qt.words {
		fs = appendTrigramHashes(fs, w)
	}
	slices.Sort(fs)
	v := make([]float32, LocalDimension)
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j] == fs[i] {
			j++
		}
		val := float32(featureWeight[fs[i]&0xff] * (1 + math.Log(float64(j-i))))
		if fs[i]>>63 == 1 {
			val = -val
		}
		v[(fs[i]>>8)%LocalDimension] += val
		i = j
	}
	return normalize(v)
}

// TestLocalEmbedder_MatchesSortedSums checks the embedder against embedSorted, bit
// for bit, on every chunk of the built-in corpus and on the sample queries.
func TestLocalEmbedder_MatchesSortedSums(t *testing.T) {
	c := builtinCorpus(t)
	emb := NewLocalEmbedder(c.Synonyms)
	texts := slices.Clone(queryTextSamples)
	for _, ch := range BuildChunks(c) {
		texts = append(texts, embedText(ch))
	}
	for _, text := range texts {
		got, nz := emb.embed(text, nil)
		if want := embedSorted(emb, text); !slices.Equal(got, want) {
			t.Errorf("%.40q: vector differs from the fully sorted sums", text)
		}
		checkComponents(t, text, got, nz)
	}
}

// readQuery returns the reading of text.
func readQuery(text string) *queryText {
	t := new(queryText)
	t.read(text)
	return t
}
