package retrieval

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/corpus"
)

// A question that names a credential, a body, a code set or an occupation ("How do I
// become an RHIT?", "the CCS exam", "health information technologists") is about that
// entity, however many generic words it shares with passages about another one. The
// entities are the acronyms of the corpus table, matched as the acronym or as its full
// expansion, the occupations of the corpus lexicon (the labour-statistics
// occupations its figures are split by) and its roles (the jobs it describes, such as
// the advancement targets, so "coding auditor or CDI?" has two sides). An entity
// that most passages name (HIT, HIM, AHIMA in this corpus) tells passages apart no
// better than a stop word, so an entity named by more than commonEntityShare of the
// corpus's sections is not reported. One-letter names ("A&P" is "p" once analysed)
// are too ambiguous to count.
const commonEntityShare = 0.33

// EntityKind groups entities that compete with each other: a passage about the RHIA
// is a wrong answer to a question about the RHIT, while a passage about AHIMA is not.
type EntityKind uint8

// Entity kinds.
const (
	// KindOther: bodies, agencies, code sets, laws, standards, technologies.
	KindOther EntityKind = iota
	// KindCredential: a certification ("Certified …", "Registered …").
	KindCredential
	// KindOccupation: a BLS occupation the corpus reports figures for, or a role of
	// the lexicon of kind "occupation".
	KindOccupation
	// KindRole: a job the corpus describes that is not such an occupation (a coding
	// auditor, a privacy officer), from the lexicon's roles.
	KindRole
)

// Entity is one named thing a text mentions.
type Entity struct {
	Name string // the acronym as written in the table ("RHIT"), or the occupation's name
	Kind EntityKind
}

// Entities finds the entities a text names. Build one with [NewEntities]; it is
// read-only afterwards and safe for concurrent use. The zero value finds nothing.
type Entities struct {
	list    []Entity
	byFirst map[string][]entityPhrase // first term → phrases, longest first
	common  []bool                    // by entity index: named by too many sections
}

type entityPhrase struct {
	terms []string
	ent   uint16
}

// NewEntities builds the entity finder from c's acronym table and lexicon occupations
// and roles, and marks as common the entities that more than commonEntityShare of c's sections
// name (see above).
func NewEntities(c *corpus.Corpus) *Entities {
	x := &Entities{byFirst: map[string][]entityPhrase{}}
	if c == nil {
		return x
	}
	add := func(text string, ent int) {
		if ts := Terms(text); len(ts) > 1 || len(ts) == 1 && len(ts[0]) > 1 {
			x.byFirst[ts[0]] = append(x.byFirst[ts[0]], entityPhrase{terms: ts, ent: uint16(ent)})
		}
	}
	acr := make([]string, 0, len(c.Synonyms.Acronyms))
	for a := range c.Synonyms.Acronyms {
		acr = append(acr, a)
	}
	slices.Sort(acr) // deterministic entity indexes
	for _, a := range acr {
		exp := c.Synonyms.Acronyms[a]
		kind := KindOther
		if first := strings.ToLower(strings.Fields(exp + " x")[0]); first == "certified" || first == "registered" {
			kind = KindCredential
		}
		x.list = append(x.list, Entity{Name: a, Kind: kind})
		add(a, len(x.list)-1)
		add(exp, len(x.list)-1)
	}
	for _, o := range c.Lexicon.Occupations {
		x.list = append(x.list, Entity{Name: o.Name, Kind: KindOccupation})
		for _, p := range o.Phrases {
			add(p, len(x.list)-1)
		}
	}
	for _, r := range c.Lexicon.Roles {
		x.addRole(r, add)
	}
	for k, ps := range x.byFirst {
		slices.SortStableFunc(ps, func(a, b entityPhrase) int { return len(b.terms) - len(a.terms) })
		x.byFirst[k] = ps
	}
	x.markCommon(c)
	return x
}

