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
		// A person the member knows, named together with their health.
		{"CoworkerDx", "my coworker Dana Whitfield just got dx w/ stage 3 lymphoma, anyway what does a registrar do",
			[]string{"Dana", "Whitfield"}, []string{"my coworker [redacted name] just got dx", "what does a registrar do"}, []string{phiName}},
		{"SisterDiagnosedMS", "my sister Priya was diagnosed with MS last month, is coding a good wfh job",
			[]string{"Priya"}, []string{"my sister [redacted name] was diagnosed", "is coding a good wfh job"}, []string{phiName}},
		{"NeighborNoDeterminer", "helping neighbor Tom Becker with his copd paperwork, how do i get into medical records",
			[]string{"Tom", "Becker"}, []string{"helping neighbor [redacted name] with his copd", "medical records"}, []string{phiName}},
		{"BossHasCancer", "my boss Karen has cancer and i want to switch careers",
			[]string{"Karen"}, []string{"my boss [redacted name] has cancer"}, []string{phiName}},
		{"LowerCaseName", "my grandma rosa has dementia, would a records job let me care for her",
			[]string{"rosa"}, []string{"my grandma [redacted name] has dementia", "records job"}, []string{phiName}},
		{"InLaw", "my mother-in-law Linda Park is on dialysis, can i do coding from home",
			[]string{"Linda", "Park"}, []string{"is on dialysis", "coding from home"}, []string{phiName}},
		{"CommaName", "My uncle, Ray Ortiz, got diagnosed with ALS. Is HIM a stable career?",
			[]string{"Ray", "Ortiz"}, []string{"My uncle, [redacted name], got diagnosed", "Is HIM a stable career?"}, []string{phiName}},
		{"TestedPositive", "my roommate jess tested positive for hiv and i want to work in health info",
			[]string{"jess"}, []string{"work in health info"}, []string{phiName}},
		{"KidAutism", "my kid Sam has autism, need a flexible job, is RHIT remote",
			[]string{"Sam"}, []string{"is RHIT remote"}, []string{phiName}},
		{"Medication", "my bf marcus is on insulin, anyway how much do coders make",
			[]string{"marcus"}, []string{"how much do coders make"}, []string{phiName}},
		{"Pregnant", "my classmate Aisha Khan is pregnant and still studying for the CCA",
			[]string{"Aisha", "Khan"}, []string{"studying for the CCA"}, []string{phiName}},
		{"PossessiveChain", "my gf's dad Steve had a heart attack, should I still do the RHIT",
			[]string{"Steve"}, []string{"my gf's dad [redacted name] had", "RHIT"}, []string{phiName}},
		{"PossessiveName", "my sister priya's chemo starts monday so I study at night",
			[]string{"priya"}, []string{"[redacted name]'s chemo"}, []string{phiName}},
		{"CapitalisedNameThenVerb", "my mom had back surgery, my sister Priya drives her, is coding ok",
			[]string{"Priya"}, []string{"my sister [redacted name] drives her", "is coding ok"}, []string{phiName}},
		{"CovidWithNumber", "my friend Dana has covid-19 rn, can I take the RHIT online",
			[]string{"Dana"}, []string{"has covid-19", "RHIT online"}, []string{phiName}},
		{"InTheICU", "my buddy Jake Miller is in the ICU, should I still switch to HIM",
			[]string{"Jake", "Miller"}, []string{"is in the ICU"}, []string{phiName}},
		{"Hospitalized", "my co-worker Bob Smith was hospitalized with pneumonia",
			[]string{"Bob", "Smith"}, []string{"was hospitalized"}, []string{phiName}},
		{"AllCapsRelation", "MY DAD JOE HAS COPD, IS CODING HARD", []string{"JOE"}, []string{"MY DAD", "IS CODING HARD"}, []string{phiName}},
		// A First Last name the health cue is about, without a relation word.
		{"FullNameDiagnosed", "Dana Whitfield was diagnosed with breast cancer; what does a Certified Tumor Registrar do?",
			[]string{"Dana", "Whitfield"}, []string{"was diagnosed", "Certified Tumor Registrar"}, []string{phiName}},
		{"FullNameAppositive", "Dana Whitfield, my coworker, has stage 2 breast cancer",
			[]string{"Dana", "Whitfield"}, []string{"my coworker, has stage 2"}, []string{phiName}},
		{"DiagnosedFullName", "They diagnosed Maria Lopez with lupus last week, what does a coder do",
			[]string{"Maria", "Lopez"}, []string{"They diagnosed", "what does a coder do"}, []string{phiName}},
		{"FullNameChemo", "Jordan Lee just started chemo so I'm taking over her HIM classes",
			[]string{"Jordan", "Lee"}, []string{"just started chemo", "HIM classes"}, []string{phiName}},
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
		// People the member knows, named without anyone's health.
		"my friend is a coder",
		"my mom works in medical records, is it a good job",
		"my friend Dana is a cancer registrar, is that a good job?",
		"my dad Mike is a cancer registrar at a hospital",
		"my friend Priya Shah works at the Cleveland Clinic cancer center as a coder",
		"my mom is a nurse with 20 years experience, can she switch to coding",
		"my friend has a Registered Health Information Technician credential",
		"My sister wants to become a Certified Coding Associate, is it hard?",
		"my coworker Dana codes diabetes and COPD charts all day, is that normal",
		"my friend Dana Whitfield recommended Health Information Management at Penn Foster",
		"my friend Tom does dx coding for a hospital",
		"my cousin took study aids for the RHIT, are they worth it",
		"my manager Jen says HIM pays well",
		"my aunt has an MS in health informatics, should I do the RHIA",
		"my friend Dana works in the ICU billing office",
		"my friend Dana is in the hospital program at Penn Foster",
		"our Client Services team handles chemo billing",
		"Is Medical Records Specialist the same as a Health Information Technician?",
		// Health words without a named person, or only the member's own.
		"Does the Certified Tumor Registrar exam cover stage 3 lymphoma?",
		"my boss said the Cancer Registry Management program is good",
		"is a diabetes educator a health IT job",
		"I was diagnosed with ADHD, is Penn Foster a good school for the RHIT?",
		"my mom, dad and I all have diabetes lol, can I still be a coder",
		"my daughter loves science and has asthma, will HIT be around when she grows up",
		"my wife pregnant rn can i study for the RHIT",
		"my husband n I both have covid so the exam is delayed",
		"Penn Foster or Rasmussen University for the HIT program?",
		"Jake Miller is in the ICU billing team, is that an HIT job?",
		"I have ms and my friend tom says coding is good",
		"Are study aids for the RHIT worth it, my friend Sam used them?",
		"How do cancer registrars abstract stage 3 lymphoma cases?",
		"My manager wants me to learn ICD-10 codes for diabetes and heart failure",
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
		"Health":  "my coworker Dana Whitfield just got dx w/ stage 3 lymphoma, anyway what does a cancer registrar do",
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

// The health cue decides whether a named person is redacted at all.
func TestHasHealthCue(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"got dx w/ stage 3 lymphoma", true},
		{"stage IIIb", true},
		{"tested positive for hiv", true},
		{"she is in the hospital", true},
		{"had knee surgery", true},
		{"has covid-19", true},
		{"w/ MS", true},
		{"has ALS", true},
		{"my grandpa's Alzheimer’s", true},
		{"diagnosed with diabetes and codes charts for a living", true},
		{"works in surgery scheduling", false},
		{"has an MS in informatics", false},
		{"study aids", false},
		{"cancer registrar", false},
		{"Certified Tumor Registrar", false},
		{"dx codes", false},
		{"diabetes and COPD charts", false},
		{"diabetes/COPD claims", false},
		{"ICU billing", false},
		{"covid changed the job market", false},
		{"", false},
	} {
		if got := hasHealthCue(tc.in); got != tc.want {
			t.Errorf("hasHealthCue(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
