package retrieval

import "github.com/careerbot/careerbot/corpus"

// SummaryChunk is a document's key points as a passage: its summary points in order,
// with their claims and the pages they cite, under the heading "Key points". It is
// not indexed; answerers quote it where a document's overview fits better than one
// of its sections (a balanced answer to "is it worth it?").
func SummaryChunk(d corpus.Document) Chunk {
	text := ""
	for i, p := range d.Summary {
		if i > 0 {
			text += " "
		}
		text += p
	}
	srcs := claimSources(d, d.SummaryClaims)
	url := d.URL()
	if len(srcs) > 0 {
		url = srcs[0].URL
	}
	return Chunk{
		ID: d.ID + "#key-points", DocID: d.ID, Title: d.Title, Section: "Key points", Topic: d.Topic,
		URL: url, AsOf: d.AsOf, Text: text, Claims: d.SummaryClaims, Sources: srcs,
	}
}
