package corpus

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Lexicon is lexicon.yaml: how members write and what a question can ask, the
// vocabulary the question reader works from (see the file's header for each part).
// A corpus without the file has an empty Lexicon: questions are then read as typed.
type Lexicon struct {
	// Normalize maps chat-speak, abbreviations and typos (any case) to plain words;
	// an empty value drops the word.
	Normalize map[string]string `yaml:"normalize"`
	// NormalizeCased is Normalize matched only as written ("RN" the nurse).
	NormalizeCased map[string]string `yaml:"normalize_cased"`
	// Filler are words without question content, dropped before reading.
	Filler []string `yaml:"filler"`
	// Field are words that show a question is about the career; OccupationHeads and
	// JobHeads end the names of subjects that may be another career's.
	Field           []string     `yaml:"field"`
	OccupationHeads []string     `yaml:"occupation_heads"`
	JobHeads        []string     `yaml:"job_heads"`
	Occupations     []Occupation `yaml:"occupations"`
	Roles           []Role       `yaml:"roles"`
	Attributes      []Attribute  `yaml:"attributes"`
	Constraints     []Constraint `yaml:"constraints"`
	// Future and Current are cues of a question about a later time and about today.
	Future  []string `yaml:"future"`
	Current []string `yaml:"current"`
	// Open are cues of an open question ("is it worth it"); its answer covers the
	// attributes OpenParts, drawing also on the best passage of each of OpenTopics.
	Open       []string `yaml:"open"`
	OpenParts  []string `yaml:"open_parts"`
	OpenTopics []string `yaml:"open_topics"`
	// Admissions are cues of a sentence that says a specific is missing.
	Admissions []string `yaml:"admissions"`
	// Learning are cues, at the start of a word, of a question about what to study;
	// Listings are whole words of a sentence that lists courses. Without learning cues in
	// the question, a listing yields to a sentence that answers from the documents.
	Learning []string `yaml:"learning"`
	Listings []string `yaml:"listings"`
	// Gaps are what an answer says when the asked specific is missing, by case:
	// future, current ({year}), attribute ({label}, {subject}) and unstated ({label}).
	Gaps map[string]string `yaml:"gaps"`
}

// gapPlaceholders are the placeholders each gaps text must carry.
var gapPlaceholders = map[string][]string{
	"future": nil, "current": {"{year}"}, "year": {"{year}"}, "attribute": {"{label}", "{subject}"}, "unstated": {"{label}"},
}

// Occupation is a labour-statistics occupation the corpus reports figures for.
type Occupation struct {
	Name    string   `yaml:"name"`
	SOC     string   `yaml:"soc"`
	Phrases []string `yaml:"phrases"`
}

// Role is a job the corpus describes that is not one of its labour-statistics
// occupations (a coding auditor, a privacy officer): a question can compare two of
// them, so each is an entity of its own, named by its phrases.
type Role struct {
	Name string `yaml:"name"`
	// Kind is what the role competes with: "role" (the default) for other roles,
	// "occupation" for the occupations (a role that is a labour-statistics
	// occupation the corpus has no figures table for).
	Kind    string   `yaml:"kind"`
	Phrases []string `yaml:"phrases"`
}

// RoleKinds lists the allowed values of [Role.Kind]; "" reads as "role".
var RoleKinds = []string{"role", "occupation"}

// Attribute is a kind of fact a question can ask for (see lexicon.yaml).
type Attribute struct {
	Name   string   `yaml:"name"`
	Label  string   `yaml:"label"`
	Asks   []string `yaml:"asks"`
	Need   []string `yaml:"need"`
	States []string `yaml:"states"`
	// Goals are cues after which a sentence names the entity it states the attribute
	// for ("routes to the CCS", "wants to become an RHIA"): the sentence is about that
	// entity even when it names another one first.
	Goals []string `yaml:"goals"`
	// Detail are cues of a sentence that states the attribute in specifics (hours,
	// credits, a practicum) rather than in passing ("most employers require it"); such
	// a sentence ranks above one that only states it.
	Detail []string `yaml:"detail"`
	// Topic, when set, is the topic whose documents are the attribute's home (pay
	// figures live in pay-outlook): search ranks its sections a little higher for a
	// question asking the attribute, over another topic's passing mention.
	Topic string `yaml:"topic"`
}

// Constraint is a set of names that narrow a question, and what an answer says when
// the corpus has nothing about the name asked ({names} stands for it).
type Constraint struct {
	Kind  string   `yaml:"kind"`
	Gap   string   `yaml:"gap"`
	Names []string `yaml:"names"`
	// Codes are short names ("ga", "ny") that are ordinary words too, so they count
	// only right after "in", or after "in" and one more word ("in albany ga").
	Codes []string `yaml:"codes"`
	// Search, when set, stands in for a name in the search for a question that asks
	// for an attribute ("pay in Ohio" searches "pay in state city"), so the
	// attribute decides which passages answer, not a course whose provider happens
	// to carry the name.
	Search string `yaml:"search"`
	// Rules are attribute names the corpus states as rules that hold whatever the
	// name ("RHIT eligibility" is the same in Ohio). A question asking only rules gets
	// no gap once its answer states one, in a sentence holding one of RuleSearch's
	// words when RuleSearch is set ("a foreign program … reciprocity" for a degree
	// from abroad), and RuleSearch, when set, stands in for the name in its search.
	Rules      []string `yaml:"rules"`
	RuleSearch string   `yaml:"rule_search"`
	// Unknown makes "in" followed by words the corpus never uses ("in Tbilisi") a
	// name of this set too, in a question asking an attribute that is not one of
	// Rules (pay in a city the names do not list).
	Unknown bool `yaml:"unknown"`
}

