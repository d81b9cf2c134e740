package bot

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	fuzzSSN   = regexp.MustCompile(`\d{3}-\d{2}-\d{4}`)
	fuzzEmail = regexp.MustCompile(emailPat)
)

// boundedSSNs returns the SSN-like strings of s that are not part of a longer digit run.
func boundedSSNs(s string) map[string]bool {
	out := map[string]bool{}
	for pos := 0; pos < len(s); {
		loc := fuzzSSN.FindStringIndex(s[pos:])
		if loc == nil {
			break
		}
		start, end := pos+loc[0], pos+loc[1]
		if digitBounded(s, start, end) {
			out[s[start:end]] = true
		}
		pos = start + 1
	}
	return out
}

// FuzzGuards runs the question guards on arbitrary input: they never panic, an SSN or
// e-mail address in the input — in any script's digits, with any dash, full-width —
// never survives redaction (both sides are compared folded, as the detectors see
// them), and redaction never changes text without reporting what it removed.
func FuzzGuards(f *testing.F) {
	for _, s := range []string{
		"My patient John Smith, DOB 03/14/1975, SSN 123-45-6789, needs his chart coded. Which code should I use?",
		"What's the best pizza topping?", "Can you diagnose my chest pain?", "Write me a Python script to scrape a website.",
		"mail jane@example.org or call (555) 123-4567", "MRN: A1234567 patient: Jane Doe", "born on Jan 5, 1990",
		"1123-45-67890 123-45-6789-12-3456", "\x00\xff\r\n", "Mr. Smith's SSN 123 45 6789", "",
		"123 - 45 - 6789", "123/45/6789", "123_45_6789", "１２３－４５－６７８９", "١٢٣-٤٥-٦٧٨٩", "123\u201145\u20116789",
		"123\u221245\u22126789", "my social is 123456789", "medical record 4471233", "pt. jane doe", "Smith, John chart",
		"call 5551234567 or 5551234", "jane＠example.org", "1\u200b23-45-6789", "①②③-④⑤-⑥⑦⑧⑨",
		"my coworker Dana Whitfield just got dx w/ stage 3 lymphoma", "my gf's dad Steve's chemo", "Dana Whitfield, my co-worker, has MS",
		"my sister, priya, was diagnosed", "helping neighbor Tom Becker w/ copd", "my friend Dana is a cancer registrar",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		text := normalizeText(in)
		if validateQuestion(text) != nil {
			return
		}
		out, kinds := RedactPHI(text)
		checkScope(out, len(kinds) > 0, testClinical)
		in, kept := foldPHI(text).text, foldPHI(out).text
		for ssn := range boundedSSNs(in) {
			if boundedSSNs(kept)[ssn] {
				t.Fatalf("RedactPHI(%q) = %q keeps SSN %q", text, out, ssn)
			}
		}
		for _, email := range fuzzEmail.FindAllString(in, -1) {
			if strings.Contains(kept, email) {
				t.Fatalf("RedactPHI(%q) = %q keeps e-mail %q", text, out, email)
			}
		}
		if kinds == nil && out != text {
			t.Fatalf("RedactPHI(%q) changed the text to %q without reporting a kind", text, out)
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Fatalf("RedactPHI(%q) = %q is not valid UTF-8", text, out)
		}
		if kinds != nil && !strings.Contains(out, "[redacted ") {
			t.Fatalf("RedactPHI(%q) = %q reports %v but has no placeholder", text, out, kinds)
		}
	})
}
