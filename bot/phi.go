package bot

import (
	"regexp"
	"slices"
	"strings"
)

// Kinds of personal health information the guard removes, as named to the member.
const (
	phiSSN   = "SSN"
	phiMRN   = "medical record number"
	phiDOB   = "date of birth"
	phiDate  = "date"
	phiPhone = "phone number"
	phiEmail = "e-mail address"
	phiName  = "name"
)

// phiPlaceholder is what replaces each kind in the redacted text.
func phiPlaceholder(kind string) string { return "[redacted " + kind + "]" }

// placeholderPattern matches what [RedactPHI] puts in place of an identifier.
var placeholderPattern = regexp.MustCompile(`\[redacted [a-zA-Z -]+\]('s|’s)?[,;:]?`)

// withoutPlaceholders drops redaction placeholders so the knowledge layer judges the
// career question on its own words: a placeholder carries no meaning to search for.
func withoutPlaceholders(q string) string {
	return strings.Join(strings.Fields(placeholderPattern.ReplaceAllString(q, " ")), " ")
}

// Building blocks of the patterns. Names are capitalised words whose second letter is
// lower case, so acronyms (RHIT, ICD) are never mistaken for names.
const (
	nameWord   = `[A-Z][a-z'’][a-zA-Z'’-]*`
	lastFirst  = nameWord + `,\s*` + nameWord + `(?:\s+[A-Z]\.?)?`
	fullName   = `(?:` + lastFirst + `|` + nameWord + `(?:\s+[A-Z]\.)?(?:\s+` + nameWord + `){1,2})`
	anyName    = `(?:` + lastFirst + `|` + nameWord + `(?:\s+[A-Z]\.)?(?:\s+` + nameWord + `){0,2})`
	monthName  = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	datePat    = `(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|` + monthName + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthName + `,?\s+\d{4})`
	labelGlue  = `\s*(?:#|no\.?|num(?:ber)?)?\s*(?:is|was|:|=|-|–)?\s*#?\s*`
	ssnSep     = `(?:[ \t]*[-–./_\\][ \t]*|[ \t]+)`
	ssnDigits  = `\d{3}` + ssnSep + `?\d{2}` + ssnSep + `?\d{4}`
	phoneNANP  = `(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s*|\d{3}[\s.-])\d{3}[\s.-]\d{4}`
	phoneIntl  = `\+\d{1,3}(?:[\s.-]?\d{1,4}){2,5}`
	emailPat   = `[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`
	nameJoiner = `(?:'s|’s)?(?:[\s,;:(\-–]|\b(?:with|whose|has|had|is|was|born|the|a|an|his|her|their|and)\b)*`
)

// phiDetector finds one kind of identifier. digitBounded detectors only match when
// the characters around the match are not digits (so 1234-56-78901 is no SSN);
// standalone ones also not when the match is part of an amount or a decimal
// ($1234567, 1.234567).
type phiDetector struct {
	kind         string
	re           *regexp.Regexp
	digitBounded bool
	standalone   bool
	needsContext bool // only when the message talks about a patient or a chart
}

