package answer

import (
	"slices"
	"strings"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// Constraints narrow a question to a place, an employer or a vendor (the lexicon's
// constraints). The corpus's figures are national and general, so a question asking
// for pay "in Georgia" is answered with the national figure after a sentence saying
// the corpus has none for Georgia. Two things must not hide that gap: a passage that
// names the place in passing (a course from "Georgia Tech", a certificate from
// "Albany State") is no answer about it, and must not win the search either.

// constraintSet is one lexicon constraint prepared for matching.
type constraintSet struct {
	gap    string
	names  []string        // lower case, longest first
	codes  map[string]bool // lower case; see [corpus.Constraint]
	search string          // words searched in place of a name; "" keeps it
	rules  map[string]bool // attribute names stated as rules for any name
	// ruleSearch stands in for a name in a question asking only rules; its words,
	// when any, must be in the sentence that states the rule.
	ruleSearch string
	ruleWords  []string
	unknown    bool // "in <words the corpus never uses>" names one (see [corpus.Constraint])
}

func newConstraintSet(k corpus.Constraint) constraintSet {
	names := lowerAll(k.Names)
	slices.SortStableFunc(names, func(a, b string) int { return len(b) - len(a) })
	codes := map[string]bool{}
	for _, c := range lowerAll(k.Codes) {
		codes[c] = true
	}
	rules := map[string]bool{}
	for _, r := range k.Rules {
		rules[r] = true
	}
	rs := strings.TrimSpace(k.RuleSearch)
	return constraintSet{gap: k.Gap, names: names, codes: codes, search: strings.TrimSpace(k.Search),
		rules: rules, ruleSearch: rs, ruleWords: strings.Fields(strings.ToLower(rs)), unknown: k.Unknown}
}

// asksOnlyRules reports whether the attributes asked (indexes into attrs) are all
// rules of c: then the corpus's rule answers the question wherever the name is.
func (c constraintSet) asksOnlyRules(attrs []attribute, asked []int) bool {
	return len(asked) > 0 && len(c.rules) > 0 && !slices.ContainsFunc(asked, func(i int) bool { return !c.rules[attrs[i].name] })
}

// statesRule reports whether the lower-case sentence s states one of the asked
// attributes as c's rule (holding one of c's rule words when it has any).
func (c constraintSet) statesRule(attrs []attribute, s string, asked []int) bool {
	if statesAttributes(attrs, s, asked) == 0 {
		return false
	}
	return len(c.ruleWords) == 0 || slices.ContainsFunc(c.ruleWords, func(w string) bool { return containsWord(s, w) })
}

// constraintMatch is one constraint a question names: the set, the name as asked
// and its byte span in the lower-case question.
type constraintMatch struct {
	set        int
	name       string
	start, end int
}

// constraintMatches returns the constraints the lower-case question lq names, in
// question order. Longer names are matched first across all sets, so "cleveland
// clinic" is an employer and not also the city; a code counts after "in" or after
// "in" and a town's words, which it then names with ("in albany ga" names "albany GA").
func (g *gapFinder) constraintMatches(lq string) []constraintMatch {
	type name struct {
		text string
		set  int
	}
	var all []name
	for k, c := range g.constraints {
		for _, n := range c.names {
			all = append(all, name{n, k})
		}
	}
	slices.SortStableFunc(all, func(a, b name) int { return len(b.text) - len(a.text) })
	var out []constraintMatch
	taken := func(i, j int) bool {
		return slices.ContainsFunc(out, func(m constraintMatch) bool { return i < m.end && m.start < j })
	}
	for _, n := range all {
		for off := 0; off < len(lq); {
			i := wordIndex(lq[off:], n.text)
			if i < 0 {
				break
			}
			i += off
			if !taken(i, i+len(n.text)) {
				out = append(out, constraintMatch{set: n.set, name: n.text, start: i, end: i + len(n.text)})
			}
			off = i + len(n.text)
		}
	}
	out = append(out, g.codeMatches(lq, taken)...)
	out = append(out, g.unknownMatches(lq, taken)...)
	slices.SortStableFunc(out, func(a, b constraintMatch) int { return a.start - b.start })
	return out
}

// maxTownWords is how many words may stand between "in" and a code ("in mohawk
// valley ny").
const maxTownWords = 2

// codeMatches finds the codes of the constraint sets that follow "in", or "in" and
// up to maxTownWords content words, in lq, leaving out spans taken already.
func (g *gapFinder) codeMatches(lq string, taken func(i, j int) bool) []constraintMatch {
	words := wordSpans(lq)
	var out []constraintMatch
	for k, c := range g.constraints {
		for w, sp := range words {
			code := lq[sp[0]:sp[1]]
			if !c.codes[code] || w == 0 {
				continue
			}
			from := -1
			for back := 1; back <= 1+maxTownWords && back <= w && from < 0; back++ {
				between := words[w-back+1 : w]
				if lq[words[w-back][0]:words[w-back][1]] == "in" && !slices.ContainsFunc(between, func(b [2]int) bool { return len(termsOf(lq[b[0]:b[1]])) == 0 }) {
					from = sp[0]
					if len(between) > 0 {
						from = between[0][0]
					}
				}
			}
			if from < 0 || taken(from, sp[1]) {
				continue
			}
			out = append(out, constraintMatch{set: k, name: lq[from:sp[0]] + strings.ToUpper(code), start: from, end: sp[1]})
		}
	}
	return out
}

// maxUnknownWords is how many unknown words after "in" one unlisted place may have
// ("in sao paulo").
const maxUnknownWords = 2

// unknownMatches finds, for each set that takes unknown names, "in" followed by up
// to maxUnknownWords words of three letters or more that the corpus never uses, in
// a question asking an attribute that is not one of the set's rules: "how much do
// coders make in tbilisi" names a place the lexicon does not list. Spans taken
// already are left out.
func (g *gapFinder) unknownMatches(lq string, taken func(i, j int) bool) []constraintMatch {
	if g.known == nil {
		return nil
	}
	asked := askedAttributes(g.attrs, lq)
	var out []constraintMatch
	for k, c := range g.constraints {
		if !c.unknown || len(asked) == 0 || c.asksOnlyRules(g.attrs, asked) {
			continue
		}
		words := wordSpans(lq)
		for w := 0; w+1 < len(words); w++ {
			if lq[words[w][0]:words[w][1]] != "in" {
				continue
			}
			end := w + 1
			for end < len(words) && end-w <= maxUnknownWords && g.unknownWord(lq[words[end][0]:words[end][1]]) {
				end++
			}
			if end == w+1 || taken(words[w+1][0], words[end-1][1]) {
				continue
			}
			from, to := words[w+1][0], words[end-1][1]
			out = append(out, constraintMatch{set: k, name: lq[from:to], start: from, end: to})
		}
	}
	return out
}

// unknownWord reports whether the lower-case word w is a word of letters, three or
// more long, that is no stop word and whose terms the corpus never uses.
func (g *gapFinder) unknownWord(w string) bool {
	if len(w) < 3 || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 || retrieval.IsStopWord(w) {
		return false
	}
	ts := termsOf(w)
	return len(ts) > 0 && !slices.ContainsFunc(ts, g.known)
}

// wordSpans returns the byte spans of the words (letters and digits) of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isWordByte(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	return out
}

