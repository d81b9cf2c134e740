package answer

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/retrieval"
)

// v2Fixture is a small format v2 corpus whose sections mix sentences from primary,
// secondary and dated pages.
const v2Fixture = "../../corpus/testdata/v2"

// newV2Advisor opens the real engine over the v2 fixture corpus.
func newV2Advisor(tb testing.TB, llm *LLM) (*Advisor, *corpus.Corpus) {
	tb.Helper()
	c, err := corpus.Load(os.DirFS(v2Fixture))
	if err != nil {
		tb.Fatal(err)
	}
	return openAdvisor(tb, c, llm), c
}

// citedSentence matches one sentence of an answer and its markers: "text [1][2]."
var citedSentence = regexp.MustCompile(`([^\[\]]+?)\s((?:\[\d+\])+)[.!]?(?:\s|$)`)

// claimURLs returns the page URLs of the fixture claim that holds sentence, and
// whether one does.
func claimURLs(c *corpus.Corpus, sentence string) ([]string, bool) {
	want := strings.TrimRight(strings.TrimSpace(sentence), ".!")
	for _, d := range c.Docs {
		var claims []corpus.Claim
		for _, s := range d.Sections {
			claims = append(claims, s.Claims...)
		}
		claims = append(claims, d.SummaryClaims...)
		for _, cl := range claims {
			if strings.TrimRight(cl.Text, ".!") != want {
				continue
			}
			var urls []string
			for _, k := range cl.Keys {
				s, _ := d.Source(k)
				urls = append(urls, s.URL)
			}
			return urls, true
		}
	}
	return nil, false
}

// checkOwnSources asserts that every cited sentence of r cites exactly the pages its
// own claim names, and returns how many sentences it checked.
func checkOwnSources(t *testing.T, c *corpus.Corpus, q string, r Result) int {
	t.Helper()
	checked := 0
	var matches [][]string
	for _, line := range strings.Split(r.Text, "\n") {
		matches = append(matches, citedSentence.FindAllStringSubmatch(strings.TrimPrefix(line, "- "), -1)...)
	}
	for _, m := range matches {
		sentence := strings.TrimSpace(m[1])
		want, ok := claimURLs(c, sentence)
		if !ok {
			t.Errorf("%q: cited sentence %q is not a claim of the corpus", q, sentence)
			continue
		}
		var got []string
		for _, n := range regexp.MustCompile(`\d+`).FindAllString(m[2], -1) {
			k, _ := strconv.Atoi(n)
			if k < 1 || k > len(r.Sources) {
				t.Errorf("%q: [%d] names no source", q, k)
				continue
			}
			got = append(got, r.Sources[k-1].URL)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: %q cites %v, want its own pages %v", q, sentence, got, want)
		}
		checked++
	}
	return checked
}

// TestAdvisor_CitesEachSentencesOwnPage proves that in extractive answers and
// summaries each [n] links the page that holds the sentence it follows, with that
// page's date and kind, not the passage's or document's first page.
func TestAdvisor_CitesEachSentencesOwnPage(t *testing.T) {
	a, c := newV2Advisor(t, nil)
	checked, multiPage := 0, 0
	for _, q := range []string{
		"How much does the RHIT exam cost?",
		"What is the pass rate for the RHIT exam?",
		"How long is the RHIT exam and who can take it?",
		"How many continuing education units does a CPC need?",
		"How much do medical records specialists make?",
		"Is the job outlook good for medical records specialists?",
		"Can medical coders work from home?",
	} {
		r := ask(t, a, q, nil)
		if r.Abstained {
			t.Errorf("%q abstained", q)
			continue
		}
		checked += checkOwnSources(t, c, q, r)
		if len(r.Sources) > 1 {
			multiPage++
		}
		for _, s := range r.Sources {
			if s.Kind == "" || s.AsOf == "" || s.Title == "" {
				t.Errorf("%q: source without page title, date or kind: %+v", q, s)
			}
		}
	}
	for _, topic := range []string{"certification", "pay-outlook", "work-settings"} {
		r, err := a.Summary(context.Background(), topic, nil)
		if err != nil {
			t.Fatal(err)
		}
		checked += checkOwnSources(t, c, "summary "+topic, r)
	}
	if checked < 15 || multiPage < 2 {
		t.Errorf("checked %d cited sentences, %d answers with several pages; the test proves too little", checked, multiPage)
	}
}

