package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAsk_JSON_LLMModes runs `careerbot ask --json` against an OpenAI-compatible
// server on loopback: a working server answers in LLM mode; a failing or stalling one
// falls back to the extractive answer, and the command still succeeds.
func TestAsk_JSON_LLMModes(t *testing.T) {
	const question = "What does a health information technician do?"
	tests := []struct {
		name     string
		setup    func(f *fakeLLM)
		wantMode string
	}{
		{"Working", func(*fakeLLM) {}, "llm"},
		{"Failing", func(f *fakeLLM) { f.down.Store(true) }, "extractive"},
		{"Stalling", func(f *fakeLLM) {
			f.hold, f.started = make(chan struct{}), make(chan struct{}, 8)
		}, "extractive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLLM(t, 0)
			tt.setup(f)
			if f.hold != nil {
				t.Cleanup(func() { close(f.hold) })
			}
			env := map[string]string{
				"OPENAI_BASE_URL": f.URL + "/v1", "CHAT_MODEL": "fake", "LLM_TIMEOUT": "1s",
				"DATA_DIR": t.TempDir(), "LOG_LEVEL": "error",
			}
			code, out, errOut := runCLI(t, env, "ask", "--json", question)
			if code != 0 {
				t.Fatalf("exit %d; stderr %s", code, errOut)
			}
			var got struct {
				Answer  string `json:"answer"`
				Mode    string `json:"mode"`
				Sources []struct {
					N   int    `json:"n"`
					URL string `json:"url"`
				} `json:"sources"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, out)
			}
			if got.Mode != tt.wantMode {
				t.Errorf("mode = %q, want %q", got.Mode, tt.wantMode)
			}
			if len(got.Sources) == 0 || !strings.Contains(got.Answer, "[1]") || got.Sources[0].URL == "" {
				t.Errorf("answer not cited: %+v", got)
			}
		})
	}
}
