package retrieval

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

// entityCorpus has three credential sections, each naming its own credential, and
// one body (AHIMA) that every section names.
func entityCorpus() *corpus.Corpus {
	sec := func(h, text string) corpus.Section {
		return corpus.Section{Heading: h, Slug: strings.ToLower(h), Text: text}
	}
	return &corpus.Corpus{
		Docs: []corpus.Document{{ID: "cert", Title: "Certifications", Topic: "certification", AsOf: "2025-01", Sections: []corpus.Section{
			sec("rhit", "The RHIT is an AHIMA credential."),
			sec("rhia", "The Registered Health Information Administrator is an AHIMA credential."),
			sec("ccs", "The CCS and the CCS-P are AHIMA coding credentials."),
			sec("pay", "Medical records specialists earn less than health information technologists at AHIMA."),
		}}},
		Synonyms: corpus.Synonyms{Acronyms: map[string]string{
			"RHIT": "Registered Health Information Technician", "RHIA": "Registered Health Information Administrator",
			"CCS": "Certified Coding Specialist", "CCS-P": "Certified Coding Specialist – Physician-based",
			"AHIMA": "American Health Information Management Association", "A&P": "anatomy and physiology",
		}},
		Lexicon: corpus.Lexicon{Occupations: []corpus.Occupation{
			{Name: "health information technologists and medical registrars", SOC: "29-9021", Phrases: []string{"health information technologist", "medical registrar", "29-9021"}},
			{Name: "medical records specialists", SOC: "29-2072", Phrases: []string{"medical records specialist", "29-2072"}},
		}},
	}
}

func names(es []Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestEntities_Find(t *testing.T) {
	x := NewEntities(entityCorpus())
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"How do I become an RHIT?", []string{"RHIT"}},
		{"the registered health information administrators exam", []string{"RHIA"}},
		{"CCS-P or CCS", []string{"CCS-P", "CCS"}},
		{"the CCS-P exam", []string{"CCS-P"}},
		{"Do health information technologists make more than medical records specialists?",
			[]string{"health information technologists and medical registrars", "medical records specialists"}},
		{"what does AHIMA do", nil}, // named by every section: common
		{"A&P p", nil},              // one-letter names are ignored
		{"", nil},
	} {
		if got := names(x.FindText(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("FindText(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	if es := x.FindText("RHIT"); len(es) != 1 || es[0].Kind != KindCredential {
		t.Errorf("RHIT: %+v, want one credential", es)
	}
	if es := x.FindText("medical records specialist"); len(es) != 1 || es[0].Kind != KindOccupation {
		t.Errorf("occupation: %+v", es)
	}
	var zero *Entities
	if zero.FindText("RHIT") != nil {
		t.Error("nil Entities found something")
	}
}

// TestEntities_CommonSide checks that a common entity (named by most sections) is
// left out of a text on its own but kept as one side of a comparison with an
// uncommon entity of its kind, and that FindAll keeps it always.
// TestEntities_Roles: the lexicon's roles are entities of their own kind, a role
// sharing a phrase with an acronym ("CDI") takes the acronym and its expansion over,
// and a role of kind occupation competes with the occupations.
func TestEntities_Roles(t *testing.T) {
	c := entityCorpus()
	c.Synonyms.Acronyms["CDI"] = "clinical documentation integrity"
	c.Lexicon.Roles = []corpus.Role{
		{Name: "coding auditors", Phrases: []string{"coding auditor", "auditor"}},
		{Name: "CDI specialists", Phrases: []string{"CDI", "CDI specialist"}},
		{Name: "health services managers", Kind: "occupation", Phrases: []string{"medical records manager"}},
	}
	x := NewEntities(c)
	for _, tc := range []struct {
		text string
		want []Entity
	}{
		{"CDI vs coding auditor, which pays better?", []Entity{{"CDI specialists", KindRole}, {"coding auditors", KindRole}}},
		{"clinical documentation integrity or auditors", []Entity{{"CDI specialists", KindRole}, {"coding auditors", KindRole}}},
		{"CDI specialists review records", []Entity{{"CDI specialists", KindRole}}},
		{"a medical records manager or a medical records specialist", []Entity{{"health services managers", KindOccupation}, {"medical records specialists", KindOccupation}}},
	} {
		if got := x.FindText(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("FindText(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	if got := x.FindText("what is CDI"); len(got) != 1 || got[0].Name != "CDI specialists" {
		t.Errorf("the acronym still names an entity of its own: %v", got)
	}
}

func TestEntities_CommonSide(t *testing.T) {
	c := entityCorpus()
	for i := range c.Docs[0].Sections {
		c.Docs[0].Sections[i].Text += " Medical records specialists use it."
	}
	x := NewEntities(c)
	mrs := "medical records specialists"
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"how much do medical records specialists make", nil},
		{"medical records specialist vs health information technologist, which pays more",
			[]string{mrs, "health information technologists and medical registrars"}},
		{"medical records specialists with an RHIT", []string{"RHIT"}}, // another kind: no comparison
	} {
		if got := names(x.FindText(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("FindText(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	if got := names(x.FindAll(Terms("Medical records specialists earned $50,250."))); !slices.Equal(got, []string{mrs}) {
		t.Errorf("FindAll = %q, want the common occupation", got)
	}
}

// TestSearch_EntityBoost checks on the built-in corpus that a question naming a
// credential ranks that credential's section first even when generic words ("exam",
// "format", "become") match another credential's section better.
func TestSearch_EntityBoost(t *testing.T) {
	c := builtinCorpus(t)
	e := openTest(t, c, NewLocalEmbedder(c.Synonyms), "")
	for _, tc := range []struct {
		q    string
		want string // the top hit's section must contain this
	}{
		{"what's the passing score or format of the CCS exam?", "CCS"},
		{"How do I become an RHIT?", "qualify for the RHIT"},
		{"What does the Certified Outpatient Coder exam cover?", "COC"},
		{"how much do health information technologists earn", "health information technologists"},
	} {
		res, err := e.Search(context.Background(), tc.q, SearchOptions{K: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Section, tc.want) {
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Section)
			}
			t.Errorf("%q: top sections %q, want the first to name %q", tc.q, got, tc.want)
		}
	}
	// The factor itself: a rival credential's heading is damped, the named one boosted.
	q := e.analyze(readQuery("CCS exam format"))
	for i, ch := range e.chunks {
		f := e.entityFactor(int32(i), q.entities)
		switch {
		case ch.ID == "certification-ahima#what-are-the-ccs-and-ccs-p-certifications" && f <= 1:
			t.Errorf("CCS section factor %.2f, want > 1", f)
		case ch.ID == "certification-ahima#what-is-the-rhia-and-who-can-take-the-rhia-exam" && f >= 1:
			t.Errorf("RHIA section factor %.2f, want < 1", f)
		}
	}
	if f := e.entityFactor(0, e.analyze(readQuery("how long is the exam")).entities); f != 1 {
		t.Errorf("factor without entities = %.2f, want 1", f)
	}
}
