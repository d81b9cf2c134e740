package retrieval

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

// v2Doc parses a format v2 document with two sources and the given body.
func v2Doc(tb testing.TB, body string) corpus.Document {
	tb.Helper()
	src := `---
id: fees
title: Exam fees
topic: certification
as_of: 2026-01
sources:
  ahima:
    url: https://www.ahima.org/rhit
    title: AHIMA — RHIT
    as_of: 2026-01
    kind: primary
  guide:
    url: https://example.org/guide
    title: A study guide
    as_of: 2025-11
    kind: secondary
summary:
  - The fee is $229.[^ahima]
  - The exam has 150 questions.[^guide]
  - Candidates test at Pearson VUE.[^ahima]
---
` + body
	d, probs := corpus.ParseDocument("docs/fees.md", []byte(src))
	if len(probs) != 0 {
		tb.Fatalf("fixture document: %v", probs)
	}
	return d
}

func TestBuildChunks_Claims(t *testing.T) {
	d := v2Doc(t, "## What does the RHIT cost?\n\nThe RHIT fee is **$229** for members.[^guide][^ahima] Candidates test at Pearson VUE.\n\nThe exam has 150 questions. [^guide]\n")
	chunks := BuildChunks(&corpus.Corpus{Docs: []corpus.Document{d}})
	if len(chunks) != 1 {
		t.Fatalf("chunks = %d", len(chunks))
	}
	ch := chunks[0]
	wantClaims := []corpus.Claim{
		{Text: "The RHIT fee is $229 for members.", Keys: []string{"guide", "ahima"}},
		{Text: "Candidates test at Pearson VUE."},
		{Text: "The exam has 150 questions.", Keys: []string{"guide"}},
	}
	if !reflect.DeepEqual(ch.Claims, wantClaims) {
		t.Errorf("claims:\n got %+v\nwant %+v", ch.Claims, wantClaims)
	}
	if len(ch.Sources) != 2 || ch.Sources[0].Key != "guide" || ch.Sources[1].Key != "ahima" {
		t.Errorf("sources in first-use order = %+v", ch.Sources)
	}
	if ch.URL != "https://example.org/guide" || strings.Contains(ch.Text, "[^") || strings.Contains(ch.Text, "**") {
		t.Errorf("url %q, text %q", ch.URL, ch.Text)
	}
	for _, tt := range []struct {
		sentence string
		want     []string
	}{
		{"The RHIT fee is $229 for members.", []string{"guide", "ahima"}},
		{"the exam has 150 questions", []string{"guide"}},
		{"Candidates test at Pearson VUE.", nil},
		{"Something else entirely.", nil},
	} {
		var got []string
		for _, s := range ch.SourcesOf(tt.sentence) {
			got = append(got, s.Key)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SourcesOf(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

func TestChunk_CiteSources(t *testing.T) {
	d := v2Doc(t, "## Fees\n\nMost candidates plan ahead. The RHIT fee is $229.[^ahima] Candidates test at Pearson VUE. The exam has 150 questions.[^guide] Results come quickly.\n")
	ch := BuildChunks(&corpus.Corpus{Docs: []corpus.Document{d}})[0]
	for _, tt := range []struct {
		sentence string
		want     []string
	}{
		{"The RHIT fee is $229.", []string{"ahima"}},           // its own page
		{"Candidates test at Pearson VUE.", []string{"ahima"}}, // the page before it
		{"Results come quickly.", []string{"guide"}},           // the page before it
		{"Most candidates plan ahead.", []string{"ahima"}},     // nothing before: the page after it
		{"A sentence of another chunk.", []string{"ahima"}},    // unknown: the chunk's first keyed claim
	} {
		var got []string
		for _, s := range ch.CiteSources(tt.sentence) {
			got = append(got, s.Key)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("CiteSources(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
	v1 := Chunk{Claims: []corpus.Claim{{Text: "No keys here."}}}
	if got := v1.CiteSources("No keys here."); got != nil {
		t.Errorf("a chunk without keyed claims cites %v, want nil (the caller's fallback)", got)
	}
}

// TestBuildChunks_LongSectionKeepsClaimsAligned splits a long section into pieces and
// checks that every piece carries exactly the claims of its own paragraphs.
func TestBuildChunks_LongSectionKeepsClaimsAligned(t *testing.T) {
	var body strings.Builder
	body.WriteString("## A long answer\n\n")
	for p := range 3 {
		key := []string{"ahima", "guide", "ahima"}[p]
		for s := range 17 {
			fmt.Fprintf(&body, "Paragraph %d sentence %d repeats enough words to make the section long.[^%s] ", p, s, key)
		}
		body.WriteString("\n\n")
	}
	d := v2Doc(t, body.String())
	chunks := BuildChunks(&corpus.Corpus{Docs: []corpus.Document{d}})
	if len(chunks) != 3 {
		t.Fatalf("section was not split: %d chunk(s)", len(chunks))
	}
	total := 0
	for _, ch := range chunks {
		total += len(ch.Claims)
		for _, cl := range ch.Claims {
			if !strings.Contains(ch.Text, cl.Text) {
				t.Errorf("%s holds claim %q that is not in its text", ch.ID, cl.Text)
			}
		}
		if len(ch.Sources) == 0 || ch.URL != ch.Sources[0].URL {
			t.Errorf("%s: url %q, sources %+v", ch.ID, ch.URL, ch.Sources)
		}
	}
	if total != 51 {
		t.Errorf("claims over all pieces = %d, want 51", total)
	}
	if chunks[1].Sources[0].Key != "guide" {
		t.Errorf("second piece cites %+v, want the guide first", chunks[1].Sources)
	}
}

// TestBuildChunks_BuiltinClaimsAligned checks that every sentence of the real corpus
// lands in a chunk whose text contains it.
func TestBuildChunks_BuiltinClaimsAligned(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	claims := 0
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			claims += len(plainClaims(s.Claims))
		}
	}
	got := 0
	for _, ch := range BuildChunks(c) {
		text := normalizeClaim(ch.Text)
		for _, cl := range ch.Claims {
			got++
			if !strings.Contains(text, normalizeClaim(cl.Text)) {
				t.Errorf("%s holds claim %q that is not in its text", ch.ID, cl.Text)
			}
		}
	}
	if got != claims || claims == 0 {
		t.Errorf("chunks hold %d claims, sections have %d", got, claims)
	}
}

func TestCorpusKey_ChangesWithCitations(t *testing.T) {
	d := v2Doc(t, "## Fees\n\nThe RHIT fee is $229.[^ahima] The exam has 150 questions.[^guide]\n")
	emb := NewLocalEmbedder(testSynonyms)
	key := func(d corpus.Document) string {
		return corpusKey(emb, BuildChunks(&corpus.Corpus{Docs: []corpus.Document{d}}))
	}
	base := key(d)

	moved := v2Doc(t, "## Fees\n\nThe RHIT fee is $229.[^guide] The exam has 150 questions.[^ahima]\n")
	if key(moved) == base {
		t.Error("moving a key to another sentence left the index key unchanged")
	}
	redated := d
	redated.Sources = append([]corpus.Source(nil), d.Sources...)
	redated.Sources[0].AsOf = "2024-01"
	if key(redated) == base {
		t.Error("changing a source's as_of left the index key unchanged")
	}
	if chunkHash(BuildChunks(&corpus.Corpus{Docs: []corpus.Document{moved}})[0]) != chunkHash(BuildChunks(&corpus.Corpus{Docs: []corpus.Document{d}})[0]) {
		t.Error("a citation change alone would re-embed the chunk")
	}
}

// TestOpen_WarmStartKeepsClaims checks that an engine loaded from the index file has
// the same claims and sources as the one that wrote it, and that a citation change
// alone is not served from a stale file.
func TestOpen_WarmStartKeepsClaims(t *testing.T) {
	dir := t.TempDir()
	d := v2Doc(t, "## Fees\n\nThe RHIT fee is $229.[^ahima] The exam has 150 questions.[^guide]\n")
	c := testCorpus()
	c.Docs = append(c.Docs, d)
	emb := NewLocalEmbedder(c.Synonyms)
	built := openTest(t, c, emb, dir).Chunks()
	loaded := openTest(t, c, emb, dir)
	if !loaded.Stats().DerivedLoaded {
		t.Fatalf("second open rebuilt: %+v", loaded.Stats())
	}
	if !reflect.DeepEqual(loaded.Chunks(), built) {
		t.Error("chunks differ after a warm start")
	}

	c.Docs[len(c.Docs)-1] = v2Doc(t, "## Fees\n\nThe RHIT fee is $229.[^guide] The exam has 150 questions.[^ahima]\n")
	moved := openTest(t, c, emb, dir)
	last := moved.Chunks()[len(built)-len(c.Courses)-1]
	if last.DocID != "fees" || last.Claims[0].Keys[0] != "guide" || last.URL != "https://example.org/guide" {
		t.Errorf("after moving the keys, the fees chunk is %+v", last)
	}
}
