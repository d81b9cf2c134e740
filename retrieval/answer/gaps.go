package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// Saying what the corpus does not have. A question can ask for a specific the corpus
// lacks: a state's or an employer's figures, a named software vendor, a future
// number, today's figure where the latest is years old, or an attribute the corpus
// never states for the credential named (a pass rate nobody publishes). The answer
// then says so in its first sentence, in the lexicon's words (its gaps texts), and
// gives the closest facts it has after it, so a national figure never silently
// stands in for a state's. Everything here is read from the corpus lexicon; nothing
// is keyed to particular questions.

// datedYears is how many years before the corpus's latest review a figure must be
// for a question asking for today's figure to be told it is dated.
const datedYears = 5

// gapFinder finds the specifics a question asks for that an answer lacks. It is
// read-only after [newGapFinder] and safe for concurrent use.
type gapFinder struct {
	constraints     []constraintSet
	future, current []string
	texts           map[string]string // the lexicon's gaps texts, by case
	attrs           []attribute
	latest          int // the latest as-of year of the corpus's documents
	// stated[entity][attribute]: some corpus sentence names the entity (or sits in a
	// section headed by it) and states the attribute.
	stated map[string]map[int]bool
	// known reports whether the corpus uses a term (nil: unknown names are not
	// looked for; see [gapFinder.unknownMatches]).
	known func(term string) bool
}

// newGapFinder prepares the lexicon's constraints and cues and records which
// attributes the corpus states for which entities.
func newGapFinder(c *corpus.Corpus, an *analyzer) *gapFinder {
	lx := c.Lexicon
	g := &gapFinder{texts: lx.Gaps, attrs: an.attrs, stated: map[string]map[int]bool{},
		future: lowerAll(lx.Future), current: lowerAll(lx.Current),
		known: func(t string) bool { return an.stats.df[t] > 0 || len(an.syn.Expand([]string{t})) > 1 }}
	for _, k := range lx.Constraints {
		g.constraints = append(g.constraints, newConstraintSet(k))
	}
	for _, d := range c.Docs {
		if y, err := strconv.Atoi(strings.SplitN(d.AsOf, "-", 2)[0]); err == nil {
			g.latest = max(g.latest, y)
		}
		for _, sec := range d.Sections {
			g.record(an, sec)
		}
	}
	return g
}

