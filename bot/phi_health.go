package bot

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The PHI guard's own small vocabulary of health cues and relation words: it decides
// when a named person's health is being shared, so it is part of the guard, like the
// identifier patterns, and not career vocabulary from the corpus. Lists are of
// lower-case words; lookups are by word, so a message is scanned once.

// healthWords are words that on their own say something about a person's health: a
// diagnosis, a condition, a treatment or a medication.
var healthWords = wordSet(`diagnosed diagnosis dx dxd dx'd hospitalized hospitalised hospice pregnant pregnancy miscarriage
	biopsy biopsies tumor tumors tumour tumours transplant overdose overdosed relapse relapsed remission terminal
	cancer lymphoma leukemia leukaemia melanoma carcinoma sarcoma myeloma metastatic metastasized metastasised
	diabetes diabetic copd asthma emphysema hiv hepatitis pneumonia sepsis stroke dementia alzheimer alzheimer's alzheimers
	parkinson's parkinsons epilepsy seizure seizures autism autistic adhd depression bipolar schizophrenia schizophrenic
	ptsd ocd anorexia bulimia addiction alcoholism lupus crohn's crohns colitis arthritis fibromyalgia migraine migraines
	hypertension ckd cirrhosis tuberculosis herpes chlamydia gonorrhea gonorrhoea syphilis concussion
	chemo chemotherapy dialysis mastectomy amputation amputated
	insulin metformin ozempic wegovy lithium zoloft prozac lexapro adderall xanax oxycodone methadone suboxone
	prednisone antidepressant antidepressants`)

// healthPairs are two-word cues, each word of which alone is no cue.
var healthPairs = wordSet(`tested_positive positive_for terminally_ill multiple_sclerosis heart_attack heart_failure
	heart_disease cardiac_arrest eating_disorder panic_attack panic_attacks kidney_failure kidney_disease
	radiation_therapy radiation_treatment in_hospital in_icu`)

// casedHealthWords are cues only in capitals: "ALS", not "als".
var casedHealthWords = wordSet(`ALS AIDS`)

// healthAfterVerb are cues only right after a verb of having ("has covid", "w/ MS",
// "had back surgery"), as the word alone is also a career or everyday word.
var healthAfterVerb = map[string]int{"covid": 1, "ms": 1, "surgery": 3} // how many words back the verb may be

// havingVerbs introduce a [healthAfterVerb] word.
var havingVerbs = wordSet(`has had having have needs need needed got getting caught with w after from post undergoing
	underwent recovering`)

// careerAfterHealth make a health word part of a career phrase when they follow it:
// "cancer registrar", "dx codes", "diabetes and COPD charts", "ICU billing". Words
// ending in "*" match as prefixes (see [careerPrefixes]).
var careerAfterHealth = wordSet(`regist* code codes coding coder coders chart charts claim claims cases patients records
	abstract* data program programs center centers centre centres unit units ward wards department departments
	clinic clinics nurs* tech* related educator educators research* specialist specialists billing documentation floor`)

// careerPrefixes are the [careerAfterHealth] entries ending in "*", without it.
var careerPrefixes = func() []string {
	var out []string
	for w := range careerAfterHealth {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			out = append(out, p)
		}
	}
	return out
}()

// relationSet are words that introduce a person by how the member knows them. A
// trailing "-in-law" is allowed on any of them.
var relationSet = wordSet(`coworker coworkers co-worker co-workers colleague colleagues workmate workmates teammate teammates
	friend friends bff bestie besties buddy pal mom mum mommy momma mama mother dad daddy papa father parent parents
	stepmom stepmum stepdad stepmother stepfather stepson stepdaughter stepsister stepbrother step-mom step-dad
	sister sisters brother brothers sibling siblings aunt auntie aunty uncle cousin cousins niece nieces nephew nephews
	grandma grandmother grandmom grandpa grandfather granddad grandson granddaughter grandchild granny nana grammy
	gramps grandad husband hubby wife spouse partner fiance fiancé fiancee fiancée boyfriend girlfriend bf gf ex
	son sons daughter daughters kid kids child children baby toddler neighbor neighbors neighbour neighbours
	roommate roommates room-mate flatmate flatmates housemate housemates classmate classmates
	boss manager supervisor employee client patient customer student teacher instructor mentor`)

// determiners may stand before a relation word that introduces a name in any case.
var determiners = wordSet(`my our your his her their a an one this that`)

// relationAdjectives may stand between a determiner and a relation word.
var relationAdjectives = wordSet(`best old older younger little big late former new dear close childhood twin baby`)

// wordSet makes a set of the space-separated words of list; "_" stands for a space.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[strings.ReplaceAll(w, "_", " ")] = true
	}
	return set
}

