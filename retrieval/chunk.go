package retrieval

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/careerbot/careerbot/corpus"
)

// Chunk sizes in words: sections longer than MaxChunkWords are split at paragraph
// boundaries into pieces of at least MinChunkWords where the paragraphs allow it.
const (
	MinChunkWords = 80
	MaxChunkWords = 350
)

// BuildChunks cuts the corpus into chunks: one per ## section of each document (long
// sections split at paragraphs, the pieces numbered "<doc_id>#<slug>.2", ".3" …) and
// one per course of the catalog ("course:<id>", topic "courses"). The order is stable:
// documents in corpus order, then courses. Text is plain: Markdown emphasis, links and
// list markers are removed. Each chunk keeps the claims of its sentences with their
// source keys, and the sources those keys name (see [Chunk]).
func BuildChunks(c *corpus.Corpus) []Chunk {
	var out []Chunk
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			parts := splitParagraphs(plainText(s.Text))
			claims := alignClaims(parts, plainClaims(s.Claims))
			for i, p := range parts {
				id := d.ID + "#" + s.Slug
				if i > 0 {
					id = fmt.Sprintf("%s.%d", id, i+1)
				}
				out = append(out, claimChunk(d, id, s.Heading, s.URL(d), p, claims[i]))
			}
		}
	}
	asOf := ""
	if docs := c.DocsByTopic("courses"); len(docs) > 0 {
		asOf = docs[0].AsOf
	}
	for _, co := range c.Courses {
		out = append(out, courseChunk(co, asOf))
	}
	return out
}

// claimChunk is a passage of d: text under the heading section with its claims and
// the sources they cite. Its URL is the first cited source's, or url when the claims
// cite none.
func claimChunk(d corpus.Document, id, section, url, text string, claims []corpus.Claim) Chunk {
	srcs := claimSources(d, claims)
	if len(srcs) > 0 {
		url = srcs[0].URL
	}
	return Chunk{
		ID: id, DocID: d.ID, Title: d.Title, Section: section, Topic: d.Topic,
		URL: url, AsOf: d.AsOf, Text: text, Claims: claims, Sources: srcs,
	}
}

// courseChunk describes one catalog entry in prose, so that questions about a level,
// a format or a subject find it.
func courseChunk(co corpus.Course, asOf string) Chunk {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: a %s %s course offered by %s on %s.", co.Title, co.Level, co.Format, co.Provider, co.Platform)
	fmt.Fprintf(&b, " Length: %s. Cost: %s.", co.Length, co.Cost)
	if len(co.Topics) > 0 {
		fmt.Fprintf(&b, " Topics: %s.", strings.ReplaceAll(strings.Join(co.Topics, ", "), "-", " "))
	}
	if len(co.PreparesFor) > 0 {
		fmt.Fprintf(&b, " Prepares for the %s credential.", strings.ToUpper(strings.Join(co.PreparesFor, ", ")))
	}
	if co.Note != "" {
		fmt.Fprintf(&b, " %s", co.Note)
	}
	return Chunk{
		ID: "course:" + co.ID, DocID: "courses", Title: co.Title, Section: co.Provider,
		Topic: "courses", URL: co.URL, AsOf: asOf, Text: b.String(), CourseID: co.ID,
	}
}

// splitParagraphs returns text as one piece when it has at most MaxChunkWords words,
// else packs whole paragraphs into pieces of at most MaxChunkWords (a single longer
// paragraph stays whole), merging a short tail into the previous piece when the
// result still fits.
func splitParagraphs(text string) []string {
	if wordCount(text) <= MaxChunkWords {
		return []string{text}
	}
	var pieces []string
	var cur []string
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		w := wordCount(p)
		if n > 0 && n+w > MaxChunkWords && n >= MinChunkWords/2 {
			pieces = append(pieces, strings.Join(cur, "\n\n"))
			cur, n = nil, 0
		}
		cur = append(cur, p)
		n += w
	}
	if len(cur) > 0 {
		last := strings.Join(cur, "\n\n")
		if k := len(pieces); k > 0 && n < MinChunkWords && wordCount(pieces[k-1])+n <= MaxChunkWords+MinChunkWords/2 {
			pieces[k-1] += "\n\n" + last
		} else {
			pieces = append(pieces, last)
		}
	}
	return pieces
}

func wordCount(s string) int { return len(strings.Fields(s)) }

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdStrong   = regexp.MustCompile(`(\*\*|__|` + "`" + `)`)
	mdListItem = regexp.MustCompile(`(?m)^[ \t]*(?:[-*+]|\d+[.)])[ \t]+`)
	mdHeading  = regexp.MustCompile(`(?m)^#{1,6}\s+`)
	mdQuote    = regexp.MustCompile(`(?m)^>\s?`)
)

// plainText strips the Markdown that would otherwise leak into answers and terms:
// links keep their text, emphasis and code marks go, list markers and heading marks
// go; paragraphs stay separated by blank lines and list items stay on their own lines.
func plainText(md string) string {
	s := mdLink.ReplaceAllString(md, "$1")
	s = mdStrong.ReplaceAllString(s, "")
	s = stripItalics(s)
	s = mdListItem.ReplaceAllString(s, "")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// stripItalics removes *emphasis* and _emphasis_ marks: a mark at the start of a
// word with a matching mark at the end of a later word on the same line. Marks inside
// words (O*NET, snake_case) stay.
func stripItalics(s string) string {
	if !strings.ContainsAny(s, "*_") {
		return s
	}
	b := []byte(s)
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if (c == '*' || c == '_') && (i == 0 || isOpenBoundary(b[i-1])) && i+1 < len(b) && !isSpace(b[i+1]) {
			if j := closingMark(b, i+1, c); j > 0 {
				out = append(out, b[i+1:j]...)
				i = j
				continue
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// closingMark finds the mark c that closes an emphasis opened before from: preceded
// by a non-space and followed by a word boundary, on the same line; -1 when none.
func closingMark(b []byte, from int, c byte) int {
	for j := from; j < len(b) && b[j] != '\n'; j++ {
		if b[j] == c && j > from && !isSpace(b[j-1]) && (j+1 == len(b) || !isWordByte(b[j+1])) {
			return j
		}
	}
	return -1
}

func isOpenBoundary(c byte) bool { return isSpace(c) || c == '(' || c == '"' }
func isSpace(c byte) bool        { return c == ' ' || c == '\t' || c == '\n' }
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