var phiDetectors = []phiDetector{
	{kind: phiSSN, re: regexp.MustCompile(`(?i)\b(?:ssn|ss#|social(?:[ -]security)?(?:[ -](?:number|no\.?|#))?)` + labelGlue + ssnDigits), digitBounded: true},
	{kind: phiSSN, re: regexp.MustCompile(`\d{3}` + ssnSep + `\d{2}` + ssnSep + `\d{4}`), digitBounded: true},
	{kind: phiMRN, re: regexp.MustCompile(`(?i)\b(?:mrn|mr#|med(?:ical)?[ -]rec(?:ord)?s?[ -]?(?:number|num|no\.?|#|id)|patient[ -](?:id|identifier|number|no\.?|#)|chart[ -](?:number|no\.?|#|id)|account[ -](?:number|no\.?|#)|member[ -]id|encounter[ -](?:number|no\.?|#|id)|health[ -]plan[ -](?:id|number))` + labelGlue + `[A-Za-z]{0,4}-?\d[0-9A-Za-z-]{2,19}`)},
	// "medical record 4471233": without "number" the label is also a subject of study,
	// so the identifier must be five or more digits (never a year or a course number).
	{kind: phiMRN, re: regexp.MustCompile(`(?i)\bmed(?:ical)?[ -]rec(?:ord)?s?\s*(?:is|was|:|=|#)?\s*#?\s*[A-Za-z]{0,4}-?\d{5,20}[0-9A-Za-z-]{0,10}`), digitBounded: true},
	{kind: phiDOB, re: regexp.MustCompile(`(?i)\b(?:dob|d\.o\.b\.?|date[ -]of[ -]birth|birth[ -]?date|birthday|born(?:[ -]on)?)\s*(?:is|was|:|=|-|–)?\s*(?:on\s+)?` + datePat), digitBounded: true},
	{kind: phiDate, re: regexp.MustCompile(`(?i)` + datePat), digitBounded: true, needsContext: true},
	{kind: phiPhone, re: regexp.MustCompile(phoneNANP), digitBounded: true},
	{kind: phiPhone, re: regexp.MustCompile(phoneIntl), digitBounded: true},
	{kind: phiPhone, re: regexp.MustCompile(`(?i)\b(?:phone|tel|telephone|cell|mobile|fax)` + labelGlue + `\+?\d[\d().\s-]{5,18}\d`), digitBounded: true},
	// Unpunctuated numbers: 10 digits (11 with a leading 1) and 7 digits, or 3-4 digits
	// joined by a dash (555-0134).
	{kind: phiPhone, re: regexp.MustCompile(`\b(?:1?\d{10}|\d{7}|\d{3}-\d{4})\b`), digitBounded: true, standalone: true},
	{kind: phiEmail, re: regexp.MustCompile(emailPat)},
}

var (
	// patientContext marks a message about a specific patient or record, where any
	// full date is treated as identifying.
	patientContext = regexp.MustCompile(`(?i)\b(?:patients?|pt|chart|admitted|admission|discharged?|encounter|dob|mrn|ssn|diagnosed|date of service|dos)\b`)
	// patientIntro: a name introduced as a patient ("my patient John Smith", "patient: Jane
	// Doe", "PT. Smith, John"), the keyword in any case.
	patientIntro = regexp.MustCompile(`(?i:\b(?:patient|pt\.?|client|resident)(?:'s|’s)?(?:\s+name)?(?:\s+(?:is|was|named|called))?\s*[:,\-–]?\s*)(` + anyName + `)`)
	// patientNamed: the forms that can only be followed by a name, where the name may
	// be written in any case ("my patient john smith", "pt. JANE DOE", "patient named
	// jane"). The words are checked by [caselessName].
	patientNamed = regexp.MustCompile(`(?i)(?:\bmy\s+(?:patient|pt\.?)(?:(?:'s|’s)\s+name\s+(?:is|was))?|\bpt\.|\b(?:patient|pt|client|resident)(?:'s|’s)?(?:\s+name\s*(?:is|was|:)|\s+(?:named|called)|\s*:))\s*((?:[a-z][a-z'’-]*\s*){1,3})`)
	// honorific: "Mr. Smith", "Mrs Jane Doe".
	honorific = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+(` + anyName + `)`)
	// lastFirstName: "Smith, John" in a message about a patient or a chart.
	lastFirstName = regexp.MustCompile(`\b(` + lastFirst + `)`)
	// nameBefore / nameAfter: a full name right before or after an identifier.
	nameBefore = regexp.MustCompile(`(` + fullName + `)` + nameJoiner + `$`)
	nameAfter  = regexp.MustCompile(`^(?:[\s,;:)\-–]|\b(?:for|of|belongs to|belonging to|is|patient|named|name)\b)*(` + fullName + `)`)
	nameWordRe = regexp.MustCompile(nameWord)
	anyWordRe  = regexp.MustCompile(`(?i)[a-z][a-z'’-]*`)
)

