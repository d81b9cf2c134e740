package retrieval

import (
	"context"
	"math"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/careerbot/careerbot/corpus"
)

var testSynonyms = corpus.Synonyms{
	Acronyms: map[string]string{"RHIT": "Registered Health Information Technician", "CPC": "Certified Professional Coder"},
	Groups:   [][]string{{"salary", "pay", "wage", "earn"}, {"remote", "work from home"}},
}

func TestLocalEmbedder_Similarity(t *testing.T) {
	e := NewLocalEmbedder(testSynonyms)
	tests := []struct {
		name              string
		query, near, away string
	}{
		{"Synonym", "what is the salary", "typical pay for the job", "typical hours for the job"},
		{"SynonymPhrase", "remote jobs", "jobs you can do from home", "jobs in a hospital"},
		{"AcronymToExpansion", "RHIT exam", "registered health information technician exam", "registered nurse exam"},
		{"ExpansionToAcronym", "certified professional coder", "the CPC credential", "the CCS credential"},
		{"Inflection", "certify", "certification requirements", "education requirements"},
		{"InflectionCoding", "coders", "medical coding jobs", "medical billing jobs"},
		{"TypoCommonWord", "certfication", "certification", "graduation"},
		{"TypoDropped", "hospitl jobs", "hospital jobs", "clinic jobs"},
		{"TypoSwap", "medcial records", "medical records", "legal records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := embedAll(t, e, tt.query, tt.near, tt.away)
			near, away := dot(v[0], v[1]), dot(v[0], v[2])
			if near <= away {
				t.Errorf("sim(%q, %q) = %.3f, not above sim(%q, %q) = %.3f", tt.query, tt.near, near, tt.query, tt.away, away)
			}
		})
	}
}

func TestLocalEmbedder_Contract(t *testing.T) {
	e := NewLocalEmbedder(testSynonyms)
	v := embedAll(t, e, "Medical coders earn more with a CPC.", "Medical coders earn more with a CPC.", "?!")
	if len(v[0]) != LocalDimension {
		t.Fatalf("dimension = %d, want %d", len(v[0]), LocalDimension)
	}
	if n := norm(v[0]); math.Abs(n-1) > 1e-5 {
		t.Errorf("norm = %v, want 1", n)
	}
	if !slices.Equal(v[0], v[1]) {
		t.Error("the same text gave different vectors")
	}
	if norm(v[2]) != 0 {
		t.Error("a text without words should give the zero vector")
	}
	other := NewLocalEmbedder(corpus.Synonyms{Groups: [][]string{{"a", "b"}}})
	if other.Model() == e.Model() {
		t.Error("a different synonym table should change the model name")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Embed(ctx, []string{"x"}); err == nil {
		t.Error("Embed with a canceled context should fail")
	}
}

func embedAll(tb testing.TB, e Embedder, texts ...string) [][]float32 {
	tb.Helper()
	v, err := e.Embed(context.Background(), texts)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestAppendTrigramHashes_MatchesTrigrams(t *testing.T) {
	for _, w := range []string{"a", "ab", "abc", "coding", "café", "naïve-ish", "日本語", "x\xffy"} {
		var want []uint64
		for _, g := range trigrams(w) {
			want = append(want, featureHash('g', g, ""))
		}
		if got := appendTrigramHashes(nil, w); !slices.Equal(got, want) {
			t.Errorf("%q: got %d hashes, want %d (%v)", w, len(got), len(want), trigrams(w))
		}
	}
}

// trigrams is the plain form of [trigramsOf]: the character trigrams of a word padded
// with boundary marks, built rune by rune.
func trigrams(w string) []string {
	if !utf8.ValidString(w) {
		return nil
	}
	r := []rune("^" + w + "$")
	var out []string
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, string(r[i:i+3]))
	}
	return out
}

func TestAppendDistinctTrigrams(t *testing.T) {
	for _, w := range []string{"", "a", "ab", "coding", "aaaa", "banana", "café", "naïve-ish", "日本語", "x\xffy"} {
		var want []string
		for _, g := range trigrams(w) {
			if !slices.Contains(want, g) {
				want = append(want, g)
			}
		}
		if got := appendDistinctTrigrams([]string{"kept"}, w); !slices.Equal(got[1:], want) || got[0] != "kept" {
			t.Errorf("%q: got %q, want %q after the kept entry", w, got, want)
		}
	}
}
