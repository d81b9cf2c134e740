package answer

import (
	"strings"
	"unicode"
)

var localStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been being
	do does did doing have has had having i me my we our you your he she it its they them their this that these those
	what which who whom whose when where why how can could should would will shall may might must about into over
	than then so not no yes there here just also very more most some any all each other such own same too only up out`) {
		localStop[w] = true
	}
}

func retrievalTerms(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if localStop[f] {
			continue
		}
		switch {
		case len(f) > 4 && strings.HasSuffix(f, "ies"):
			f = f[:len(f)-3] + "y"
		case len(f) > 3 && strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss"):
			f = f[:len(f)-1]
		}
		out = append(out, f)
	}
	return out
}
