package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/metrics"
)

func TestMetrics_Handler(t *testing.T) {
	m := metrics.New()
	m.Handled(bot.PlatformWeb, "", bot.OutcomeAnswered, false, 20*time.Millisecond)
	m.Handled(bot.PlatformWeb, bot.CommandAsk, bot.OutcomeAbstained, true, time.Millisecond)
	m.Handled(bot.PlatformSlack, bot.CommandAsk, bot.OutcomeRateLimited, false, time.Millisecond)
	m.Handled("evil\nplatform", "drop table", "weird", false, time.Millisecond)
	m.LLM(2*time.Second, true)
	m.LLM(time.Second, false)
	m.Retrieval(3 * time.Millisecond)
	m.PlatformError(bot.PlatformDiscord, "interaction_respond")
	m.PlatformError(bot.PlatformSlack, strings.Repeat("x", 200))

	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, want := range []string{
		`careerbot_questions_total{command="ask",outcome="answered",platform="web"} 1`,
		`careerbot_questions_total{command="ask",outcome="abstained",platform="web"} 1`,
		`careerbot_questions_total{command="other",outcome="other",platform="other"} 1`,
		`careerbot_abstentions_total{platform="web"} 1`,
		`careerbot_rate_limited_total{platform="slack"} 1`,
		`careerbot_phi_redactions_total{platform="web"} 1`,
		`careerbot_llm_fallbacks_total 1`,
		`careerbot_llm_duration_seconds_count 2`,
		`careerbot_retrieval_duration_seconds_count 1`,
		`careerbot_request_duration_seconds_count{command="ask",platform="web"} 2`,
		`careerbot_platform_errors_total{op="interaction_respond",platform="discord"} 1`,
		`careerbot_platform_errors_total{op="other",platform="slack"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics output lacks %q", want)
		}
	}
}

func TestMetrics_Lint(t *testing.T) {
	m := metrics.New()
	m.Handled(bot.PlatformWeb, bot.CommandAsk, bot.OutcomeAnswered, false, time.Millisecond)
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.HasPrefix(p.Metric, "careerbot_") {
			t.Errorf("%s: %s", p.Metric, p.Text)
		}
	}
}

func TestMetrics_Independent(t *testing.T) {
	a, b := metrics.New(), metrics.New() // separate registries: no duplicate-registration panic
	a.LLM(time.Second, true)
	err := testutil.GatherAndCompare(b.Registry(), strings.NewReader(`
# HELP careerbot_llm_fallbacks_total LLM attempts that failed or timed out and fell back to the extractive answer.
# TYPE careerbot_llm_fallbacks_total counter
careerbot_llm_fallbacks_total 0
`), "careerbot_llm_fallbacks_total")
	if err != nil {
		t.Fatal(err)
	}
}
