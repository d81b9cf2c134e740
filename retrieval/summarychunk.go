package retrieval

import (
	"strings"

	"github.com/careerbot/careerbot/corpus"
)

// SummaryChunk is a document's key points as a passage: its summary points in order,
// with their claims and the pages they cite, under the heading "Key points". It is
// not indexed; answerers quote it where a document's overview fits better than one
// of its sections (a balanced answer to "is it worth it?").
func SummaryChunk(d corpus.Document) Chunk {
	return claimChunk(d, d.ID+"#key-points", "Key points", d.URL(), strings.Join(d.Summary, " "), d.SummaryClaims)
}
