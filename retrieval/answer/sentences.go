package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence length bounds for quotable sentences, in words. Shorter ones are usually
// fragments ("See below."); longer ones would eat the whole answer budget.
const (
	minSentenceWords = 5
	maxSentenceWords = 70
)

var (
	mdLink = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	// Emphasis markers count only at word edges, so "O*NET" and snake_case survive.
	mdStrong   = regexp.MustCompile(`(^|[^\p{L}\p{N}*_])(?:\*\*|__)([^\s*_](?:[^*\n]*?[^\s*_])?)(?:\*\*|__)([^\p{L}\p{N}*_]|$)`)
	mdEmphasis = regexp.MustCompile(`(^|[^\p{L}\p{N}*_])[*_]([^\s*_](?:[^*\n]*?[^\s*_])?)[*_]([^\p{L}\p{N}*_]|$)`)
	listMarker = regexp.MustCompile(`^\s*(?:[-*+•]|\d{1,3}[.)])\s+`)
	citeMarker = regexp.MustCompile(`\[\d{1,3}\]`)
)

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "etc.": true, "vs.": true, "dr.": true, "mr.": true,
	"mrs.": true, "ms.": true, "st.": true, "no.": true, "u.s.": true, "inc.": true,
	"approx.": true, "jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true,
	"nov.": true, "dec.": true, "jr.": true, "sr.": true, "co.": true, "ph.d.": true,
}

// splitSentences cuts a chunk's text into clean, quotable sentences in order:
// headings, table rows and code are dropped, list items become sentences of their own
// when they read as one, Markdown emphasis and links are reduced to their text, and
// fragments (too short, too long, questions, lead-ins ending in a colon) are left out.
func splitSentences(text string) []string {
	var out []string
	for _, block := range blocks(text) {
		for _, s := range splitBlock(block.text) {
			if s = tidySentence(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// splitBlock splits a paragraph at sentence ends: '.', '!' or '?' followed by a space
// and a capital, digit, quote or bracket — except after known abbreviations and
// single-letter initials.
func splitBlock(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == '\'' || p[j] == ')') {
			j++
		}
		if j >= len(p) || p[j] != ' ' {
			continue
		}
		k := j
		for k < len(p) && p[k] == ' ' {
			k++
		}
		if k >= len(p) {
			break
		}
		r, _ := utf8.DecodeRuneInString(p[k:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'($“`, r) {
			continue
		}
		if c == '.' && isAbbreviation(p[start:i+1]) {
			continue
		}
		out = append(out, p[start:j])
		start = k
		i = k - 1
	}
	if start < len(p) {
		out = append(out, p[start:])
	}
	return out
}

// isAbbreviation reports whether s ends in an abbreviation or an initial ("J.").
func isAbbreviation(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(strings.TrimLeft(f[len(f)-1], `("'`))
	if abbreviations[w] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return n+1 == len(w) && unicode.IsLetter(r)
}

// tidySentence strips Markdown and reports "" when s is not a stand-alone sentence:
// it must start with a capital, digit or quote and end with a period or exclamation
// mark (possibly inside a closing quote or bracket).
func tidySentence(s string) string {
	// The regular expressions run only when their trigger character is present:
	// most sentences carry no Markdown, and this is the hot path.
	if strings.Contains(s, "](") {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	s = stripEmphasis(s)
	s = strings.ReplaceAll(s, "`", "")
	if strings.IndexByte(s, '[') >= 0 {
		s = citeMarker.ReplaceAllString(s, "")
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case last == '?' || last == ':' || last == ';' || last == ',':
		return ""
	case !endsSentence(s):
		return ""
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !strings.ContainsRune(`"$“(`, first) {
		return ""
	}
	if n := len(strings.Fields(s)); n < minSentenceWords || n > maxSentenceWords {
		return ""
	}
	return s
}

// stripEmphasis removes Markdown bold and italic markers at word edges. Matches that
// share a boundary character need another pass, so it repeats until nothing changes.
func stripEmphasis(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s
	}
	for range 4 {
		t := mdEmphasis.ReplaceAllString(mdStrong.ReplaceAllString(s, "$1$2$3"), "$1$2$3")
		if t == s {
			break
		}
		s = t
	}
	return s
}

// endsSentence reports whether s ends with '.' or '!', possibly followed by closing
// quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"')”’`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!")
}
