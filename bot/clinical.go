package bot

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ClinicalVocabulary is the wording by which members ask for medical advice about
// their own health, which the scope guard declines with a pointer to a clinician. It
// is corpus data (the corpus's clinical.yaml describes each list); the guard keeps
// only the mechanism. Entries are read as words the way questions are (see
// [tokenize]): case, apostrophes and punctuation between words do not matter, so
// "x-ray" also matches "X ray" and "i'm" matches "im". An empty vocabulary
// recognises no request for medical advice.
type ClinicalVocabulary struct {
	FirstPerson  []string // the asker speaking of themselves: i, my, me
	Openers      []string // a message about oneself without the pronoun: "been having"
	Pointing     []string // this, that: "is this mole…"
	Others       []string // people the asker may ask care for: him, my son
	Symptoms     []string
	Medicines    []string
	DrugSuffixes []string // endings of generic drug names: -pril, -olol, -statin
	NotDrugs     []string // everyday words with a drug suffix: online, deadline
	Labs         []string
	Units        []string // a number before one is a dose or a result: 50mg
	Regimen      []string // taking or changing a medicine: double up, started me on
	Statements   []string // the asker saying they take a medicine: been on, on
	Changes      []string // changing an amount: go up to, raise, skip
	Takes        []string // taking an amount: take, have
	Refers       []string // referring back to a medicine: it, the dose
	AmountEnds   []string // may follow a bare number that is an amount: on, before
	Results      []string // a value is a test result: came back, levels are
	Study        []string // learning about a subject: know, memorize
	Asks         []string // asking for advice: is that, should i, do i need
	Manner       []string // before an ask, it asks how to do something: how
	CareAsks     []string // diagnose, treat, remedy for: followed by a person
	Career       []string // what makes an ask a career question: coder, exam
}

// Reaches of the mechanism, in words.
const (
	ownReach      = 6 // a first-person word this close to a health mention makes it the asker's
	askReach      = 7 // career words this soon after an ask make it a career question
	careerReach   = 2 // a career word or study cue this soon after a health mention makes it none
	nearReach     = 2 // words before a mention that hold a pointing or study cue
	measuredWords = 4 // words between "my" and a result cue: "my vitamin b6 came back"
	minDrugStem   = 2 // letters a drug name has before its suffix
	changeReach   = 3 // words between an ask and a change cue: "is it ok to just double it"
	statedReach   = 6 // words between a statement cue's start and the medicine: "been on 0.5 mg of x"
)

// clinicalGuard recognises requests for medical advice about the asker's own health
// from a [ClinicalVocabulary]. It works on words, not patterns, so any entry is
// valid and a question costs one pass per list. It is safe for concurrent use.
type clinicalGuard struct {
	health, medicines, units, regimen phraseSet
	results, statements, changes      phraseSet
	takes, refers, amountEnds         phraseSet
	first, openers, pointing, others  phraseSet
	study, asks, manner, care, career phraseSet
	suffixes                          []string
	notDrugs                          map[string]bool
}

// newClinicalGuard builds the guard of v.
func newClinicalGuard(v ClinicalVocabulary) *clinicalGuard {
	g := &clinicalGuard{
		health:     newPhraseSet(slices.Concat(v.Symptoms, v.Medicines, v.Labs)),
		medicines:  newPhraseSet(v.Medicines),
		units:      newPhraseSet(v.Units),
		regimen:    newPhraseSet(v.Regimen),
		results:    newPhraseSet(v.Results),
		statements: newPhraseSet(v.Statements),
		changes:    newPhraseSet(v.Changes),
		takes:      newPhraseSet(v.Takes),
		refers:     newPhraseSet(v.Refers),
		amountEnds: newPhraseSet(v.AmountEnds),
		first:      newPhraseSet(v.FirstPerson),
		openers:    newPhraseSet(v.Openers),
		pointing:   newPhraseSet(v.Pointing),
		others:     newPhraseSet(v.Others),
		study:      newPhraseSet(v.Study),
		asks:       newPhraseSet(v.Asks),
		manner:     newPhraseSet(v.Manner),
		care:       newPhraseSet(v.CareAsks),
		career:     newPhraseSet(v.Career),
		notDrugs:   map[string]bool{},
	}
	for _, s := range v.DrugSuffixes {
		if w := tokenize(s); len(w) == 1 && !w[0].num {
			g.suffixes = append(g.suffixes, w[0].text)
		}
	}
	for _, s := range v.NotDrugs {
		if w := tokenize(s); len(w) == 1 {
			g.notDrugs[w[0].text] = true
		}
	}
	return g
}

