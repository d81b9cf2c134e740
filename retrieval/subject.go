package retrieval

import "strings"

// A question whose main subject is an occupation the corpus does not cover ("How do
// I become a nurse practitioner?") is about another career even when every word of
// it occurs somewhere in the corpus. The subject is the phrase after "become (a)",
// "be a", "work as (a)", "career as (a)", "does a … earn/make" or "salary of (a)". It
// is foreign when one of its words is unknown to the corpus, or when it is two words
// that never stand next to each other in the corpus ("registered nurse") and the
// second is not one of the field's anchor names (see [findAnchors]: "inpatient
// coder"). Longer phrases are judged by their words alone, since they often run past
// the name ("health informatics work"). Synonym and acronym phrases count as known.
// A question with a foreign subject has its confidence scaled by
// foreignSubjectFactor, so the answerer abstains.
const (
	foreignSubjectFactor = 0.4
	maxSubjectWords      = 3
)

// subjectArticles may stand between a trigger and the subject.
var subjectArticles = map[string]bool{"a": true, "an": true, "the": true}

// subjectQualifiers end a subject phrase ("a manager later") or, before it, are
// skipped when pairs are checked ("a good coder").
var subjectQualifiers = map[string]bool{
	"later": true, "eventually": true, "someday": true, "soon": true, "now": true, "today": true,
	"quickly": true, "fast": true, "first": true, "online": true, "remotely": true, "instead": true,
	"anyway": true, "lol": true, "good": true, "great": true, "better": true, "successful": true,
	"real": true, "new": true, "certified": true, "qualified": true, "professional": true,
}

