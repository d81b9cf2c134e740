package answer

import (
	"testing"

	"github.com/careerbot/careerbot/retrieval"
)

func TestPromoteHeading(t *testing.T) {
	hits := make([]retrieval.Hit, len(testChunks))
	for i, c := range testChunks {
		hits[i] = retrieval.Hit{Chunk: c, Rank: i + 1}
	}
	tests := []struct {
		question string
		first    string
	}{
		{"How often do AHIMA credentials renew?", "cert#renew"}, // restates a heading: promoted
		{"how often do ahima credentials renew", "cert#renew"},  // case and punctuation do not matter
		{"Do AHIMA credentials expire?", "pay#earn"},            // too different: order kept
		{"Which online courses teach medical terminology?", "courses-guide#terminology"},
	}
	for _, tt := range tests {
		got := promoteHeading(tt.question, hits, 3)
		if len(got) != 3 || got[0].ID != tt.first {
			t.Errorf("%q: got %d hits, first %q; want 3, %q", tt.question, len(got), got[0].ID, tt.first)
		}
		seen := map[string]bool{}
		for i, h := range got {
			if h.Rank != i+1 || seen[h.ID] {
				t.Errorf("%q: hit %d rank %d id %q (duplicate %v)", tt.question, i, h.Rank, h.ID, seen[h.ID])
			}
			seen[h.ID] = true
		}
	}
	if got := promoteHeading("anything", nil, 5); len(got) != 0 {
		t.Errorf("no hits: got %d", len(got))
	}
}
