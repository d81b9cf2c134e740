package bot

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// ClinicalVocabulary is the wording by which members ask for medical advice about
// their own health, which the scope guard declines with a pointer to a clinician. It
// is corpus data (the corpus's clinical.yaml describes each list); the guard keeps
// only the mechanism. Entries match whole words in any case, a space in an entry
// matches any run of spaces, and an apostrophe matches ' or ’. An empty vocabulary
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
	Results      []string // a value is a test result: came back, levels are
	Study        []string // learning about a subject: know, memorize
	Asks         []string // asking for advice: is that, should i, do i need
	Manner       []string // before an ask, it asks how to do something: how
	CareAsks     []string // diagnose, treat, remedy for
	Career       []string // what makes an ask a career question: coder, exam
}

// Windows of the mechanism, in bytes and words.
const (
	ownWindow    = 30 // a first-person word this close to a health mention makes it the asker's
	askReach     = 40 // career words this soon after an ask make it a career question
	regimenReach = 2  // words after a regimen cue that, when career words, make it none
	nearWords    = 2  // words before a mention that hold a pointing or study cue
)

// clinicalGuard recognises requests for medical advice about the asker's own health
// from a [ClinicalVocabulary]. A nil field never matches. It is safe for concurrent
// use.
type clinicalGuard struct {
	health   *regexp.Regexp // symptoms, medicines and labs
	dose     *regexp.Regexp // a number with a unit
	drugWord *regexp.Regexp // a word with a drug suffix
	notDrugs map[string]bool
	regimen  *regexp.Regexp
	result   *regexp.Regexp // first person, words (group 1), a result cue, a number
	first    *regexp.Regexp
	openers  *regexp.Regexp
	pointing *regexp.Regexp
	study    *regexp.Regexp
	asks     *regexp.Regexp
	manner   map[string]bool
	care     *regexp.Regexp
	career   *regexp.Regexp
}

// newClinicalGuard compiles v. Entries are quoted, so any text is a valid entry.
func newClinicalGuard(v ClinicalVocabulary) *clinicalGuard {
	first := alternation(v.FirstPerson)
	g := &clinicalGuard{
		health:   compileWords(alternation(slices.Concat(v.Symptoms, v.Medicines, v.Labs))),
		dose:     compileWords(wrapNonEmpty(`\b\d+(?:[.,]\d+)?\s?`, alternationOf(v.Units, false), ``)),
		drugWord: compileWords(wrapNonEmpty(`\b\p{L}{2,}`, suffixAlternation(v.DrugSuffixes), `\b`)),
		notDrugs: foldedSet(v.NotDrugs),
		regimen:  compileWords(alternation(v.Regimen)),
		first:    compileWords(first),
		openers:  compileWords(wrapNonEmpty(`(?:^|[.!?,;]\s*)`, alternation(v.Openers), ``)),
		pointing: compileWords(alternation(v.Pointing)),
		study:    compileWords(alternation(v.Study)),
		asks:     compileWords(alternation(v.Asks)),
		manner:   foldedSet(v.Manner),
		career:   compileWords(alternation(v.Career)),
	}
	if first != "" {
		g.result = compileWords(wrapNonEmpty(first+`\s+((?:[\p{L}\p{N}'’-]+\s+){0,2}[\p{L}\p{N}'’-]+)\s+`, alternation(v.Results), `\s+(?:\p{L}{1,6}\s+)?[~≈]?\d`))
		g.care = compileWords(wrapNonEmpty(``, alternation(v.CareAsks), `\s+`+alternation(slices.Concat(v.FirstPerson, v.Pointing, v.Others))))
	}
	return g
}

// alternation is a regular expression group matching any of the entries as whole
// words, longest first so a phrase wins over its first word; "" for no entries.
func alternation(entries []string) string { return alternationOf(entries, true) }

// alternationOf is [alternation]; without leading, entries may follow a word
// character ("50mg").
func alternationOf(entries []string, leading bool) string {
	var alts []string
	for _, e := range entries {
		if p := entryPattern(e, leading); p != "" {
			alts = append(alts, p)
		}
	}
	if len(alts) == 0 {
		return ""
	}
	slices.SortStableFunc(alts, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return `(?:` + strings.Join(slices.Compact(alts), `|`) + `)`
}

// entryPattern is one entry as a pattern: its words quoted and joined by any space,
// apostrophes of either kind, and word boundaries where it starts (when leading) or
// ends with a word character. An entry of no words is "".
func entryPattern(e string, leading bool) string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(e)) {
		parts := strings.FieldsFunc(w, func(r rune) bool { return r == '\'' || r == '’' })
		for j, p := range parts {
			parts[j] = regexp.QuoteMeta(p)
		}
		if len(parts) > 0 {
			words = append(words, strings.Join(parts, `['’]`))
		}
	}
	if len(words) == 0 {
		return ""
	}
	p := strings.Join(words, `\s+`)
	if r, _ := utf8.DecodeRuneInString(p); leading && isWordByte(r) {
		p = `\b` + p
	}
	if r, _ := utf8.DecodeLastRuneInString(p); isWordByte(r) {
		p += `\b`
	}
	return p
}

