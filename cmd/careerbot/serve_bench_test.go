package main

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/corpus"
	"github.com/careerbot/careerbot/store"
)

// serveConcurrency is the number of members asking at once in the serving benchmark.
const serveConcurrency = 20

// BenchmarkServe_SQLite measures serving with the real store: the Router on the real
// answering layer (embedded corpus, local embedder, extractive answers) and the
// SQLite store in a file (WAL, durable question log), with serveConcurrency members
// asking at once, as community members (Slack; the playground's own user has a
// separate local limit). Every request takes a rate-limit token and logs its question.
// "Answers": members within their limit, every question answered. "Refusals":
// members over their limit, every question refused by the rate limit (logged too).
// It reports requests per second and the median and 99th-percentile latency.
func BenchmarkServe_SQLite(b *testing.B) {
	b.Run("Answers", func(b *testing.B) { benchServe(b, false) })
	b.Run("Refusals", func(b *testing.B) { benchServe(b, true) })
}

func benchServe(b *testing.B, refuse bool) {
	ctx := context.Background()
	a := testApp(b, nil)
	st, err := store.OpenSQLite(ctx, filepath.Join(b.TempDir(), store.FileName), store.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	limit := 1 << 30 // answers: nobody reaches it
	if refuse {
		limit = 1 // refusals: each member spends the only token below
	}
	r, err := bot.NewRouter(bot.RouterConfig{
		Knowledge: testKnowledge(b, a, "", bot.NopObserver{}), Store: st, RateLimitPerMin: limit,
		Clinical: bot.ClinicalVocabulary(corpus.DefaultClinical()),
	})
	if err != nil {
		b.Fatal(err)
	}
	user := func(g int) string { return "serve-" + strconv.Itoa(g) }
	ask := func(g, i int) (bot.Reply, error) {
		return r.Handle(ctx, bot.Request{Platform: bot.PlatformSlack, UserID: user(g), Text: questions[i%len(questions)]})
	}
	for g := range serveConcurrency { // warm caches; for refusals, spend each member's token
		if _, err := ask(g, g); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([][]time.Duration, serveConcurrency)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for g := range serveConcurrency {
		n := b.N / serveConcurrency
		if g < b.N%serveConcurrency {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				t0 := time.Now()
				rep, err := ask(g, i)
				lat[g] = append(lat[g], time.Since(t0))
				if err != nil || (rep.Outcome == bot.OutcomeRateLimited) != refuse {
					b.Errorf("member %d: outcome %q, err %v; refusals wanted: %v", g, rep.Outcome, err, refuse)
					return
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(len(all))/took.Seconds(), "req/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1e3, "p50-ms")
	b.ReportMetric(float64(all[min(len(all)-1, len(all)*99/100)].Microseconds())/1e3, "p99-ms")
}
