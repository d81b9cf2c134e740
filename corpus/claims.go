package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A source marker is a Markdown footnote reference, [^key], placed at the end of the
// sentence whose claim comes from the page named key. Several markers may follow
// each other ([^a][^b]); one marker names one key ([^a, b] is malformed).
//
// A marker is "[^" up to the first "]" on the same line; the scanners below find them
// as the regular expression `\[\^([^\]\n]*)\]` would (leftmost first, not
// overlapping), without one, since the loader runs them over every sentence.
var (
	blockItem    = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,3}[.)])\s+`)
	mdLinkTarget = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// StripMarkers removes every [^…] source marker, and the blanks before it, from text.
func StripMarkers(text string) string {
	if !strings.Contains(text, "[^") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	done := 0 // text[:done] is written or removed
	forEachMarker(text, func(start, end int) {
		s := start
		for s > done && (text[s-1] == ' ' || text[s-1] == '\t') {
			s--
		}
		b.WriteString(text[done:s])
		done = end
	})
	b.WriteString(text[done:])
	return b.String()
}

// forEachMarker calls fn with the [start, end) range of every marker of text, in
// order.
func forEachMarker(text string, fn func(start, end int)) {
	for i := 0; ; {
		k := strings.Index(text[i:], "[^")
		if k < 0 {
			return
		}
		k += i
		i = k + 2
		if e := strings.IndexAny(text[i:], "]\n"); e >= 0 && text[i+e] == ']' {
			fn(k, i+e+1)
			i += e + 1
		}
	}
}

// ParseMarkers splits text into its marker-free form and the keys its well-formed
// markers name, in order without repeats. bad lists the malformed markers as written
// (such as "[^a, b]", "[^]" or an unclosed "[^a").
func ParseMarkers(text string) (clean string, keys []string, bad []string) {
	if !strings.Contains(text, "[^") {
		return text, nil, nil
	}
	forEachMarker(text, func(start, end int) {
		switch key := text[start+2 : end-1]; {
		case !keyPattern.MatchString(key):
			bad = append(bad, text[start:end])
		case !slices.Contains(keys, key):
			keys = append(keys, key)
		}
	})
	clean = StripMarkers(text)
	if i := strings.Index(clean, "[^"); i >= 0 {
		bad = append(bad, clean[i:min(len(clean), i+20)])
	}
	return clean, keys, bad
}

// StatesFigure reports whether a sentence states a figure, a date or an amount: it
// contains a digit, "$" or "%" outside link targets. Such a sentence must cite a
// source.
func StatesFigure(sentence string) bool {
	if strings.Contains(sentence, "](") {
		sentence = mdLinkTarget.ReplaceAllString(sentence, "$1")
	}
	return strings.IndexFunc(sentence, func(r rune) bool { return unicode.IsDigit(r) || r == '$' || r == '%' }) >= 0
}

// claimAt is a claim with the file line where its sentence starts and the malformed
// markers found in it.
type claimAt struct {
	Claim
	line int
	bad  []string
}

// textBlock is a paragraph or a list item joined into one line; starts maps byte
// offsets of the joined text to file lines.
type textBlock struct {
	text   string
	starts []lineStart
}

type lineStart struct{ off, line int }

func (b *textBlock) add(s string, line int) {
	if b.text != "" {
		b.text += " "
	}
	b.starts = append(b.starts, lineStart{len(b.text), line})
	b.text += s
}

// lineOf returns the file line of byte offset off.
func (b *textBlock) lineOf(off int) int {
	line := 0
	for _, s := range b.starts {
		if s.off > off {
			break
		}
		line = s.line
	}
	return line
}

// bodyBlocks groups section body lines into paragraphs and list items; headings,
// table rows and fenced code carry no claims. first is the file line of body[0].
func bodyBlocks(body []string, first int) []textBlock {
	var out []textBlock
	var cur textBlock
	flush := func() {
		if strings.TrimSpace(cur.text) != "" {
			out = append(out, cur)
		}
		cur = textBlock{}
	}
	inFence := false
	for i, line := range body {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			flush()
			inFence = !inFence
		case inFence:
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"):
			flush()
		case blockItem.MatchString(line):
			flush()
			cur.add(strings.TrimSpace(blockItem.ReplaceAllString(line, "")), first+i)
		default:
			cur.add(strings.TrimSpace(strings.TrimPrefix(t, ">")), first+i)
		}
	}
	flush()
	return out
}

// parseClaims splits a section body into claims: every sentence of every paragraph
// and list item, in order, with its markers moved into Keys.
func parseClaims(body []string, first int) []claimAt {
	var out []claimAt
	for _, b := range bodyBlocks(body, first) {
		for _, span := range sentenceSpans(b.text) {
			clean, keys, bad := ParseMarkers(b.text[span[0]:span[1]])
			clean = strings.Join(strings.Fields(clean), " ")
			if clean == "" && len(keys) == 0 && len(bad) == 0 {
				continue
			}
			out = append(out, claimAt{Claim{clean, keys}, b.lineOf(span[0]), bad})
		}
	}
	return out
}

// sentenceSpans returns the [start, end) byte ranges of the sentences of p. A sentence
// ends at '.', '!' or '?' (after closing quotes or brackets and any source markers)
// followed by a space and a capital, digit, quote, bracket or '$' — except after a
// known abbreviation or a single-letter initial.
func sentenceSpans(p string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := skipMarkers(p, skipClosers(p, i+1))
		next := skipSpaces(p, end)
		if next == end && next < len(p) {
			continue // no blank after the mark: a decimal, a URL, "e.g.x"
		}
		if next >= len(p) {
			break
		}
		r, _ := utf8.DecodeRuneInString(p[next:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'($“[*_`, r) {
			continue
		}
		if c == '.' && endsInAbbreviation(p[start:i+1]) {
			continue
		}
		out = append(out, [2]int{start, end})
		start, i = next, next-1
	}
	if start < len(p) {
		out = append(out, [2]int{start, len(p)})
	}
	return out
}

