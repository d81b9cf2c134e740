package retrieval

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestEngine_Search_Ranking(t *testing.T) {
	c := testCorpus()
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	tests := []struct{ query, wantTop string }{
		{"What is the typical salary?", "pay#earn"},                // synonym of wage
		{"Is employment growing?", "pay#outlook"},                  // inflection: grow
		{"registered health information technician", "certs#rhit"}, // expansion → acronym
		{"what does cpc-a stand for", "certs#cpc-a"},               // code token
		{"Can coders work remotely?", "where#remote"},              // inflections + synonym
		{"emplyment projections", "pay#outlook"},                   // typo
		{"sql course", "course:sql-basics"},                        // catalog entry
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := search(t, e, tt.query, SearchOptions{})
			if len(r.Hits) == 0 || r.Hits[0].ID != tt.wantTop {
				t.Fatalf("top hit = %v, want %s", ids(r.Hits), tt.wantTop)
			}
			for i, h := range r.Hits {
				if h.Rank != i+1 || (i > 0 && h.Score > r.Hits[i-1].Score) {
					t.Errorf("hit %d: rank %d score %.3f out of order", i, h.Rank, h.Score)
				}
			}
		})
	}
}

func TestEngine_Search_Options(t *testing.T) {
	c := testCorpus()
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	n := len(e.Chunks())
	t.Run("DefaultK", func(t *testing.T) {
		if got := len(search(t, e, "coding jobs", SearchOptions{}).Hits); got != min(DefaultK, n) {
			t.Errorf("got %d hits, want %d", got, min(DefaultK, n))
		}
	})
	t.Run("KClamped", func(t *testing.T) {
		if got := len(search(t, e, "coding jobs", SearchOptions{K: 1000}).Hits); got > n {
			t.Errorf("got %d hits from %d chunks", got, n)
		}
	})
	t.Run("TopicFilter", func(t *testing.T) {
		r := search(t, e, "coding", SearchOptions{K: 10, Topic: "certification"})
		if len(r.Hits) == 0 {
			t.Fatal("no hits")
		}
		for _, h := range r.Hits {
			if h.Topic != "certification" {
				t.Errorf("hit %s has topic %s", h.ID, h.Topic)
			}
		}
	})
	t.Run("UnknownTopic", func(t *testing.T) {
		if r := search(t, e, "coding", SearchOptions{Topic: "cooking"}); len(r.Hits) != 0 || r.Confident {
			t.Errorf("got %v, confident %v", ids(r.Hits), r.Confident)
		}
	})
	for _, q := range []string{"", "   \n\t", "?!"} {
		t.Run(fmt.Sprintf("Blank%q", q), func(t *testing.T) {
			r := search(t, e, q, SearchOptions{})
			if len(r.Hits) != 0 || r.Confident {
				t.Errorf("got %v, confident %v", ids(r.Hits), r.Confident)
			}
		})
	}
	t.Run("HugeQuery", func(t *testing.T) {
		search(t, e, strings.Repeat("coding salary \x00\xff ", 5000), SearchOptions{})
	})
}

// TestEngine_Confidence checks the gate on the built-in corpus with questions that
// are not in the development set.
func TestEngine_Confidence(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	inScope := []string{
		"Which certification should a new medical coder get first?",
		"Do hospitals hire health information technicians?",
		"What does the RHIA exam require?",
		"How long does an associate degree in health information take?",
	}
	offTopic := []string{
		"What's the weather tomorrow?",
		"Recommend a good movie for tonight",
		"How do I fix my car engine?",
		"Who won the football game last night?",
		"Explain quantum physics to me",
	}
	checkGate(t, e, inScope, offTopic)
}

func TestEngine_ConcurrentSearch(t *testing.T) {
	c := testCorpus()
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	want := ids(search(t, e, "remote coding salary", SearchOptions{}).Hits)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				r, err := e.Search(context.Background(), "remote coding salary", SearchOptions{})
				if err != nil || ids(r.Hits) != want {
					t.Errorf("got %v, %v; want %v", ids(r.Hits), err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestOpen_BadConfig(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, Config{Embedder: NewLocalEmbedder(testSynonyms)}); err == nil {
		t.Error("Open without a corpus should fail")
	}
	if _, err := Open(ctx, Config{Corpus: testCorpus()}); err == nil {
		t.Error("Open without an embedder should fail")
	}
}

func ids(hits []Hit) string {
	s := make([]string, len(hits))
	for i, h := range hits {
		s[i] = h.ID
	}
	return strings.Join(s, ",")
}
