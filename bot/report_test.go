package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
)

func TestFormatReport(t *testing.T) {
	day := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	rep := bot.Report{
		Since:     day,
		Questions: 5,
		ByTopic:   map[string]int{"certification": 2, "pay-outlook": 2, "none": 1},
		ByOutcome: map[string]int{"answered": 3, "abstained": 2},
		Abstentions: []bot.QuestionRecord{
			{Question: "Best *pizza*\ntopping?", CreatedAt: day.Add(48 * time.Hour)},
		},
		Downvoted:     []bot.QuestionRecord{{Question: "How much do coders earn?", Topic: "pay-outlook", CreatedAt: day.Add(24 * time.Hour)}},
		TopUnanswered: []bot.CountedQuestion{{Question: "Best pizza topping?", Count: 2}},
		Upvotes:       4,
		Downvotes:     1,
	}
	want := `**careerbot report** since 2026-03-01 09:30 UTC

**Questions:** 5 · 👍 4 · 👎 1

**By topic**
- certification: 2
- pay-outlook: 2
- none: 1

**Outcomes**
- answered: 3
- abstained: 2

**Abstentions (content gaps)**
- “Best \*pizza\* topping?” (no topic, 2026-03-03)

**👎 answers**
- “How much do coders earn?” (pay-outlook, 2026-03-02)

**Top unanswered questions**
1. “Best pizza topping?” ×2`
	if got := bot.FormatReport(rep); got != want {
		t.Errorf("FormatReport =\n%s\n\nwant\n%s", got, want)
	}
	empty := bot.FormatReport(bot.Report{Since: day})
	if want := "**Top unanswered questions**\n- none"; len(empty) < len(want) || empty[len(empty)-len(want):] != want {
		t.Errorf("empty report =\n%s\nwant every section to say none", empty)
	}
}

func TestFormatReport_PlansByGoal(t *testing.T) {
	rep := bot.Report{Since: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Questions: 4,
		ByTopic: map[string]int{"certification": 1, "plan:coding": 2, "plan:cdi": 1}}
	got := bot.FormatReport(rep)
	want := "**By topic**\n- certification: 1\n\n**Plans by goal**\n- coding: 2\n- cdi: 1\n"
	if !strings.Contains(got, want) {
		t.Errorf("FormatReport =\n%s\nwant it to contain\n%s", got, want)
	}
}
