package corpus_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/corpus"
)

// goodV2Doc is a format v2 document: a sources map and [^key] markers. Line numbers
// matter to the tests below.
const goodV2Doc = `---
id: sample
title: A sample document
topic: education
as_of: 2026-01
sources:
  bls:
    url: https://www.bls.gov/ooh/hit.htm
    title: BLS — Medical records specialists
    as_of: 2025-09
    kind: primary
  guide:
    url: https://example.org/rhit-guide
    title: A 2026 RHIT study guide
    as_of: 2026-01
    kind: secondary
summary:
  - The median pay was $50,250 in May 2024. [^bls]
  - The RHIT exam has 150 questions.[^guide]
  - Programs differ in length.
---

## First question

The median pay was $50,250 in May 2024.[^bls] Pay varies by setting and region.

## Second question

The RHIT exam has 150 questions. [^guide] Most candidates sit it after graduating.[^guide][^bls]
`

func v2FS(doc string) map[string]string {
	return map[string]string{"docs/doc-0.md": strings.NewReplacer("id: sample", "id: doc-0", "topic: education", "topic: overview").Replace(doc)}
}

func TestLoad_V2(t *testing.T) {
	c, err := corpus.Load(corpusFS(v2FS(goodV2Doc)))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := c.Doc("doc-0")
	if d.Legacy() {
		t.Error("a sources map was read as format v1")
	}
	wantSources := []corpus.Source{
		{Key: "bls", URL: "https://www.bls.gov/ooh/hit.htm", Title: "BLS — Medical records specialists", AsOf: "2025-09", Kind: "primary"},
		{Key: "guide", URL: "https://example.org/rhit-guide", Title: "A 2026 RHIT study guide", AsOf: "2026-01", Kind: "secondary"},
	}
	if !reflect.DeepEqual(d.Sources, wantSources) {
		t.Errorf("sources = %+v", d.Sources)
	}
	if s, ok := d.Source("guide"); !ok || s.Domain() != "example.org" {
		t.Errorf("Source(guide) = %+v, %v", s, ok)
	}
	if d.URL() != "https://www.bls.gov/ooh/hit.htm" {
		t.Errorf("URL() = %q", d.URL())
	}
	if d.Summary[0] != "The median pay was $50,250 in May 2024." || !reflect.DeepEqual(d.SummaryClaims[0].Keys, []string{"bls"}) {
		t.Errorf("summary = %q, claims %+v", d.Summary, d.SummaryClaims)
	}
	wantClaims := []corpus.Claim{
		{Text: "The RHIT exam has 150 questions.", Keys: []string{"guide"}},
		{Text: "Most candidates sit it after graduating.", Keys: []string{"guide", "bls"}},
	}
	second := d.Sections[1]
	if !reflect.DeepEqual(second.Claims, wantClaims) {
		t.Errorf("claims = %+v", second.Claims)
	}
	if strings.Contains(second.Text, "[^") || second.Text != "The RHIT exam has 150 questions. Most candidates sit it after graduating." {
		t.Errorf("text = %q", second.Text)
	}
	for _, w := range c.Warnings {
		if w.File == d.Path {
			t.Errorf("warning on a valid v2 document: %v", w)
		}
	}
	st := corpus.Citations(&corpus.Corpus{Docs: []corpus.Document{d}})
	if st.Sources != 2 || st.FigureSentences != 4 || st.FigureSentencesUnsourced != 0 {
		t.Errorf("citation stats = %+v", st)
	}
}

