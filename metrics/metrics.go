// Package metrics exposes careerbot's Prometheus metrics. [Metrics] is a
// [bot.Observer]: the Router, the answering layer and the platform adapters report
// events to it, and [Metrics.Handler] serves them in the Prometheus text format at
// /metrics. Every metric name starts with "careerbot_" and lives in the Metrics' own
// registry, so several instances (tests, benchmarks) never collide.
package metrics

import (
	"cmp"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/careerbot/careerbot/bot"
)

// Metrics counts questions, abstentions, latencies, fallbacks, rate limiting, PHI
// redactions and platform API errors. It is safe for concurrent use; the zero value is
// not usable, call [New].
type Metrics struct {
	reg *prometheus.Registry

	questions      *prometheus.CounterVec   // platform, command, outcome
	handleSeconds  *prometheus.HistogramVec // platform, command
	abstentions    *prometheus.CounterVec   // platform
	rateLimited    *prometheus.CounterVec   // platform
	redactions     *prometheus.CounterVec   // platform
	llmSeconds     prometheus.Histogram
	llmFallbacks   prometheus.Counter
	retrievalSecs  prometheus.Histogram
	platformErrors *prometheus.CounterVec // platform, op
}

var _ bot.Observer = (*Metrics)(nil)

// New returns Metrics registered in a fresh registry that also carries the Go runtime
// and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_questions_total",
			Help: "Requests the router finished, by platform, command and outcome.",
		}, []string{"platform", "command", "outcome"}),
		handleSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "careerbot_request_duration_seconds",
			Help:    "Time the router took to answer a request, by platform and command.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"platform", "command"}),
		abstentions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_abstentions_total",
			Help: "Questions the bot declined to answer for lack of evidence (content gaps), by platform.",
		}, []string{"platform"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_rate_limited_total",
			Help: "Requests refused because the member exceeded RATE_LIMIT_PER_MIN, by platform.",
		}, []string{"platform"}),
		redactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_phi_redactions_total",
			Help: "Requests from which the privacy guard removed personal health information, by platform.",
		}, []string{"platform"}),
		llmSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "careerbot_llm_duration_seconds",
			Help:    "Time of one LLM answer attempt, including those that fell back.",
			Buckets: []float64{.1, .25, .5, 1, 2, 4, 8, 15, 30, 60},
		}),
		llmFallbacks: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "careerbot_llm_fallbacks_total",
			Help: "LLM attempts that failed or timed out and fell back to the extractive answer.",
		}),
		retrievalSecs: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "careerbot_retrieval_duration_seconds",
			Help:    "Time of one corpus search.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
		platformErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careerbot_platform_errors_total",
			Help: "Failed platform API calls, by platform and operation.",
		}, []string{"platform", "op"}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{Namespace: "careerbot"}),
		m.questions, m.handleSeconds, m.abstentions, m.rateLimited, m.redactions,
		m.llmSeconds, m.llmFallbacks, m.retrievalSecs, m.platformErrors,
	)
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Registry returns the registry the metrics live in, for tests and for callers that
// add their own collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handled counts one finished request. An empty command is counted as "ask", as
// the Router treats it.
func (m *Metrics) Handled(platform, command, outcome string, redacted bool, took time.Duration) {
	command = cmp.Or(command, bot.CommandAsk)
	platform, command, outcome = label(platform, platforms), label(command, commands), label(outcome, outcomes)
	m.questions.WithLabelValues(platform, command, outcome).Inc()
	m.handleSeconds.WithLabelValues(platform, command).Observe(took.Seconds())
	switch outcome {
	case bot.OutcomeAbstained:
		m.abstentions.WithLabelValues(platform).Inc()
	case bot.OutcomeRateLimited:
		m.rateLimited.WithLabelValues(platform).Inc()
	}
	if redacted {
		m.redactions.WithLabelValues(platform).Inc()
	}
}

// Retrieval observes one corpus search.
func (m *Metrics) Retrieval(took time.Duration) { m.retrievalSecs.Observe(took.Seconds()) }

// LLM observes one LLM attempt and counts it as a fallback when fellBack.
func (m *Metrics) LLM(took time.Duration, fellBack bool) {
	m.llmSeconds.Observe(took.Seconds())
	if fellBack {
		m.llmFallbacks.Inc()
	}
}

// PlatformError counts one failed platform API call. op is the call's name (e.g.
// "chat.postMessage", "interaction_respond"); names outside [a-zA-Z0-9_./-] or longer
// than 64 bytes are counted as "other" so a bug cannot explode the label set.
func (m *Metrics) PlatformError(platform, op string) {
	if !safeOp(op) {
		op = "other"
	}
	m.platformErrors.WithLabelValues(label(platform, platforms), op).Inc()
}
