package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEvalCmd_Repeat(t *testing.T) {
	qs := filepath.Join(t.TempDir(), "q.jsonl")
	lines := `{"id":"a1","kind":"answer","topics":["pay-outlook"],"question":"How much do medical records specialists earn?","facts":["50,250"]}
{"id":"o1","kind":"abstain","question":"What's the best pizza topping?"}
`
	if err := os.WriteFile(qs, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATA_DIR": t.TempDir()}
	code, out, errOut := runCLI(t, env, "eval", "--json", "--repeat", "3", "--questions", qs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	p50, ok50 := rep["search_us_p50"].(float64)
	p99, ok99 := rep["search_us_p99"].(float64)
	if !ok50 || !ok99 || p50 <= 0 || p99 < p50 || rep["searches_timed"] != float64(6) {
		t.Errorf("timing fields: p50 %v, p99 %v, searches %v; want 0 < p50 <= p99 over 6 searches", rep["search_us_p50"], rep["search_us_p99"], rep["searches_timed"])
	}
	if _, ok := rep["hit_at_1"]; !ok {
		t.Error("the quality metrics are missing from a timed report")
	}

	code, out, _ = runCLI(t, env, "eval", "--json", "--questions", qs)
	if code != 0 || strings.Contains(out, "search_us_p50") {
		t.Errorf("without --repeat: exit %d, timing present: %v", code, strings.Contains(out, "search_us_p50"))
	}
	if code, out, _ := runCLI(t, env, "eval", "--repeat", "2", "--questions", qs); code != 0 || !strings.Contains(out, "p50") {
		t.Errorf("text report with --repeat: exit %d, %q", code, out)
	}
	if code, _, errOut := runCLI(t, env, "eval", "--repeat", "-1", "--questions", qs); code != 2 || !strings.Contains(errOut, "--repeat") {
		t.Errorf("negative --repeat: exit %d, %q; want a usage error", code, errOut)
	}
}

func TestPercentile(t *testing.T) {
	ds := make([]time.Duration, 100)
	for i := range ds {
		ds[i] = time.Duration(i+1) * time.Microsecond
	}
	if got := percentile(ds, 0.5); got != 50*time.Microsecond {
		t.Errorf("p50 of 1..100 µs = %v, want 50µs", got)
	}
	if got := percentile(ds, 0.99); got != 99*time.Microsecond {
		t.Errorf("p99 of 1..100 µs = %v, want 99µs", got)
	}
	if got := percentile(ds[:1], 0.99); got != time.Microsecond {
		t.Errorf("p99 of one = %v", got)
	}
}
