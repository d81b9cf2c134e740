package bot

import (
	"maps"
	"regexp"
	"strings"
	"unicode"
)

// A message that names a third person together with their health ("my coworker Dana
// Whitfield just got dx w/ stage 3 lymphoma") carries that person's health information
// as surely as a chart does. These patterns find such names, with the vocabulary of
// phi_health.go.

var (
	// relationGlue: what may stand between a relation word and the name.
	relationGlue = regexp.MustCompile(`(?i)^(?:\s*[,:(–-]\s*|\s+)(?:(?:named|called|whose name is)\s+)?`)
	// nameWindowEnd: what ends the words that can be a name after a relation word.
	nameWindowEnd = regexp.MustCompile(`[^\pL\s'’-]|\s\pL(?:\s|$)`)
	// capitalisedName: two or three capitalised words, a candidate First Last name.
	capitalisedName = regexp.MustCompile(nameWord + `(?:\s+[A-Z]\.)?(?:\s+` + nameWord + `){1,2}`)
	// appositive: ", my coworker," between a name and what is said about it.
	appositive = regexp.MustCompile(`(?i)^\s*,\s*(?:my|our|his|her|their|a|an)\s+(?:[a-z'’-]+\s+){0,2}?([a-z'’-]+)\s*,`)
	// clauseEnd ends the stretch after a name in which a health cue is about that name.
	clauseEnd = regexp.MustCompile(`[.;!?,\n]`)
	// diagnosedName: a name right after a diagnosis or treatment verb ("they diagnosed
	// Dana Whitfield", "chemo for Dana Whitfield").
	diagnosedName = regexp.MustCompile(`(?i:\b(?:diagnosed|treating|treated|caring\s+for|chemo\s+for|surgery\s+for)\s+)(` + nameWord + `(?:\s+[A-Z]\.)?(?:\s+` + nameWord + `){1,2})`)
)

// nonNameTitleWords are capitalised words of job titles, credentials, schools and
// conditions that, two in a row, look like a First Last name but never are one
// ("Certified Tumor Registrar", "Health Information Management", "Multiple Sclerosis").
var nonNameTitleWords = wordSet(`associate associates administrator administration analyst analysts assistant clerk clerks
	director manager management officer supervisor integrity documentation improvement revenue cycle quality data
	informatics informaticist professional professionals registrar registrars registry tumor tumour cancer oncology
	abstractor abstracting release auditor auditing compliance privacy security operations systems system clinical
	outpatient inpatient coder coding billing biller billers specialist technologist technology sciences science
	university college institute academy community state online school program programs foundation society
	council board national international commission accreditation education learning training bootcamp
	multiple sclerosis disease syndrome disorder lymphoma leukemia diabetes stage type chronic acute heart kidney
	lung breast blood bone brain`)

func init() {
	// Words that follow a relation word ("my mom just…", "my friend basically…") and
	// are no name; caselessName stops at them, as it does for "my patient needs…".
	maps.Copy(commonWords, wordSet(`me him them us herself himself themselves myself mine hers theirs
		basically literally actually honestly finally suddenly unfortunately sadly apparently currently probably
		definitely totally lately ever once too both all each else either
		passed found learned learnt started starts began begun became become becomes finished went goes going gone
		has had having have is was does did doing done thinks thought suggested suggests recommended recommends
		mentioned mentions suffers suffered suffering struggles struggled struggling battles battling battled fighting fights
		dealing deals living recovering recovered underwent undergoing needs tested tests broke lost received receives
		getting got gets dx dxd diagnosed diagnosis sick ill hurt injured pregnant passed
		lol lmao tbh idk btw rn fyi omg ok okay and or but nor n plus too
		girl boy guy man woman lady dude baby kid kids twins
		loves loved likes liked hates hated knows knew works wonders wondered asks suggests helps helped worries worried
		encourages encouraged pushes pushed insists believes feels felt seems tried tries retired quit switched moved
		graduated studied studies studying teaches taught
		tho though kinda sorta ngl fr smh rip bc cuz coz cause because
		last next week weeks month months year years ago tonight earlier later day days
		isn't wasn't hasn't hadn't doesn't didn't can't won't just recently`))
}

// findRelatedNames finds names of people the member knows ("my coworker Dana
// Whitfield", "my sister priya", "helping neighbor Tom Becker") and capitalised
// First Last names the health cue is about ("Dana Whitfield was diagnosed…"). Both
// only in a message that carries a health cue (see [hasHealthCue]): "my friend Dana is
// a coder" names nobody's health and is left alone.
func findRelatedNames(text string) []phiSpan {
	toks := phiTokens(text)
	if !healthCueIn(text, toks) {
		return nil
	}
	spans := relationNames(text, toks)
	return append(spans, diagnosedNames(text)...)
}

