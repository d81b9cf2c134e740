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
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*\*|\*\*|__|\*|_)([^*_\n]+?)(\*\*\*|\*\*|__|\*|_)`)
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
			if s = tidySentence(s, block.item); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

type block struct {
	text string
	item bool // a list item
}

// blocks groups lines into paragraphs and list items, dropping headings, tables and
// fenced code.
func blocks(text string) []block {
	var out []block
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, block{text: strings.Join(para, " ")})
			para = para[:0]
		}
	}
	inFence := false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			flush()
			continue
		}
		switch {
		case inFence:
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"), strings.HasPrefix(t, ">"):
			flush()
		case listMarker.MatchString(line):
			flush()
			out = append(out, block{text: listMarker.ReplaceAllString(line, ""), item: true})
		default:
			para = append(para, t)
		}
	}
	flush()
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

// tidySentence strips Markdown and reports "" when s is not a stand-alone sentence.
// A list item without final punctuation gets a period when it is long enough to read
// as a sentence.
func tidySentence(s string, item bool) string {
	s = mdLink.ReplaceAllString(s, "$1")
	for range 2 { // nested emphasis such as ***x*** or **_x_**
		s = mdEmphasis.ReplaceAllString(s, "$2")
	}
	s = strings.ReplaceAll(s, "`", "")
	s = citeMarker.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case last == '?' || last == ':' || last == ';' || last == ',':
		return ""
	case last != '.' && last != '!' && last != '"' && last != ')':
		if !item {
			return ""
		}
		s += "."
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
