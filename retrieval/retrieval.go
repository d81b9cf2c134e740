// Package retrieval finds the passages of the corpus that answer a question: it cuts
// the corpus into chunks, embeds them (locally by default, or through any
// OpenAI-compatible embeddings endpoint), keeps them in a chromem-go collection
// persisted in DATA_DIR, and ranks them by vector similarity fused with a lexical
// ranking, with a confidence score the answerer uses to abstain.
package retrieval

import (
	"context"

	"github.com/careerbot/careerbot/corpus"
)

// Chunk is one searchable passage: a ## section of a document (long ones split at
// paragraphs) or one course of the catalog.
type Chunk struct {
	ID       string // "<doc_id>#<section-slug>", or "course:<course_id>"
	DocID    string // document id, or "courses" for catalog entries
	Title    string // document title
	Section  string // section heading
	Topic    string // corpus topic; "courses" for catalog entries
	URL      string // the first source of the chunk's claims (else the section's or document's), or the course's page
	AsOf     string // YYYY-MM: the document's as_of
	Text     string // plain passage text, without source markers
	CourseID string // set for catalog entries
	// Claims are the chunk's sentences in order, each with the source keys it cites
	// (plain text, like Text). Catalog entries have none.
	Claims []corpus.Claim
	// Sources are the pages the claims cite, resolved from the document's sources,
	// in order of first use. Empty for format v1 documents and catalog entries.
	Sources []corpus.Source
}

// SearchOptions narrow a search.
type SearchOptions struct {
	K     int    // number of results; clamped to 1..collection size; 0 means 5
	Topic string // only chunks of this topic when set
}

// Hit is one ranked search result.
type Hit struct {
	Chunk
	Rank  int     // 1-based
	Score float64 // fused score; higher is better
}

// Results is the outcome of one search.
type Results struct {
	Query      string
	Hits       []Hit
	Confidence float64 // 0..1: how well the best evidence matches the query
	Confident  bool    // Confidence passed the gate; false means the answerer should abstain
}

// Searcher is what answerers need from the engine.
type Searcher interface {
	Search(ctx context.Context, query string, opts SearchOptions) (Results, error)
}
