package corpus

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// ParseDocument parses one Markdown document: YAML front matter between two "---"
// lines, then sections under "## " headings. name is used in problems and as
// [Document.Path]. It returns every problem found; the document is usable only when
// there are none. It never panics.
func ParseDocument(name string, data []byte) (Document, []Problem) {
	doc := Document{Path: name}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return doc, []Problem{{name, 1, `front matter missing: the file must start with a "---" line`}}
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return doc, []Problem{{name, 1, `front matter not closed: add a "---" line after it`}}
	}
	fm, probs := parseFrontMatter(name, strings.Join(lines[1:end], "\n"), &doc)
	var sp []Problem
	doc.Sections, sp = parseSections(name, doc.Title, lines[end+1:], end+2)
	probs = append(probs, sp...)
	claims := fm.summary
	for i := range doc.Sections {
		sc, cp := finishSection(name, &doc, &doc.Sections[i])
		claims, probs = append(claims, sc...), append(probs, cp...)
	}
	if doc.legacy {
		doc.Warnings = legacyWarnings(name, &doc, fm, claims)
	} else {
		probs = append(probs, checkCitations(name, &doc, fm, claims)...)
		doc.Warnings = samePageWarnings(name, &doc, fm)
	}
	return doc, probs
}

// sourcesPrefix starts a format v1 section's last line naming the sources of its facts.
const sourcesPrefix = "Sources:"

// finishSection takes a trailing v1 "Sources:" line out of the body, splits the body
// into claims and sets the marker-free Text.
func finishSection(name string, doc *Document, s *Section) ([]claimAt, []Problem) {
	var probs []Problem
	last := len(s.body) - 1
	for last >= 0 && strings.TrimSpace(s.body[last]) == "" {
		last--
	}
	if last >= 0 && strings.HasPrefix(strings.TrimSpace(s.body[last]), sourcesPrefix) {
		if doc.legacy {
			probs = takeSources(name, s, strings.TrimSpace(s.body[last]), s.bodyLine+last, doc.Sources)
		} else {
			probs = append(probs, Problem{name, s.bodyLine + last, "a Sources: line is format v1; cite each sentence's page with [^key] markers instead"})
		}
		s.body = s.body[:last]
	}
	s.Text = StripMarkers(strings.TrimSpace(strings.Join(s.body, "\n")))
	if s.Text == "" {
		probs = append(probs, Problem{name, s.Line, fmt.Sprintf("section %q has only a Sources line", s.Heading)})
	}
	claims := parseClaims(s.body, s.bodyLine)
	for _, c := range claims {
		s.Claims = append(s.Claims, c.Claim)
	}
	return claims, probs
}

// takeSources moves the URLs of a v1 "Sources: URL, URL" line at file line line into
// Section.Sources. Each URL must be https and listed in the document's sources.
func takeSources(name string, s *Section, text string, line int, docSources []Source) []Problem {
	var probs []Problem
	for _, u := range strings.FieldsFunc(strings.TrimPrefix(text, sourcesPrefix), func(r rune) bool { return r == ',' || r == ' ' }) {
		switch {
		case checkURL(u) != "":
			probs = append(probs, Problem{name, line, "Sources: " + checkURL(u)})
		case !slices.ContainsFunc(docSources, func(src Source) bool { return src.URL == u }):
			probs = append(probs, Problem{name, line, fmt.Sprintf("Sources: %s is not in the document's sources", u)})
		default:
			s.Sources = append(s.Sources, u)
		}
	}
	if len(s.Sources) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{name, line, "Sources: line names no URL"})
	}
	return probs
}

// frontMatter is what the citation checks need from the front matter: the file
// line of each source key and of the sources field, and the summary's claims.
type frontMatter struct {
	sourceLines map[string]int
	sourcesLine int
	summary     []claimAt
}

// parseFrontMatter decodes and checks the front matter; its first line is file line 2.
func parseFrontMatter(name, fm string, doc *Document) (frontMatter, []Problem) {
	const off = 1 // front matter line 1 is file line 2
	info := frontMatter{sourceLines: map[string]int{}}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		return info, []Problem{yamlProblem(name, off, err)}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return info, []Problem{{name, 2, "front matter must be a YAML mapping"}}
	}
	m := root.Content[0]
	probs := unknownKeys(name, m, off, "id", "title", "topic", "sources", "as_of", "summary")
	if err := m.Decode(doc); err != nil {
		return info, append(probs, yamlProblem(name, off, err))
	}
	at := func(key string) int { return keyLine(m, key, 1) + off }
	info.sourcesLine = at("sources")
	if !idPattern.MatchString(doc.ID) {
		probs = append(probs, Problem{name, at("id"), fmt.Sprintf("id %q must be lower-case letters, digits and dashes", doc.ID)})
	}
	if strings.TrimSpace(doc.Title) == "" {
		probs = append(probs, Problem{name, at("title"), "title is required"})
	}
	if !ValidTopic(doc.Topic) {
		probs = append(probs, Problem{name, at("topic"), fmt.Sprintf("topic %q is not one of %s", doc.Topic, strings.Join(Topics, ", "))})
	}
	probs = append(probs, frontMatterSources(name, m, off, doc, &info)...)
	if !asOfPattern.MatchString(doc.AsOf) {
		probs = append(probs, Problem{name, at("as_of"), fmt.Sprintf("as_of %q must be YYYY-MM", doc.AsOf)})
	}
	return info, append(probs, frontMatterSummary(name, m, off, doc, &info)...)
}

