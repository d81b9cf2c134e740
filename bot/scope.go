package bot

import (
	"regexp"
	"strings"
)

// scope is the scope guard's verdict on a (redacted) question.
type scope int

const (
	inScope        scope = iota
	clinicalAdvice       // diagnosis, treatment or medication for the asker or a patient
	chartCoding          // coding or billing a specific patient's record
	offTopicTask         // a task or subject clearly outside the HIT career
)

// The patterns describe shapes of requests, not particular questions: a first- or
// second-person health situation with a request for advice, a coding request about a
// specific patient, or a task request (write me a script). Plain off-topic questions
// are left to the retrieval confidence gate, which abstains on weak evidence.
// medWords names medicines and doses.
const medWords = `medications?|medicines?|meds|drugs?|pills?|doses?|dosage|mg|antibiotics?|painkillers?|opioids?|` +
	`ibuprofen|advil|motrin|tylenol|acetaminophen|paracetamol|aspirin|insulin|benadryl|antihistamines?`

var (
	// Asking the bot to diagnose or treat someone.
	diagnoseAsk = regexp.MustCompile(`(?i)\b(?:diagnose|treat|cure|heal)\s+(?:my|me|this|it|him|her|them|our|his|their|mine)\b|\b(?:diagnos[ei]s?|treatment|cure|remedy|prescription)\s+(?:for|of)\s+(?:my|me|this|him|her|our|his|their)\b`)
	// Asking which medication or dose to take.
	medicationAsk = regexp.MustCompile(`(?i)\b(?:what|which|how much|how many)\b.{0,30}\b(?:treatments?|remed(?:y|ies)|supplements?|` + medWords + `)\b.{0,40}\b(?:should|can|could|do|must|to)\s+(?:i|we|he|she|they|my|you|take|give|use)\b|\b(?:should|can|could|may)\s+(?:i|we|he|she|they)\s+(?:take|stop taking|double|mix|give)\b.{0,30}\b(?:` + medWords + `)\b`)
	// Asking what a symptom, lesion or result is.
	symptomAsk = regexp.MustCompile(`(?i)\b(?:is|are)\s+(?:this|that|it|my|these|those)\s+(?:\w+\s+){0,3}?(?:moles?|rash|lumps?|bumps?|spots?|pain|cough|fever|headaches?|symptoms?|wound|cut|bruise|swelling|bleeding|blood pressure|heart rate|results?|levels?)\b.{0,40}\b(?:cancer|cancerous|malignant|benign|serious|infected|contagious|broken|fractured|normal|dangerous|bad|concerning|something)\b|\b(?:what|why)\b.{0,20}\b(?:does|do|is)\s+(?:my|his|her|the patient'?s?)\s+(?:\w+\s+){0,2}?(?:lab|test|blood ?work|mri|ct|x-?ray|biopsy|scan|a1c|cholesterol|results?)\b|\bshould\s+(?:i|we|he|she)\s+(?:see|call|go to)\s+(?:a|the|my)?\s*(?:doctor|physician|er|emergency|hospital|urgent care)\b|\bwhat(?:'s| is)\s+wrong\s+with\s+(?:me|my|him|her)\b`)
	// Asking whether one's own (or a patient's) medication or dose is right.
	ownMedication = regexp.MustCompile(`(?i)\b(?:is|are)\s+(?:this|that|it|my|these|those|his|her)\s+(?:\w+\s+){0,2}?(?:` + medWords + `|prescriptions?)\s+(?:safe|ok|okay|right|normal|dangerous|too (?:high|low|much|strong))\b|\b(?:i|i'm|i am|i was|my \w+)\s+(?:was\s+|am\s+|is\s+|got\s+)?(?:prescribed\b.{0,40}\?|taking\s+(?:\w+\s+)?(?:` + medWords + `)\b)`)
	// Describing one's own symptoms.
	ownSymptoms = regexp.MustCompile(`(?i)\b(?:i have|i've got|i got|i'm having|i am having|i feel|i've been feeling|my)\s+(?:\w+\s+){0,3}?(?:pain|aches?|fever|rash|cough|lump|mole|bleeding|headaches?|migraines?|nausea|dizziness|symptoms?|infection|swelling|injury|sore throat|chest|blood pressure|diabetes)\b`)
	careerWords = regexp.MustCompile(`(?i)\b(?:careers?|jobs?|work(?:ing)? as|become|becoming|profession|occupation|coders?|technicians?|specialists?|registrars?|rhit|rhia|cca|ccs|cpc|certifications?|certified|exams?|degrees?|courses?|salary|pay|hire|hiring|employers?|resume|interview)\b`)

	// The asker's own health: a symptom, a medicine or dose, or a lab result within a
	// few words of "I"/"my"/"me" (see ownHealth).
	healthWords = regexp.MustCompile(`(?i)\b(?:numb(?:ness)?|tingl(?:e|es|ing)|dizz(?:y|iness)|lump|rash|fever|nause(?:a|ous)|vomit(?:ing)?|` +
		`headaches?|migraines?|chest (?:pain|tightness)|palpitations|swelling|swollen|bleeding|infection|twitch(?:es|ing)?|` +
		`blurr(?:y|ed) vision|blood pressure|heart rate|hurts?|aches?|aching|sore|pain|panic attacks?|insomnia|` +
		`blood ?work|labs?|lab results?|wbc|rbc|a1c|cholesterol|glucose|blood sugar|biopsy|mri|x-?rays?|` +
		`\d+\s?mg|put me on|stop taking|quit taking|bump (?:it|the dose)|double (?:my|the) dose|` + medWords + `)\b`)
	// Chat drops the pronoun ("been having chest pain", "keep getting dizzy"), so
	// those openers count as the asker speaking of themselves.
	firstPerson = regexp.MustCompile(`(?i)\b(?:i|i'm|im|i've|ive|i'd|my|me|mine)\b|(?:^|[.!?,;]\s*)(?:been having|been getting|been feeling|keep getting|keep having|started having|having|getting|woke up with|got)\b`)
	// An ask for medical advice: what is it, what should I do or take.
	adviceAsk = regexp.MustCompile(`(?i)\b(?:is (?:that|this|it)|does (?:that|this|it) mean|do i have|should i|can i|could i|` +
		`is it (?:ok|okay|safe|normal|bad)|what should i|what do i|am i|what can i take|what (?:is|could) (?:it|this|that) be)\b`)
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
// patient-specific. Health situations in a question that is clearly about the career
// ("what medications should I know for the CPC exam?") stay in scope; a request to
// diagnose or treat someone never does.
func checkScope(q string, redacted bool) scope {
	career := careerWords.MatchString(q)
	switch {
	case injectionAsk.MatchString(q), translateAsk.MatchString(q):
		return offTopicTask
	case diagnoseAsk.MatchString(q), ownHealth(q):
		return clinicalAdvice
	case codingAsk.MatchString(q) && (redacted || specificPatient.MatchString(q)):
		return chartCoding
	case !career && (medicationAsk.MatchString(q) || ownMedication.MatchString(q) || symptomAsk.MatchString(q) || ownSymptoms.MatchString(q)):
		return clinicalAdvice
	case taskAsk.MatchString(q), offTopicSubject.MatchString(q):
		return offTopicTask
	}
	return inScope
}

// ownHealth reports whether q asks for advice about the asker's own health: a health
// word (symptom, medicine, dose, lab result) with "I"/"my"/"me" within a few words of
// it, and an ask for advice ("is that…", "should I…", "can I…") that is not about the
// career ("can I still work as a coder?"). Career words elsewhere do not make it a
// career question: a coder asking about their own numb hand wants a clinician.
func ownHealth(q string) bool {
	own := false
	for _, m := range healthWords.FindAllStringIndex(q, -1) {
		window := q[max(0, m[0]-30):min(len(q), m[1]+30)]
		if firstPerson.MatchString(window) {
			own = true
			break
		}
	}
	if !own {
		return false
	}
	for _, m := range adviceAsk.FindAllStringIndex(q, -1) {
		if strings.HasSuffix(strings.ToLower(strings.TrimSpace(q[:m[0]])), "how") {
			continue // "how should I prepare" asks how to do something
		}
		after := q[m[1]:min(len(q), m[1]+40)]
		if h := healthWords.FindStringIndex(after); h != nil {
			after = after[:h[0]] // "is it ok to stop taking it before my exam": the health ask comes first
		}
		if !careerWords.MatchString(after) {
			return true
		}
	}
	return false
}
