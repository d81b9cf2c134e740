package corpus

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"gopkg.in/yaml.v3"
)

// ClinicalFile is the optional file of the vocabulary by which members ask for
// medical advice about their own health.
const ClinicalFile = "clinical.yaml"

// Clinical is clinical.yaml: the wording of requests for medical advice about the
// asker's own health, which the bot declines with a pointer to a clinician (see the
// file's header for each list). Entries are matched as whole words in any case. A
// corpus without the file gets [DefaultClinical]. The fields mirror
// bot.ClinicalVocabulary one for one, so one converts to the other.
type Clinical struct {
	FirstPerson  []string `yaml:"first_person"`
	Openers      []string `yaml:"openers"`
	Pointing     []string `yaml:"pointing"`
	Others       []string `yaml:"others"`
	Symptoms     []string `yaml:"symptoms"`
	Medicines    []string `yaml:"medicines"`
	DrugSuffixes []string `yaml:"drug_suffixes"`
	NotDrugs     []string `yaml:"not_drugs"`
	Labs         []string `yaml:"labs"`
	Units        []string `yaml:"units"`
	Regimen      []string `yaml:"regimen"`
	Statements   []string `yaml:"statements"`
	Changes      []string `yaml:"changes"`
	Takes        []string `yaml:"takes"`
	Refers       []string `yaml:"refers"`
	AmountEnds   []string `yaml:"amount_ends"`
	Results      []string `yaml:"results"`
	Study        []string `yaml:"study"`
	Asks         []string `yaml:"asks"`
	Manner       []string `yaml:"manner"`
	CareAsks     []string `yaml:"care_asks"`
	Career       []string `yaml:"career"`
}

var clinicalKeys = []string{"first_person", "openers", "pointing", "others", "symptoms", "medicines", "drug_suffixes", "not_drugs", "labs", "units", "regimen", "statements", "changes", "takes", "refers", "amount_ends", "results", "study", "asks", "manner", "care_asks", "career"}

// Len is the number of entries of every list.
func (cl Clinical) Len() int {
	n := 0
	for _, l := range [][]string{cl.FirstPerson, cl.Openers, cl.Pointing, cl.Others, cl.Symptoms, cl.Medicines,
		cl.DrugSuffixes, cl.NotDrugs, cl.Labs, cl.Units, cl.Regimen, cl.Statements, cl.Changes, cl.Takes, cl.Refers, cl.AmountEnds, cl.Results, cl.Study, cl.Asks, cl.Manner,
		cl.CareAsks, cl.Career} {
		n += len(l)
	}
	return n
}

// clinicalRequired are the lists without which no request could be recognised.
var clinicalRequired = []string{"first_person", "asks", "career"}

// ParseClinical parses clinical.yaml. It reports, with their lines, unknown keys,
// missing required lists (first_person, asks, career), a file without any health
// list, entries without words or repeated (as the guard reads them), drug suffixes
// that are not three letters or more, and not_drugs entries that end with no drug
// suffix (so are never needed). It never panics.
func ParseClinical(name string, data []byte) (Clinical, []Problem) {
	var cl Clinical
	m, probs := decodeMapping(name, data, &cl, name+" must be a mapping of lists ("+strings.Join(clinicalKeys, ", ")+")", clinicalKeys...)
	if m == nil {
		return Clinical{}, probs
	}
	return cl, append(probs, checkClinical(name, m, cl)...)
}

// checkClinical reports the problems ParseClinical documents, past decoding.
func checkClinical(name string, m *yaml.Node, cl Clinical) []Problem {
	var probs []Problem
	for _, key := range clinicalRequired {
		if seq := valueNode(m, key); seq == nil || len(seq.Content) == 0 {
			probs = append(probs, Problem{name, keyLine(m, key, 1), fmt.Sprintf("%s needs a non-empty %s list", name, key)})
		}
	}
	if len(cl.Symptoms)+len(cl.Medicines)+len(cl.DrugSuffixes)+len(cl.Labs)+len(cl.Regimen) == 0 {
		probs = append(probs, Problem{name, 1, name + " needs at least one of symptoms, medicines, drug_suffixes, labs, regimen"})
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, seq := m.Content[i].Value, m.Content[i+1]
		seen := map[string]bool{}
		for _, e := range seq.Content {
			probs = append(probs, checkClinicalEntry(name, key, e, seen, cl.DrugSuffixes)...)
		}
	}
	return probs
}

// checkClinicalEntry checks one entry of the list key; seen holds the list's entries
// so far, folded (see foldEntry).
func checkClinicalEntry(name, key string, e *yaml.Node, seen map[string]bool, suffixes []string) []Problem {
	bad := func(format string, args ...any) []Problem {
		return []Problem{{name, e.Line, fmt.Sprintf(format, args...)}}
	}
	v := strings.ToLower(strings.TrimSpace(e.Value))
	switch folded := foldEntry(v); {
	case folded == "":
		return bad("%s has an empty entry", key)
	case seen[folded]:
		return bad("%s lists %q twice", key, e.Value)
	default:
		seen[folded] = true
	}
	switch key {
	case "drug_suffixes":
		if len([]rune(v)) < 3 || strings.IndexFunc(v, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return bad("drug suffix %q must be three letters or more, letters only", e.Value)
		}
	case "not_drugs":
		if !hasDrugSuffix(v, suffixes) {
			return bad("not_drugs entry %q ends with no drug suffix, so it is never needed", e.Value)
		}
	}
	return nil
}

// foldEntry is an entry as the scope guard reads it: lower-case words of letters or
// digits, apostrophes dropped ("can't sleep" and "Cant  sleep" are one entry); "" for
// an entry without words.
func foldEntry(v string) string {
	v = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(v))
	return strings.Join(strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// hasDrugSuffix reports whether word ends with one of suffixes after at least two
// letters, the rule by which the scope guard takes a word for a generic drug name.
func hasDrugSuffix(word string, suffixes []string) bool {
	for _, s := range suffixes {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && strings.HasSuffix(word, s) && len([]rune(word))-len([]rune(s)) >= 2 {
			return true
		}
	}
	return false
}

// defaultClinical parses the built-in clinical.yaml once.
var defaultClinical = sync.OnceValue(func() Clinical {
	data, err := embedded.ReadFile(ClinicalFile)
	if err != nil {
		return Clinical{}
	}
	cl, _ := ParseClinical(ClinicalFile, data) // valid: the corpus tests lint it
	return cl
})

// DefaultClinical returns the built-in corpus's clinical vocabulary, which a corpus
// without clinical.yaml gets. Callers must not modify the lists.
func DefaultClinical() Clinical { return defaultClinical() }
