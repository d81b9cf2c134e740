package retrieval

import "strings"

// queryText is a query read once: its tokens and their terms. Every part of a search
// that reads the query (the lexical analysis, the local embedder, the subject and
// "become" checks) takes them from here, so a search tokenises and stems its query
// once. A queryText is reused across searches (see [searchScratch]); its slices are
// valid until the next read.
type queryText struct {
	// toks are the lower-case tokens in order (see [forEachToken]), stop words included.
	toks []string
	// tokTerm[i] is the term of toks[i] as a whole (see [term]): "" exactly when it is
	// a stop word, and a hyphenated token unchanged.
	tokTerm []string
	// terms are the terms of all tokens in order, as [Terms] gives them; the terms of
	// toks[i] are terms[first[i]:first[i+1]].
	terms []string
	first []int32
	// words are the tokens that are not stop words, in order.
	words []string

	// The working memory of [Engine.analyze], kept with the reading it analyses.
	ids    []int32  // by term: its id in the lexical index, -1 when unknown
	fixed  []string // by term: the correction of an unknown term's token, or ""
	slotOf []int
	slots  []lexSlot
	alts   []lexAlt
}

// read sets t to the reading of text, reusing t's buffers.
func (t *queryText) read(text string) {
	t.toks, t.tokTerm, t.terms, t.words = t.toks[:0], t.tokTerm[:0], t.terms[:0], t.words[:0]
	t.first = append(t.first[:0], 0)
	forEachToken(text, func(tok string) {
		start := len(t.terms)
		t.terms = appendTerms(t.terms, tok)
		whole := ""
		switch {
		case strings.Contains(tok, "-") && !strings.HasPrefix(tok, "$"):
			whole = term(tok) // appendTerms added the token and its parts
		case len(t.terms) > start:
			whole = t.terms[start] // appendTerms added term(tok) alone
		}
		t.toks, t.tokTerm = append(t.toks, tok), append(t.tokTerm, whole)
		t.first = append(t.first, int32(len(t.terms)))
		if whole != "" {
			t.words = append(t.words, tok)
		}
	})
}

// tokenTerms returns the terms of token i.
func (t *queryText) tokenTerms(i int) []string { return t.terms[t.first[i]:t.first[i+1]] }

// tokensOf returns the lower-case tokens of text (see [forEachToken]).
func tokensOf(text string) []string {
	var toks []string
	forEachToken(text, func(t string) { toks = append(toks, t) })
	return toks
}
