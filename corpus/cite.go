package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// checkCitations enforces claim-level sources in a format v2 document: every marker
// is well formed and names a key of the sources map, every key is cited somewhere,
// and every sentence that states a figure cites at least one key.
func checkCitations(name string, doc *Document, fm frontMatter, claims []claimAt) []Problem {
	var probs []Problem
	used := map[string]bool{}
	for _, c := range claims {
		probs = append(probs, markerProblems(name, c.line, c.bad)...)
		for _, k := range c.Keys {
			used[k] = true
			if _, ok := doc.Source(k); !ok {
				probs = append(probs, Problem{name, c.line, fmt.Sprintf("[^%s] does not name a key of the front matter's sources", k)})
			}
		}
		if len(c.Keys) == 0 && StatesFigure(c.Text) {
			probs = append(probs, Problem{name, c.line, fmt.Sprintf("sentence states a figure but cites no source: %q", excerpt(c.Text))})
		}
	}
	for _, s := range doc.Sources {
		if !used[s.Key] {
			probs = append(probs, Problem{name, fm.sourceLines[s.Key], fmt.Sprintf("source %q is never cited; cite it with [^%s] or remove it", s.Key, s.Key)})
		}
	}
	return probs
}

// samePageWarnings reports keys of doc that repeat an earlier key's page exactly
// (url, title, as_of and kind): harmless for answers, which number it once, but one
// key per page keeps the sources map honest. Entries sharing only a URL are different
// readings of a site and stay separate.
func samePageWarnings(name string, doc *Document, fm frontMatter) []Problem {
	var warns []Problem
	first := map[Source]string{}
	for _, s := range doc.Sources {
		page := Source{URL: s.URL, Title: s.Title, AsOf: s.AsOf, Kind: s.Kind}
		if k, ok := first[page]; ok {
			warns = append(warns, Problem{name, fm.sourceLines[s.Key], fmt.Sprintf("source %q repeats source %q; cite one key for the page", s.Key, k)})
			continue
		}
		first[page] = s.Key
	}
	return warns
}

// legacyWarnings describes what a format v1 document lacks, without failing it: one
// warning for the URL list and one naming how many figure sentences cite no page.
func legacyWarnings(name string, doc *Document, fm frontMatter, claims []claimAt) []Problem {
	warns := []Problem{{name, fm.sourcesLine, "sources is a URL list (format v1): answers cannot link the page that holds each claim; use a key → {url, title, as_of, kind} map and [^key] markers (corpus/FORMAT.md)"}}
	unsourced, first := 0, 0
	for _, c := range claims {
		warns = append(warns, markerProblems(name, c.line, c.bad)...)
		for _, k := range c.Keys {
			if _, ok := doc.Source(k); !ok {
				warns = append(warns, Problem{name, c.line, fmt.Sprintf("[^%s] does not name a source", k)})
			}
		}
		if len(c.Keys) == 0 && StatesFigure(c.Text) {
			if unsourced == 0 {
				first = c.line
			}
			unsourced++
		}
	}
	if unsourced > 0 {
		warns = append(warns, Problem{name, first, fmt.Sprintf("%d sentence(s) state a figure without a source key, the first here", unsourced)})
	}
	return warns
}

// excerpt shortens a sentence for a problem message.
func excerpt(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return s[:cut] + "…"
}

// CitationStats counts claim-level sourcing over the corpus's documents.
type CitationStats struct {
	Sources                  int // distinct source pages (by URL)
	FigureSentences          int // section sentences and summary points stating a figure
	FigureSentencesUnsourced int // of those, the ones that cite no key
}

// Citations counts source pages and figure sentences, section sentences and summary
// points alike.
func Citations(c *Corpus) CitationStats {
	var st CitationStats
	var urls []string
	for _, d := range c.Docs {
		for _, s := range d.Sources {
			if !slices.Contains(urls, s.URL) {
				urls = append(urls, s.URL)
			}
		}
		count := func(cl Claim) {
			if StatesFigure(cl.Text) {
				st.FigureSentences++
				if len(cl.Keys) == 0 {
					st.FigureSentencesUnsourced++
				}
			}
		}
		for _, cl := range d.SummaryClaims {
			count(cl)
		}
		for _, s := range d.Sections {
			for _, cl := range s.Claims {
				count(cl)
			}
		}
	}
	st.Sources = len(urls)
	return st
}
