package corpus

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Source kinds: the fact sheet's flags for how far a page can be trusted on its own.
const (
	KindPrimary   = "primary"   // the body that sets the rule or publishes the figure
	KindSecondary = "secondary" // a study guide, school page or article repeating it
	KindDated     = "dated"     // a page whose figure is older than the document
)

// Kinds lists the allowed values of [Source.Kind].
var Kinds = []string{KindPrimary, KindSecondary, KindDated}

// Source is one page a document's claims come from: an entry of the front matter's
// sources map, or (format v1) one URL of a plain list.
type Source struct {
	Key   string `json:"key"`
	URL   string `json:"url"`
	Title string `json:"title"`
	AsOf  string `json:"as_of"` // YYYY-MM: when the page was read
	Kind  string `json:"kind"`  // one of [Kinds]
}

// Domain returns the host of the source's URL without a leading "www.", or "" when
// the URL does not parse.
func (s Source) Domain() string { return Domain(s.URL) }

// Domain returns the host of rawURL without a leading "www.", or "" when rawURL has
// no host.
func Domain(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Claim is one sentence of a section body or one summary point, with its [^key]
// markers removed from Text and collected, in order and without repeats, in Keys.
type Claim struct {
	Text string   `json:"text"`
	Keys []string `json:"keys,omitempty"`
}

// Source returns the source with the given key.
func (d Document) Source(key string) (Source, bool) {
	for _, s := range d.Sources {
		if s.Key == key {
			return s, true
		}
	}
	return Source{}, false
}

// Legacy reports whether the document uses format v1: its sources are a plain URL
// list, so its sentences cannot name the page they come from.
func (d Document) Legacy() bool { return d.legacy }

var (
	keyPattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	sourceFields = []string{"url", "title", "as_of", "kind"}
)

// decodeSources reads the front matter's sources node: a mapping key → {url, title,
// as_of, kind} (format v2) or a sequence of URLs (format v1, legacy is true). off is
// added to node lines to give file lines; asOf is the document's as_of, used for the
// pages of a v1 list.
func decodeSources(file string, n *yaml.Node, off int, asOf string) (srcs []Source, legacy bool, probs []Problem) {
	switch {
	case n == nil:
		return nil, false, nil
	case n.Kind == yaml.SequenceNode:
		return legacySources(n, asOf), true, nil
	case n.Kind != yaml.MappingNode:
		return nil, false, []Problem{{file, n.Line + off, "sources must map keys to pages (key: {url, title, as_of, kind})"}}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		line := k.Line + off
		if !keyPattern.MatchString(k.Value) {
			probs = append(probs, Problem{file, line, fmt.Sprintf("source key %q must be letters, digits, '.', '_' and '-'", k.Value)})
		}
		if seen[k.Value] {
			probs = append(probs, Problem{file, line, fmt.Sprintf("source key %q is defined twice", k.Value)})
		}
		seen[k.Value] = true
		s, sp := decodeSource(file, k.Value, v, off, line)
		probs = append(probs, sp...)
		srcs = append(srcs, s)
	}
	if len(srcs) == 0 {
		probs = append(probs, Problem{file, n.Line + off, "sources: at least one page is required"})
	}
	return srcs, false, probs
}

// decodeSource reads and checks one entry of a sources map; keyAt is the file line
// of its key, where a missing field is reported.
func decodeSource(file, key string, v *yaml.Node, off, keyAt int) (Source, []Problem) {
	s := Source{Key: key}
	if v.Kind != yaml.MappingNode {
		return s, []Problem{{file, v.Line + off, fmt.Sprintf("source %q must be a mapping with url, title, as_of and kind", key)}}
	}
	probs := unknownKeys(file, v, off, sourceFields...)
	if err := v.Decode(&struct {
		URL   *string `yaml:"url"`
		Title *string `yaml:"title"`
		AsOf  *string `yaml:"as_of"`
		Kind  *string `yaml:"kind"`
	}{&s.URL, &s.Title, &s.AsOf, &s.Kind}); err != nil {
		return s, append(probs, yamlProblem(file, off, err))
	}
	return s, append(probs, checkSource(file, s, func(f string) int { return keyLine(v, f, keyAt-off) + off })...)
}

// checkSource reports a missing or malformed field of s; at gives a field's line.
func checkSource(file string, s Source, at func(field string) int) []Problem {
	var probs []Problem
	bad := func(field, msg string) {
		probs = append(probs, Problem{file, at(field), fmt.Sprintf("source %q: %s", s.Key, msg)})
	}
	fields := []struct{ name, value string }{{"url", s.URL}, {"title", s.Title}, {"as_of", s.AsOf}, {"kind", s.Kind}}
	for _, f := range fields {
		if strings.TrimSpace(f.value) == "" {
			bad(f.name, f.name+" is required")
		}
	}
	if s.URL != "" {
		if msg := checkURL(s.URL); msg != "" {
			bad("url", msg)
		}
	}
	if s.AsOf != "" && !asOfPattern.MatchString(s.AsOf) {
		bad("as_of", fmt.Sprintf("as_of %q must be YYYY-MM", s.AsOf))
	}
	if s.Kind != "" && !slices.Contains(Kinds, s.Kind) {
		bad("kind", fmt.Sprintf("kind %q is not one of %s", s.Kind, strings.Join(Kinds, ", ")))
	}
	return probs
}

// legacySources turns a v1 URL list into sources: the key is derived from the URL,
// the title is the site's domain, the date is the document's, the kind primary. Bad
// URLs are reported by the v1 checks of the front matter.
func legacySources(n *yaml.Node, asOf string) []Source {
	var out []Source
	used := map[string]bool{}
	for _, item := range n.Content {
		u := strings.TrimSpace(item.Value)
		key := slugify(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"))
		if key == "" {
			key = "source"
		}
		for base, i := key, 2; used[key]; i++ {
			key = fmt.Sprintf("%s-%d", base, i)
		}
		used[key] = true
		out = append(out, Source{Key: key, URL: u, Title: Domain(u), AsOf: asOf, Kind: KindPrimary})
	}
	return out
}
