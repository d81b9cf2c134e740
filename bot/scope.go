package bot

import "regexp"

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

// checkScope classifies a question that has already passed the PHI guard; redacted
// says whether the guard removed identifiers, which makes a coding request
// patient-specific; clin recognises requests for medical advice. Health in a question
// that is clearly about the career ("what medications should I know for the CPC
// exam?") stays in scope; a request to diagnose or treat someone never does.
func checkScope(q string, redacted bool, clin *clinicalGuard) scope {
	switch {
	case injectionAsk.MatchString(q), translateAsk.MatchString(q):
		return offTopicTask
	case clin.isClinical(q):
		return clinicalAdvice
	case codingAsk.MatchString(q) && (redacted || specificPatient.MatchString(q)):
		return chartCoding
	case taskAsk.MatchString(q), offTopicSubject.MatchString(q):
		return offTopicTask
	}
	return inScope
}
