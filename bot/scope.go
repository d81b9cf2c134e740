package bot

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// scope is the scope guard's verdict on a (redacted) question.
type scope int

const (
	inScope        scope = iota
	clinicalAdvice       // diagnosis, treatment or medication for the asker or a patient
	chartCoding          // coding or billing a specific patient's record
	offTopicTask         // a task or subject clearly outside the HIT career
)

// The patterns describe shapes of requests, not particular questions: a coding
// request about a specific patient, or a task request (write me a script). Requests
// for medical advice are recognised from corpus data (see [ClinicalVocabulary]).
// Plain off-topic questions are left to the retrieval confidence gate, which abstains
// on weak evidence.
var (
	// A coding or billing request about a particular record.
	codingAsk = regexp.MustCompile(`(?i)\b(?:which|what)\s+(?:(?:icd|cpt|hcpcs|drg|diagnosis|diagnostic|procedure|billing|e/?m|dx|px)[\w-]*\s+)*(?:codes?|modifiers?)\b.{0,40}\b(?:should|do|would|can|could|to|must|goes?|fits?)\b|\bhow\s+(?:do|should|would|can)\s+(?:i|we|you)\s+(?:code|bill)\b|\b(?:code|coded|coding|bill|billed)\s+(?:this|that|his|her|their|my|our|the|a)\s+(?:patient|pt|chart|encounter|visit|claim|case|record|note|diagnosis|procedure|admission|discharge|surgery)\b|\bneeds?\s+(?:\w+\s+){0,3}?(?:coded|billed)\b|\b(?:assign|pick|choose|use)\s+(?:the\s+)?(?:right\s+|correct\s+)?codes?\s+for\b`)
	// A specific patient, chart or encounter.
	specificPatient = regexp.MustCompile(`(?i)\b(?:my|our|this|that|his|her|a|the)\s+(?:patient|pt|client|resident)\b|\bpatient(?:'s|’s|s')|\b(?:his|her|their|this|that|my)\s+(?:chart|encounter|visit|claim|op note|operative note|discharge summary|medical record)\b|\bfor\s+a\s+\d+[- ]?(?:year|yr|month)[- ]?old\b`)

	// Attempts to change the bot's rules or role: instructions to ignore, "from now
	// on" rules, role play, requests for its prompt.
	injectionAsk = regexp.MustCompile(`(?i)\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+|my\s+|of\s+)*(?:previous|prior|above|earlier|system|original)?\s*(?:instructions|rules|prompts?|directions|guidelines)\b|` +
		`\bfrom now on\b.{0,60}\b(?:answer|respond|reply|talk|speak|act|pretend|be|say|write|end)\b|\b(?:pretend (?:to be|you are|you're)|act as (?:a|an|if)|role-?play as)\b|` +
		`\b(?:system prompt|your prompt|your instructions|jailbreak|developer mode)\b|\bnew rules?\b.{0,40}\b(?:answer|respond|reply|every|always|from now)\b`)
	// Translation requests.
	translateAsk = regexp.MustCompile(`(?i)\btranslate\b.{0,80}\b(?:into|to|in)\s+[a-z]+\b`)
	// Task requests outside the career: code, essays, poems.
	taskAsk = regexp.MustCompile(`(?i)(?:^|[.!?]\s+|\b(?:can|could|would|will)\s+you\s+(?:please\s+)?|\bplease\s+|\bi\s+(?:need|want)\s+you\s+to\s+|\bhelp\s+me\s+)(?:write|create|generate|build|make|develop|code|program|debug|fix|refactor|compose)\s+(?:me\s+|us\s+)?(?:a|an|the|some|my|this)?\s*(?:[\w+#.-]+\s+){0,3}?(?:scripts?|programs?|apps?|applications?|functions?|websites?|web ?sites?|code|class|bots?|macros?|regex|quer(?:y|ies)|algorithms?|games?|essays?|poems?|stor(?:y|ies)|songs?|lyrics|jokes?|novels?|haikus?)\b`)
	// Subjects that are never about the career.
	offTopicSubject = regexp.MustCompile(`(?i)\b(?:recipes?|ingredients|bake|baking|nba|nfl|mlb|nhl|fifa|world cup|super bowl|premier league|football|soccer|basketball|baseball|hockey|cricket|horoscope|lottery|sports? betting|weather forecast)\b`)
)

// Every match of a pattern below contains one word of each of its groups, so most
// questions skip the pattern after a few substring checks (see [prefiltered]).
var (
	codingFilter    = prefilter(codingAsk, []string{"cod", "modifier", "bill"})
	injectionFilter = prefilter(injectionAsk, []string{"ignore", "disregard", "forget", "override", "from now on", "pretend",
		"act as", "role", "prompt", "instructions", "jailbreak", "developer mode", "new rule"})
	translateFilter = prefilter(translateAsk, []string{"translate"})
	taskFilter      = prefilter(taskAsk,
		[]string{"write", "create", "generate", "build", "make", "develop", "code", "program", "debug", "fix", "refactor", "compose"},
		[]string{"script", "program", "app", "function", "website", "web site", "code", "class", "bot", "macro", "regex", "quer",
			"algorithm", "game", "essay", "poem", "stor", "song", "lyrics", "joke", "novel", "haiku"})
	offTopicFilter = prefilter(offTopicSubject, []string{"recipe", "ingredients", "bak", "nba", "nfl", "mlb", "nhl", "fifa",
		"world cup", "super bowl", "premier league", "football", "soccer", "basketball", "baseball", "hockey", "cricket",
		"horoscope", "lottery", "betting", "weather forecast"})
)

// prefiltered is a case-insensitive pattern with groups of words, one word of each
// of which every match contains (in the text as folded by foldForFilter).
type prefiltered struct {
	re     *regexp.Regexp
	groups [][]string
}

func prefilter(re *regexp.Regexp, groups ...[]string) prefiltered { return prefiltered{re, groups} }

// match reports whether the pattern matches q; folded is foldForFilter(q).
func (p prefiltered) match(folded, q string) bool {
	for _, g := range p.groups {
		if !slices.ContainsFunc(g, func(w string) bool { return strings.Contains(folded, w) }) {
			return false
		}
	}
	return p.re.MatchString(q)
}

// foldForFilter lower-cases q the way a (?i) pattern matches ASCII letters, where ſ
// is an s and the Kelvin sign a k.
func foldForFilter(q string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ſ':
			return 's'
		case '\u212a':
			return 'k'
		}
		return unicode.ToLower(r)
	}, q)
}

// checkScope classifies a question that has already passed the PHI guard; redacted
// says whether the guard removed identifiers, which makes a coding request
// patient-specific; clin recognises requests for medical advice. Health in a question
// that is clearly about the career ("what medications should I know for the CPC
// exam?") stays in scope; a request to diagnose or treat someone never does.
func checkScope(q string, redacted bool, clin *clinicalGuard) scope {
	folded := foldForFilter(q)
	switch {
	case injectionFilter.match(folded, q), translateFilter.match(folded, q):
		return offTopicTask
	case clin.isClinical(q):
		return clinicalAdvice
	case codingFilter.match(folded, q) && (redacted || specificPatient.MatchString(q)):
		return chartCoding
	case taskFilter.match(folded, q), offTopicFilter.match(folded, q):
		return offTopicTask
	}
	return inScope
}