// notNames are capitalised words that start sentences or job titles, never names.
var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`i i'm i’m the a an my our your his her their this that these those what which who whom
		whose how when where why is are was were be can could should would do does did will may might must please hi hello
		hey thanks thank dear and or but if so also he she they we you it its there here then than not no yes ok okay
		date birth born dob ssn mrn phone email patient patients record records chart access care services service
		advocate advocates safety portal financial registration experience relations account accounts intake information
		health privacy engagement navigator navigators coordinator representative representatives specialist specialists
		protection affordable act id number name medical technician technicians coder coders coding code codes exam
		certified certification registered career careers job jobs course courses degree program school college
		hospital clinic doctor nurse physician office department center needs need has had have help answer question
		january february march april may june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday on in at for with of to from by about after before
		which who whose new north south east west united states american association`) {
		notNames[w] = true
	}
}

// commonWords are lower-case words that follow "my patient" or "patient:" and are not
// a name, besides [notNames].
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`am been being get gets got getting keep keeps kept want wants wanted say says said
		tell tells told ask asks asked asking come comes came go goes went going see sees saw seen call calls called
		named just also still only even really recently now today yesterday always never often already again
		requested requests request refused refuses visited presented complained reported reports report needed
		wanted requires required came left arrived died lives lived works worked uses used takes took
		data info insurance history file files form forms bill bills billing claim claims outcome outcomes
		flow satisfaction education portal list lists visit visits note notes result results test tests lab labs
		who which that what whose whom when where why how if because since while as so`) {
		commonWords[w] = true
	}
}

// nameSpan narrows text[start:end], a run of capitalised words, to the words that
// could be a person's name: leading sentence words and job titles ("Please", "Access")
// are skipped and the run ends at the next such word. ok is false when none is left.
func nameSpan(text string, start, end int) (s, e int, ok bool) {
	s, e = -1, -1
	for _, w := range nameWordRe.FindAllStringIndex(text[start:end], -1) {
		if notNames[strings.ToLower(text[start+w[0]:start+w[1]])] {
			if s >= 0 {
				break
			}
			continue
		}
		if s < 0 {
			s = start + w[0]
		}
		e = start + w[1]
	}
	for _, poss := range []string{"'s", "’s"} { // keep the possessive: "[redacted name]'s chart"
		if e-s > len(poss) && strings.HasSuffix(text[s:e], poss) {
			e -= len(poss)
		}
	}
	return s, e, s >= 0
}

// phiSpan is one identifier found in the text.
type phiSpan struct {
	start, end int
	kind       string
}

// RedactPHI removes personal health information from text: SSNs, medical record
// numbers, dates of birth (and any full date in a message about a patient), phone
// numbers, e-mail addresses, and names introduced as patients, after an honorific,
// written "Last, First" in a message about a patient, next to one of those
// identifiers, or of a person named with their health ("my coworker Dana just got
// dx w/ lymphoma", "Dana Whitfield was diagnosed with MS"). Detection runs on the text folded to one form (see [folded]), so
// full-width or Arabic-Indic digits, Unicode dashes and full-width "＠" hide nothing.
// Each identifier is replaced by a placeholder such as "[redacted SSN]"; the rest of
// the text is kept byte for byte. It returns the redacted text and the kinds removed,
// in order of first appearance (nil when nothing was removed).
func RedactPHI(text string) (string, []string) {
	f := foldPHI(text)
	spans := findIdentifiers(f.text)
	spans = append(spans, findNames(f.text, spans)...)
	if len(spans) == 0 {
		return text, nil
	}
	for i, sp := range spans {
		spans[i].start, spans[i].end = f.original(sp.start, sp.end)
	}
	slices.SortFunc(spans, func(a, b phiSpan) int { return a.start - b.start })
	var b strings.Builder
	var kinds []string
	pos := 0
	for i := 0; i < len(spans); {
		cur := spans[i]
		for i++; i < len(spans) && spans[i].start < cur.end; i++ {
			cur.end = max(cur.end, spans[i].end) // overlapping spans become one
		}
		b.WriteString(text[pos:cur.start])
		b.WriteString(phiPlaceholder(cur.kind))
		pos = cur.end
		if !slices.Contains(kinds, cur.kind) {
			kinds = append(kinds, cur.kind)
		}
	}
	b.WriteString(text[pos:])
	return b.String(), kinds
}

