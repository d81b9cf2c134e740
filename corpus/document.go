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
	probs := parseFrontMatter(name, strings.Join(lines[1:end], "\n"), &doc)
	var sp []Problem
	doc.Sections, sp = parseSections(name, doc.Title, lines[end+1:], end+2)
	probs = append(probs, sp...)
	for i := range doc.Sections {
		probs = append(probs, takeSources(name, &doc.Sections[i], doc.Sources)...)
	}
	return doc, probs
}

// sourcesPrefix starts a section's last line naming the sources of its facts.
const sourcesPrefix = "Sources:"

// takeSources moves a trailing "Sources: URL, URL" line of a section into
// Section.Sources. Each URL must be https and listed in the document's sources.
func takeSources(name string, s *Section, docSources []string) []Problem {
	lines := strings.Split(s.Text, "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if !strings.HasPrefix(last, sourcesPrefix) {
		return nil
	}
	line := s.end
	var probs []Problem
	for _, u := range strings.FieldsFunc(strings.TrimPrefix(last, sourcesPrefix), func(r rune) bool { return r == ',' || r == ' ' }) {
		switch {
		case checkURL(u) != "":
			probs = append(probs, Problem{name, line, "Sources: " + checkURL(u)})
		case !slices.Contains(docSources, u):
			probs = append(probs, Problem{name, line, fmt.Sprintf("Sources: %s is not in the document's sources", u)})
		default:
			s.Sources = append(s.Sources, u)
		}
	}
	if len(s.Sources) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{name, line, "Sources: line names no URL"})
	}
	s.Text = strings.TrimSpace(strings.Join(lines[:len(lines)-1], "\n"))
	if s.Text == "" {
		probs = append(probs, Problem{name, s.Line, fmt.Sprintf("section %q has only a Sources line", s.Heading)})
	}
	return probs
}

// parseFrontMatter decodes and checks the front matter; its first line is file line 2.
func parseFrontMatter(name, fm string, doc *Document) []Problem {
	const off = 1 // front matter line 1 is file line 2
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		return []Problem{yamlProblem(name, off, err)}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return []Problem{{name, 2, "front matter must be a YAML mapping"}}
	}
	m := root.Content[0]
	probs := unknownKeys(name, m, off, "id", "title", "topic", "sources", "as_of", "summary")
	if err := m.Decode(doc); err != nil {
		return append(probs, yamlProblem(name, off, err))
	}
	at := func(key string) int { return keyLine(m, key, 1) + off }
	if !idPattern.MatchString(doc.ID) {
		probs = append(probs, Problem{name, at("id"), fmt.Sprintf("id %q must be lower-case letters, digits and dashes", doc.ID)})
	}
	if strings.TrimSpace(doc.Title) == "" {
		probs = append(probs, Problem{name, at("title"), "title is required"})
	}
	if !ValidTopic(doc.Topic) {
		probs = append(probs, Problem{name, at("topic"), fmt.Sprintf("topic %q is not one of %s", doc.Topic, strings.Join(Topics, ", "))})
	}
	if len(doc.Sources) == 0 {
		probs = append(probs, Problem{name, at("sources"), "sources: at least one URL is required"})
	}
	for _, s := range doc.Sources {
		if msg := checkURL(s); msg != "" {
			probs = append(probs, Problem{name, at("sources"), "sources: " + msg})
		}
	}
	if !asOfPattern.MatchString(doc.AsOf) {
		probs = append(probs, Problem{name, at("as_of"), fmt.Sprintf("as_of %q must be YYYY-MM", doc.AsOf)})
	}
	if n := len(doc.Summary); n < 3 || n > 6 {
		probs = append(probs, Problem{name, at("summary"), fmt.Sprintf("summary has %d points; it needs 3 to 6", n)})
	}
	for _, s := range doc.Summary {
		if strings.TrimSpace(s) == "" {
			probs = append(probs, Problem{name, at("summary"), "summary has an empty point"})
		}
	}
	return probs
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
		cur.Text = strings.TrimSpace(strings.Join(buf, "\n"))
		if cur.Text != "" {
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
