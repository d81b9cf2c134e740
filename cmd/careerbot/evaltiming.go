package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/careerbot/careerbot/retrieval"
)

// maxEvalRepeat bounds --repeat.
const maxEvalRepeat = 100_000

// searchTiming is the warm search latency of "careerbot eval --repeat N": every
// question's search timed N times in process, the index already loaded.
type searchTiming struct {
	SearchP50 float64 `json:"search_us_p50"`
	SearchP99 float64 `json:"search_us_p99"`
	Searches  int     `json:"searches_timed"`
}

// timeEvalSearches times repeat rounds of every question's search (k 5, as the bot
// asks), after one untimed round that warms caches and pools; nil when repeat is 0.
// repeat is checked by the command ([checkRepeat]).
func timeEvalSearches(ctx context.Context, a *app, qs []evalQuestion, repeat int) (*searchTiming, error) {
	if repeat == 0 || len(qs) == 0 {
		return nil, nil
	}
	eng, err := a.engine(ctx)
	if err != nil {
		return nil, err
	}
	opts := retrieval.SearchOptions{K: 5}
	for _, q := range qs {
		if _, err := eng.Search(ctx, q.Question, opts); err != nil {
			return nil, fmt.Errorf("search %s: %w", q.ID, err)
		}
	}
	ds := make([]time.Duration, 0, repeat*len(qs))
	for range repeat {
		for _, q := range qs {
			start := time.Now()
			_, err := eng.Search(ctx, q.Question, opts)
			ds = append(ds, time.Since(start))
			if err != nil {
				return nil, fmt.Errorf("search %s: %w", q.ID, err)
			}
		}
	}
	slices.Sort(ds)
	return &searchTiming{SearchP50: micros(percentile(ds, 0.50)), SearchP99: micros(percentile(ds, 0.99)), Searches: len(ds)}, nil
}

// checkRepeat validates --repeat.
func checkRepeat(repeat int) error {
	if repeat < 0 || repeat > maxEvalRepeat {
		return usagef("--repeat must be between 0 and %d", maxEvalRepeat)
	}
	return nil
}

// percentile returns the nearest-rank p-quantile (0 < p <= 1) of sorted ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	i := int(float64(len(ds))*p+0.999999) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

// writeSearchTiming prints the timing line of the text report, if any.
func writeSearchTiming(w io.Writer, t *searchTiming) {
	if t != nil {
		fmt.Fprintf(w, "search (warm, in process): p50 %.0f µs, p99 %.0f µs over %d searches\n", t.SearchP50, t.SearchP99, t.Searches)
	}
}
