package bot

import (
	"slices"
	"strings"
	"testing"
)

func TestRedactPHI(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		secrets []string // must be gone
		keep    []string // must survive
		kinds   []string // at least these kinds reported
	}{
		{"EvalPatient", "My patient John Smith, DOB 03/14/1975, SSN 123-45-6789, needs his chart coded. Which code should I use?",
			[]string{"John", "Smith", "03/14/1975", "123-45-6789"}, []string{"My patient", "chart coded", "Which code should I use?"},
			[]string{phiName, phiDOB, phiSSN}},
		{"SSNBare", "is 078-05-1120 a valid number", []string{"078-05-1120"}, []string{"valid number"}, []string{phiSSN}},
		{"SSNSpaces", "ssn 078 05 1120", []string{"078 05 1120"}, nil, []string{phiSSN}},
		{"SSNLabeledNoDashes", "Social security number: 078051120 please", []string{"078051120"}, []string{"please"}, []string{phiSSN}},
		{"MRN", "Her MRN 123456 shows up twice", []string{"123456"}, []string{"shows up twice"}, []string{phiMRN}},
		{"MedicalRecordNumber", "medical record number: A12345 is missing", []string{"A12345"}, []string{"is missing"}, []string{phiMRN}},
		{"DOBWords", "born on March 3rd, 1980 and", []string{"March 3rd, 1980"}, []string{"and"}, []string{phiDOB}},
		{"DOBISO", "date of birth 1980-03-04", []string{"1980-03-04"}, nil, []string{phiDOB}},
		{"ContextDate", "patient was admitted 2024-01-05 for surgery", []string{"2024-01-05"}, []string{"surgery"}, []string{phiDate}},
		{"Phone", "call me at (555) 123-4567 tomorrow", []string{"123-4567"}, []string{"tomorrow"}, []string{phiPhone}},
		{"PhoneDots", "my cell is 555.123.4567", []string{"555.123.4567"}, nil, []string{phiPhone}},
		{"PhoneIntl", "reach me on +44 20 7946 0958", []string{"7946 0958"}, nil, []string{phiPhone}},
		{"Email", "write to jane.doe+hit@example.org about it", []string{"jane.doe+hit@example.org"}, []string{"about it"}, []string{phiEmail}},
		{"PatientColon", "Patient: Jane Doe has questions", []string{"Jane", "Doe"}, []string{"has questions"}, []string{phiName}},
		{"Honorific", "Mr. Smith asked me to release his records", []string{"Smith"}, []string{"release his records"}, []string{phiName}},
		{"Possessive", "I coded Mrs. Johnson's admission on 04/05/2025", []string{"Johnson", "04/05/2025"}, []string{"]'s admission"}, []string{phiName, phiDate}},
		{"NameBeforeID", "Please check Maria Garcia, MRN 88812", []string{"Maria", "Garcia", "88812"}, []string{"Please check"}, []string{phiName, phiMRN}},
		{"NameAfterID", "SSN 123-45-6789 for Robert Brown", []string{"Robert", "Brown", "123-45-6789"}, nil, []string{phiSSN, phiName}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, kinds := RedactPHI(tt.in)
			for _, s := range tt.secrets {
				if strings.Contains(got, s) {
					t.Errorf("RedactPHI(%q) = %q, still contains %q", tt.in, got, s)
				}
			}
			for _, s := range tt.keep {
				if !strings.Contains(got, s) {
					t.Errorf("RedactPHI(%q) = %q, lost %q", tt.in, got, s)
				}
			}
			for _, k := range tt.kinds {
				if !slices.Contains(kinds, k) {
					t.Errorf("RedactPHI(%q) kinds = %v, want %q among them", tt.in, kinds, k)
				}
			}
			if !strings.Contains(got, "[redacted ") {
				t.Errorf("RedactPHI(%q) = %q, no placeholder", tt.in, got)
			}
		})
	}
}

// Career questions carry numbers, dates, acronyms and job titles that are not PHI.
func TestRedactPHI_LeavesCareerQuestions(t *testing.T) {
	for _, q := range []string{
		"How much do medical records specialists earn?",
		"The median pay was $50,250 in May 2024; is that good?",
		"Is the job outlook from 2024-2034 good for health information technicians?",
		"What does a Patient Access Representative do?",
		"Do health information technicians work directly with patients?",
		"How does the Patient Protection and Affordable Care Act affect HIM?",
		"Is the RHIT exam hard? I plan to take it on 03/14/2027.",
		"What is ICD-10-CM and how many codes does it have, 70,000?",
		"Should I take the CPC or CCS exam first?",
	} {
		got, kinds := RedactPHI(q)
		if got != q || kinds != nil {
			t.Errorf("RedactPHI(%q) = %q, %v; want it unchanged", q, got, kinds)
		}
	}
}

var benchSink string

func BenchmarkRedactPHI(b *testing.B) {
	for name, q := range map[string]string{
		"Clean":   "What education do I need to become a health information technician, and how long does it take?",
		"PHI":     "My patient John Smith, DOB 03/14/1975, SSN 123-45-6789, needs his chart coded. Which code should I use?",
		"MaxSize": strings.Repeat("How do I qualify for the RHIT exam? ", MaxQuestionRunes/36),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out, _ := RedactPHI(q)
				checkScope(out, false)
				benchSink = out
			}
		})
	}
}
