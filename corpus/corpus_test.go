package corpus_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careerbot/careerbot/corpus"
)

func mustLoadEmbedded(tb testing.TB) *corpus.Corpus {
	tb.Helper()
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		tb.Fatalf("load embedded corpus: %v", err)
	}
	return c
}

func TestEmbedded_Invariants(t *testing.T) {
	c := mustLoadEmbedded(t)
	if got := len(c.Docs); got < 12 {
		t.Errorf("documents = %d, want at least 12", got)
	}
	ids := map[string]bool{}
	topics := map[string]bool{}
	words := 0
	for _, d := range c.Docs {
		if ids[d.ID] {
			t.Errorf("duplicate document id %q", d.ID)
		}
		ids[d.ID] = true
		topics[d.Topic] = true
		if !corpus.ValidTopic(d.Topic) {
			t.Errorf("%s: invalid topic %q", d.Path, d.Topic)
		}
		if len(d.Sources) == 0 || d.AsOf == "" {
			t.Errorf("%s: sources or as_of missing", d.Path)
		}
		if n := len(d.Summary); n < 3 || n > 6 {
			t.Errorf("%s: %d summary points, want 3 to 6", d.Path, n)
		}
		slugs := map[string]bool{}
		for _, s := range d.Sections {
			if slugs[s.Slug] {
				t.Errorf("%s: duplicate section slug %q", d.Path, s.Slug)
			}
			slugs[s.Slug] = true
			words += len(strings.Fields(s.Text))
		}
	}
	for _, topic := range corpus.Topics {
		if !topics[topic] {
			t.Errorf("no document covers topic %q", topic)
		}
	}
	if words < 8000 || words > 25000 {
		t.Errorf("corpus has %d words, want about 8,000 to 25,000", words)
	}

	courseIDs := map[string]bool{}
	for _, co := range c.Courses {
		if courseIDs[co.ID] {
			t.Errorf("duplicate course id %q", co.ID)
		}
		courseIDs[co.ID] = true
		if !strings.HasPrefix(co.URL, "https://") {
			t.Errorf("course %s: url %q is not https", co.ID, co.URL)
		}
		if !slices.Contains(corpus.Levels, co.Level) || !slices.Contains(corpus.Formats, co.Format) || !slices.Contains(corpus.Costs, co.Cost) {
			t.Errorf("course %s: level/format/cost %q/%q/%q outside the value sets", co.ID, co.Level, co.Format, co.Cost)
		}
	}
	if got := len(c.Courses); got != 32 {
		t.Errorf("courses = %d, want the 32 of the fact sheet", got)
	}
	if got := c.Synonyms.Len(); got < 60 {
		t.Errorf("synonym entries = %d, want at least 60", got)
	}
	for _, acr := range []string{"RHIT", "RHIA", "CCA", "CCS", "CPC", "AHIMA", "AAPC", "CAHIIM", "HIPAA", "ROI"} {
		if c.Synonyms.Acronyms[acr] == "" {
			t.Errorf("acronym %s has no expansion", acr)
		}
	}
}

func TestStats_CoversEveryTopic(t *testing.T) {
	st := corpus.Stats(mustLoadEmbedded(t))
	if len(st.Missing) != 0 {
		t.Errorf("topics without documents: %v", st.Missing)
	}
	if st.Total.Courses != 32 || st.Total.Documents < 12 {
		t.Errorf("totals = %+v", st.Total)
	}
}

const goodDoc = `---
id: sample
title: A sample document
topic: education
sources:
  - https://www.bls.gov/ooh/
as_of: 2025-06
summary:
  - One.
  - Two.
  - Three.
---

## First question

Some text.

## Second question

More text.
`

const goodCourses = `- id: c1
  title: Course
  provider: P
  platform: Online
  url: https://example.org/c1
  level: beginner
  format: course
  length: 4 weeks
  cost: free
  topics: [coding]
`

const goodSynonyms = "acronyms:\n  RHIT: Registered Health Information Technician\nsynonyms:\n  - [pay, salary]\n"

