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
	// What a token keeps is contiguous in text (nothing is written to a token after a
	// skipped character), so each token is text[start:end], lower-cased; a token
	// already in lower-case ASCII is passed without copying.
	start, end := -1, 0 // the current token, start -1 when none
	digit := false      // the token's last character is an ASCII digit
	skip := false       // inside the tail of a contraction
	flush := func() {
		if start >= 0 {
			fn(lowerToken(text[start:end]))
			start = -1
		}
	}
	write := func(i, size int, r rune) {
		if start < 0 {
			start = i
		}
		end, digit = i+size, r >= '0' && r <= '9'
	}
	for i, r := range text {
		size := 1
		if r >= utf8.RuneSelf {
			size = utf8.RuneLen(r)
			if r == utf8.RuneError && !strings.HasPrefix(text[i:], "\uFFFD") {
				size = 1 // an invalid byte
			}
		}
		next := func() rune {
			n, _ := utf8.DecodeRuneInString(text[i+size:])
			return n
		}
		switch {
		case isTokenRune(r):
			if !skip {
				write(i, size, r)
			}
		case r == '\'' || r == '’':
			flush()
			skip = unicode.IsLetter(next())
		case r == '$' && start < 0 && unicode.IsDigit(next()):
			write(i, size, r)
		case r == '%' && start >= 0 && digit:
			write(i, size, r)
			flush()
		case (r == '.' || r == ',') && start >= 0 && digit && unicode.IsDigit(next()):
			write(i, size, r)
		case r == '-' && start >= 0 && !skip && isTokenRune(next()):
			write(i, size, r)
		case r == '/' && start >= 0 && digit && unicode.IsDigit(next()):
			write(i, size, r)
		default:
			flush()
			skip = false
		}
	}
	flush()
}

// isTokenRune reports whether r is a letter or a digit (unicode.IsLetter or
// unicode.IsDigit), with a fast path for ASCII.
func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lowerToken lower-cases a token, without copying when it is lower-case ASCII.
func lowerToken(tok string) string {
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			var b strings.Builder
			b.Grow(len(tok))
			for _, r := range tok {
				b.WriteRune(unicode.ToLower(r))
			}
			return b.String()
		}
	}
	return tok
}

// isStop reports whether tok is a stop word, also when written without its
// apostrophe ("whats", "thats").
func isStop(tok string) bool {
	return stopWords[tok] || len(tok) > 3 && tok[len(tok)-1] == 's' && stopWords[tok[:len(tok)-1]]
}

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