// word is one word of a question: a run of letters (apostrophes inside dropped) or
// of digits, lower-cased, with its byte offsets.
type word struct {
	text       string
	start, end int
	num        bool
}

// tokenize splits s into words: runs of letters and runs of digits; everything else
// separates them, except apostrophes between letters, which are dropped ("i'm" is
// "im"). Letters and digits split too, so "50mg" is "50" "mg" and "a1c" is "a" "1"
// "c" in questions and entries alike.
func tokenize(s string) []word {
	var out []word
	var b strings.Builder
	start, kind := -1, 0 // kind: 1 letters, 2 digits
	flush := func(end int) {
		if start >= 0 {
			out = append(out, word{text: b.String(), start: start, end: end, num: kind == 2})
		}
		b.Reset()
		start, kind = -1, 0
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		k := 0
		switch {
		case unicode.IsLetter(r):
			k = 1
		case unicode.IsDigit(r):
			k = 2
		case (r == '\'' || r == '’') && kind == 1:
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); unicode.IsLetter(next) {
				i += size
				continue
			}
		}
		if k != kind {
			flush(i)
		}
		if k != 0 {
			if start < 0 {
				start, kind = i, k
			}
			b.WriteRune(unicode.ToLower(r))
		}
		i += size
	}
	flush(len(s))
	return out
}

// phraseSet is a list of entries as word sequences, by first word.
type phraseSet map[string][][]string

func newPhraseSet(entries []string) phraseSet {
	p := phraseSet{}
	for _, e := range entries {
		var ws []string
		for _, w := range tokenize(e) {
			ws = append(ws, w.text)
		}
		if len(ws) > 0 && !slices.ContainsFunc(p[ws[0]], func(have []string) bool { return slices.Equal(have, ws) }) {
			p[ws[0]] = append(p[ws[0]], ws)
		}
	}
	return p
}

// at returns how many words the longest entry starting at ws[i] has; 0 for none.
func (p phraseSet) at(ws []word, i int) int {
	if i < 0 || i >= len(ws) {
		return 0
	}
	best := 0
	for _, e := range p[ws[i].text] {
		if len(e) > best && i+len(e) <= len(ws) && matchesWords(e, ws[i:]) {
			best = len(e)
		}
	}
	return best
}

func matchesWords(e []string, ws []word) bool {
	for j, t := range e {
		if ws[j].text != t {
			return false
		}
	}
	return true
}

// span is a run of words, ws[start:end].
type span struct{ start, end int }

// find returns the entries in ws[lo:hi], left to right, longest first, not
// overlapping.
func (p phraseSet) find(ws []word, lo, hi int) []span {
	var out []span
	lo, hi = max(lo, 0), min(hi, len(ws))
	for i := lo; i < hi; i++ {
		if n := p.at(ws, i); n > 0 && i+n <= hi {
			out = append(out, span{i, i + n})
			i += n - 1
		}
	}
	return out
}

// in reports whether an entry lies in ws[lo:hi].
func (p phraseSet) in(ws []word, lo, hi int) bool {
	for i := max(lo, 0); i < min(hi, len(ws)); i++ {
		if n := p.at(ws, i); n > 0 && i+n <= hi {
			return true
		}
	}
	return false
}

// startsAt reports whether an entry starts at one of ws[lo:hi].
func (p phraseSet) startsAt(ws []word, lo, hi int) bool {
	for i := max(lo, 0); i < min(hi, len(ws)); i++ {
		if p.at(ws, i) > 0 {
			return true
		}
	}
	return false
}

// startsIn reports whether one of spans starts in [lo, hi).
func startsIn(spans []span, lo, hi int) bool {
	return slices.ContainsFunc(spans, func(s span) bool { return s.start >= lo && s.start < hi })
}

// overlaps reports whether one of spans overlaps [lo, hi).
func overlaps(spans []span, lo, hi int) bool {
	return slices.ContainsFunc(spans, func(s span) bool { return s.start < hi && s.end > lo })
}

// clinicalQuestion is a question as the guard reads it.
type clinicalQuestion struct {
	text   string
	words  []word
	career []span // career phrases
	asks   []span // asks for advice
}

