package answer

import (
	"strings"
	"unicode"
)

// limitWords returns text cut to at most max words (citation markers not counted) at
// the last sentence end within the limit, so a model that runs long is shortened to
// whole sentences. Text within the limit is returned unchanged; text with no sentence
// end within the limit is cut at the limit with an ellipsis.
func limitWords(text string, max int) string {
	words, cut := 0, -1
	pos := 0
	for _, f := range strings.Fields(text) {
		start := pos + strings.Index(text[pos:], f)
		pos = start + len(f)
		if !isCitationToken(f) {
			words++
		}
		if words > max {
			if cut > 0 {
				return strings.TrimSpace(text[:cut])
			}
			return strings.TrimRightFunc(text[:start], unicode.IsSpace) + "…"
		}
		if endsWithSentence(f) {
			cut = pos
		}
	}
	return text
}

// isCitationToken reports whether a word is only citation markers ("[1]", "[2][3].").
func isCitationToken(f string) bool {
	f = strings.TrimRight(f, ".!?,;:")
	return f != "" && strings.Trim(f, "[]0123456789") == "" && strings.HasPrefix(f, "[")
}

// endsWithSentence reports whether a word ends a sentence, its citations included
// ("2024.", "[1].", "2024 [1]." is two words, the second ending it).
func endsWithSentence(f string) bool {
	f = strings.TrimRight(f, `"')”’*`)
	return strings.HasSuffix(f, ".") || strings.HasSuffix(f, "!") || strings.HasSuffix(f, "?")
}
