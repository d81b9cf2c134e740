package retrieval

import "slices"

// Entity weighting. A chunk's fused score is scaled by how well it matches the
// entities the query names (see [Entities]): a heading naming them marks the section
// that answers about them, text naming them marks a passage that at least discusses
// them, and a heading that names another entity of the same kind (a section about
// the RHIA for a question about the RHIT) without naming the query's marks a passage
// about something else, however many generic words it shares with the query.
const (
	// entityHeadingBoost is added to the factor, times the share of the query's
	// entities the heading names.
	entityHeadingBoost = 0.35
	// entityTextBoost is added to the factor, times the share of the query's
	// entities only the text names.
	entityTextBoost = 0.1
	// entityMismatch scales the factor of a chunk whose heading names another
	// entity of the same kind as one of the query's and none of the query's.
	entityMismatch = 0.7
)

// chunkEntities are the uncommon entities a chunk's heading and text name.
type chunkEntities struct {
	head, text []uint16
}

// entityFactor is the factor on a chunk's fused score for the query's entities qe:
// 1 when the query names none.
func (e *Engine) entityFactor(doc int32, qe []uint16) float64 {
	if len(qe) == 0 {
		return 1
	}
	ce := &e.chunkEnts[doc]
	inHead, inText := 0, 0
	for _, q := range qe {
		switch {
		case slices.Contains(ce.head, q):
			inHead++
		case slices.Contains(ce.text, q):
			inText++
		}
	}
	n := float64(len(qe))
	f := 1 + entityHeadingBoost*float64(inHead)/n + entityTextBoost*float64(inText)/n
	if inHead == 0 && e.rivalHeading(ce.head, qe) {
		f *= entityMismatch
	}
	return f
}

// rivalHeading reports whether head names an entity of a competing kind (a
// credential or an occupation) that one of the query's entities qe also has.
func (e *Engine) rivalHeading(head, qe []uint16) bool {
	for _, h := range head {
		k := e.ents.kind(h)
		if k == KindOther {
			continue
		}
		for _, q := range qe {
			if e.ents.kind(q) == k {
				return true
			}
		}
	}
	return false
}
