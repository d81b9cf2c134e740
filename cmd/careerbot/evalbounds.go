package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// evalBound is one --min or --max of the eval command.
type evalBound struct {
	metric string
	value  float64
	max    bool
}

// evalBounds are the bounds an eval report must meet.
type evalBounds []evalBound

// boundMetrics are the report's metrics a bound may name.
var boundMetrics = []string{"hit_at_1", "hit_at_5", "mrr", "fact_hit_rate", "abstain_ok_rate", "phi_ok_rate",
	"answer_ok_rate", "wrong_abstain_rate", "caveat_ok_rate", "decline_ok_rate", "search_us_p50", "search_us_p99"}

// parseBounds parses METRIC=V flags; a malformed one or an unknown metric is a usage
// error.
func parseBounds(mins, maxs []string) (evalBounds, error) {
	var out evalBounds
	for i, list := range [][]string{mins, maxs} {
		for _, f := range list {
			name, v, ok := strings.Cut(f, "=")
			val, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			name = strings.TrimSpace(name)
			if !ok || err != nil || !slices.Contains(boundMetrics, name) {
				return nil, usagef("eval: bad bound %q; want METRIC=NUMBER with METRIC one of %s", f, strings.Join(boundMetrics, ", "))
			}
			out = append(out, evalBound{metric: name, value: val, max: i == 1})
		}
	}
	return out, nil
}

// check returns an error naming every bound rep misses; a bounded metric that was not
// measured misses its bound.
func (bs evalBounds) check(rep evalReport) error {
	if len(bs) == 0 {
		return nil
	}
	data, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("check eval bounds: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("check eval bounds: %w", err)
	}
	var missed []string
	for _, b := range bs {
		v, ok := m[b.metric].(float64)
		switch {
		case !ok:
			missed = append(missed, b.metric+" was not measured")
		case b.max && v > b.value:
			missed = append(missed, fmt.Sprintf("%s %.3f is above %g", b.metric, v, b.value))
		case !b.max && v < b.value:
			missed = append(missed, fmt.Sprintf("%s %.3f is below %g", b.metric, v, b.value))
		}
	}
	if len(missed) > 0 {
		return fmt.Errorf("eval: %s (see the failures in the report)", strings.Join(missed, "; "))
	}
	return nil
}