// subjectPhrases returns the candidate subject phrases of a query's lower-case tokens.
func subjectPhrases(toks []string) [][]string {
	var out [][]string
	for i, t := range toks {
		start := -1
		switch t {
		case "become", "becoming":
			start = i + 1
		case "be":
			if i+1 < len(toks) && (toks[i+1] == "a" || toks[i+1] == "an") {
				start = i + 1
			}
		case "as":
			if i > 0 && strings.Contains(" work working worked career job jobs employed hired ", " "+toks[i-1]+" ") {
				start = i + 1
			}
		case "of", "for":
			if i > 0 && strings.Contains(" salary salaries pay wage wages income earnings ", " "+toks[i-1]+" ") {
				start = i + 1
			}
		case "does", "do":
			if p := earnerPhrase(toks, i+1); len(p) > 0 {
				out = append(out, p)
			}
		}
		if start < 0 {
			continue
		}
		for start < len(toks) && subjectArticles[toks[start]] {
			start++
		}
		if p := phraseFrom(toks, start); len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// earnerPhrase returns the words X of "a X make|earn|do" starting at toks[i], or nil.
func earnerPhrase(toks []string, i int) []string {
	if i >= len(toks) || !subjectArticles[toks[i]] {
		return nil
	}
	for j := i + 2; j < len(toks) && j <= i+1+maxSubjectWords; j++ {
		switch toks[j] {
		case "make", "earn", "do":
			return phraseFrom(toks[:j], i+1)
		}
	}
	return nil
}

// phraseFrom returns the words from toks[i] up to a stop word, a qualifier that
// ends a phrase, a token that is not a word or maxSubjectWords words.
func phraseFrom(toks []string, i int) []string {
	var p []string
	for ; i < len(toks) && len(p) < maxSubjectWords; i++ {
		t := toks[i]
		if subjectQualifiers[t] {
			if len(p) > 0 {
				break
			}
			continue // a leading qualifier: "a good coder"
		}
		if isStop(t) || !isAlpha(strings.ReplaceAll(t, "-", "")) || len(p) > 0 && strings.HasSuffix(t, "ly") {
			break // an adverb ends the phrase: "an RHIT actually"
		}
		p = append(p, t)
	}
	return p
}

// foreignSubject reports whether the read query's subject phrase names something the
// corpus does not cover (see above), or whether it names another career by its head
// word (see [Engine.foreignHeaded]).
func (e *Engine) foreignSubject(qt *queryText) bool {
	for _, p := range subjectPhrases(qt.toks) {
		if e.foreignPhrase(p) {
			return true
		}
	}
	return e.foreignHeaded(qt)
}

// foreignHeaded reports whether query names another career by a word before one of
// the lexicon's heads: before an occupation head ("pharmacy tech", "dental
// hygienist") a pair the corpus never writes side by side is foreign unless a synonym
// phrase of the question covers it ("medical records tech"); before a job head
// ("barista job", "phlebotomy cert") an unknown word makes it foreign, since
// "remote job" is a pair the corpus need not have written, and so does an occupation
// word the corpus never writes before it ("nursing license"), unless the word ends a
// name of this field ("HIT tech certification"). A word the field's anchors
// or field list cover never starts a foreign name ("HIT tech"), and the asker's own
// background is not a subject ("I am a CNA", "been a pharmacy tech for 3 years").
func (e *Engine) foreignHeaded(qt *queryText) bool {
	toks, terms := qt.toks, qt.tokTerm // terms[i] is "" for a stop word
	inPhrase := e.syn.inPhrases(terms)
	for i := 1; i < len(terms); i++ {
		mt, ht := terms[i-1], terms[i]
		if mt == "" || ht == "" || inPhrase[i] || !isAlpha(mt) || e.isAnchorTerm(mt) || e.field[mt] || background(toks[:i-1]) {
			continue
		}
		switch {
		case e.occHeads[ht] && !e.bigrams[mt+" "+ht]:
			return true
		case e.jobHeads[ht] && e.unknownWord(mt):
			return true
		case e.jobHeads[ht] && e.occHeads[mt] && !e.bigrams[mt+" "+ht] && !e.fieldNamed(terms, inPhrase, i-1):
			return true // "a nursing license": another occupation's credential
		}
	}
	return false
}

// fieldNamed reports whether the occupation word at terms[i] ends a name of this
// field: a synonym phrase covers it ("health information technician", "medical
// records tech") or the word before it is an anchor ("HIT tech"). A field word alone
// does not make one: a "medical assistant" is another occupation.
func (e *Engine) fieldNamed(terms []string, inPhrase []bool, i int) bool {
	if inPhrase[i] {
		return true
	}
	if i == 0 || terms[i-1] == "" {
		return false
	}
	return e.isAnchorTerm(terms[i-1])
}

// backgroundWords introduce the asker's own background ("I am a", "been a", "my").
var backgroundWords = map[string]bool{"am": true, "was": true, "been": true, "im": true, "my": true, "currently": true}

// acquireWords before "my" make what follows a goal, not the asker's background
// ("how do I get my nursing license").
var acquireWords = map[string]bool{"get": true, "getting": true, "obtain": true, "obtaining": true, "earn": true, "earning": true}

// holdWords after "i" or "ive" state what the asker holds ("I have a nursing
// degree", "I've got an LPN license").
var holdWords = map[string]bool{"have": true, "got": true, "hold": true, "had": true}

// background reports whether one of the last three tokens before a phrase introduces
// the asker's background ("my" unless right after a word of getting; "have" right
// after "i").
func background(before []string) bool {
	from := max(0, len(before)-3)
	for i, t := range before[from:] {
		j := from + i
		if backgroundWords[t] && !(t == "my" && j > 0 && acquireWords[before[j-1]]) {
			return true
		}
		if holdWords[t] && j > 0 && (before[j-1] == "i" || before[j-1] == "ive") {
			return true
		}
	}
	return false
}

// unknownWord reports whether the corpus neither uses term nor can correct it.
func (e *Engine) unknownWord(t string) bool {
	if e.lex.df(t) > 0 {
		return false
	}
	_, ok := e.spell.correct(t)
	return !ok
}

func (e *Engine) foreignPhrase(words []string) bool {
	var terms []string
	for _, w := range words {
		terms = appendTerms(terms, w)
	}
	if len(terms) == 0 {
		return false
	}
	covered := make([]bool, len(terms))
	for _, idx := range e.syn.concepts(terms) {
		if len(idx) > 1 || len(idx) == len(terms) {
			for _, i := range idx {
				covered[i] = true
			}
		}
	}
	for i, t := range terms {
		if !covered[i] && e.lex.df(t) == 0 {
			if _, ok := e.spell.correct(t); !ok {
				return true
			}
		}
	}
	if len(words) != 2 || len(terms) != 2 || covered[0] && covered[1] || e.isAnchorTerm(terms[1]) {
		return false // longer phrases run past the name ("health informatics work")
	}
	return !e.bigrams[terms[0]+" "+terms[1]]
}

// addBigrams records the adjacent term pairs of terms.
func addBigrams(set map[string]bool, terms []string) {
	for i := 1; i < len(terms); i++ {
		set[terms[i-1]+" "+terms[i]] = true
	}
}

// isAnchorTerm reports whether term, on its own, is covered by an anchor concept.
func (e *Engine) isAnchorTerm(term string) bool {
	for _, p := range e.syn.startingWith(term) {
		if len(p.terms) == 1 {
			if id, ok := e.lex.ids[p.concept]; ok && e.anchors[id] {
				return true
			}
		}
	}
	return false
}