// addRole adds the lexicon role r. When one of its phrases already names an acronym
// of kind other ("CDI" for clinical documentation integrity), that acronym becomes
// the role, so the acronym, its expansion and the role's phrases all name one entity;
// otherwise the role is a new entity. add registers a phrase for an entity index.
func (x *Entities) addRole(r corpus.Role, add func(string, int)) {
	kind := KindRole
	if r.Kind == "occupation" {
		kind = KindOccupation
	}
	ent := -1
	for _, p := range r.Phrases {
		if i, ok := x.named(Terms(p)); ok && x.list[i].Kind == KindOther {
			ent = i
			break
		}
	}
	if ent < 0 {
		x.list = append(x.list, Entity{})
		ent = len(x.list) - 1
	}
	x.list[ent] = Entity{Name: r.Name, Kind: kind}
	for _, p := range r.Phrases {
		if i, ok := x.named(Terms(p)); !ok || i != ent {
			add(p, ent)
		}
	}
}

// named returns the entity whose phrase is exactly terms.
func (x *Entities) named(terms []string) (int, bool) {
	if len(terms) == 0 {
		return 0, false
	}
	for _, p := range x.byFirst[terms[0]] {
		if slices.Equal(p.terms, terms) {
			return int(p.ent), true
		}
	}
	return 0, false
}

// markCommon flags the entities named by more than commonEntityShare of c's sections.
func (x *Entities) markCommon(c *corpus.Corpus) {
	x.common = make([]bool, len(x.list))
	count := make([]int, len(x.list))
	sections := 0
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			sections++
			for _, i := range x.find(Terms(s.Heading+"\n"+s.Text), nil) {
				count[i]++
			}
		}
	}
	for i, n := range count {
		x.common[i] = float64(n) > commonEntityShare*float64(sections)
	}
}

// find appends to dst the indexes of the entities that terms name, each once, in
// order of first mention. At each position the longest name wins and covers its
// terms, so "CCS-P" (terms "ccs-p", "ccs") names the CCS-P and not also the CCS.
// Common entities are included.
func (x *Entities) find(terms []string, dst []uint16) []uint16 {
	for i := 0; i < len(terms); i++ {
		for _, p := range x.byFirst[terms[i]] {
			if i+len(p.terms) <= len(terms) && slices.Equal(terms[i:i+len(p.terms)], p.terms) {
				if !slices.Contains(dst, p.ent) {
					dst = append(dst, p.ent)
				}
				i += len(p.terms) - 1
				break
			}
		}
	}
	return dst
}

// Find returns the entities that analysed terms (see [Terms]) name, each once, in
// order of first mention, leaving out common ones (see [NewEntities]) unless the
// terms also name an uncommon entity of the same competing kind: in "do medical
// records specialists or health information technologists earn more?" the common
// occupation is one side of a comparison, not a word every passage shares.
func (x *Entities) Find(terms []string) []Entity {
	if x == nil {
		return nil
	}
	found := x.find(terms, nil)
	var out []Entity
	for _, i := range found {
		if !x.common[i] || x.hasRival(found, i) {
			out = append(out, x.list[i])
		}
	}
	return out
}

// hasRival reports whether found holds an uncommon entity other than i of i's
// kind, when that kind competes (see [EntityKind]).
func (x *Entities) hasRival(found []uint16, i uint16) bool {
	k := x.list[i].Kind
	return k != KindOther && slices.ContainsFunc(found, func(j uint16) bool {
		return j != i && !x.common[j] && x.list[j].Kind == k
	})
}

// FindAll returns the entities that analysed terms name, each once, in order of
// first mention, common ones included: a passage's own sentences, read against a
// question that names a common entity as one side of a comparison.
func (x *Entities) FindAll(terms []string) []Entity {
	if x == nil {
		return nil
	}
	var out []Entity
	for _, i := range x.find(terms, nil) {
		out = append(out, x.list[i])
	}
	return out
}

// FindText is Find over the terms of text.
func (x *Entities) FindText(text string) []Entity { return x.Find(Terms(text)) }

// uncommon returns the indexes of the uncommon entities terms name.
func (x *Entities) uncommon(terms []string) []uint16 {
	if x == nil {
		return nil
	}
	out := x.find(terms, nil)
	return slices.DeleteFunc(out, func(i uint16) bool { return x.common[i] })
}

// kind is the kind of entity i.
func (x *Entities) kind(i uint16) EntityKind { return x.list[i].Kind }

// Entities returns the engine's entity finder, so answerers read questions with the
// same entities the engine ranks by.
func (e *Engine) Entities() *Entities { return e.ents }