func TestLoad_V2Problems(t *testing.T) {
	r := func(old, new string) string { return strings.Replace(goodV2Doc, old, new, 1) }
	tests := []struct {
		name string
		doc  string
		want string // "file:line: fragment"
	}{
		{"UnresolvedKey", r("graduating.[^guide][^bls]", "graduating.[^guide][^bsl]"), "docs/doc-0.md:29: [^bsl] does not name a key"},
		{"UnresolvedKeyInSummary", r("150 questions.[^guide]", "150 questions.[^nope]"), "docs/doc-0.md:19: [^nope] does not name a key"},
		{"KeyCitedElsewhere", r("graduating.[^guide][^bls]", "graduating.[^guide]"), ""},
		{"UnusedKey", strings.NewReplacer("[^bls]", "[^guide]").Replace(goodV2Doc), "docs/doc-0.md:7: source \"bls\" is never cited"},
		{"MissingURL", r("    url: https://www.bls.gov/ooh/hit.htm\n", ""), "docs/doc-0.md:7: source \"bls\": url is required"},
		{"MissingTitle", r("    title: A 2026 RHIT study guide\n", ""), "docs/doc-0.md:12: source \"guide\": title is required"},
		{"MissingAsOf", r("    as_of: 2025-09\n", ""), "docs/doc-0.md:7: source \"bls\": as_of is required"},
		{"MissingKind", r("    kind: secondary\n", ""), "docs/doc-0.md:12: source \"guide\": kind is required"},
		{"BadKind", r("kind: secondary", "kind: blog"), "docs/doc-0.md:16: source \"guide\": kind \"blog\" is not one of primary, secondary, dated"},
		{"BadURL", r("https://example.org/rhit-guide", "http://example.org/rhit-guide"), "docs/doc-0.md:13: source \"guide\": \"http://example.org/rhit-guide\" is not an https URL"},
		{"BadAsOf", r("as_of: 2025-09", "as_of: Sept 2025"), "docs/doc-0.md:10: source \"bls\": as_of \"Sept 2025\" must be YYYY-MM"},
		{"UnknownSourceField", r("    kind: primary\n", "    kind: primary\n    year: 2025\n"), "docs/doc-0.md:12: unknown field \"year\""},
		{"SourceNotMapping", r("  guide:\n    url:", "  guide: https://example.org\n  other:\n    url:"), "docs/doc-0.md:12: source \"guide\" must be a mapping"},
		{"BadKey", r("  guide:", "  'a guide':"), "docs/doc-0.md:12: source key \"a guide\""},
		{"UnsourcedFigure", r("Pay varies by setting and region.", "Pay varies by 20% across regions."), "docs/doc-0.md:25: sentence states a figure but cites no source: \"Pay varies by 20% across regions.\""},
		{"UnsourcedDollar", r("Programs differ in length.", "Programs cost $ thousands."), "docs/doc-0.md:20: sentence states a figure but cites no source"},
		{"UnsourcedListItem", goodV2Doc + "\nRoutes:\n\n- an associate degree\n- 60 college credits\n", "docs/doc-0.md:34: sentence states a figure but cites no source: \"60 college credits\""},
		{"MalformedMarker", r("[^guide][^bls]", "[^guide, bls]"), "docs/doc-0.md:29: malformed source marker \"[^guide, bls]\""},
		{"EmptyMarker", r("region.", "region.[^]"), "docs/doc-0.md:25: malformed source marker \"[^]\""},
		{"V1SourcesLine", r("region.", "region.\n\nSources: https://www.bls.gov/ooh/hit.htm"), "docs/doc-0.md:27: a Sources: line is format v1"},
		{"SourcesNotMap", r("sources:\n  bls:", "sources: 7\nx:\n  bls:"), "docs/doc-0.md:6: sources must map keys to pages"},
		{"DuplicateKey", r("  guide:\n", "  bls:\n"), "docs/doc-0.md:12: source key \"bls\" is defined twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Load(corpusFS(v2FS(tt.doc)))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected problems: %v", err)
				}
				return
			}
			wantProblem(t, err, tt.want)
		})
	}
}

// warningsOf returns c's warnings about file, as text.
func warningsOf(c *corpus.Corpus, file string) []string {
	var got []string
	for _, w := range c.Warnings {
		if w.File == file {
			got = append(got, w.String())
		}
	}
	return got
}

func TestLoad_SamePageWarns(t *testing.T) {
	doc := strings.NewReplacer("https://example.org/rhit-guide", "https://www.bls.gov/ooh/hit.htm", "A 2026 RHIT study guide", "BLS — Medical records specialists",
		"as_of: 2026-01\n    kind: secondary", "as_of: 2025-09\n    kind: primary").Replace(goodV2Doc)
	c, err := corpus.Load(corpusFS(v2FS(doc)))
	if err != nil {
		t.Fatalf("two keys for one page must still load: %v", err)
	}
	got := warningsOf(c, "docs/doc-0.md")
	want := `docs/doc-0.md:12: source "guide" repeats source "bls"`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("warnings = %q, want one starting %q", got, want)
	}
	sameSite := strings.Replace(goodV2Doc, "https://example.org/rhit-guide", "https://www.bls.gov/ooh/hit.htm", 1)
	c, err = corpus.Load(corpusFS(v2FS(sameSite)))
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(c.Warnings, func(p corpus.Problem) bool { return p.File == "docs/doc-0.md" }) {
		t.Errorf("two different pages at one URL warned: %v", c.Warnings)
	}
}

