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
		{"SSNSpacedDashes", "is 123 - 45 - 6789 mine", []string{"123", "45", "6789"}, []string{"is ", " mine"}, []string{phiSSN}},
		{"SSNSlashes", "number 123/45/6789 on file", []string{"123/45/6789"}, []string{"on file"}, []string{phiSSN}},
		{"SSNUnderscores", "id 123_45_6789 ok", []string{"123_45_6789"}, []string{" ok"}, []string{phiSSN}},
		{"SSNFullWidth", "ssn １２３－４５－６７８９ please", []string{"１２３", "６７８９"}, []string{"please"}, []string{phiSSN}},
		{"SSNArabicIndic", "رقمي ١٢٣-٤٥-٦٧٨٩ شكرا", []string{"١٢٣", "٦٧٨٩"}, []string{"رقمي", "شكرا"}, []string{phiSSN}},
		{"SSNNonBreakingHyphen", "it is 123\u201145\u20116789 ok", []string{"6789"}, []string{"ok"}, []string{phiSSN}},
		{"SSNMinusSign", "it is 123\u221245\u22126789 ok", []string{"6789"}, []string{"ok"}, []string{phiSSN}},
		{"SSNZeroWidth", "it is 123-45\u200b-6789 ok", []string{"6789"}, []string{"ok"}, []string{phiSSN}},
		{"SocialNineDigits", "my social is 123456789 btw", []string{"123456789"}, []string{"btw"}, []string{phiSSN}},
		{"SSNNineDigits", "SSN:123456789", []string{"123456789"}, nil, []string{phiSSN}},
		{"MedicalRecordNoNumber", "her medical record 4471233 is incomplete", []string{"4471233"}, []string{"is incomplete"}, []string{phiMRN}},
		{"MedicalRecordColon", "Medical record: A123456", []string{"A123456"}, nil, []string{phiMRN}},
		{"PtDot", "Pt. John Smith was admitted", []string{"John", "Smith"}, []string{"was admitted"}, []string{phiName}},
		{"PatientUpper", "PATIENT John Smith needs coding", []string{"John", "Smith"}, []string{"needs coding"}, []string{phiName}},
		{"MyPatientLower", "my patient john smith needs his chart", []string{"john", "smith"}, []string{"my patient", "needs his chart"}, []string{phiName}},
		{"MyPatientAllCaps", "MY PATIENT JOHN SMITH NEEDS HIS CHART", []string{"JOHN", "SMITH"}, []string{"MY PATIENT", "NEEDS"}, []string{phiName}},
		{"PtDotLower", "pt. jane doe asked for records", []string{"jane", "doe"}, []string{"asked for records"}, []string{phiName}},
		{"PatientNamedLower", "a patient named maria lopez called", []string{"maria", "lopez"}, []string{"called"}, []string{phiName}},
		{"LastFirst", "I need to code the chart for Smith, John today", []string{"Smith", "John"}, []string{"code the chart", "today"}, []string{phiName}},
		{"PatientLastFirst", "patient Doe, Jane A. has a question", []string{"Doe", "Jane"}, []string{"has a question"}, []string{phiName}},
		{"PhoneTen", "call me at 5551234567 tonight", []string{"5551234567"}, []string{"tonight"}, []string{phiPhone}},
		{"PhoneEleven", "call 15551234567", []string{"15551234567"}, nil, []string{phiPhone}},
		{"PhoneSeven", "my number is 5551234 ok", []string{"5551234"}, []string{"ok"}, []string{phiPhone}},
		{"PhoneSevenDash", "ring 555-1234 later", []string{"555-1234"}, []string{"later"}, []string{phiPhone}},
		{"PhoneFullWidth", "call ５５５１２３４５６７", []string{"５５５１２３４５６７"}, nil, []string{phiPhone}},
		{"EmailFullWidthAt", "write jane.doe＠example.org now", []string{"jane.doe", "example.org"}, []string{"now"}, []string{phiEmail}},
		{"EmailFullWidthAll", "write ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ now", []string{"ｊａｎｅ", "ｅｘａｍｐｌｅ"}, []string{"now"}, []string{phiEmail}},
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
		"Is HIM 210 or HIM 220 the better first course?",
		"What do codes like E11.9, Z00.00 and I10 mean for a coder?",
		"The exam fee is $299 for members and $1250000 is not a salary anyone earns.",
		"Tuition was €1500000 over the 10-year program; 2019-2024 was the cohort.",
		"Does my patient care experience count toward the RHIT?",
		"My patient access job pays 45000 a year; is HIT better?",
		"What is the difference between medical records and health information?",
		"Will medical records 2024 guidelines change?",
		"In Ohio, Texas and Florida, which states pay the most?",
		"Is the CCA worth it in 2025, 2026 or later?",
		"Is 1 in 10 technicians remote? I read 12.5% in 2023.",
		"How many hours per week: 40, 45 or 50?",
		"Patient: how long does the RHIA take?",
		"Patient registration, scheduling, and billing: which pays best?",
		"How do I protect a patient's social security number at work?",
		"What does my patient portal job involve?",
		"Is 3.1415926 hours a realistic study time?",
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
				checkScope(out, false, testClinical)
				benchSink = out
			}
		})
	}
}

func TestFoldPHI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc 123", "abc 123"},
		{"１２３－４５", "123-45"},
		{"١٢٣٤٥٦٧٨٩٠", "1234567890"},
		{"۱۲۳", "123"},
		{"१२३", "123"},
		{"𝟏𝟐𝟑", "123"},
		{"a\u2011b\u2212c\u2013d\u2014e", "a-b-c-d-e"},
		{"a\u00a0b\u2009c", "a b c"},
		{"a\u200bb\u00adc", "abc"},
		{"ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "jane@example.org"},
		{"\xff1", "\xff1"},
	} {
		f := foldPHI(tc.in)
		if f.text != tc.want {
			t.Errorf("foldPHI(%q) = %q, want %q", tc.in, f.text, tc.want)
		}
		if len(f.start) != len(f.text) || len(f.end) != len(f.text) {
			t.Fatalf("foldPHI(%q): %d/%d offsets for %d bytes", tc.in, len(f.start), len(f.end), len(f.text))
		}
		if len(f.text) > 0 {
			if s, e := f.original(0, len(f.text)); s < 0 || e > len(tc.in) || s > e {
				t.Errorf("foldPHI(%q): whole text maps to [%d,%d)", tc.in, s, e)
			}
		}
	}
}
