package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/careerbot/careerbot/corpus"
)

// maxNormalizeWords is the longest phrase of the normalisation table, in words.
const maxNormalizeWords = 3

// Normalizer rewrites how members write into plain words before a question is read:
// chat-speak, abbreviations and typos from the corpus lexicon ("ppl" → "people", "RN"
// → "registered nurse", "A&P" → "anatomy and physiology"), and drops filler ("lol",
// "tbh", "pls") so that it never counts for or against the evidence. Build one with
// [NewNormalizer]; it is read-only and safe for concurrent use. The zero value and a
// nil Normalizer return text unchanged.
type Normalizer struct {
	folded map[string]string // lower-case phrase → replacement ("" drops it)
	cased  map[string]string // phrase as written → replacement
	symbol map[string]string // keys without letters or digits ("$$", "&")
	// multi holds the first word of every phrase of two words or more (cased as
	// written, folded lower-cased), so that match tries longer phrases only at words
	// that start one.
	multi map[string]bool
}

// NewNormalizer builds the normaliser of a lexicon. Cased entries win over folded
// ones; filler words map to "" unless the table gives them a replacement.
func NewNormalizer(lx corpus.Lexicon) *Normalizer {
	n := &Normalizer{folded: map[string]string{}, cased: map[string]string{}, symbol: map[string]string{}}
	for _, f := range lx.Filler {
		n.folded[phraseKey(strings.ToLower(f))] = ""
	}
	for k, v := range lx.Normalize {
		switch {
		case !strings.ContainsFunc(k, isTokenRune):
			n.symbol[k] = v
		default:
			n.folded[phraseKey(strings.ToLower(k))] = v
		}
	}
	for k, v := range lx.NormalizeCased {
		n.cased[phraseKey(k)] = v
	}
	n.multi = map[string]bool{}
	for _, m := range []map[string]string{n.cased, n.folded} {
		for k := range m {
			if first, _, ok := strings.Cut(k, " "); ok {
				n.multi[first] = true
			}
		}
	}
	return n
}

// phraseKey joins a phrase's words with single spaces.
func phraseKey(s string) string { return strings.Join(strings.Fields(s), " ") }

// Normalize returns text with table phrases replaced and filler dropped. Words keep
// their surrounding punctuation ("rn." → "right now."). Text without table phrases
// comes back with its spacing unchanged.
func (n *Normalizer) Normalize(text string) string {
	if n == nil || len(n.folded)+len(n.cased)+len(n.symbol) == 0 {
		return text
	}
	words := strings.Fields(text)
	var out []string // nil until the first replacement
	for i := 0; i < len(words); {
		rep, used, ok := n.match(words[i:])
		if !ok {
			if out != nil {
				out = append(out, words[i])
			}
			i++
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)), words[:i]...)
		}
		if rep != "" {
			out = append(out, rep)
		}
		i += used
	}
	if out == nil {
		return text
	}
	return strings.Join(out, " ")
}

// match finds the longest table phrase at the start of words and returns its
// replacement (with the punctuation around the phrase kept) and how many words it
// covers.
func (n *Normalizer) match(words []string) (string, int, bool) {
	lead, first, trail := splitPunct(words[0])
	if n.startsPhrase(first) {
		for k := min(maxNormalizeWords, len(words)); k > 1; k-- {
			if rep, ok := n.phrase(words[:k], lead, first); ok {
				return rep, k, true
			}
		}
	}
	if first == "" {
		return "", 0, false
	}
	rep, ok := n.cased[first]
	if !ok {
		rep, ok = lookupLower(n.folded, first)
	}
	if !ok {
		rep, ok = n.symbolic(first)
	}
	if !ok {
		return "", 0, false
	}
	return withPunct(lead, rep, trail), 1, true
}

// startsPhrase reports whether a table phrase of two words or more starts with the
// word core first.
func (n *Normalizer) startsPhrase(first string) bool {
	if n.multi[first] {
		return true
	}
	if isLowerASCII(first) {
		return false // first is its own lower case: looked up already
	}
	folded, _ := lookupLower(n.multi, first)
	return folded
}