// frontMatterSources reads the sources field into doc.Sources and info.
func frontMatterSources(name string, m *yaml.Node, off int, doc *Document, info *frontMatter) []Problem {
	n := valueNode(m, "sources")
	srcs, legacy, probs := decodeSources(name, n, off, doc.AsOf)
	doc.Sources, doc.legacy = srcs, legacy
	if n == nil || legacy && len(srcs) == 0 {
		return append(probs, Problem{name, info.sourcesLine, "sources: at least one page is required"})
	}
	for i, s := range srcs {
		if legacy {
			if msg := checkURL(s.URL); msg != "" {
				probs = append(probs, Problem{name, info.sourcesLine, "sources: " + msg})
			}
			continue
		}
		info.sourceLines[s.Key] = n.Content[2*i].Line + off
	}
	return probs
}

// frontMatterSummary checks the summary points and splits their markers off.
func frontMatterSummary(name string, m *yaml.Node, off int, doc *Document, info *frontMatter) []Problem {
	var probs []Problem
	line := keyLine(m, "summary", 1) + off
	if n := len(doc.Summary); n < 3 || n > 6 {
		probs = append(probs, Problem{name, line, fmt.Sprintf("summary has %d points; it needs 3 to 6", n)})
	}
	items := valueNode(m, "summary")
	for i, raw := range doc.Summary {
		clean, keys, bad := ParseMarkers(raw)
		clean = strings.Join(strings.Fields(clean), " ")
		at := line
		if items != nil && i < len(items.Content) {
			at = items.Content[i].Line + off
		}
		if clean == "" {
			probs = append(probs, Problem{name, at, "summary has an empty point"})
		}
		doc.Summary[i] = clean
		doc.SummaryClaims = append(doc.SummaryClaims, Claim{clean, keys})
		info.summary = append(info.summary, claimAt{Claim{clean, keys}, at, bad})
	}
	return probs
}

// valueNode returns the value of key in mapping n, or nil.
func valueNode(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// parseSections splits the body at "## " headings. firstLine is the file line of body[0].
func parseSections(name, title string, body []string, firstLine int) ([]Section, []Problem) {
	var secs []Section
	var probs []Problem
	cur := Section{Heading: title, Line: firstLine}
	var buf []string
	bufStart := firstLine // file line of buf[0]
	inFence := false
	flush := func() {
		for i := len(buf) - 1; i >= 0; i-- {
			if strings.TrimSpace(buf[i]) != "" {
				cur.end = bufStart + i
				break
			}
		}
		cur.body, cur.bodyLine = slices.Clone(buf), bufStart
		if strings.TrimSpace(strings.Join(buf, "\n")) != "" {
			secs = append(secs, cur)
		} else if cur.Heading != title || len(secs) > 0 {
			probs = append(probs, Problem{name, cur.Line, fmt.Sprintf("section %q is empty", cur.Heading)})
		}
		buf = buf[:0]
	}
	for i, line := range body {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
		}
		switch {
		case !inFence && strings.HasPrefix(line, "## "):
			flush()
			cur = Section{Heading: strings.TrimSpace(line[3:]), Line: firstLine + i}
			bufStart = firstLine + i + 1
			if cur.Heading == "" {
				probs = append(probs, Problem{name, cur.Line, "heading has no text"})
			}
		case !inFence && strings.HasPrefix(line, "# ") && len(secs) == 0 && len(buf) == 0:
			// A leading "# Title" line repeats the title; skip it.
			bufStart = firstLine + i + 1
		default:
			buf = append(buf, line)
		}
	}
	flush()
	if len(secs) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{name, firstLine, "document has no text"})
	}
	seen := map[string]int{}
	for i := range secs {
		slug := slugify(secs[i].Heading)
		if slug == "" {
			slug = "section"
		}
		if n := seen[slug]; n > 0 {
			seen[slug]++
			slug = fmt.Sprintf("%s-%d", slug, n+1)
		} else {
			seen[slug] = 1
		}
		secs[i].Slug = slug
	}
	return secs, probs
}
