package retrieval

import (
	"slices"
	"strings"
	"unicode"

	"github.com/careerbot/careerbot/corpus"
)

// plainClaims returns claims with their text reduced to plain text, as chunk text is.
func plainClaims(claims []corpus.Claim) []corpus.Claim {
	out := make([]corpus.Claim, 0, len(claims))
	for _, c := range claims {
		if t := strings.Join(strings.Fields(plainText(c.Text)), " "); t != "" {
			out = append(out, corpus.Claim{Text: t, Keys: c.Keys})
		}
	}
	return out
}

// alignClaims distributes a section's claims, in order, over the pieces its text was
// split into: a claim goes to the first piece, from the current one on, that contains
// it. A claim found in no later piece stays with the current piece, so one odd
// sentence cannot shift the claims after it.
func alignClaims(pieces []string, claims []corpus.Claim) [][]corpus.Claim {
	out := make([][]corpus.Claim, len(pieces))
	norm := make([]string, len(pieces))
	for i, p := range pieces {
		norm[i] = normalizeClaim(p)
	}
	cur, at := 0, 0
	for _, c := range claims {
		nc := normalizeClaim(c.Text)
		for j := cur; j < len(pieces); j++ {
			from := 0
			if j == cur {
				from = at
			}
			if k := strings.Index(norm[j][from:], nc); k >= 0 {
				cur, at = j, from+k+len(nc)
				break
			}
		}
		out[cur] = append(out[cur], c)
	}
	return out
}

// normalizeClaim reduces text to lower-case letters and digits separated by single
// spaces, so that a sentence can be found in a passage whatever its punctuation.
func normalizeClaim(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// claimSources resolves the keys of claims against d's sources, in order of first use.
func claimSources(d corpus.Document, claims []corpus.Claim) []corpus.Source {
	var out []corpus.Source
	for _, c := range claims {
		for _, k := range c.Keys {
			if s, ok := d.Source(k); ok && !slices.ContainsFunc(out, func(o corpus.Source) bool { return o.Key == k }) {
				out = append(out, s)
			}
		}
	}
	return out
}

// SourcesOf returns the pages that support sentence, a sentence quoted from the
// chunk's text (possibly tidied or joined with list items): the sources of every
// claim of the chunk that the sentence contains or that contains the sentence, in
// order of first use. It returns nil when no claim with keys matches.
func (c Chunk) SourcesOf(sentence string) []corpus.Source {
	var out []corpus.Source
	for _, i := range c.claimsOf(sentence) {
		out = c.appendSources(out, c.Claims[i].Keys)
	}
	return out
}

// CiteSources returns the pages to cite for sentence: its own pages (see
// [Chunk.SourcesOf]); for a sentence that names none, the pages of the nearest claim
// with keys before it in the chunk, else after it, since neighbouring sentences
// usually come from the same page. It returns nil when no claim of the chunk has keys
// (a format v1 corpus), leaving the fallback to the caller.
func (c Chunk) CiteSources(sentence string) []corpus.Source {
	if own := c.SourcesOf(sentence); len(own) > 0 {
		return own
	}
	at := 0
	if m := c.claimsOf(sentence); len(m) > 0 {
		at = m[0]
	}
	for i := at - 1; i >= 0; i-- {
		if len(c.Claims[i].Keys) > 0 {
			return c.appendSources(nil, c.Claims[i].Keys)
		}
	}
	for i := at; i < len(c.Claims); i++ {
		if len(c.Claims[i].Keys) > 0 {
			return c.appendSources(nil, c.Claims[i].Keys)
		}
	}
	return nil
}

// claimsOf returns the indexes of the claims that sentence contains or that contain
// it, compared as normalised words.
func (c Chunk) claimsOf(sentence string) []int {
	ns := normalizeClaim(sentence)
	if ns == "" {
		return nil
	}
	var out []int
	for i, cl := range c.Claims {
		nc := normalizeClaim(cl.Text)
		if nc != "" && (strings.Contains(ns, nc) || strings.Contains(nc, ns)) {
			out = append(out, i)
		}
	}
	return out
}

// appendSources adds the chunk's sources named by keys to out, skipping repeats.
func (c Chunk) appendSources(out []corpus.Source, keys []string) []corpus.Source {
	for _, k := range keys {
		i := slices.IndexFunc(c.Sources, func(s corpus.Source) bool { return s.Key == k })
		if i >= 0 && !slices.ContainsFunc(out, func(o corpus.Source) bool { return o.Key == k }) {
			out = append(out, c.Sources[i])
		}
	}
	return out
}