// suffixAlternation is a group of the drug suffixes, letters only (others are
// ignored; the corpus lint reports them).
func suffixAlternation(suffixes []string) string {
	var alts []string
	for _, s := range suffixes {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && strings.IndexFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z') }) < 0 {
			alts = append(alts, s)
		}
	}
	if len(alts) == 0 {
		return ""
	}
	return `(?:` + strings.Join(alts, `|`) + `)`
}

// isWordByte reports whether r is a character \b treats as part of a word.
func isWordByte(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// wrapNonEmpty is before+group+after, or "" when group is empty.
func wrapNonEmpty(before, group, after string) string {
	if group == "" {
		return ""
	}
	return before + group + after
}

// compileWords compiles a case-insensitive pattern; "" gives nil, which never
// matches.
func compileWords(p string) *regexp.Regexp {
	if p == "" {
		return nil
	}
	return regexp.MustCompile(`(?i)` + p)
}

func foldedSet(entries []string) map[string]bool {
	set := make(map[string]bool, len(entries))
	for _, e := range entries {
		set[strings.ToLower(strings.TrimSpace(e))] = true
	}
	return set
}

func matches(re *regexp.Regexp, s string) bool { return re != nil && re.MatchString(s) }

func allSpans(re *regexp.Regexp, s string) [][]int {
	if re == nil {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// span is a health mention in a question, by byte offsets.
type span struct{ start, end int }

// asksCare reports whether q asks to diagnose or treat the asker or someone they
// point at ("diagnose my chest pain", "treat him").
func (g *clinicalGuard) asksCare(q string) bool { return matches(g.care, q) }

// ownHealth reports whether q asks for advice about the asker's own health: a health
// mention (symptom, medicine, dose, lab, result, regimen) that belongs to the asker,
// and either an ask for advice not followed by career words ("is that…", "should
// I…"), or no career word in the whole message. Career words elsewhere do not make it
// a career question: a coder asking about their own numb hand wants a clinician.
func (g *clinicalGuard) ownHealth(q string) bool {
	mentions := g.mentions(q)
	if !slices.ContainsFunc(mentions, func(m span) bool { return g.owned(q, m) }) {
		return false
	}
	if !matches(g.career, q) {
		return true
	}
	for _, a := range allSpans(g.asks, q) {
		if g.manner[strings.ToLower(lastWords(q[:a[0]], 1))] {
			continue // "how should I prepare" asks how to do something
		}
		end := min(len(q), a[1]+askReach)
		for _, m := range mentions {
			if m.start >= a[1] && m.start < end {
				end = m.start // "is it ok to stop taking it before my exam": the health ask comes first
				break
			}
		}
		if !matches(g.career, q[a[1]:end]) {
			return true
		}
	}
	return false
}

// mentions returns the health mentions of q in order of their start, without those
// inside a career phrase ("drug test"), right after a study cue ("know drug names")
// or, for regimen cues, right before a career word ("take an extra class").
func (g *clinicalGuard) mentions(q string) []span {
	var out []span
	add := func(start, end int) {
		if !g.careerPhrase(q, start, end) && !matches(g.study, lastWords(q[:start], nearWords)) {
			out = append(out, span{start, end})
		}
	}
	for _, re := range []*regexp.Regexp{g.health, g.dose} {
		for _, m := range allSpans(re, q) {
			add(m[0], m[1])
		}
	}
	for _, m := range allSpans(g.drugWord, q) {
		if !g.notDrugs[strings.ToLower(q[m[0]:m[1]])] {
			add(m[0], m[1])
		}
	}
	for _, m := range allSpans(g.regimen, q) {
		if !matches(g.career, nextWords(q[m[1]:], regimenReach)) {
			add(m[0], m[1])
		}
	}
	for _, m := range allSpans(g.result, q) {
		if m[2] >= 0 && !matches(g.career, q[m[2]:m[3]]) {
			add(m[0], m[1])
		}
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	return out
}

// careerPhrase reports whether a career phrase overlaps q[start:end].
func (g *clinicalGuard) careerPhrase(q string, start, end int) bool {
	lo, hi := max(0, start-ownWindow), min(len(q), end+ownWindow)
	for _, c := range allSpans(g.career, q[lo:hi]) {
		if lo+c[0] < end && lo+c[1] > start {
			return true
		}
	}
	return false
}

// owned reports whether mention m is the asker's: a first-person word or a sentence
// opener that drops the pronoun within ownWindow bytes, or a pointing word just
// before it ("this mole").
func (g *clinicalGuard) owned(q string, m span) bool {
	lo, hi := max(0, m.start-ownWindow), min(len(q), m.end+ownWindow)
	if matches(g.first, q[lo:hi]) || matches(g.pointing, lastWords(q[:m.start], nearWords)) {
		return true
	}
	for _, o := range allSpans(g.openers, q) {
		if o[0] < hi && o[1] > lo {
			return true
		}
	}
	return false
}

// lastWords returns the last n space-separated words of s, joined by spaces.
func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

// nextWords returns the first n space-separated words of s, joined by spaces.
func nextWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}