func TestLoad_V1Warns(t *testing.T) {
	doc := strings.Replace(goodDoc, "Some text.", "It takes 2 years.", 1)
	c, err := corpus.Load(corpusFS(map[string]string{"docs/doc-0.md": strings.NewReplacer("id: sample", "id: doc-0", "topic: education", "topic: overview").Replace(doc)}))
	if err != nil {
		t.Fatalf("a v1 document must still load: %v", err)
	}
	got := warningsOf(c, "docs/doc-0.md")
	want := []string{"docs/doc-0.md:5: sources is a URL list (format v1)", "docs/doc-0.md:16: 1 sentence(s) state a figure without a source key"}
	if len(got) != len(want) {
		t.Fatalf("warnings = %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
	d, _ := c.Doc("doc-0")
	if !d.Legacy() || len(d.Sources) != 1 {
		t.Fatalf("legacy sources = %+v", d.Sources)
	}
	s := d.Sources[0]
	if s.URL != "https://www.bls.gov/ooh/" || s.Title != "bls.gov" || s.AsOf != "2025-06" || s.Kind != "primary" || s.Key == "" {
		t.Errorf("derived source = %+v", s)
	}
}

func TestParseMarkers(t *testing.T) {
	tests := []struct {
		in, clean string
		keys, bad []string
	}{
		{"Plain text.", "Plain text.", nil, nil},
		{"Fee is $229.[^a]", "Fee is $229.", []string{"a"}, nil},
		{"Fee is $229. [^a]", "Fee is $229.", []string{"a"}, nil},
		{"Fee is $229.[^a][^b-2]", "Fee is $229.", []string{"a", "b-2"}, nil},
		{"Fee is $229.[^a] [^a]", "Fee is $229.", []string{"a"}, nil},
		{"Fee is $229.[^a, b]", "Fee is $229.", nil, []string{"[^a, b]"}},
		{"Fee [^] is.", "Fee is.", nil, []string{"[^]"}},
		{"Fee is.[^a", "Fee is.[^a", nil, []string{"[^a"}},
	}
	for _, tt := range tests {
		clean, keys, bad := corpus.ParseMarkers(tt.in)
		if clean != tt.clean || !reflect.DeepEqual(keys, tt.keys) || !reflect.DeepEqual(bad, tt.bad) {
			t.Errorf("ParseMarkers(%q) = %q, %q, %q; want %q, %q, %q", tt.in, clean, keys, bad, tt.clean, tt.keys, tt.bad)
		}
	}
}

func TestSectionClaims_Sentences(t *testing.T) {
	body := "The U.S. median was $50,250 in 2024.[^bls] Dr. Smith said so. [^guide]\n" +
		"A wrapped line continues\nthe second paragraph of 3.5 hours.[^guide]\n\n" +
		"- First item, 60 credits[^bls]\n- Second item\n\n| a | 1 |\n\n```\ncode 1\n```\n"
	doc := strings.Replace(goodV2Doc, "The RHIT exam has 150 questions. [^guide] Most candidates sit it after graduating.[^guide][^bls]\n", body, 1)
	c, err := corpus.Load(corpusFS(v2FS(doc)))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := c.Doc("doc-0")
	want := []corpus.Claim{
		{Text: "The U.S. median was $50,250 in 2024.", Keys: []string{"bls"}},
		{Text: "Dr. Smith said so.", Keys: []string{"guide"}},
		{Text: "A wrapped line continues the second paragraph of 3.5 hours.", Keys: []string{"guide"}},
		{Text: "First item, 60 credits", Keys: []string{"bls"}},
		{Text: "Second item"},
	}
	if got := d.Sections[1].Claims; !reflect.DeepEqual(got, want) {
		t.Errorf("claims:\n got %+v\nwant %+v", got, want)
	}
}

func TestEmbedded_ClaimsAreMarkerFree(t *testing.T) {
	c := mustLoadEmbedded(t)
	for _, d := range c.Docs {
		for _, p := range d.Summary {
			if strings.Contains(p, "[^") {
				t.Errorf("%s: summary keeps a marker: %q", d.Path, p)
			}
		}
		for _, s := range d.Sections {
			if strings.Contains(s.Text, "[^") || len(s.Claims) == 0 {
				t.Errorf("%s#%s: %d claims, text %q", d.Path, s.Slug, len(s.Claims), s.Text)
			}
			for _, cl := range s.Claims {
				for _, k := range cl.Keys {
					if _, ok := d.Source(k); !ok {
						t.Errorf("%s#%s: key %q does not resolve", d.Path, s.Slug, k)
					}
				}
			}
		}
	}
}

func FuzzParseMarkers(f *testing.F) {
	for _, s := range []string{"Fee is $229.[^a]", "x. [^a][^b] Y", "[^a, b]", "[^", "]][^^]]", "a.[^a]b.[^b]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		clean, keys, bad := corpus.ParseMarkers(s)
		if len(bad) == 0 && strings.Contains(clean, "[^") {
			t.Fatalf("ParseMarkers(%q): clean %q keeps a marker but none was reported bad", s, clean)
		}
		seen := map[string]bool{}
		for _, k := range keys {
			if k == "" || seen[k] || strings.ContainsAny(k, "[]^, \n") {
				t.Fatalf("ParseMarkers(%q): bad key %q in %q", s, k, keys)
			}
			seen[k] = true
			if !strings.Contains(s, "[^"+k+"]") {
				t.Fatalf("ParseMarkers(%q): key %q not in the input", s, k)
			}
		}
		if len(clean) > len(s) {
			t.Fatalf("ParseMarkers(%q): clean text grew to %q", s, clean)
		}
		if again, k2, _ := corpus.ParseMarkers(clean); len(bad) == 0 && (again != clean || len(k2) != 0) {
			t.Fatalf("ParseMarkers(%q) is not idempotent: %q then %q", s, clean, again)
		}
	})
}
