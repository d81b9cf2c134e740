package answer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// pages numbers the source pages an answer cites, 1..n in order of first use. A page
// with a claim-level source is one number however many keys, chunks or documents
// name it (keyed by URL, title, as-of date and kind: two entries that share a URL
// but were read as different pages stay apart); a chunk whose sentences name no page (a format v1 corpus) stands
// for its own URL and is keyed by chunk, as before claim-level sources.
type pages struct {
	list []Source
	num  map[string]int
}

func newPages() *pages { return &pages{num: map[string]int{}} }

// page returns the number of the page src, adding it (attributed to h) when new.
func (p *pages) page(h retrieval.Hit, src corpus.Source) int {
	return p.add(pageKey(src), func(n int) Source {
		return Source{N: n, DocID: h.DocID, ChunkID: h.ID, Title: src.Title, Section: h.Section, Topic: h.Topic,
			URL: src.URL, AsOf: src.AsOf, Kind: src.Kind, Score: h.Score}
	})
}

// chunk returns the number of the fallback page of h: its URL, document title and
// as-of date.
func (p *pages) chunk(h retrieval.Hit) int {
	return p.add("chunk\x00"+h.ID, func(n int) Source { return sourceOf(n, h) })
}

// doc returns the number of the fallback page of a document's summary.
func (p *pages) doc(d corpus.Document) int {
	return p.add("doc\x00"+d.ID, func(n int) Source {
		return Source{N: n, DocID: d.ID, ChunkID: d.ID, Title: d.Title, Topic: d.Topic, URL: d.URL(), AsOf: d.AsOf, Score: 1}
	})
}

// docPage returns the number of page src of document d (a summary point's source).
func (p *pages) docPage(d corpus.Document, src corpus.Source) int {
	return p.add(pageKey(src), func(n int) Source {
		return Source{N: n, DocID: d.ID, ChunkID: d.ID, Title: src.Title, Topic: d.Topic, URL: src.URL, AsOf: src.AsOf, Kind: src.Kind, Score: 1}
	})
}

// pageKey identifies a page by everything a reader sees of it.
func pageKey(s corpus.Source) string {
	return strings.Join([]string{"page", s.URL, s.Title, s.AsOf, s.Kind}, "\x00")
}

func (p *pages) add(key string, make func(n int) Source) int {
	if n, ok := p.num[key]; ok {
		return n
	}
	n := len(p.list) + 1
	p.num[key] = n
	p.list = append(p.list, make(n))
	return n
}

// sentence returns the numbers of the pages to cite for a sentence quoted from h
// (see [retrieval.Chunk.CiteSources]), or h's fallback page when h cites no page.
func (p *pages) sentence(h retrieval.Hit, text string) []int {
	var ns []int
	for _, src := range h.CiteSources(text) {
		if n := p.page(h, src); !slices.Contains(ns, n) { // two keys may repeat one page
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		ns = append(ns, p.chunk(h))
	}
	return ns
}

// sources returns the numbered pages, titles made distinct.
func (p *pages) sources() []Source { return distinguishTitles(p.list) }

// cite puts the markers [n]… before a sentence's final period or exclamation mark.
func cite(sentence string, ns ...int) string {
	s := strings.TrimSpace(sentence)
	var marker strings.Builder
	marker.WriteByte(' ')
	for _, n := range ns {
		marker.WriteString("[" + strconv.Itoa(n) + "]")
	}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") {
		return s[:len(s)-1] + marker.String() + s[len(s)-1:]
	}
	return s + marker.String()
}
