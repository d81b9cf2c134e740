package corpus_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

func TestClinical_Embedded(t *testing.T) {
	data, err := corpus.Embedded().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(corpus.ClinicalFile)
	if err != nil {
		t.Fatal(err)
	}
	cl, probs := corpus.ParseClinical(corpus.ClinicalFile, data)
	if len(probs) > 0 {
		t.Fatalf("built-in clinical.yaml: %v", probs)
	}
	def := corpus.DefaultClinical()
	if len(def.FirstPerson) == 0 || len(def.Asks) == 0 || len(def.DrugSuffixes) == 0 || !slices.Equal(def.Labs, cl.Labs) {
		t.Errorf("DefaultClinical = %d first-person words, %d asks, %d suffixes; want the built-in file", len(def.FirstPerson), len(def.Asks), len(def.DrugSuffixes))
	}
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Clinical.Symptoms, cl.Symptoms) {
		t.Error("the built-in corpus does not carry its clinical.yaml")
	}
}

// A corpus without clinical.yaml gets the built-in vocabulary; a broken one fails to
// load, with its file and line.
func TestLoad_ClinicalOptional(t *testing.T) {
	c, err := corpus.Load(corpusFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Clinical.Regimen, corpus.DefaultClinical().Regimen) {
		t.Error("a corpus without clinical.yaml did not get the built-in vocabulary")
	}
	own := "first_person: [my]\nasks: [is that]\ncareer: [nurse]\nlabs: [ferritin]\n"
	c, err = corpus.Load(corpusFS(map[string]string{corpus.ClinicalFile: own}))
	if err != nil || !slices.Equal(c.Clinical.Labs, []string{"ferritin"}) || len(c.Clinical.Symptoms) != 0 {
		t.Errorf("a corpus's own clinical.yaml: err %v, labs %v, symptoms %v", err, c.Clinical.Labs, c.Clinical.Symptoms)
	}
	_, err = corpus.Load(corpusFS(map[string]string{corpus.ClinicalFile: own + "labs: [x, x]\n"}))
	if err == nil || !strings.Contains(err.Error(), "clinical.yaml:") {
		t.Errorf("a broken clinical.yaml: %v", err)
	}
}

func TestParseClinical_Problems(t *testing.T) {
	const base = "first_person: [i, my]\nasks: [should i]\ncareer: [coder]\n"
	for _, tc := range []struct {
		name, yaml, want string
		line             int
	}{
		{"not a mapping", "- a\n", "must be a mapping", 1},
		{"bad yaml", "asks: [\n", "invalid YAML", 1},
		{"unknown key", base + "symptoms: [rash]\nsymptom: [rash]\n", `unknown field "symptom"`, 5},
		{"no first person", "asks: [should i]\ncareer: [coder]\nsymptoms: [rash]\n", "non-empty first_person", 1},
		{"empty asks", "first_person: [i]\nasks: []\ncareer: [coder]\nsymptoms: [rash]\n", "non-empty asks", 2},
		{"no health list", base, "at least one of symptoms", 1},
		{"blank entry", base + "symptoms: [rash, \"  \"]\n", "symptoms has an empty entry", 4},
		{"repeated entry", base + "symptoms:\n  - rash\n  - fever\n  - Rash\n", `symptoms lists "Rash" twice`, 7},
		{"same words", base + "symptoms: [\"can't sleep\", cant  sleep]\n", `symptoms lists "cant  sleep" twice`, 4},
		{"no words", base + "symptoms: [rash, \"?!\"]\n", "symptoms has an empty entry", 4},
		{"short suffix", base + "drug_suffixes: [pril, ol]\n", `drug suffix "ol"`, 4},
		{"suffix not letters", base + "drug_suffixes: [pr1l]\n", `drug suffix "pr1l"`, 4},
		{"needless not_drug", base + "drug_suffixes: [line]\nnot_drugs: [online, table]\n", `not_drugs entry "table"`, 5},
		{"not a list", base + "symptoms: rash\n", "invalid YAML", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := corpus.ParseClinical(corpus.ClinicalFile, []byte(tc.yaml))
			for _, p := range probs {
				if strings.Contains(p.Msg, tc.want) && p.Line == tc.line && p.File == corpus.ClinicalFile {
					return
				}
			}
			t.Errorf("want a problem at line %d containing %q, got %v", tc.line, tc.want, probs)
		})
	}
	if _, probs := corpus.ParseClinical(corpus.ClinicalFile, []byte(base+"labs: [a1c]\ndrug_suffixes: [line]\nnot_drugs: [deadline]\n")); len(probs) != 0 {
		t.Errorf("valid clinical.yaml: %v", probs)
	}
}

func FuzzParseClinical(f *testing.F) {
	good, _ := corpus.Embedded().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(corpus.ClinicalFile)
	f.Add(good)
	f.Add([]byte("first_person: [i]\nasks: [x]\ncareer: [y]\ndrug_suffixes: [é, \"\"]\nnot_drugs: [a]\n"))
	f.Add([]byte("asks: {a: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		corpus.ParseClinical(corpus.ClinicalFile, data) // must not panic
	})
}