// record notes the attributes each sentence of a section states for the entities it
// names or its heading names.
func (g *gapFinder) record(an *analyzer, sec corpus.Section) {
	head := an.ents.FindText(sec.Heading)
	for _, s := range splitSentences(sec.Text) {
		lower := strings.ToLower(s)
		ents := append(an.ents.FindText(s), head...)
		for i, a := range g.attrs {
			if !statesOne(a, lower) {
				continue
			}
			for _, e := range ents {
				if g.stated[e.Name] == nil {
					g.stated[e.Name] = map[int]bool{}
				}
				g.stated[e.Name][i] = true
			}
		}
	}
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// find returns the sentences that say what answer lacks of what question asks for,
// in order: constraints, the future, dated figures, unstated attributes. question is
// normalised; answer is the composed answer text.
func (g *gapFinder) find(question, answer string, ents []retrieval.Entity, hits []retrieval.Hit, an *analyzer) []string {
	if g == nil {
		return nil
	}
	lq, la := strings.ToLower(question), strings.ToLower(answer)
	var out []string
	asked := askedAttributes(g.attrs, question)
	for k, names := range g.missingConstraints(lq, answer, asked) {
		if len(names) > 0 {
			out = append(out, sentenceOf(strings.ReplaceAll(g.constraints[k].gap, "{names}", joinOr(names))))
		}
	}
	if t := g.texts["future"]; t != "" && g.asksFuture(lq) && !g.asks(asked, "outlook") {
		out = append(out, sentenceOf(t))
	}
	if y := g.missingYear(lq, answer); y > 0 && g.texts["year"] != "" {
		out = append(out, sentenceOf(strings.ReplaceAll(g.texts["year"], "{year}", strconv.Itoa(y))))
	}
	if y := latestYear(answer); g.texts["current"] != "" && y > 0 && y <= g.latest-datedYears && containsAny(lq, g.current) {
		out = append(out, sentenceOf(strings.ReplaceAll(g.texts["current"], "{year}", strconv.Itoa(y))))
	}
	return append(out, g.unstated(asked, la, ents, hits, an)...)
}

// unstated returns the gaps of asked attributes that need a figure: for each
// credential or occupation the question names, one the corpus never states for it;
// for a question naming none, one no sentence of the answer states.
func (g *gapFinder) unstated(asked []int, lowerAnswer string, ents []retrieval.Entity, hits []retrieval.Hit, an *analyzer) []string {
	var out []string
	named := slices.DeleteFunc(slices.Clone(ents), func(e retrieval.Entity) bool { return e.Kind == retrieval.KindOther })
	for _, i := range asked {
		a := g.attrs[i]
		if len(a.need) == 0 {
			continue
		}
		if len(named) == 0 {
			if t := g.texts["unstated"]; t != "" && !slices.ContainsFunc(splitSentences(lowerAnswer+" "), func(s string) bool { return statesOne(a, s) }) && !statesOne(a, lowerAnswer) {
				out = append(out, sentenceOf(strings.ReplaceAll(t, "{label}", a.label)))
			}
			continue
		}
		var missing []string // one sentence names every subject lacking a, not one each
		for _, e := range named {
			if !g.stated[e.Name][i] && !statedIn(hits, an, e, a) {
				missing = append(missing, subjectName(e))
			}
		}
		if t := g.texts["attribute"]; t != "" && len(missing) > 0 {
			out = append(out, sentenceOf(strings.NewReplacer("{label}", a.label, "{subject}", orList(missing)).Replace(t)))
		}
	}
	return out
}

// statedIn reports whether a sentence of the hits names e (or sits under a heading
// naming it) and states a.
func statedIn(hits []retrieval.Hit, an *analyzer, e retrieval.Entity, a attribute) bool {
	for _, h := range hits {
		head := slices.Contains(an.headingEntities(h.Section), e)
		for _, s := range an.sentences(h.ID, h.Text) {
			if (head || slices.Contains(s.ents, e)) && statesOne(a, s.lower) {
				return true
			}
		}
	}
	return false
}

func (g *gapFinder) asks(asked []int, name string) bool {
	return slices.ContainsFunc(asked, func(i int) bool { return g.attrs[i].name == name })
}

// asksFuture reports whether a lower-case question asks about a time after the
// corpus's figures: a future cue, or a year after the corpus's latest review.
func (g *gapFinder) asksFuture(lq string) bool {
	if containsAny(lq, g.future) {
		return true
	}
	for _, y := range yearsOf(lq) {
		if g.latest > 0 && y > g.latest {
			return true
		}
	}
	return false
}

// missingYear returns a past year (not after the corpus's latest review) that the
// question names and the answer never states, or 0: another year's figure must not
// stand in for it silently.
func (g *gapFinder) missingYear(lq, answer string) int {
	stated := yearsOf(answer)
	for _, y := range yearsOf(lq) {
		if (g.latest == 0 || y <= g.latest) && !slices.Contains(stated, y) {
			return y
		}
	}
	return 0
}

// containsWord reports whether phrase occurs in s as whole words.
func containsWord(s, phrase string) bool { return wordIndex(s, phrase) >= 0 }

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// latestYear is the latest year an answer's text states, 0 when none. The end of a
// year range ("growth projected for 2016 to 2026") is the horizon of a projection,
// not the year of a figure, so it does not count.
func latestYear(text string) int {
	y := 0
	for _, v := range yearsOf(yearRangeEnds.ReplaceAllString(text, "$1")) {
		y = max(y, v)
	}
	return y
}

// yearRangeEnds matches a year range; its first group is the range's start.
var yearRangeEnds = regexp.MustCompile(`\b((?:19|20)\d\d)\s*(?:to|through|–|-)\s*(?:19|20)\d\d\b`)

// subjectName is how a gap sentence names an entity: "the CPC", "medical records
// specialists".
func subjectName(e retrieval.Entity) string {
	if e.Kind == retrieval.KindCredential {
		return "the " + e.Name
	}
	return e.Name
}

// joinOr joins names in title case, a one-word name of up to three letters in capitals:
// "Kaiser", "Kaiser or Optum", "Philly, Columbus or Ohio", "NYC".
func joinOr(names []string) string {
	t := make([]string, len(names))
	for i, n := range names {
		words := strings.Fields(n)
		for j, w := range words {
			if len(words) == 1 && len(w) <= 3 {
				words[j] = strings.ToUpper(w) // an abbreviation: "NYC", "DC", "UK"
				continue
			}
			words[j] = strings.ToUpper(w[:1]) + w[1:]
		}
		t[i] = strings.Join(words, " ")
	}
	return orList(t)
}

// orList joins names as written: "a", "a or b", "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// sentenceOf ends s with a period when it has no closing punctuation.
func sentenceOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
