package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchCmd(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir, "LOG_LEVEL": "debug"}

	code, out, errOut := runCLI(t, env, "search", "--json", "--k", "3", "--topic", "pay-outlook", "How much do coders earn?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Query   string `json:"query"`
		Results []struct {
			Rank    int     `json:"rank"`
			ChunkID string  `json:"chunk_id"`
			DocID   string  `json:"doc_id"`
			Topic   string  `json:"topic"`
			Title   string  `json:"title"`
			Score   float64 `json:"score"`
			Text    string  `json:"text"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	if res.Query != "How much do coders earn?" || len(res.Results) != 3 {
		t.Fatalf("got query %q and %d results", res.Query, len(res.Results))
	}
	for i, r := range res.Results {
		if r.Rank != i+1 || r.Topic != "pay-outlook" || r.ChunkID == "" || r.DocID == "" || r.Title == "" || r.Text == "" || r.Score <= 0 {
			t.Errorf("result %d incomplete or off topic: %+v", i, r)
		}
	}
	if !strings.Contains(errOut, "index built") {
		t.Errorf("first run should build the index; log: %s", errOut)
	}

	code, out, errOut = runCLI(t, env, "search", "remote", "coding", "jobs")
	if code != 0 || !strings.Contains(out, "1. ") || !strings.Contains(errOut, "index loaded") {
		t.Errorf("second run: exit %d, output %q, log %q; want results from the loaded index", code, out, errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "index-*.gob")); len(files) != 1 {
		t.Errorf("index files: %v, want one", files)
	}
}

func TestSearchCmd_Usage(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir()}
	for _, args := range [][]string{
		{"search"},
		{"search", "--topic", "cooking", "pasta"},
		{"search", "--k", "0", "pay"},
		{"eval"},
		{"eval", "--questions", filepath.Join(t.TempDir(), "missing.jsonl")},
	} {
		if code, _, errOut := runCLI(t, env, args...); code != 2 {
			t.Errorf("%q: exit %d (%s), want 2", args, code, errOut)
		}
	}
}

func TestIngestCmd(t *testing.T) {
	env := map[string]string{"DATA_DIR": t.TempDir()}
	code, out, errOut := runCLI(t, env, "ingest")
	if code != 0 || !strings.Contains(out, "embedded") || !strings.Contains(out, "0 reused") {
		t.Fatalf("first ingest: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = runCLI(t, env, "ingest")
	if code != 0 || !strings.Contains(out, " 0 embedded") {
		t.Errorf("second ingest: exit %d, %q; want nothing embedded", code, out)
	}
}

func TestEvalCmd(t *testing.T) {
	qs := filepath.Join(t.TempDir(), "q.jsonl")
	lines := `{"id":"a1","kind":"answer","topics":["pay-outlook"],"question":"How much do medical records specialists earn?","facts":["50,250"]}
{"id":"a2","kind":"answer","topics":["work-settings"],"question":"Can medical coders work from home?","facts":["remote","from home"]}

{"id":"o1","kind":"abstain","question":"What's the best pizza topping?"}
{"id":"f1","kind":"answer","topics":["pay-outlook"],"question":"is that yearly? whats it per hr","facts":["28.01"],"after":["whats the median for health info technologists"]}
{"id":"d1","kind":"decline","question":"Can you diagnose my chest pain?"}
`
	if err := os.WriteFile(qs, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATA_DIR": t.TempDir()}
	code, out, errOut := runCLI(t, env, "eval", "--json", "--questions", qs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep evalReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	if rep.Questions != 5 || rep.Kinds["answer"] != 3 || rep.HitAt1 != 1 || rep.HitAt5 != 1 || rep.MRR != 1 {
		t.Errorf("report %+v", rep)
	}
	for name, v := range map[string]*float64{"answer_ok_rate": rep.AnswerOKRate, "decline_ok_rate": rep.DeclineOKRate} {
		if v == nil || *v != 1 {
			t.Errorf("%s = %v, want 1 (failures %+v)", name, v, rep.Failures)
		}
	}
	if rep.WrongAbstainRate == nil || *rep.WrongAbstainRate != 0 || rep.CaveatOKRate != nil {
		t.Errorf("wrong_abstain_rate %v, caveat_ok_rate %v; want 0 and not measured", rep.WrongAbstainRate, rep.CaveatOKRate)
	}
	if code, out, _ := runCLI(t, env, "report", "--json"); code != 0 || !strings.Contains(out, `"questions": 0`) {
		t.Errorf("report after eval: exit %d, %s; want no logged questions (eval keeps its own state)", code, out)
	}
	if code, out, _ := runCLI(t, env, "eval", "--questions", qs); code != 0 || !strings.Contains(out, "answer_ok_rate") {
		t.Errorf("text report: exit %d, %q", code, out)
	}
	if code, _, errOut := runCLI(t, env, "eval", "--questions", qs, "--min", "answer_ok_rate=0.5", "--max", "wrong_abstain_rate=0.1"); code != 0 {
		t.Errorf("bounds met: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, env, "eval", "--questions", qs, "--min", "hit_at_1=1.1", "--min", "caveat_ok_rate=0.5"); code != 1 ||
		!strings.Contains(errOut, "hit_at_1 1.000 is below 1.1") || !strings.Contains(errOut, "caveat_ok_rate was not measured") {
		t.Errorf("bounds missed: exit %d, %q; want 1 naming both", code, errOut)
	}
	if code, _, _ := runCLI(t, env, "eval", "--questions", qs, "--min", "happiness=1"); code != 2 {
		t.Errorf("unknown metric: exit %d, want 2", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"x","kind":"maybe","question":"?"}`+"\n"), 0o644)
	if code, _, errOut := runCLI(t, env, "eval", "--questions", bad); code != 1 || !strings.Contains(errOut, "bad.jsonl:1") {
		t.Errorf("bad file: exit %d, %q; want 1 with file:line", code, errOut)
	}
}