// corpusFS returns a valid corpus covering every topic, with files overridden.
func corpusFS(overrides map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"courses.yaml":  {Data: []byte(goodCourses)},
		"synonyms.yaml": {Data: []byte(goodSynonyms)},
	}
	for i, topic := range corpus.Topics {
		doc := strings.Replace(goodDoc, "id: sample", fmt.Sprintf("id: doc-%d", i), 1)
		doc = strings.Replace(doc, "topic: education", "topic: "+topic, 1)
		fsys[fmt.Sprintf("docs/doc-%d.md", i)] = &fstest.MapFile{Data: []byte(doc)}
	}
	for name, data := range overrides {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestLoad_Valid(t *testing.T) {
	c, err := corpus.Load(corpusFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	d, ok := c.Doc("doc-0")
	if !ok || len(d.Sections) != 2 || d.Sections[1].Slug != "second-question" || d.Sections[1].Line != 18 {
		t.Fatalf("doc-0 = %+v", d)
	}
}

func TestLoad_SectionSources(t *testing.T) {
	doc := strings.NewReplacer("id: sample", "id: doc-0", "topic: education", "topic: overview").Replace(goodDoc)
	doc = strings.Replace(doc, "sources:\n  - https://www.bls.gov/ooh/", "sources:\n  - https://www.bls.gov/ooh/\n  - https://www.ahima.org/rhit", 1)
	doc = strings.Replace(doc, "Some text.", "Some text.\n\nSources: https://www.ahima.org/rhit", 1)
	c, err := corpus.Load(corpusFS(map[string]string{"docs/doc-0.md": doc}))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := c.Doc("doc-0")
	first, second := d.Sections[0], d.Sections[1]
	if first.Text != "Some text." || first.URL(d) != "https://www.ahima.org/rhit" {
		t.Errorf("first section: text %q, url %q", first.Text, first.URL(d))
	}
	if second.URL(d) != "https://www.bls.gov/ooh/" {
		t.Errorf("a section without a Sources line should use the document's first source, got %q", second.URL(d))
	}
}

func TestEmbedded_SectionSourcesResolve(t *testing.T) {
	c := mustLoadEmbedded(t)
	for _, d := range c.Docs {
		for _, s := range d.Sections {
			if u := s.URL(d); !strings.HasPrefix(u, "https://") {
				t.Errorf("%s#%s: source %q", d.ID, s.Slug, u)
			}
		}
	}
}

func TestLoad_Problems(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string]string
		want      string // "file:line: fragment"
	}{
		{"NoFrontMatter", map[string]string{"docs/x.md": "## Heading\n\ntext\n"}, "docs/x.md:1: front matter missing"},
		{"Unclosed", map[string]string{"docs/x.md": "---\nid: x\n"}, "docs/x.md:1: front matter not closed"},
		{"BadYAML", map[string]string{"docs/x.md": "---\nid: [x\n---\n## A\n\ntext\n"}, "docs/x.md:"},
		{"BadTopic", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "topic: education", "topic: cooking", 1)}, "docs/doc-0.md:4: topic \"cooking\""},
		{"BadID", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "id: sample", "id: Bad_ID", 1)}, "docs/doc-0.md:2: id \"Bad_ID\""},
		{"HTTPSource", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "https://www.bls.gov/ooh/", "http://www.bls.gov/ooh/", 1)}, "docs/doc-0.md:5: sources:"},
		{"BadAsOf", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "as_of: 2025-06", "as_of: June 2025", 1)}, "docs/doc-0.md:7: as_of"},
		{"ShortSummary", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "  - Three.\n", "", 1)}, "docs/doc-0.md:8: summary has 2 points"},
		{"UnknownField", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "as_of:", "asof: x\nas_of:", 1)}, "docs/doc-0.md:7: unknown field \"asof\""},
		{"EmptySection", map[string]string{"docs/doc-0.md": goodDoc + "\n## Empty\n\n"}, "docs/doc-0.md:22: section \"Empty\" is empty"},
		{"DuplicateID", map[string]string{"docs/zz.md": strings.Replace(goodDoc, "id: sample", "id: doc-1", 1)}, "id \"doc-1\" is also used"},
		{"MissingTopic", map[string]string{"docs/doc-0.md": ""}, "no document covers topic \"overview\""},
		{"Binary", map[string]string{"docs/doc-0.md": "---\x00\xff"}, "docs/doc-0.md:1: not UTF-8"},
		{"CourseLevel", map[string]string{"courses.yaml": strings.Replace(goodCourses, "level: beginner", "level: expert", 1)}, "courses.yaml:6: course \"c1\": level \"expert\""},
		{"CourseURL", map[string]string{"courses.yaml": strings.Replace(goodCourses, "https://example.org/c1", "ftp://x", 1)}, "courses.yaml:5: course \"c1\": url"},
		{"CourseNotList", map[string]string{"courses.yaml": "id: x\n"}, "courses.yaml:1: courses.yaml must be a YAML list"},
		{"NoCourses", map[string]string{"courses.yaml": ""}, "courses.yaml:0: cannot read"},
		{"SourceNotListed", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "Some text.", "Some text.\n\nSources: https://example.org/other", 1)}, "docs/doc-0.md:18: Sources: https://example.org/other is not in the document's sources"},
		{"SourceNotHTTPS", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "Some text.", "Some text.\nSources: http://www.bls.gov/ooh/", 1)}, "docs/doc-0.md:17: Sources: \"http://www.bls.gov/ooh/\" is not an https URL"},
		{"OnlySources", map[string]string{"docs/doc-0.md": strings.Replace(goodDoc, "Some text.", "Sources: https://www.bls.gov/ooh/", 1)}, "docs/doc-0.md:14: section \"First question\" has only a Sources line"},
		{"SynonymGroup", map[string]string{"synonyms.yaml": "synonyms:\n  - [alone]\n"}, "synonyms.yaml:2: synonym group 1 needs at least two terms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Load(corpusFS(tt.overrides))
			wantProblem(t, err, tt.want)
		})
	}
}

