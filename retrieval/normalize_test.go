package retrieval

import (
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func testNormalizer() *Normalizer {
	return NewNormalizer(corpus.Lexicon{
		Normalize:      map[string]string{"ppl": "people", "yrs": "years", "med term": "medical terminology", "$$": "money", "a&p": "anatomy and physiology", "whats": "what is"},
		NormalizeCased: map[string]string{"RN": "registered nurse", "rn": "right now", "r": "are", "u": "you"},
		Filler:         []string{"lol", "tbh", "pls"},
	})
}

func TestNormalize(t *testing.T) {
	n := testNormalizer()
	for in, want := range map[string]string{
		"how many ppl r coders lol":             "how many people are coders",
		"im an RN, can i switch rn?":            "im an registered nurse, can i switch right now?",
		"is Med Term hard tbh":                  "is medical terminology hard",
		"whats a good crypto to throw 500$$ at": "what is a good crypto to throw 500 money at",
		"do i need A&P (pls)":                   "do i need anatomy and physiology ()",
		"I know a lil R":                        "I know a lil R",
		"How do I qualify for the RHIT exam?":   "How do I qualify for the RHIT exam?",
		"been 10 yrs.":                          "been 10 years.",
		"u":                                     "you",
		"":                                      "",
	} {
		if got := n.Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	var nilN *Normalizer
	if nilN.Normalize("ppl") != "ppl" {
		t.Error("nil normaliser changed text")
	}
}

func FuzzNormalize(f *testing.F) {
	n := testNormalizer()
	for _, s := range []string{"ppl r", "(lol)", "500$$", "“rn”…", "\u00a0a&p\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n.Normalize(s) // must not panic
	})
}