// isClinical reports whether q asks for medical advice: to diagnose or treat the
// asker or someone else ("diagnose my chest pain", "treat him"), about the asker's
// own health (see [clinicalGuard.ownHealth]) or about changing the amount of their
// own medicine (see [clinicalGuard.changesDose]).
func (g *clinicalGuard) isClinical(q string) bool {
	ws := tokenize(q)
	cq := clinicalQuestion{text: q, words: ws, career: g.career.find(ws, 0, len(ws)), asks: g.asks.find(ws, 0, len(ws))}
	if g.asksCare(cq) {
		return true
	}
	mentions := g.mentions(cq)
	return g.ownHealth(cq, mentions) || g.changesDose(cq, mentions)
}

// asksCare reports whether a care ask is followed by a first-person or others word.
func (g *clinicalGuard) asksCare(q clinicalQuestion) bool {
	for _, c := range g.care.find(q.words, 0, len(q.words)) {
		if g.first.at(q.words, c.end) > 0 || g.others.at(q.words, c.end) > 0 {
			return true
		}
	}
	return false
}

// ownHealth reports whether q asks for advice about the asker's own health: a health
// mention (symptom, medicine, dose, lab, result, regimen) that belongs to the asker
// and an ask for advice not followed by career words ("is that…", "should I…"); or,
// in a message without any career word, a health mention that is the asker's or is
// asked about. Career words elsewhere do not make it a career question: a coder
// asking about their own numb hand wants a clinician. mentions are q's (see
// [clinicalGuard.mentions]).
func (g *clinicalGuard) ownHealth(q clinicalQuestion, mentions []span) bool {
	if len(mentions) == 0 {
		return false
	}
	ws := q.words
	own := slices.ContainsFunc(mentions, func(m span) bool { return g.owned(q, m) })
	if len(q.career) == 0 {
		return own || len(q.asks) > 0
	}
	if !own {
		return false
	}
	for _, a := range q.asks {
		if g.manner.at(ws, a.start-1) > 0 {
			continue // "how should I prepare" asks how to do something
		}
		end := min(len(ws), a.end+askReach)
		for _, m := range mentions {
			if m.start >= a.end && m.start < end {
				end = m.start // "is it ok to stop taking it before my exam": the health ask comes first
				break
			}
		}
		if !startsIn(q.career, a.end, end) {
			return true
		}
	}
	return false
}

// changesDose reports whether q asks about changing the amount of the asker's own
// medicine, whatever career words it has: one of mentions is a medicine or dose that
// is the asker's, and an ask is followed within changeReach words by a change cue
// whose object is a refers word ("should i up it") or an amount ("can i go up to 40
// myself"), or by a take cue before an amount ("ok to take 2 on test day").
func (g *clinicalGuard) changesDose(q clinicalQuestion, mentions []span) bool {
	ws := q.words
	if !slices.ContainsFunc(mentions, func(m span) bool { return g.medicineAt(ws, m.start) && g.owned(q, m) }) {
		return false
	}
	asked := func(c span) bool {
		return slices.ContainsFunc(q.asks, func(a span) bool { return a.end <= c.start && c.start-a.end <= changeReach })
	}
	amount := func(c span) bool { return g.amountAt(q, c.end) || g.amountAt(q, c.end+1) }
	for _, c := range g.changes.find(ws, 0, len(ws)) {
		if asked(c) && (g.refers.at(ws, c.end) > 0 || amount(c)) {
			return true
		}
	}
	for _, c := range g.takes.find(ws, 0, len(ws)) {
		if asked(c) && amount(c) {
			return true
		}
	}
	return false
}

// medicineAt reports whether a medicine starts at word i: a medicine word, a generic
// drug name or a dose (a number and a unit).
func (g *clinicalGuard) medicineAt(ws []word, i int) bool {
	if i < 0 || i >= len(ws) {
		return false
	}
	if ws[i].num {
		return g.units.at(ws, i+1) > 0
	}
	return g.medicines.at(ws, i) > 0 || g.drugName(ws[i].text)
}

// amountAt reports whether a bare amount starts at word i: a number (or several, as
// in "0.5") that ends the question or a clause, or is followed by a unit, a medicine,
// a first-person word or an amount_ends word ("take 2 on test day"). A number
// followed by another word counts something else ("2 days", "40 hours").
func (g *clinicalGuard) amountAt(q clinicalQuestion, i int) bool {
	ws := q.words
	if i < 0 || i >= len(ws) || !ws[i].num {
		return false
	}
	j := i + 1
	for j < len(ws) && ws[j].num {
		j++
	}
	if j == len(ws) || sentenceStart(q, j) {
		return true
	}
	return g.units.at(ws, j) > 0 || g.medicineAt(ws, j) || g.first.at(ws, j) > 0 || g.amountEnds.at(ws, j) > 0
}