// wordIndex returns the index of the first whole-word occurrence of phrase in s,
// or -1.
func wordIndex(s, phrase string) int {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(phrase)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		off = i + 1
	}
	return -1
}

// missingConstraints returns, for each constraint set, the names (in question
// order) that the lower-case question lq names and no sentence of answer names while
// stating an attribute asked (anywhere, when none is asked): "Georgia Tech's CS6440
// covers…" does not answer pay in Georgia. A question asking only the set's rules
// is answered by a sentence stating the rule (see [constraintSet.statesRule]).
func (g *gapFinder) missingConstraints(lq, answer string, asked []int) [][]string {
	out := make([][]string, len(g.constraints))
	sentences := []string{strings.ToLower(answer)}
	if len(asked) > 0 {
		sentences = splitSentences(answer)
		for i, s := range sentences {
			sentences[i] = strings.ToLower(s)
		}
	}
	for _, m := range g.constraintMatches(lq) {
		lname := strings.ToLower(m.name)
		set := g.constraints[m.set]
		rule := set.asksOnlyRules(g.attrs, asked)
		answered := slices.ContainsFunc(sentences, func(s string) bool {
			if rule && set.statesRule(g.attrs, s, asked) {
				return true
			}
			return containsWord(s, lname) && (len(asked) == 0 || statesAttributes(g.attrs, s, asked) > 0)
		})
		if !answered && !slices.Contains(out[m.set], m.name) {
			out[m.set] = append(out[m.set], m.name)
		}
	}
	return out
}

// searchable returns question with each constraint name replaced by its set's
// search words (its rule search words, when set, for a question asking only its
// rules; see [corpus.Constraint]) when the question asks for an attribute and shows
// no learning intent; question itself otherwise. question is normalised.
func (g *gapFinder) searchable(question string, an *analyzer) string {
	lq := strings.ToLower(question)
	if g == nil || containsAny(lq, an.learning) {
		return question
	}
	asked := askedAttributes(g.attrs, question)
	if len(asked) == 0 {
		return question
	}
	ms := g.constraintMatches(lq)
	if len(ms) == 0 || len(lq) != len(question) {
		return question // lower-casing moved bytes: spans would not line up
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		if s := g.constraints[m.set].standIn(g.attrs, asked); s != "" {
			b.WriteString(question[last:m.start])
			b.WriteString(s)
			last = m.end
		}
	}
	b.WriteString(question[last:])
	return b.String()
}

// standIn returns the words searched in place of one of c's names for a question
// asking the attributes asked: its rule search words for a question asking only its
// rules, its search words otherwise ("" keeps the name).
func (c constraintSet) standIn(attrs []attribute, asked []int) string {
	if c.ruleSearch != "" && c.asksOnlyRules(attrs, asked) {
		return c.ruleSearch
	}
	return c.search
}

// standIns returns the search words of the constraint sets question names (see
// [constraintSet.standIn]): what the closest facts to a missing place say instead.
func (g *gapFinder) standIns(question string) []string {
	var out []string
	asked := askedAttributes(g.attrs, question)
	for _, m := range g.constraintMatches(strings.ToLower(question)) {
		if s := g.constraints[m.set].standIn(g.attrs, asked); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
