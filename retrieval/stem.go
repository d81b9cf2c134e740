package retrieval

import "strings"

// Stem folds an English word to a stem shared by its inflected and derived forms. It is
// a light, deterministic suffix stripper tuned for career vocabulary rather than a
// full Porter stemmer: plurals first (duties → duty), then up to two derivational or
// inflectional suffixes (certification → certif, coding → cod, management → manag,
// educational → educ), then a final "e" and a doubled consonant are dropped so that
// code/coding and plan/planning meet. Words of three letters or fewer are returned
// unchanged. Stems are not words; compare them only with other stems.
func Stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	w = plural(w)
	for range 2 {
		s, ok := stripSuffix(w)
		if !ok {
			break
		}
		w = tidyEnd(s)
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// plural removes a plural or third-person "s".
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// suffixes are tried in order; the first that matches and leaves at least min
// letters (with a vowel) is replaced by repl.
var suffixes = []struct {
	suf, repl string
	min       int
}{
	{"ification", "if", 3}, {"ifying", "if", 3}, {"ified", "if", 3}, {"ifier", "if", 3}, {"ify", "if", 3},
	{"ization", "iz", 3}, {"izing", "iz", 3}, {"ized", "iz", 3}, {"izer", "iz", 3}, {"ize", "iz", 3},
	{"isation", "iz", 3}, {"ising", "iz", 3}, {"ised", "iz", 3}, {"ise", "iz", 4},
	{"ational", "", 3}, {"ation", "", 3}, {"ition", "", 3}, {"ion", "", 4},
	{"ement", "", 4}, {"ment", "", 4}, {"fulness", "", 3}, {"ful", "", 3}, {"ness", "", 4},
	{"ative", "", 3}, {"ator", "", 3}, {"ated", "", 3}, {"ating", "", 3},
	{"ied", "y", 3}, {"ing", "", 3}, {"ed", "", 3}, {"er", "", 3},
	{"ate", "", 3}, {"ally", "", 4}, {"ly", "", 4}, {"al", "", 4},
}

// stripSuffix removes the first matching suffix.
func stripSuffix(w string) (string, bool) {
	last := w[len(w)-1]
	for _, s := range suffixes {
		if s.suf[len(s.suf)-1] != last || !strings.HasSuffix(w, s.suf) { // the last letter first: it rules out most
			continue
		}
		stem := w[:len(w)-len(s.suf)]
		if len(stem) < s.min || !strings.ContainsAny(stem, "aeiouy") ||
			(s.suf == "er" || s.suf == "ed") && strings.HasSuffix(stem, "e") {
			continue
		}
		return stem + s.repl, true
	}
	return w, false
}

// tidyEnd drops a final "e" and undoubles a final consonant (planning → plann → plan),
// keeping ll, ss and zz (billing → bill).
func tidyEnd(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		return w[:len(w)-1]
	}
	if n := len(w); n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// stopWords are dropped by [Terms]: function words and question scaffolding that
// carry no topic ("what", "how", "do", "I"), "many" as well as "much", and evaluative
// words ("is it good", "why does it matter"): the corpus uses them rarely, so as terms
// they would outweigh the words that name what is asked about.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(`a about above after again against all also am an and any are
		aren as at be because been before being below between both but by can cannot could
		couldn did didn do does doesn doing don down during each either else ever every few for
		from further get gets getting got had hadn has hasn have haven having he her here hers
		herself him himself his how however i if in into is isn it its itself just let lets me
		might mine more most much must mustn my myself need needs no nor not now of off often on
		once only or other others otherwise our ours ourselves out over own per please rather
		really same shall shan she should shouldn so some such than that the their theirs them
		themselves then there these they this those though through thus to too under until up
		upon us very via was wasn we were weren what whatever when where whether which while who
		whom whose why will with within without won would wouldn yes yet you your yours yourself
		yourselves tell know want like okay ok hi hello hey thanks thank
		good bad great nice best worst matter matters stuff thing things lol many`) {
		m[w] = true
	}
	return m
}()

// IsStopWord reports whether the lower-case word w is dropped by [Terms].
func IsStopWord(w string) bool { return stopWords[w] }
