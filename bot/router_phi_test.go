package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// PHI must appear nowhere after the guard: not in the reply, the Knowledge query, the
// store or the logs (captured at Debug).
func TestRouter_PHINeverLeaves(t *testing.T) {
	tests := []struct {
		q       string
		secrets []string
		outcome string
	}{
		{"My patient John Smith, DOB 03/14/1975, SSN 123-45-6789, needs his chart coded. Which code should I use?",
			[]string{"John", "Smith", "03/14/1975", "123-45-6789"}, bot.OutcomeDeclined},
		{"My patient Jane Doe (MRN 884213, jane.doe@example.com, 555-867-5309) asked how to become an RHIT. What should I tell her?",
			[]string{"Jane", "Doe", "884213", "jane.doe@example.com", "867-5309"}, bot.OutcomeAnswered},
		{"Mr. Okafor, born 1980-02-29, wants to know what certification coders need.",
			[]string{"Okafor", "1980-02-29"}, bot.OutcomeAnswered},
		{"pt. maria lopez (social is １２３４５６７８９, medical record ٤٤٧١٢٣٣, cell 5551234567, maria＠example.org) asks how long the RHIT takes",
			[]string{"maria", "lopez", "１２３４５６７８９", "٤٤٧١٢٣٣", "5551234567", "example.org"}, bot.OutcomeAnswered},
		{"Smith, John in my patient list (SSN 123 - 45 - 6789) wants to know what coders earn",
			[]string{"Smith", "John", "6789"}, bot.OutcomeAnswered},
		{"my coworker Dana Whitfield just got dx w/ stage 3 lymphoma, anyway what does a cancer registrar do",
			[]string{"Dana", "Whitfield"}, bot.OutcomeAnswered},
		{"Priya Shah, my sister, was diagnosed with MS; is coding a good job to work from home?",
			[]string{"Priya", "Shah"}, bot.OutcomeAnswered},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			h := newHarness(t, nil)
			rep := h.ask(t, tt.q)
			if rep.Outcome != tt.outcome || !rep.Redacted {
				t.Fatalf("reply = %+v, want %s and redacted", rep, tt.outcome)
			}
			if !strings.Contains(rep.Notice, "personal health information") || !strings.Contains(rep.Notice, "don't share patient details") {
				t.Errorf("Notice = %q, want the privacy explanation", rep.Notice)
			}
			if tt.outcome == bot.OutcomeAnswered && !strings.Contains(rep.Notice, "I answered the career question") {
				t.Errorf("Notice = %q, want it to say the career question was answered", rep.Notice)
			}
			rpt, err := h.store.Report(context.Background(), bot.ReportQuery{Since: h.clock.Now().Add(-1), IncludeLocal: true})
			if err != nil {
				t.Fatal(err)
			}
			everywhere := map[string]string{
				"reply":     fmt.Sprintf("%+v", rep),
				"knowledge": fmt.Sprintf("%+v", h.know.Queries()),
				"store":     fmt.Sprintf("%+v %+v", h.store.Records(), rpt),
				"logs":      h.logs.String(),
			}
			for where, text := range everywhere {
				for _, s := range tt.secrets {
					if strings.Contains(text, s) {
						t.Errorf("%s contains %q:\n%s", where, s, text)
					}
				}
			}
			if !strings.Contains(h.logs.String(), "[redacted") {
				t.Errorf("logs lack the redacted question at Debug:\n%s", h.logs.String())
			}
			if recs := h.store.Records(); len(recs) != 1 || !recs[0].Redacted {
				t.Errorf("records = %+v, want one marked redacted", recs)
			}
		})
	}
}
