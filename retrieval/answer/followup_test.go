package answer

import "testing"

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
