package corpus

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

var courseFields = []string{"id", "title", "provider", "platform", "url", "level", "format", "length", "cost", "topics", "prepares_for", "note"}

// ParseCourses parses courses.yaml: a YAML list of [Course] entries. It returns every
// problem found; it never panics.
func ParseCourses(name string, data []byte) ([]Course, []Problem) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []Problem{yamlProblem(name, 0, err)}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.SequenceNode {
		return nil, []Problem{{name, 1, "courses.yaml must be a YAML list of courses"}}
	}
	var courses []Course
	var probs []Problem
	seen := map[string]int{}
	for _, n := range root.Content[0].Content {
		var c Course
		if n.Kind != yaml.MappingNode {
			probs = append(probs, Problem{name, n.Line, "each course must be a mapping"})
			continue
		}
		probs = append(probs, unknownKeys(name, n, 0, courseFields...)...)
		if err := n.Decode(&c); err != nil {
			probs = append(probs, yamlProblem(name, 0, err))
			continue
		}
		cp := checkCourse(name, n, c)
		if prev, ok := seen[c.ID]; ok && c.ID != "" {
			cp = append(cp, Problem{name, n.Line, fmt.Sprintf("course id %q is also used at line %d", c.ID, prev)})
		}
		seen[c.ID] = n.Line
		probs = append(probs, cp...)
		courses = append(courses, c)
	}
	if len(courses) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{name, 1, "no courses"})
	}
	return courses, probs
}

func checkCourse(name string, n *yaml.Node, c Course) []Problem {
	var probs []Problem
	at := func(key string) int { return keyLine(n, key, n.Line) }
	req := func(key, v string) {
		if strings.TrimSpace(v) == "" {
			probs = append(probs, Problem{name, at(key), fmt.Sprintf("course %q: %s is required", c.ID, key)})
		}
	}
	oneOf := func(key, v string, allowed []string) {
		if !slices.Contains(allowed, v) {
			probs = append(probs, Problem{name, at(key), fmt.Sprintf("course %q: %s %q is not one of %s", c.ID, key, v, strings.Join(allowed, ", "))})
		}
	}
	if !idPattern.MatchString(c.ID) {
		probs = append(probs, Problem{name, at("id"), fmt.Sprintf("course id %q must be lower-case letters, digits and dashes", c.ID)})
	}
	req("title", c.Title)
	req("provider", c.Provider)
	req("platform", c.Platform)
	req("length", c.Length)
	if msg := checkURL(c.URL); msg != "" {
		probs = append(probs, Problem{name, at("url"), fmt.Sprintf("course %q: url %s", c.ID, msg)})
	}
	oneOf("level", c.Level, Levels)
	oneOf("format", c.Format, Formats)
	oneOf("cost", c.Cost, Costs)
	if len(c.Topics) == 0 {
		probs = append(probs, Problem{name, at("topics"), fmt.Sprintf("course %q: topics needs at least one entry", c.ID)})
	}
	return probs
}

// ParseSynonyms parses synonyms.yaml (see [Synonyms]). It returns every problem
// found; it never panics.
func ParseSynonyms(name string, data []byte) (Synonyms, []Problem) {
	var syn Synonyms
	m, probs := decodeMapping(name, data, &syn, "synonyms.yaml must be a mapping with acronyms and synonyms", "acronyms", "synonyms")
	if m == nil {
		return syn, probs
	}
	for k, v := range syn.Acronyms {
		if strings.TrimSpace(k) == "" || strings.TrimSpace(v) == "" {
			probs = append(probs, Problem{name, keyLine(m, "acronyms", 1), fmt.Sprintf("acronym %q needs a non-empty expansion", k)})
		}
	}
	for i, g := range syn.Groups {
		line := keyLine(m, "synonyms", 1) + i + 1
		if len(g) < 2 {
			probs = append(probs, Problem{name, line, fmt.Sprintf("synonym group %d needs at least two terms", i+1)})
		}
		for _, t := range g {
			if strings.TrimSpace(t) == "" {
				probs = append(probs, Problem{name, line, fmt.Sprintf("synonym group %d has an empty term", i+1)})
			}
		}
	}
	if syn.Len() == 0 {
		probs = append(probs, Problem{name, 1, "no acronyms or synonyms"})
	}
	return syn, probs
}
