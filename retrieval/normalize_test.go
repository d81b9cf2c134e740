package retrieval

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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
	for _, s := range normalizeSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := n.Normalize(s), normalizeRef(n, s); got != want {
			t.Errorf("Normalize(%q) = %q, reference %q", s, got, want)
		}
	})
}

// normalizeRef is the plain form of [Normalizer.Normalize] (every phrase length tried
// at every word, keys built and lower-cased as strings) that the fast one must match.
func normalizeRef(n *Normalizer, text string) string {
	words := strings.Fields(text)
	var out []string
	changed := false
	for i := 0; i < len(words); {
		rep, used, ok := matchRef(n, words[i:])
		if !ok {
			out = append(out, words[i])
			i++
			continue
		}
		changed = true
		if rep != "" {
			out = append(out, rep)
		}
		i += used
	}
	if !changed {
		return text
	}
	return strings.Join(out, " ")
}

func matchRef(n *Normalizer, words []string) (string, int, bool) {
	isPunct := func(r rune) bool { return strings.ContainsRune(`.,!?;:"()[]{}…“”‘’'`, r) }
	split := func(w string) (lead, core, trail string) {
		start := strings.IndexFunc(w, func(r rune) bool { return !isPunct(r) })
		if start < 0 {
			return w, "", ""
		}
		end := strings.LastIndexFunc(w, func(r rune) bool { return !isPunct(r) })
		_, size := utf8.DecodeRuneInString(w[end:])
		end += size
		return w[:start], w[start:end], w[end:]
	}
	for k := min(maxNormalizeWords, len(words)); k >= 1; k-- {
		lead, _, _ := split(words[0])
		_, core, trail := split(words[k-1])
		parts := make([]string, k)
		inner := false
		for j := range k {
			_, parts[j], _ = split(words[j])
			inner = inner || j > 0 && j < k-1 && parts[j] != words[j]
		}
		if inner || core == "" || k > 1 && words[0] != lead+parts[0] {
			continue
		}
		key := strings.Join(parts, " ")
		rep, ok := n.cased[key]
		if !ok {
			rep, ok = n.folded[strings.ToLower(key)]
		}
		if !ok && k == 1 {
			for sk, v := range n.symbol {
				if core == sk {
					rep, ok = v, true
				} else if rest, cut := strings.CutSuffix(core, sk); cut && rest != "" && unicode.IsDigit(rune(rest[len(rest)-1])) {
					rep, ok = rest+" "+v, true
				}
			}
		}
		if ok {
			if rep == "" && (lead != "" || trail != "") {
				return strings.TrimSpace(lead + trail), k, true
			}
			return lead + rep + trail, k, true
		}
	}
	return "", 0, false
}

var normalizeSamples = []string{
	"ppl r", "(lol)", "500$$", "“rn”…", "\u00a0a&p\t", "“med term”", "(Med Term) hard", "med, term", "med term,",
	"«ppl»", "PPL!", "ÄPPL ppl", "İppl", "r&r", "x$$ 5$$ $$5", "...", "“", "lol, tbh... pls", "RN. rn. Rn.",
}

func TestNormalize_MatchesReference(t *testing.T) {
	n := testNormalizer()
	for _, s := range normalizeSamples {
		if got, want := n.Normalize(s), normalizeRef(n, s); got != want {
			t.Errorf("Normalize(%q) = %q, reference %q", s, got, want)
		}
	}
}