// relationNames returns the names that follow a relation word. A name in any case is
// taken after a determiner ("my sister priya", "my best friend Dana", "my gf's dad
// Steve"); without one, only a capitalised name after a lower-case relation word
// ("neighbor Tom Becker"), so title-case phrases such as "Client Services" stay.
// toks are text's words (see [phiTokens]).
func relationNames(text string, toks []phiToken) []phiSpan {
	var spans []phiSpan
	for i, t := range toks {
		if !isRelation(t.lower) {
			continue
		}
		end := t.end
		if i+2 < len(toks) && toks[i+1].lower == "in" && toks[i+2].lower == "law" && plainGap(text[end:toks[i+2].start]) {
			end = toks[i+2].end // "mother in law"
		}
		glue := relationGlue.FindString(text[end:])
		if glue == "" {
			continue // "my friend's mom": the possessive introduces another relation
		}
		start := end + len(glue)
		s, e, ok := caselessName(text, start, nameWindow(text, start))
		if !ok {
			continue
		}
		if !determined(text, toks, i) && (!startsUpper(text[s:]) || startsUpper(t.raw)) {
			continue
		}
		e = sameCaseEnd(text, s, e)
		spans = append(spans, phiSpan{s, trimPossessive(text, s, e), phiName})
	}
	return spans
}

// determined reports whether the relation word toks[i] follows a determiner or a
// possessive ("my", "a", "my friend's"), possibly with an adjective between ("my best
// friend").
func determined(text string, toks []phiToken, i int) bool {
	for j := i - 1; j >= max(0, i-2); j-- {
		if !plainGap(text[toks[j].end:toks[j+1].start]) || text[toks[j].end:toks[j+1].start] == "" {
			return false
		}
		w := toks[j].lower
		if determiners[w] || strings.HasSuffix(w, "'s") {
			return true
		}
		if !relationAdjectives[w] {
			return false
		}
	}
	return false
}

// nameWindow is the end of the stretch after start that can hold a name: at most
// three words, up to the first digit or punctuation mark, one-letter word ("n", "I"),
// relation word ("my mom, dad and I") or health word ("my wife pregnant").
func nameWindow(text string, start int) int {
	end := len(text)
	if loc := nameWindowEnd.FindStringIndex(text[start:]); loc != nil {
		end = start + loc[0]
	}
	for i, w := range anyWordRe.FindAllStringIndex(text[start:end], 4) {
		word := text[start+w[0] : start+w[1]]
		if i == 3 || len(word) < 2 || isRelation(strings.ToLower(word)) || isHealthWord(word) {
			return start + w[0]
		}
	}
	return end
}

// diagnosedNames returns capitalised First Last names the message says something about
// the health of: a health cue within the next six words of the same clause (past an
// appositive such as ", my coworker,"), or a diagnosis verb right before the name.
func diagnosedNames(text string) []phiSpan {
	var spans []phiSpan
	for _, m := range capitalisedName.FindAllStringIndex(text, -1) {
		s, e, ok := personName(text, m[0], m[1])
		if !ok {
			continue
		}
		rest := text[e:]
		if a := appositive.FindStringSubmatch(rest); a != nil && isRelation(strings.ToLower(a[1])) {
			rest = rest[len(a[0]):]
		}
		if loc := clauseEnd.FindStringIndex(rest); loc != nil {
			rest = rest[:loc[0]]
		}
		if words := anyWordRe.FindAllStringIndex(rest, 7); len(words) == 7 {
			rest = rest[:words[5][1]]
		}
		if hasHealthCue(rest) {
			spans = append(spans, phiSpan{s, e, phiName})
		}
	}
	for _, m := range diagnosedName.FindAllStringSubmatchIndex(text, -1) {
		if s, e, ok := personName(text, m[2], m[3]); ok {
			spans = append(spans, phiSpan{s, e, phiName})
		}
	}
	return spans
}

// personName narrows a run of capitalised words with [nameSpan] and accepts it as a
// person's name when two or more words are left and none is a title, relation or
// condition word.
func personName(text string, start, end int) (s, e int, ok bool) {
	s, e, ok = nameSpan(text, start, end)
	if !ok {
		return 0, 0, false
	}
	words := nameWordRe.FindAllString(text[s:e], -1)
	if len(words) < 2 {
		return 0, 0, false
	}
	for _, w := range words {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if l := strings.ToLower(w); nonNameTitleWords[l] || isRelation(l) || isHealthWord(w) {
			return 0, 0, false
		}
	}
	return s, e, true
}

// sameCaseEnd narrows the name text[s:e] to the words written like its first: a name
// that starts with a capital ends at the first lower-case word ("my sister Priya drives
// her"); one written all in lower case is kept whole. It returns the new end.
func sameCaseEnd(text string, s, e int) int {
	if !startsUpper(text[s:]) {
		return e
	}
	for _, w := range anyWordRe.FindAllStringIndex(text[s:e], -1) {
		if !startsUpper(text[s+w[0]:]) {
			return s + len(strings.TrimRight(text[s:s+w[0]], " \t"))
		}
	}
	return e
}

// trimPossessive keeps a trailing "'s" out of the name text[s:e] and returns the new
// end: "[redacted name]'s chemo".
func trimPossessive(text string, s, e int) int {
	for _, poss := range []string{"'s", "’s"} {
		if e-s > len(poss) && strings.HasSuffix(text[s:e], poss) {
			return e - len(poss)
		}
	}
	return e
}

// startsUpper reports whether s begins with an upper-case letter.
func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}