var lexiconKeys = []string{"normalize", "normalize_cased", "filler", "field", "occupation_heads", "job_heads", "occupations", "roles", "attributes", "constraints", "future", "current", "open", "open_parts", "open_topics", "admissions", "learning", "listings", "gaps"}

// ParseLexicon parses lexicon.yaml. It returns every problem found; it never panics.
func ParseLexicon(name string, data []byte) (Lexicon, []Problem) {
	var lx Lexicon
	m, probs := decodeMapping(name, data, &lx, "lexicon.yaml must be a mapping ("+strings.Join(lexiconKeys, ", ")+")", lexiconKeys...)
	if m == nil {
		return lx, probs
	}
	return lx, append(probs, lx.check(name, m)...)
}

// check reports empty keys, names and cues, duplicate attribute names and gap texts
// without {names}.
func (lx Lexicon) check(name string, m *yaml.Node) []Problem {
	var probs []Problem
	bad := func(key, format string, args ...any) {
		probs = append(probs, Problem{name, keyLine(m, key, 1), fmt.Sprintf(format, args...)})
	}
	for _, key := range []string{"normalize", "normalize_cased"} {
		table := lx.Normalize
		if key == "normalize_cased" {
			table = lx.NormalizeCased
		}
		for k := range table {
			if strings.TrimSpace(k) == "" {
				bad(key, "%s has an empty word", key)
			}
		}
	}
	for _, o := range lx.Occupations {
		if strings.TrimSpace(o.Name) == "" || len(nonBlank(o.Phrases)) == 0 {
			bad("occupations", "occupation %q needs a name and at least one phrase", o.Name)
		}
	}
	probs = append(probs, lx.checkRoles(name, m)...)
	seen := map[string]bool{}
	for _, a := range lx.Attributes {
		switch {
		case strings.TrimSpace(a.Name) == "" || a.Label == "":
			bad("attributes", "attribute %q needs a name and a label", a.Name)
		case seen[a.Name]:
			bad("attributes", "attribute %q is listed twice", a.Name)
		case len(nonBlank(a.Asks)) != len(a.Asks) || len(a.Asks) == 0 || len(nonBlank(a.States)) != len(a.States) || len(a.States) == 0:
			bad("attributes", "attribute %q needs non-empty asks and states cues", a.Name)
		case a.Topic != "" && !ValidTopic(a.Topic):
			bad("attributes", "attribute %q has topic %q, which is not a topic", a.Name, a.Topic)
		}
		seen[a.Name] = true
	}
	for _, c := range lx.Constraints {
		if c.Kind == "" || !strings.Contains(c.Gap, "{names}") || len(nonBlank(c.Names)) != len(c.Names) || len(c.Names) == 0 || len(nonBlank(c.Codes)) != len(c.Codes) {
			bad("constraints", "constraint %q needs a kind, names and a gap text with {names}", c.Kind)
		}
		for _, r := range c.Rules {
			if !seen[r] {
				bad("constraints", "constraint %q names rule %q, which is not an attribute", c.Kind, r)
			}
		}
	}
	for _, p := range lx.OpenParts {
		if !seen[p] {
			bad("open_parts", "open_parts names %q, which is not an attribute", p)
		}
	}
	for _, t := range lx.OpenTopics {
		if !ValidTopic(t) {
			bad("open_topics", "open_topics names %q, which is not a topic", t)
		}
	}
	for k, v := range lx.Gaps {
		want, ok := gapPlaceholders[k]
		if !ok {
			bad("gaps", "gaps has an unknown case %q (future, current, year, attribute, unstated)", k)
		}
		for _, p := range want {
			if !strings.Contains(v, p) {
				bad("gaps", "gaps.%s needs %s", k, p)
			}
		}
	}
	return probs
}

func nonBlank(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// checkRoles reports roles without a name or phrases, with an unknown kind, listed
// twice, or with a phrase an occupation already has: one phrase names one entity.
func (lx Lexicon) checkRoles(name string, m *yaml.Node) []Problem {
	var probs []Problem
	bad := func(format string, args ...any) {
		probs = append(probs, Problem{name, keyLine(m, "roles", 1), fmt.Sprintf(format, args...)})
	}
	taken := map[string]string{} // phrase → who has it
	for _, o := range lx.Occupations {
		for _, p := range o.Phrases {
			taken[strings.ToLower(strings.TrimSpace(p))] = "occupation " + o.Name
		}
	}
	names := map[string]bool{}
	for _, r := range lx.Roles {
		switch {
		case strings.TrimSpace(r.Name) == "" || len(r.Phrases) == 0 || len(nonBlank(r.Phrases)) != len(r.Phrases):
			bad("role %q needs a name and non-empty phrases", r.Name)
			continue
		case r.Kind != "" && !slices.Contains(RoleKinds, r.Kind):
			bad("role %q has kind %q (want %s)", r.Name, r.Kind, strings.Join(RoleKinds, " or "))
		case names[r.Name]:
			bad("role %q is listed twice", r.Name)
		}
		names[r.Name] = true
		for _, p := range r.Phrases {
			k := strings.ToLower(strings.TrimSpace(p))
			if who, ok := taken[k]; ok {
				bad("role %q has phrase %q, which %s has too", r.Name, p, who)
			}
			taken[k] = "role " + r.Name
		}
	}
	return probs
}