// TestAdvisor_DatedPageKeepsItsDate checks that a sentence from a dated page carries
// that page's own as-of date and kind, not the document's.
func TestAdvisor_DatedPageKeepsItsDate(t *testing.T) {
	a, _ := newV2Advisor(t, nil)
	r := ask(t, a, "What is the pass rate for the RHIT exam?", nil)
	i := slices.IndexFunc(r.Sources, func(s Source) bool { return s.URL == "https://college.example.edu/him/rhit" })
	if i < 0 {
		t.Fatalf("the pass-rate page is not cited: %s %+v", r.Text, r.Sources)
	}
	if s := r.Sources[i]; s.AsOf != "2019-05" || s.Kind != corpus.KindDated || s.Title != "A college's RHIT page" {
		t.Errorf("dated page = %+v", s)
	}
}

// TestAdvisor_LLMCitesPages checks the LLM path: the prompt numbers source pages and
// lists under each the sentences it supports, and the model's [n] resolves to that
// page.
func TestAdvisor_LLMCitesPages(t *testing.T) {
	var prompt string
	f, srv := newFakeChat(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		bottest.WriteChatStream(w, "Members pay $229 and non-members $299 [1].")
	})
	llm, err := NewLLM(LLMConfig{APIKey: "test", BaseURL: srv.URL + "/v1", Model: "m", Timeout: 20 * time.Second, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := newV2Advisor(t, llm)
	res := ask(t, a, "How much does the RHIT exam cost?", nil)
	var req struct {
		Messages []struct{ Content string } `json:"messages"`
	}
	if err := json.Unmarshal([]byte(f.bodies[0]), &req); err != nil || len(req.Messages) != 2 {
		t.Fatalf("request: %v", err)
	}
	prompt = req.Messages[1].Content
	first := prompt[strings.Index(prompt, `<source n="1">`):strings.Index(prompt, "</source>")]
	for _, want := range []string{"Title: A 2026 RHIT study guide", "Site: study-guide.example.org", "As of: 2026-01", "Kind: secondary",
		"- The RHIT exam costs $229 for AHIMA members and $299 for non-members."} {
		if !strings.Contains(first, want) {
			t.Errorf("source 1 of the prompt lacks %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "70%") || strings.Contains(prompt, "[^") {
		t.Errorf("source 1 lists a sentence of another page, or a marker leaked:\n%s", prompt)
	}
	if res.Mode != ModeLLM || len(res.Sources) != 1 || res.Sources[0].URL != "https://study-guide.example.org/rhit" || res.Sources[0].Kind != corpus.KindSecondary {
		t.Errorf("mode %s, sources %+v", res.Mode, res.Sources)
	}
}

// TestPages_OneNumberPerPage checks that two keys repeating one page are one number,
// cited once, while an entry that shares only the URL (another title and date) is a
// page of its own.
func TestPages_OneNumberPerPage(t *testing.T) {
	h := retrieval.Hit{Chunk: retrieval.Chunk{ID: "d#s", DocID: "d",
		Claims: []corpus.Claim{{Text: "The fee is $229.", Keys: []string{"a", "b"}}, {Text: "The exam has 150 questions.", Keys: []string{"c"}}},
		Sources: []corpus.Source{
			{Key: "a", URL: "https://example.org/same", Title: "Same page", AsOf: "2026-01", Kind: "primary"},
			{Key: "b", URL: "https://example.org/same", Title: "Same page", AsOf: "2026-01", Kind: "primary"},
			{Key: "c", URL: "https://example.org/same", Title: "Older page on that site", AsOf: "2025-01", Kind: "dated"},
		}}}
	ps := newPages()
	got := []string{cite("The fee is $229.", ps.sentence(h, "The fee is $229.")...), cite("The exam has 150 questions.", ps.sentence(h, "The exam has 150 questions.")...)}
	want := []string{"The fee is $229 [1].", "The exam has 150 questions [2]."}
	if !slices.Equal(got, want) || len(ps.sources()) != 2 || ps.sources()[1].Kind != corpus.KindDated {
		t.Errorf("cited %q with sources %+v; want %q", got, ps.sources(), want)
	}
	block, _ := promptPages([]retrieval.Hit{h})
	if strings.Count(block, "The fee is $229.") != 1 {
		t.Errorf("the prompt lists a sentence twice under one page:\n%s", block)
	}
}