// mentions returns the health mentions of q in order of their start, without those
// inside a career phrase ("drug test"), right after a study cue ("know drug names")
// or right before a career word or a study cue ("take an extra class", "double up on
// study guides").
func (g *clinicalGuard) mentions(q clinicalQuestion) []span {
	ws := q.words
	var found []span
	for _, p := range []phraseSet{g.health, g.regimen} {
		found = append(found, p.find(ws, 0, len(ws))...)
	}
	for i, w := range ws {
		switch {
		case w.num:
			if n := g.units.at(ws, i+1); n > 0 {
				found = append(found, span{i, i + 1 + n}) // a dose or a value: 50 mg
			}
		case g.drugName(w.text):
			found = append(found, span{i, i + 1})
		}
		if end := g.resultAt(q, i); end > 0 {
			found = append(found, span{i, end})
		}
	}
	out := slices.DeleteFunc(found, func(m span) bool {
		return overlaps(q.career, m.start, m.end) || g.study.in(ws, m.start-nearReach, m.start) ||
			startsIn(q.career, m.end, m.end+careerReach) || g.study.startsAt(ws, m.end, m.end+careerReach)
	})
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

// drugName reports whether w ends with a drug suffix after minDrugStem letters and is
// not an everyday word.
func (g *clinicalGuard) drugName(w string) bool {
	if g.notDrugs[w] {
		return false
	}
	for _, s := range g.suffixes {
		if strings.HasSuffix(w, s) && utf8.RuneCountInString(w)-utf8.RuneCountInString(s) >= minDrugStem {
			return true
		}
	}
	return false
}

// resultAt returns the end of a stated test result starting at word i, or 0: a
// first-person word, up to measuredWords words that are not career words, a result
// cue, at most one short word and a number ("my ferritin came back at 9", "my levels
// are 7").
func (g *clinicalGuard) resultAt(q clinicalQuestion, i int) int {
	ws := q.words
	fp := g.first.at(ws, i)
	if fp == 0 {
		return 0
	}
	for j := i + fp; j <= min(i+fp+measuredWords, len(ws)-1); j++ {
		n := g.results.at(ws, j)
		if n == 0 {
			continue
		}
		if overlaps(q.career, i+fp, j) {
			return 0
		}
		k := j + n
		if k < len(ws) && !ws[k].num && utf8.RuneCountInString(ws[k].text) <= 6 {
			k++ // "came back at 9"
		}
		if k < len(ws) && ws[k].num {
			return k + 1
		}
		return 0
	}
	return 0
}

// owned reports whether mention m is the asker's: a first-person word (not inside an
// others phrase: "my coworker") or a sentence opener that drops the pronoun within
// ownReach words, a pointing word just before it ("this mole"), or a statement
// before it (see [clinicalGuard.stated]).
func (g *clinicalGuard) owned(q clinicalQuestion, m span) bool {
	ws := q.words
	if g.stated(ws, m) {
		return true
	}
	lo, hi := max(0, m.start-ownReach), min(len(ws), m.end+ownReach)
	others := g.others.find(ws, lo, hi)
	for _, f := range g.first.find(ws, lo, hi) {
		if !overlaps(others, f.start, f.end) {
			return true
		}
	}
	if g.pointing.in(ws, m.start-nearReach, m.start) {
		return true
	}
	for i := lo; i < hi; i++ {
		if g.openers.at(ws, i) > 0 && sentenceStart(q, i) {
			return true
		}
	}
	return false
}

// stated reports whether a statement cue stands right before mention m, or before a
// dose and m: numbers, then units or one short word ("been on adderall", "been on 10
// mg of adderall", "on 75 of zoloft").
func (g *clinicalGuard) stated(ws []word, m span) bool {
	for _, s := range g.statements.find(ws, m.start-statedReach, m.start) {
		k, short := s.end, false
		for k < m.start {
			switch n := g.units.at(ws, k); {
			case ws[k].num:
				k++
			case n > 0 && k > s.end:
				k += n
			case !short && k > s.end && utf8.RuneCountInString(ws[k].text) <= 3:
				k, short = k+1, true
			default:
				k = m.start + 1 // anything else between: not this mention
			}
		}
		if k == m.start {
			return true
		}
	}
	return false
}

// sentenceStart reports whether word i starts the question or follows a sentence or
// clause mark.
func sentenceStart(q clinicalQuestion, i int) bool {
	if i == 0 {
		return true
	}
	return strings.ContainsAny(q.text[q.words[i-1].end:q.words[i].start], ".!?,;")
}