// phrase looks up the phrase of all of words (two or more; the first split into lead
// and first) and returns its replacement with the punctuation around it kept.
// Punctuation between the words ends a phrase: "rn, pls" is not the phrase "rn pls".
func (n *Normalizer) phrase(words []string, lead, first string) (string, bool) {
	if words[0] != lead+first {
		return "", false
	}
	var buf [maxNormalizeWords]string
	parts, last := buf[:len(words)], len(words)-1
	parts[0] = first
	for j := 1; j < last; j++ {
		if _, parts[j], _ = splitPunct(words[j]); parts[j] != words[j] {
			return "", false
		}
	}
	_, core, trail := splitPunct(words[last])
	if core == "" {
		return "", false
	}
	parts[last] = core
	key := strings.Join(parts, " ")
	rep, ok := n.cased[key]
	if !ok {
		rep, ok = lookupLower(n.folded, key)
	}
	if !ok {
		return "", false
	}
	return withPunct(lead, rep, trail), true
}

// withPunct is rep with the punctuation around the words it replaces; a dropped word
// ("" for filler) leaves its punctuation alone.
func withPunct(lead, rep, trail string) string {
	if rep == "" && (lead != "" || trail != "") {
		return strings.TrimSpace(lead + trail)
	}
	return lead + rep + trail
}

// symbolic replaces a symbol key that is the whole word or ends it after a digit
// ("500$$" → "500 money").
func (n *Normalizer) symbolic(core string) (string, bool) {
	if c := core[len(core)-1]; 'a' <= c|0x20 && c|0x20 <= 'z' {
		return "", false // symbol keys have no letters: core neither is one nor ends in one
	}
	for k, v := range n.symbol {
		if core == k {
			return v, true
		}
		if rest, ok := strings.CutSuffix(core, k); ok && rest != "" && unicode.IsDigit(rune(rest[len(rest)-1])) {
			return rest + " " + v, true
		}
	}
	return "", false
}

// splitPunct splits a word into leading punctuation, its core and trailing
// punctuation. '$', '&', '/', '*', '-' and apostrophes inside belong to the core.
func splitPunct(w string) (lead, core, trail string) {
	if w != "" && w[0] < utf8.RuneSelf && !asciiPunct[w[0]] && w[len(w)-1] < utf8.RuneSelf && !asciiPunct[w[len(w)-1]] {
		return "", w, "" // the usual case: a plain ASCII character at each end
	}
	start := strings.IndexFunc(w, func(r rune) bool { return !isPunct(r) })
	if start < 0 {
		return w, "", ""
	}
	end := strings.LastIndexFunc(w, func(r rune) bool { return !isPunct(r) })
	_, size := utf8.DecodeRuneInString(w[end:]) // 1 for an invalid byte
	end += size
	return w[:start], w[start:end], w[end:]
}

// punctuation is what [splitPunct] strips from the ends of a word.
const punctuation = `.,!?;:"()[]{}…“”‘’'`

// asciiPunct marks the ASCII runes of punctuation.
var asciiPunct = func() (t [utf8.RuneSelf]bool) {
	for _, r := range punctuation {
		if r < utf8.RuneSelf {
			t[r] = true
		}
	}
	return t
}()

// isPunct reports whether r is one of punctuation.
func isPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && asciiPunct[r]
	}
	return strings.ContainsRune(punctuation, r)
}

// isLowerASCII reports whether s is ASCII without upper-case letters.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// lookupLower looks strings.ToLower(key) up in m, without building the lower-case
// key when key is short ASCII.
func lookupLower[V any](m map[string]V, key string) (V, bool) {
	var buf [64]byte
	if len(key) > len(buf) {
		v, ok := m[strings.ToLower(key)]
		return v, ok
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= utf8.RuneSelf {
			v, ok := m[strings.ToLower(key)]
			return v, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := m[string(buf[:len(key)])]
	return v, ok
}
