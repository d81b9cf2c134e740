package retrieval

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// forEachTokenRef is the straightforward tokenizer (a rune slice and a builder per
// token) that forEachToken must agree with.
func forEachTokenRef(text string, fn func(string)) {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			fn(b.String())
			b.Reset()
		}
	}
	runes := []rune(text)
	skip := false
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

// lastIsDigit reports whether s ends in an ASCII digit.
func lastIsDigit(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

func tokens(f func(string, func(string)), text string) []string {
	var out []string
	f(text, func(t string) { out = append(out, t) })
	return out
}

var tokenSamples = []string{
	"How much do Medical Records Specialists earn?", "member's ICD-10-CM codes", "$50,250 or 7% in 2024/25",
	"it's$5", "CPC-A's", "naïve Café ÉCOLE", "x\xffy \uFFFDz", "İstanbul ﬁne", "a--b -c d- 29-2072.00", "don’t stop",
	"1.2.3 4,5, 6/7/ 8%9", "", "'''", "$", "$5", "5$", "a'b'c",
}

func TestForEachToken_MatchesReference(t *testing.T) {
	for _, s := range tokenSamples {
		if got, want := tokens(forEachToken, s), tokens(forEachTokenRef, s); !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

func FuzzForEachToken(f *testing.F) {
	for _, s := range tokenSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tokens(forEachToken, s), tokens(forEachTokenRef, s); !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	})
}
