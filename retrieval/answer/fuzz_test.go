package answer

import (
	"context"
	"testing"
)

// FuzzAsk: any question and follow-up, however written, gets an answer or an
// abstention, never a panic (normalisation, reading, gaps, open questions, follow-ups).
func FuzzAsk(f *testing.F) {
	for _, s := range []string{"ppl r saying the cpc fee is going up next yr??", "is it worth it lol", "and the other one", "\x8e", "what about ohio in 2013", ""} {
		f.Add(s, "cpc vs cca pass rate")
	}
	a := newTestAdvisor(f, &fakeSearcher{chunks: testChunks, confident: true}, nil)
	f.Fuzz(func(t *testing.T, q, prev string) {
		history := []Turn{{Question: prev, Answer: "The CPC exam costs $399 [1]."}}
		a.Ask(context.Background(), q, history, nil) // must not panic
	})
}