// wantProblem fails unless err is a *corpus.Error with a problem containing want.
func wantProblem(tb testing.TB, err error, want string) {
	tb.Helper()
	var cerr *corpus.Error
	if !errors.As(err, &cerr) {
		tb.Fatalf("Load error = %v, want *corpus.Error", err)
	}
	if !strings.Contains(err.Error(), want) {
		tb.Errorf("problems:\n%v\nwant one containing %q", err, want)
	}
}

func TestLoad_ReportsEveryProblemAtOnce(t *testing.T) {
	_, err := corpus.Load(corpusFS(map[string]string{
		"docs/doc-0.md": strings.Replace(strings.Replace(goodDoc, "topic: education", "topic: x", 1), "as_of: 2025-06", "as_of: x", 1),
		"courses.yaml":  strings.Replace(goodCourses, "cost: free", "cost: cheap", 1),
	}))
	var cerr *corpus.Error
	if !errors.As(err, &cerr) || len(cerr.Problems) < 3 {
		t.Fatalf("want at least 3 problems, got %v", err)
	}
}

func FuzzParseDocument(f *testing.F) {
	f.Add([]byte(goodDoc))
	f.Add([]byte(goodV2Doc))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\nsummary: [a, b\n---\n## x"))
	f.Add([]byte("---\nid: &a [*a]\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, probs := corpus.ParseDocument("docs/fuzz.md", data)
		if len(probs) == 0 {
			if doc.ID == "" || len(doc.Sections) == 0 || !corpus.ValidTopic(doc.Topic) {
				t.Fatalf("accepted an invalid document: %+v", doc)
			}
			for _, s := range doc.Sections {
				if strings.Contains(s.Text, "[^") {
					t.Fatalf("accepted section text with a marker: %q", s.Text)
				}
			}
		}
		for _, p := range probs {
			if p.File != "docs/fuzz.md" || p.Msg == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}

func FuzzParseCourses(f *testing.F) {
	f.Add([]byte(goodCourses))
	f.Add([]byte("- {id: x, topics: {a: b}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		courses, probs := corpus.ParseCourses("courses.yaml", data)
		if len(probs) == 0 && len(courses) == 0 {
			t.Fatal("no courses and no problems")
		}
	})
}

func ExampleLoad() {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := c.Doc("overview")
	fmt.Println(d.Topic, len(c.Courses) > 0)
	// Output: overview true
}

func TestLexicon_Embedded(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	lx := c.Lexicon
	if lx.Normalize["ppl"] != "people" || lx.NormalizeCased["RN"] != "registered nurse" || len(lx.Filler) == 0 {
		t.Errorf("normalisation table not loaded: %+v", lx.Normalize)
	}
	if len(lx.Occupations) < 2 || len(lx.Attributes) < 8 || len(lx.Constraints) < 3 {
		t.Errorf("lexicon has %d occupations, %d attributes, %d constraints", len(lx.Occupations), len(lx.Attributes), len(lx.Constraints))
	}
}

func TestParseLexicon_Problems(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"not a mapping", "- a\n", "must be a mapping"},
		{"unknown key", "normalise:\n  u: you\n", "normalise"},
		{"attribute without label", "attributes:\n  - name: fee\n    asks: [fee]\n    states: [fee]\n", "needs a name and a label"},
		{"twice", "attributes:\n  - {name: a, label: x, asks: [a], states: [a]}\n  - {name: a, label: x, asks: [a], states: [a]}\n", "listed twice"},
		{"gap without names", "constraints:\n  - kind: place\n    gap: no figures\n    names: [ohio]\n", "{names}"},
		{"occupation without phrase", "occupations:\n  - name: x\n", "at least one phrase"},
		{"role without phrase", "roles:\n  - name: coding auditors\n", "needs a name and non-empty phrases"},
		{"role of unknown kind", "roles:\n  - {name: auditors, kind: job, phrases: [auditor]}\n", `kind "job"`},
		{"role twice", "roles:\n  - {name: auditors, phrases: [auditor]}\n  - {name: auditors, phrases: [coding auditor]}\n", "listed twice"},
		{"role phrase of an occupation", "occupations:\n  - {name: coders, soc: 29-2072, phrases: [coder]}\nroles:\n  - {name: auditors, phrases: [Coder]}\n", "occupation coders has too"},
		{"gap without placeholder", "gaps:\n  current: no current figures\n", "{year}"},
		{"unknown gap", "gaps:\n  someday: x\n", "unknown case"},
		{"bad yaml", "normalize: [\n", "lexicon.yaml"},
	} {
		_, probs := corpus.ParseLexicon("lexicon.yaml", []byte(tc.yaml))
		if len(probs) == 0 || !strings.Contains(probs[0].String(), tc.want) {
			t.Errorf("%s: problems %v, want one mentioning %q", tc.name, probs, tc.want)
		}
	}
	if _, probs := corpus.ParseLexicon("lexicon.yaml", []byte("roles:\n  - {name: auditors, phrases: [auditor]}\n  - {name: managers, kind: occupation, phrases: [manager]}\n")); len(probs) != 0 {
		t.Errorf("valid roles: %v", probs)
	}
	if _, probs := corpus.ParseLexicon("lexicon.yaml", []byte("normalize:\n  u: you\n")); len(probs) != 0 {
		t.Errorf("valid lexicon: %v", probs)
	}
}

func FuzzParseLexicon(f *testing.F) {
	f.Add([]byte("normalize:\n  u: you\nattributes:\n  - {name: a, label: x, asks: [a], states: [a]}\n"))
	f.Add([]byte("constraints: [{kind: k, gap: '{names}', names: [x]}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		corpus.ParseLexicon("lexicon.yaml", data) // must not panic
	})
}
