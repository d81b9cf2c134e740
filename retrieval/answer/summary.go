package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/careerbot/careerbot/corpus"
)

// maxSummaryPoints bounds the bullets of a summary.
const maxSummaryPoints = 8

// ErrUnknownTopic is returned (wrapped, with the valid topics) by Summary for a topic
// that is not one of corpus.Topics.
var ErrUnknownTopic = errors.New("unknown topic")

// Summary returns the key points of topic's documents as a short cited post: a
// one-line heading, then at most eight bullets, each citing its document [n] (source
// URL and as-of date in Sources). Documents take turns so each contributes. topic may
// be written loosely ("Pay", "work settings"). With an LLM the post is rewritten in a
// friendlier voice, but only when the rewrite keeps every citation; otherwise, and on
// any LLM failure, the plain version is returned. onPartial may be nil.
func (a *Advisor) Summary(ctx context.Context, topic string, onPartial func(string)) (Result, error) {
	t, ok := normalizeTopic(topic)
	if !ok {
		return Result{}, fmt.Errorf("summarize %q: %w; choose one of %s", topic, ErrUnknownTopic, strings.Join(corpus.Topics, ", "))
	}
	docs := a.corpus.DocsByTopic(t)
	if len(docs) == 0 {
		return Result{}, fmt.Errorf("summarize %q: no document covers this topic yet", t)
	}
	heading, points, sources := summaryPoints(t, docs)
	out := Result{Mode: ModeExtractive, Topic: t, Sources: sources, Confidence: 1}
	out.Text = heading + "\n\n" + strings.Join(points, "\n")
	if a.llm != nil {
		var partial func(string)
		if onPartial != nil {
			partial = func(text string) { onPartial(heading + "\n\n" + text) }
		}
		if text, ok := a.rewriteSummary(ctx, t, strings.Join(points, "\n"), sources, partial); ok {
			out.Text, out.Mode = heading+"\n\n"+text, ModeLLM
		}
	}
	return out, nil
}

// summaryPoints takes the front-matter key points of docs in turns (first point of
// each document, then the second…) up to maxSummaryPoints, as Markdown bullets. Each
// point cites the page(s) its own keys name, or its document's first page when it
// names none (format v1). Only cited pages become sources.
func summaryPoints(topic string, docs []corpus.Document) (heading string, points []string, sources []Source) {
	heading = "**Key points: " + TopicLabel(topic) + "**"
	ps := newPages()
	for round := 0; len(points) < maxSummaryPoints; round++ {
		added := false
		for _, d := range docs {
			if round >= len(d.Summary) || len(points) == maxSummaryPoints {
				continue
			}
			p := strings.TrimSpace(tidyPoint(d.Summary[round]))
			points = append(points, "- "+cite(p, pointPages(ps, d, round)...))
			added = true
		}
		if !added {
			break
		}
	}
	return heading, points, ps.sources()
}

// pointPages numbers the pages summary point i of d cites.
func pointPages(ps *pages, d corpus.Document, i int) []int {
	var ns []int
	if i < len(d.SummaryClaims) {
		for _, k := range d.SummaryClaims[i].Keys {
			if src, ok := d.Source(k); ok && !slices.Contains(ns, ps.docPage(d, src)) {
				ns = append(ns, ps.docPage(d, src))
			}
		}
	}
	if len(ns) == 0 {
		ns = append(ns, ps.doc(d))
	}
	return ns
}

// tidyPoint strips Markdown emphasis and stray citation markers from a key point.
func tidyPoint(p string) string {
	p = stripEmphasis(mdLink.ReplaceAllString(p, "$1"))
	return strings.Join(strings.Fields(citeMarker.ReplaceAllString(p, "")), " ")
}

// rewriteSummary asks the model for a friendly version of points and accepts it only
// when it is readable and cites each of the sources at least once. Links to hosts
// other than the sources' are removed first, from partials and the final text alike,
// and a partial is shown only when it is readable and cites a source.
func (a *Advisor) rewriteSummary(ctx context.Context, topic, points string, sources []Source, onPartial func(string)) (string, bool) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, a.llm.cfg.Timeout)
	defer cancel()
	n, allowed := len(sources), sourceHosts(sources)
	var partial func(string)
	if onPartial != nil {
		partial = func(soFar string) {
			clean, used := checkCitations(filterLinks(linkStablePrefix(soFar), allowed), n)
			if len(used) > 0 && !garbage(clean) {
				onPartial(originalNumbers(clean, used))
			}
		}
	}
	raw, err := a.llm.complete(ctx, summaryMessages(topic, points), partial)
	var text string
	if err == nil {
		text, err = keepsCitations(filterLinks(raw, allowed), n)
	}
	a.countLLM(time.Since(start), err, "summary")
	if err == nil && onPartial != nil {
		onPartial(text) // the words held back while they could still grow into a link
	}
	return text, err == nil
}

// keepsCitations validates a rewrite: invalid markers removed, readable, and every
// source 1..n still cited. Markers keep their original numbers.
func keepsCitations(raw string, n int) (string, error) {
	clean, used := checkCitations(raw, n)
	if garbage(clean) {
		return "", errGarbage
	}
	if len(used) != n {
		return "", errLostCite
	}
	return originalNumbers(clean, used), nil
}

// originalNumbers undoes the renumbering of checkCitations, so that [k] again means
// source k: a summary's sources are numbered before the model writes.
func originalNumbers(clean string, used []int) string {
	return citeOne.ReplaceAllStringFunc(clean, func(m string) string {
		lead := m[:strings.IndexByte(m, '[')]
		k, err := strconv.Atoi(strings.Trim(m[len(lead):], "[]"))
		if err != nil || k < 1 || k > len(used) {
			return m
		}
		return lead + "[" + strconv.Itoa(used[k-1]) + "]"
	})
}
