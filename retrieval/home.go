package retrieval

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/careerbot/careerbot/corpus"
)

// An attribute a question asks for (pay, outlook: the lexicon's attributes) has a
// home topic where the corpus states it in full; other documents restate it in
// passing ("about 14,200 job openings a year" in an overview of the occupation).
// For a question asking the attribute, a section of its home topic is scaled by
// homeBoost, so it ranks first against a passing mention of similar strength, while
// a section clearly the better match still wins.
const homeBoost = 1.1

// topicHome is one attribute's ask cues (lower case) and its home topic.
type topicHome struct {
	asks  []string
	topic string
}

// newHomes returns the lexicon attributes that have a home topic.
func newHomes(as []corpus.Attribute) []topicHome {
	var out []topicHome
	for _, a := range as {
		if a.Topic == "" {
			continue
		}
		h := topicHome{topic: a.Topic}
		for _, c := range a.Asks {
			if c = strings.ToLower(c); strings.TrimSpace(c) != "" {
				h.asks = append(h.asks, c)
			}
		}
		out = append(out, h)
	}
	return out
}

// homeTopics returns the home topics of the attributes the normalised query asks
// for, each once.
func (e *Engine) homeTopics(query string) []string {
	if len(e.homes) == 0 {
		return nil
	}
	lower := strings.ToLower(query)
	var out []string
	for _, h := range e.homes {
		if HasCue(lower, h.asks) && !slices.Contains(out, h.topic) {
			out = append(out, h.topic)
		}
	}
	return out
}

// homeFactor is homeBoost for a chunk in one of topics, 1 otherwise.
func (e *Engine) homeFactor(doc int32, topics []string) float64 {
	if slices.Contains(topics, e.chunks[doc].Topic) {
		return homeBoost
	}
	return 1
}

// HasCue reports whether one of cues occurs in s at the start of a word ("format"
// does not occur in "information", "pay" not in "repay"). Cues are lower case; they
// may end inside a word ("eligib"). A cue with "…" matches when its parts occur in
// order ("how much … make" in "how much do coders make in ohio").
func HasCue(s string, cues []string) bool {
	for _, c := range cues {
		if cueAt(s, c) >= 0 {
			return true
		}
	}
	return false
}

// cueAt returns the end of the first match of cue in s (see [HasCue]), or -1.
func cueAt(s, cue string) int {
	end := 0
	for part := range strings.SplitSeq(cue, "…") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		i := wordStartIndex(s[end:], part)
		if i < 0 {
			return -1
		}
		end += i + len(part)
	}
	return end
}

// wordStartIndex returns the index of the first occurrence of part in s that starts
// a word, or -1.
func wordStartIndex(s, part string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], part)
		if i < 0 {
			return -1
		}
		i += off
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); i == 0 || !unicode.IsLetter(r) {
			return i
		}
		off = i + 1
	}
	return -1
}
