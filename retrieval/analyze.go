package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terms is the analyzer shared by indexing, search and answer scoring: it lower-cases
// text, splits it into tokens, drops stop words and folds inflections so that related
// word forms become one term (certify, certified, certification → "certif"; code,
// codes, coding, coder → "cod"). Tokens that carry digits or inner punctuation keep
// their shape ("icd-10", "cpc-a", "29-2072", "$50,250", "7%"); hyphenated words also
// yield their parts ("computer-assisted" → "computer-assisted", "comput", "assist").
// Terms never returns empty strings and never panics; the result is nil for text with
// no content words.
func Terms(text string) []string {
	var out []string
	forEachToken(text, func(tok string) {
		out = appendTerms(out, tok)
	})
	return out
}

// appendTerms appends the terms of one raw lower-case token.
func appendTerms(out []string, tok string) []string {
	if !strings.Contains(tok, "-") || strings.HasPrefix(tok, "$") {
		if t := term(tok); t != "" {
			out = append(out, t)
		}
		return out
	}
	out = append(out, tok)
	for part := range strings.SplitSeq(tok, "-") {
		if utf8.RuneCountInString(part) < 2 {
			continue
		}
		if t := term(part); t != "" && t != tok {
			out = append(out, t)
		}
	}
	return out
}

// term turns one token without hyphens into a term, or "" for a stop word.
func term(tok string) string {
	if isStop(tok) {
		return ""
	}
	if !isAlpha(tok) {
		return tok
	}
	return Stem(tok)
}

// forEachToken calls fn with each lower-cased token of text. A token is a run of
// letters and digits; '-' stays inside a token when a letter or digit follows it, '.', ',' and '/'
// stay between digits, a leading '$' before a digit and a trailing '%' after a digit stay too.
// Apostrophes end a token and drop the rest ("member's" → "member").
func forEachToken(text string, fn func(string)) {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			fn(b.String())
			b.Reset()
		}
	}
	runes := []rune(text)
	skip := false // inside the tail of a contraction
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		next := rune(0)
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !skip {
				b.WriteRune(unicode.ToLower(r))
			}
		case r == '\'' || r == '’':
			flush()
			skip = unicode.IsLetter(next)
		case r == '$' && b.Len() == 0 && unicode.IsDigit(next):
			b.WriteRune(r)
		case r == '%' && b.Len() > 0 && lastIsDigit(b.String()):
			b.WriteRune(r)
			flush()
		case (r == '.' || r == ',') && b.Len() > 0 && lastIsDigit(b.String()) && unicode.IsDigit(next):
			b.WriteRune(r)
		case r == '-' && b.Len() > 0 && !skip && (unicode.IsLetter(next) || unicode.IsDigit(next)):
			b.WriteRune('-')
		case r == '/' && b.Len() > 0 && lastIsDigit(b.String()) && unicode.IsDigit(next):
			b.WriteRune('/')
		default:
			flush()
			skip = false
		}
	}
	flush()
}

// isStop reports whether tok is a stop word, also when written without its
// apostrophe ("whats", "thats").
func isStop(tok string) bool {
	return stopWords[tok] || len(tok) > 3 && tok[len(tok)-1] == 's' && stopWords[tok[:len(tok)-1]]
}

func lastIsDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
