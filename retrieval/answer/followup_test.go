package answer

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestResolveFollowUp_Chain(t *testing.T) {
	history := []Turn{
		{Question: "what do coders earn in a hospital"},
		{Question: "when did the information blocking rules start"},
		{Question: "is that from the Cures Act?"},
	}
	got := resolveFollowUp("and what are the exceptions to it?", history)
	want := "when did the information blocking rules start is that from the Cures Act?"
	if got != want {
		t.Errorf("chain = %q, want %q (back to the last question that stands alone)", got, want)
	}
	if got := resolveFollowUp("What does a cancer registrar do day to day?", history); got != "" {
		t.Errorf("a question that stands alone resolved to %q", got)
	}
	if got := resolveFollowUp("and pay?", nil); got != "" {
		t.Errorf("no history: %q", got)
	}
	long := []Turn{{Question: "and that?"}, {Question: "and this?"}, {Question: "and it?"}, {Question: "and them?"}}
	if got := threadContext(long); got != "and this? and it? and them?" {
		t.Errorf("thread context = %q, want the last %d turns", got, maxFollowUpTurns)
	}
}

// TestCoverParts: a part no chosen sentence answers brings in its best sentence, in
// place of a spare one when the budget is spent.
func TestCoverParts(t *testing.T) {
	c := func(text string, score float64, words int, parts uint16) candidate {
		return candidate{text: text, score: score, words: words, parts: parts, terms: termSet(text)}
	}
	cs := []candidate{
		c("The exam fee is $299 for members.", 1.0, 40, 1),
		c("Members renew their credential every two years.", 0.9, 40, 1),
		c("The exam lasts four hours with a hundred questions.", 0.5, 30, 2),
		c("First-time pass rates were 77 percent in 2018.", 0.4, 30, 4),
	}
	chosen := coverParts(cs, []candidate{cs[0], cs[1]}, 100)
	var got []string
	for _, x := range chosen {
		got = append(got, x.text)
	}
	if len(chosen) != 3 || coveredParts(chosen) != 7 || chosen[0].text != cs[0].text {
		t.Errorf("chosen %q, want the best sentence first and every part answered within 100 words", got)
	}
	if wordsOf(chosen) > 100 {
		t.Errorf("%d words over budget", wordsOf(chosen))
	}
}

func TestLimitWords(t *testing.T) {
	long := strings.Repeat("Coders assign codes to records every day [1]. ", 30)
	got := limitWords(long, 120)
	if n := len(strings.Fields(citeOne.ReplaceAllString(got, ""))); n > 120 || !strings.HasSuffix(got, "[1].") {
		t.Errorf("limitWords: %d words ending %q; want at most 120 ending at a sentence", n, got[max(0, len(got)-20):])
	}
	if s := "Short answer [1]."; limitWords(s, 120) != s {
		t.Error("text within the limit changed")
	}
	if got := limitWords(strings.Repeat("word ", 200), 10); !strings.HasSuffix(got, "…") || len(strings.Fields(got)) != 10 {
		t.Errorf("no sentence end: %q", got)
	}
}

func TestAdmissionsFirst(t *testing.T) {
	cs := []candidate{
		{text: "First-time CCA pass rates were 85% in 2020.", lower: "first-time cca pass rates were 85% in 2020.", parts: 1},
		{text: "A CPC pass rate is unconfirmed.", lower: "a cpc pass rate is unconfirmed.", parts: 1, admits: true},
	}
	got := admissionsFirst(cs)
	if got[0].text != cs[1].text || len(got) != 2 {
		t.Errorf("order %q, want the admission first", []string{got[0].text, got[1].text})
	}
	if got := admissionsFirst(cs[:1]); got[0].text != cs[0].text {
		t.Error("answer without an admission reordered")
	}
}

// "what about the other one" after a comparison reads as the entity the last answer
// did not lead with. Phrasings written for this test.
func TestAdvisor_OtherOne(t *testing.T) {
	a := newCorpusAdvisor(t)
	ctx := context.Background()
	first := "which is easier to qualify for, the cca or the rhit"
	r1, err := a.Ask(ctx, first, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	history := []Turn{{Question: first, Answer: r1.Text}}
	other := otherEntity("ok and what does the other one cost", history, a.analyzer.ents)
	lead := strings.SplitN(r1.Text, ". ", 2)[0]
	if other == "" || strings.Contains(lead, other) {
		t.Fatalf("other = %q after an answer leading %q", other, lead)
	}
	r2, err := a.Ask(ctx, "ok and what does the other one cost", history, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Abstained || !strings.Contains(r2.Text, other) || !strings.Contains(r2.Text, "$") {
		t.Errorf("follow-up answer %q, want the %s's cost", r2.Text, other)
	}
	if otherEntity("what does it cost", history, a.analyzer.ents) != "" {
		t.Error("a follow-up without \"other\" resolved to another entity")
	}
}

func TestCarriedCues(t *testing.T) {
	attrs := []attribute{
		{name: "outlook", asks: []string{"outlook", "grow"}},
		{name: "pay", asks: []string{"salary", "pay"}},
	}
	for _, tc := range []struct {
		q, previous string
		want        []string
	}{
		{"what about the coder one, same?", "is the field growing? what about registrars", []string{"grow"}},
		{"and for registrars?", "whats the pay and outlook for coders", []string{"outlook", "pay"}},
		{"what about their pay?", "is the field growing?", nil}, // asks for its own
		{"what about coders", "", nil},
		{"and for coders?", "what does an rhit do", nil},
	} {
		if got := carriedCues(attrs, tc.q, tc.previous); !slices.Equal(got, tc.want) {
			t.Errorf("carriedCues(%q, %q) = %q, want %q", tc.q, tc.previous, got, tc.want)
		}
	}
}
