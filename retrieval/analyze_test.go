package retrieval

import (
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"StopWordsAndCase", "What is THE job?", []string{"job"}},
		{"CodeFamily", "code codes coding coder coders coded", []string{"cod", "cod", "cod", "cod", "cod", "cod"}},
		{"CertifyFamily", "certify certified certification certifications", []string{"certif", "certif", "certif", "certif"}},
		{"CertificateStaysApart", "certificate", []string{"certific"}},
		{"Plurals", "duties salaries hospitals", []string{"duty", "salary", "hospit"}},
		{"CodesAndFigures", "ICD-10 CPC-A 29-2072 $50,250 7%", []string{"icd-10", "icd", "10", "cpc-a", "cpc", "29-2072", "29", "2072", "$50,250", "7%"}},
		{"HyphenatedWords", "computer-assisted", []string{"computer-assisted", "comput", "assist"}},
		{"Contractions", "What's a member's job? whats", []string{"memb", "job"}},
		{"Dates", "DOB 03/14/1975", []string{"dob", "03/14/1975"}},
		{"Empty", "  ?! ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestStem_Families(t *testing.T) {
	families := [][]string{
		{"manage", "management", "manager", "managing"},
		{"earn", "earns", "earning", "earnings", "earned"},
		{"educate", "education", "educational", "educated"},
		{"automate", "automated", "automation"},
		{"accredit", "accredited", "accreditation"},
		{"remote", "remotely"},
		{"profession", "professional"},
		{"plan", "planning"},
		{"stress", "stressful"},
	}
	for _, f := range families {
		for _, w := range f[1:] {
			if Stem(w) != Stem(f[0]) {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want equal", w, Stem(w), f[0], Stem(f[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"career", "care"}, {"certificate", "certification"}, {"billing", "bile"}} {
		if Stem(pair[0]) == Stem(pair[1]) {
			t.Errorf("Stem(%q) == Stem(%q) == %q; want different", pair[0], pair[1], Stem(pair[0]))
		}
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"ICD-10-CM/PCS", "$50,250.", "it's-", "--a--", "日本語のテキスト", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, term := range Terms(s) {
			if term == "" {
				t.Fatalf("Terms(%q) has an empty term", s)
			}
		}
	})
}

func TestSpeller(t *testing.T) {
	s := newSpeller()
	s.addText("Certification pays. Medical information technicians earn a salary. Technology information.")
	x := newLexIndex([]lexDoc{{topic: "t", fields: []lexField{{terms: Terms("Certification pays. Medical information technicians earn a salary. Technology information."), weight: 1}}}})
	s.finish(x)
	tests := []struct {
		tok, want string
		ok        bool
	}{
		{"certfication", Stem("certification"), true}, // dropped letter
		{"medcial", Stem("medical"), true},            // swapped letters
		{"salery", Stem("salary"), true},              // wrong vowel
		{"info", Stem("information"), true},           // abbreviation: most frequent completion
		{"tech", Stem("technicians"), true},           // tie broken alphabetically
		{"nalary", "", false},                         // first letter differs
		{"pizza", "", false},                          // nothing close
		{"salary", "", false},                         // already a corpus word
		{"cod", "", false},                            // too short to complete
	}
	for _, tt := range tests {
		got, ok := s.correct(tt.tok)
		if got != tt.want || ok != tt.ok {
			t.Errorf("correct(%q) = %q, %v; want %q, %v", tt.tok, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSynonyms_Expand(t *testing.T) {
	s := NewSynonyms(testSynonyms)
	tests := []struct {
		text string
		want []string // concepts added
	}{
		{"RHIT exam", []string{"~rhit"}},
		{"registered health information technician exam", []string{"~rhit"}},
		{"the median wage", []string{"~salary"}},
		{"jobs you can do from home", nil}, // "work from home" needs "work"
		{"coders work from home", []string{"~remot"}},
		{"health information", nil},
	}
	for _, tt := range tests {
		terms := Terms(tt.text)
		got := s.Expand(terms)
		if !slices.Equal(got[:len(terms)], terms) || !slices.Equal(got[len(terms):], tt.want) {
			t.Errorf("Expand(%q) = %q, want the terms then %q", tt.text, got, tt.want)
		}
	}
	if got := (*Synonyms)(nil).Expand([]string{"a"}); !slices.Equal(got, []string{"a"}) {
		t.Errorf("nil Synonyms expanded to %q", got)
	}
}

func TestEditDistance(t *testing.T) {
	long := strings.Repeat("certification", 3) // past the stack buffers
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"coding", "coding", 0},
		{"certfication", "certification", 1}, {"teh", "the", 1}, {"ca", "abc", 3},
		{"kitten", "sitting", 3}, {"naïve", "naive", 1}, {"日本語", "日本", 1},
		{long, long, 0}, {long, long[1:], 1}, {long + "x", long + "y", 1}, {long, "certification", 26},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