// phiToken is one word of a text: letters and digits, with inner apostrophes and
// hyphens ("dx'd", "mother-in-law"). lower is the word in lower case, with "’" as "'".
type phiToken struct {
	start, end int
	raw, lower string
}

// phiTokens splits text into its words.
func phiTokens(text string) []phiToken {
	var toks []phiToken
	start := -1
	for i, r := range text {
		inner := (r == '\'' || r == '’' || r == '-') && start >= 0 && i+utf8.RuneLen(r) < len(text) && isWordRune(nextRune(text, i+utf8.RuneLen(r)))
		if isWordRune(r) || inner {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, newPhiToken(text, start, i))
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, newPhiToken(text, start, len(text)))
	}
	return toks
}

func newPhiToken(text string, start, end int) phiToken {
	raw := text[start:end]
	return phiToken{start, end, raw, strings.ReplaceAll(strings.ToLower(raw), "’", "'")}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func nextRune(text string, i int) rune {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// isRelation reports whether the lower-case word w is a relation word, with or
// without "-in-law".
func isRelation(w string) bool {
	return relationSet[strings.TrimSuffix(w, "-in-law")]
}

// isHealthWord reports whether the word w on its own is a health cue.
func isHealthWord(w string) bool {
	l := strings.ReplaceAll(strings.ToLower(w), "’", "'")
	return healthWords[l] || casedHealthWords[w]
}

// hasHealthCue reports whether text says something about someone's health: a
// [healthWords] word, a [healthPairs] pair, "stage" and a stage number, "in the
// hospital", or a [healthAfterVerb] word after a verb of having — each unless a career
// word follows it ("cancer registrar", "dx codes").
func hasHealthCue(text string) bool { return healthCueIn(text, phiTokens(text)) }

// healthCueIn is [hasHealthCue] of text already split into toks by [phiTokens].
func healthCueIn(text string, toks []phiToken) bool {
	for i := range toks {
		if n := healthCueAt(toks, i); n > 0 && !careerFollows(text, toks, i+n) {
			return true
		}
	}
	return false
}

// healthCueAt returns how many words of a health cue start at toks[i] (0 for none).
func healthCueAt(toks []phiToken, i int) int {
	t := toks[i]
	base, _, _ := strings.Cut(t.lower, "-") // "covid-19", "non-hodgkin"
	switch {
	case healthWords[t.lower] || healthWords[base] || casedHealthWords[t.raw]:
		return 1
	case i+1 < len(toks) && healthPairs[t.lower+" "+toks[i+1].lower]:
		return 2
	case t.lower == "stage" && i+1 < len(toks) && isStage(toks[i+1].lower):
		return 2
	case t.lower == "in" && i+2 < len(toks) && toks[i+1].lower == "the" && (toks[i+2].lower == "hospital" || toks[i+2].lower == "icu"):
		return 3
	}
	back := healthAfterVerb[base]
	if back == 0 || (base == "ms" && t.raw != "MS") {
		return 0
	}
	for j := i - 1; j >= max(0, i-back); j-- {
		if havingVerbs[toks[j].lower] {
			return 1
		}
	}
	return 0
}

// isStage reports whether w is a cancer stage: 0 to 4 or I to IV, with an optional
// sub-stage letter.
func isStage(w string) bool {
	w = strings.TrimRight(w, "abc")
	switch w {
	case "0", "1", "2", "3", "4", "i", "ii", "iii", "iv":
		return true
	}
	return false
}

// careerFollows reports whether the words from toks[i] make the health cue before
// them part of a career phrase: a [careerAfterHealth] word right after it, or after
// one coordinated word ("diabetes and COPD charts", "diabetes/COPD charts").
func careerFollows(text string, toks []phiToken, i int) bool {
	if i >= len(toks) {
		return false
	}
	gap := text[toks[i-1].end:toks[i].start]
	j := i
	switch {
	case plainGap(gap) && careerWord(toks[i].lower):
		return true
	case plainGap(gap) && (toks[i].lower == "and" || toks[i].lower == "or"):
		j = i + 2
	case strings.Trim(gap, " \t/&") == "" && strings.ContainsAny(gap, "/&"):
		j = i + 1
	default:
		return false
	}
	return j < len(toks) && plainGap(text[toks[j-1].end:toks[j].start]) && careerWord(toks[j].lower)
}

// careerWord reports whether w is in [careerAfterHealth].
func careerWord(w string) bool {
	return careerAfterHealth[w] || slices.ContainsFunc(careerPrefixes, func(p string) bool { return strings.HasPrefix(w, p) })
}

// plainGap reports whether gap, the text between two words, holds only spaces and
// hyphens.
func plainGap(gap string) bool { return strings.Trim(gap, " \t-") == "" }
