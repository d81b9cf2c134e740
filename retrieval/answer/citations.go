package answer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var (
	citeList = regexp.MustCompile(`\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})+)\]`)
	citeOne  = regexp.MustCompile(`\s*\[(\d{1,3})\]`)
	spaceFix = regexp.MustCompile(`[ \t]+([.,;:!?])`)
	multiSp  = regexp.MustCompile(`[ \t]{2,}`)
)

// checkCitations validates the citation markers of a model's text against n
// numbered sources. Markers outside 1..n are removed, lists such as [1, 2] become
// [1][2], and the remaining markers are renumbered 1..k in order of first use. used
// lists the original numbers in that order, so used[i] is the source now cited as
// [i+1].
func checkCitations(text string, n int) (clean string, used []int) {
	text = citeList.ReplaceAllStringFunc(text, func(m string) string {
		var b strings.Builder
		for _, f := range strings.FieldsFunc(m[1:len(m)-1], func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			b.WriteString("[" + f + "]")
		}
		return b.String()
	})
	renum := map[int]int{}
	text = citeOne.ReplaceAllStringFunc(text, func(m string) string {
		lead := m[:strings.IndexByte(m, '[')]
		k, err := strconv.Atoi(strings.Trim(m[len(lead):], "[]"))
		if err != nil || k < 1 || k > n {
			return ""
		}
		if _, ok := renum[k]; !ok {
			used = append(used, k)
			renum[k] = len(used)
		}
		sep := ""
		if lead != "" {
			sep = " "
		}
		return sep + "[" + strconv.Itoa(renum[k]) + "]"
	})
	text = spaceFix.ReplaceAllString(text, "$1")
	text = multiSp.ReplaceAllString(text, " ")
	return strings.TrimSpace(text), used
}

// garbage reports whether a model's text is unusable: too short, or with fewer
// letters than symbols (markup noise, repeated punctuation, binary). Digits count
// for neither, so figure-dense sentences pass.
func garbage(text string) bool {
	if len(strings.Fields(text)) < 3 {
		return true
	}
	letters, symbols := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsSpace(r), unicode.IsDigit(r):
		default:
			symbols++
		}
	}
	return letters < 10 || letters < symbols
}
