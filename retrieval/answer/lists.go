package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type block struct {
	text string
	item bool // a list item
	lead bool // a paragraph ending in a colon that introduces a list
}

// blocks groups lines into paragraphs and list items, dropping headings, tables and
// fenced code. Lines after a line ending in a colon are list items, whether or not
// they kept their Markdown markers; a short list of phrases is folded into its lead-in
// sentence ("…titles such as: A, B and C.") so it reads as one sentence.
func blocks(text string) []block {
	var out []block
	var para []string
	flush := func() {
		switch {
		case len(para) == 0:
		case listLike(para):
			for _, l := range para {
				out = append(out, block{text: l, item: true})
			}
		default:
			p := strings.Join(para, " ")
			out = append(out, block{text: p, lead: strings.HasSuffix(p, ":")})
		}
		para = para[:0]
	}
	inFence, inList := false, false
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			flush()
			continue
		}
		switch {
		case inFence:
		case t == "":
			flush()
			// A blank line right after the lead-in still belongs to its list.
			inList = inList && len(out) > 0 && out[len(out)-1].lead
		case strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"), strings.HasPrefix(t, ">"):
			flush()
			inList = false
		case inList, isListItem(t):
			flush()
			out = append(out, block{text: strings.TrimSpace(listMarker.ReplaceAllString(line, "")), item: true})
		default:
			para = append(para, t)
			if strings.HasSuffix(t, ":") {
				flush()
				inList = true
			}
		}
	}
	flush()
	return foldLists(out)
}

// maxFoldedWords bounds a list folded into its lead-in sentence.
const maxFoldedWords = 60

// foldLists joins a lead-in paragraph and the list items after it into one sentence
// ("…such as: A, B, and C."), so neither a dangling lead-in nor a fragment is quoted.
// A list too long for maxFoldedWords keeps the items that fit and ends "and more".
// Items without a lead-in stay sentences of their own.
func foldLists(bs []block) []block {
	var out []block
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		j := i + 1
		for j < len(bs) && bs[j].item {
			j++
		}
		items := bs[i+1 : j]
		if !b.lead || len(items) == 0 || definitions(items) {
			out = append(out, b)
			continue
		}
		i = j - 1
		list := foldItems(items, maxFoldedWords-len(strings.Fields(b.text)))
		if list == "" {
			continue
		}
		out = append(out, block{text: b.text + " " + list + "."})
	}
	return out
}

// definitions reports whether items read "term: explanation"; folded into one
// sentence their colons would run together, so they stay separate.
func definitions(items []block) bool {
	for _, it := range items {
		if strings.Contains(it.text, ": ") {
			return true
		}
	}
	return false
}

// foldItems joins list items into a phrase of at most budget words: all of them
// when they fit; else their heads (the text before a first comma) when those fit;
// else as many whole items as fit, followed by "and more". It returns "" when not
// even one item fits.
func foldItems(items []block, budget int) string {
	full := make([]string, len(items))
	heads := make([]string, len(items))
	for k, it := range items {
		full[k] = lowerInitial(strings.TrimRight(it.text, ",;."))
		heads[k] = itemHead(full[k])
	}
	if list, n := joinItems(full, budget); n == len(items) {
		return list
	}
	if list, n := joinItems(heads, budget); n == len(items) {
		return list
	}
	list, n := joinItems(full, budget-2)
	if n == 0 {
		return ""
	}
	sep := "; "
	if !strings.Contains(list, ";") {
		sep = ", "
	}
	return list + sep + "and more"
}

// itemHead is item up to its first ", ": the part a folded list keeps when whole
// items do not fit. An item whose rest states a figure (a digit, "$" or "%") is kept
// whole, so folding never cuts a number ("14,200") or the figure a clause states.
func itemHead(item string) string {
	head, rest, ok := strings.Cut(item, ", ")
	if !ok || strings.ContainsAny(rest, "0123456789$%") {
		return item
	}
	return head
}

// joinItems joins the leading parts that fit in budget words as "a, b, and c" (with
// semicolons when a part has a comma) and reports how many it used.
func joinItems(parts []string, budget int) (string, int) {
	words, n := 0, 0
	for _, p := range parts {
		w := len(strings.Fields(p))
		if words+w > budget {
			break
		}
		words += w
		n++
	}
	parts = parts[:n]
	sep := ", "
	for _, p := range parts {
		if strings.Contains(p, ",") {
			sep = "; "
		}
	}
	switch n {
	case 0:
		return "", 0
	case 1:
		return parts[0], 1
	}
	if n < len(parts) {
		return strings.Join(parts, sep), n
	}
	return strings.Join(parts[:n-1], sep) + sep + "and " + parts[n-1], n
}

// listLike reports whether paragraph lines are an unmarked list: two or more short
// lines without final punctuation, each starting with a capital.
func listLike(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		r, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if !unicode.IsUpper(r) || strings.ContainsRune(".!?:", last) || len(strings.Fields(l)) > 12 {
			return false
		}
	}
	return true
}

// sentenceArticles start a sentence without being part of a name, so they are
// lowered even before a capitalised word ("A CAHIIM-accredited degree").
var sentenceArticles = map[string]bool{"A": true, "An": true, "The": true}

// lowerInitial lower-cases the first letter of a list item that starts like a
// sentence ("Hospitals", "An associate degree") but leaves names alone ("Medical
// Records Clerk", "AHIMA credentials").
func lowerInitial(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return s
	}
	first := []rune(f[0])
	if !unicode.IsUpper(first[0]) {
		return s
	}
	for _, r := range first[1:] {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return s
		}
	}
	if len(f) > 1 && !sentenceArticles[f[0]] {
		if r, _ := utf8.DecodeRuneInString(f[1]); unicode.IsUpper(r) {
			return s // a name: "Albany State offers…"
		}
	}
	_, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(first[0])) + s[n:]
}

// isListItem reports whether a trimmed line starts with a list marker ("- ", "* ",
// "1. "), checking the first byte before running the regular expression.
func isListItem(t string) bool {
	if t == "" || !strings.ContainsRune("-*+•0123456789", rune(t[0])) && !strings.HasPrefix(t, "•") {
		return false
	}
	return listMarker.MatchString(t)
}