// findIdentifiers runs every detector over text.
func findIdentifiers(text string) []phiSpan {
	var spans []phiSpan
	context := patientContext.MatchString(text)
	for _, d := range phiDetectors {
		if d.needsContext && !context {
			continue
		}
		for pos := 0; pos < len(text); {
			loc := d.re.FindStringIndex(text[pos:])
			if loc == nil {
				break
			}
			start, end := pos+loc[0], pos+loc[1]
			if (d.digitBounded && !digitBounded(text, start, end)) || (d.standalone && !standaloneNumber(text, start, end)) {
				pos = start + 1 // a shorter match may start inside this one
				continue
			}
			spans = append(spans, phiSpan{start, end, d.kind})
			pos = max(end, start+1)
		}
	}
	return spans
}

// findNames finds names introduced as patients or by an honorific, "Last, First" names
// in a message about a patient, names of people the member knows or First Last names
// in a message about their health (see [findRelatedNames]), and full names right next
// to one of the identifiers already found.
func findNames(text string, ids []phiSpan) []phiSpan {
	var spans []phiSpan
	res := []*regexp.Regexp{patientIntro, honorific}
	if patientContext.MatchString(text) {
		res = append(res, lastFirstName)
	}
	for _, re := range res {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			if s, e, ok := nameSpan(text, m[2], m[3]); ok {
				spans = append(spans, phiSpan{s, e, phiName})
			}
		}
	}
	spans = append(spans, findRelatedNames(text)...)
	for _, m := range patientNamed.FindAllStringSubmatchIndex(text, -1) {
		if s, e, ok := caselessName(text, m[2], m[3]); ok {
			spans = append(spans, phiSpan{s, e, phiName})
		}
	}
	for _, id := range ids {
		before := text[max(0, id.start-80):id.start]
		if m := nameBefore.FindStringSubmatchIndex(before); m != nil {
			off := id.start - len(before)
			if s, e, ok := nameSpan(text, off+m[2], off+m[3]); ok {
				spans = append(spans, phiSpan{s, e, phiName})
			}
		}
		after := text[id.end:min(len(text), id.end+80)]
		if m := nameAfter.FindStringSubmatchIndex(after); m != nil {
			if s, e, ok := nameSpan(text, id.end+m[2], id.end+m[3]); ok {
				spans = append(spans, phiSpan{s, e, phiName})
			}
		}
	}
	return spans
}

// caselessName narrows text[start:end], the words right after a form that introduces
// a patient's name, to the name: the words up to the first common word, in any case.
// ok is false when the first word is already common ("my patient needs …").
func caselessName(text string, start, end int) (s, e int, ok bool) {
	s, e = -1, -1
	for _, w := range anyWordRe.FindAllStringIndex(text[start:end], -1) {
		word := strings.ToLower(strings.TrimRight(text[start+w[0]:start+w[1]], "'’-"))
		if notNames[word] || commonWords[word] {
			break
		}
		if s < 0 {
			s = start + w[0]
		}
		e = start + w[1]
	}
	return s, e, s >= 0
}

// digitBounded reports whether text[start:end] is not preceded or followed by an
// ASCII digit.
func digitBounded(text string, start, end int) bool {
	return (start == 0 || !isDigit(text[start-1])) && (end == len(text) || !isDigit(text[end]))
}

// standaloneNumber reports whether text[start:end] is a number of its own, not part of
// an amount or a longer number: not after a currency sign, a digit group separator or
// a decimal point, and not followed by one that continues the number.
func standaloneNumber(text string, start, end int) bool {
	if start > 0 && strings.ContainsRune("$.,", rune(text[start-1])) {
		return false
	}
	if strings.HasSuffix(text[:start], "€") || strings.HasSuffix(text[:start], "£") {
		return false
	}
	return end+1 >= len(text) || !strings.ContainsRune(".,", rune(text[end])) || !isDigit(text[end+1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
