package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is a text as the PHI detectors see it: each rune in compatibility form
// (NFKC, so full-width "１２３" and "＠" read as "123" and "@"), every decimal digit of
// any script as an ASCII digit, every dash or minus sign as "-", every space as " ",
// and invisible format characters (zero-width space, soft hyphen) dropped. So
// "١٢٣‑٤٥‑٦٧٨٩" is matched as "123-45-6789".
//
// start[i] and end[i] are the byte offsets in the original text of the rune that
// produced byte i of text, so a match in text maps back to the original bytes.
type folded struct {
	text       string
	start, end []int
}

// foldPHI folds s for detection; see [folded].
func foldPHI(s string) folded {
	f := folded{start: make([]int, 0, len(s)), end: make([]int, 0, len(s))}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		n := b.Len()
		if r < utf8.RuneSelf || (r == utf8.RuneError && w == 1) {
			b.WriteByte(s[i]) // ASCII, or an invalid byte kept as it is
		} else {
			writeFolded(&b, r)
		}
		for range b.Len() - n {
			f.start, f.end = append(f.start, i), append(f.end, i+w)
		}
		i += w
	}
	f.text = b.String()
	return f
}

// writeFolded writes the folded form of the non-ASCII rune r.
func writeFolded(b *strings.Builder, r rune) {
	switch {
	case unicode.IsDigit(r):
		b.WriteByte(byte('0' + digitValue(r)))
	case isDash(r):
		b.WriteByte('-')
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		b.WriteByte(' ')
	case unicode.Is(unicode.Cf, r):
		// invisible: dropped
	default:
		for _, c := range norm.NFKC.String(string(r)) {
			switch {
			case c < utf8.RuneSelf:
				b.WriteRune(c)
			case unicode.IsDigit(c):
				b.WriteByte(byte('0' + digitValue(c)))
			case isDash(c):
				b.WriteByte('-')
			default:
				b.WriteRune(c)
			}
		}
	}
}

// isDash reports whether r is a dash or a minus sign.
func isDash(r rune) bool {
	return unicode.Is(unicode.Pd, r) || r == '\u2212' || r == '\u2796' || r == '\uFE63' || r == '\uFF0D'
}

// digitValue is the value of the decimal digit r (unicode.IsDigit). Unicode lays out
// each script's digits as runs of ten starting at zero, and adjacent runs (such as the
// mathematical digits) each start at a zero too, so the value is the distance from the
// start of the run modulo ten.
func digitValue(r rune) int {
	first := r
	for first > 0 && unicode.IsDigit(first-1) {
		first--
	}
	return int(r-first) % 10
}

// original maps the span [s, e) of f.text back to the original text.
func (f folded) original(s, e int) (int, int) {
	return f.start[s], f.end[e-1]
}
