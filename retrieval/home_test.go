package retrieval

import (
	"context"
	"slices"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestHomeTopics(t *testing.T) {
	e := &Engine{homes: newHomes([]corpus.Attribute{
		{Name: "outlook", Asks: []string{"openings", "growth"}, Topic: "pay-outlook"},
		{Name: "pay", Asks: []string{"salary"}, Topic: "pay-outlook"},
		{Name: "remote", Asks: []string{"remote"}},
	})}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"how many job openings a year", []string{"pay-outlook"}},
		{"salary and growth for coders", []string{"pay-outlook"}},
		{"can i work remote", nil},
		{"regrowth", nil}, // a cue counts at the start of a word only
	} {
		if got := e.homeTopics(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("homeTopics(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestSearch_HomeTopic checks on the built-in corpus that a question asking for
// annual openings ranks the pay-outlook section that states them over an overview
// section restating them in passing.
func TestSearch_HomeTopic(t *testing.T) {
	c := builtinCorpus(t)
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	for _, q := range []string{
		"how many job openings a year for medical records people",
		"how many openings per year are there for records specialists",
	} {
		res, err := e.Search(context.Background(), q, SearchOptions{K: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Topic != "pay-outlook" {
			t.Errorf("%q: top hit %+v, want a pay-outlook section", q, res.Hits[:min(1, len(res.Hits))])
		}
	}
}

func TestHasCue(t *testing.T) {
	for _, tc := range []struct {
		s    string
		cues []string
		want bool
	}{
		{"how much do coders make in ohio", []string{"how much … make"}, true},
		{"make it make sense, how much", []string{"how much … make"}, false}, // parts in order
		{"what is the information format", []string{"format"}, true},
		{"information", []string{"format"}, false},
		{"how much do they remake", []string{"how much … make"}, false}, // a part starts a word
		{"anything", nil, false},
	} {
		if got := HasCue(tc.s, tc.cues); got != tc.want {
			t.Errorf("HasCue(%q, %q) = %v, want %v", tc.s, tc.cues, got, tc.want)
		}
	}
}