func skipClosers(p string, j int) int {
	for j < len(p) && strings.IndexByte(`"')*_`, p[j]) >= 0 {
		j++
	}
	if strings.HasPrefix(p[j:], "”") || strings.HasPrefix(p[j:], "’") {
		j += len("”")
	}
	return j
}

// skipMarkers moves past source markers that follow a sentence end, each optionally
// preceded by blanks.
func skipMarkers(p string, j int) int {
	for {
		k := skipSpaces(p, j)
		if !strings.HasPrefix(p[k:], "[^") {
			return j
		}
		e := strings.IndexByte(p[k:], ']')
		if e < 0 {
			return j
		}
		j = k + e + 1
	}
}

func skipSpaces(p string, j int) int {
	for j < len(p) && (p[j] == ' ' || p[j] == '\t') {
		j++
	}
	return j
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "etc.": true, "vs.": true, "dr.": true, "mr.": true,
	"mrs.": true, "ms.": true, "st.": true, "no.": true, "u.s.": true, "inc.": true,
	"approx.": true, "jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true,
	"nov.": true, "dec.": true, "jr.": true, "sr.": true, "co.": true, "ph.d.": true,
}

// endsInAbbreviation reports whether s ends in a known abbreviation or an initial ("J.").
func endsInAbbreviation(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(strings.TrimLeft(f[len(f)-1], `("'*_`))
	if abbreviations[w] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return n+1 == len(w) && unicode.IsLetter(r)
}

// markerProblems reports the malformed markers of one claim.
func markerProblems(file string, line int, bad []string) []Problem {
	var probs []Problem
	for _, m := range bad {
		probs = append(probs, Problem{file, line, fmt.Sprintf("malformed source marker %q: write one key per marker, as in [^a][^b]", m)})
	}
	return probs
}
