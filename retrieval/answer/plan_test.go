package answer

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
)

func TestLLM_PhraseSteps(t *testing.T) {
	orig := []string{"Certificates take 1–2 years.[1] Mercy's runs three semesters.[2]", "The CCA exam costs $199.[3]"}
	tests := []struct {
		name    string
		reply   string
		wantErr bool
	}{
		{"Kept", "1. A certificate takes 1–2 years [1], Mercy's three semesters [2].\n2. The CCA exam costs $199 [3].", false},
		{"DroppedMarker", "1. A certificate takes 1–2 years [1].\n2. The CCA exam costs $199 [3].", true},
		{"InventedMarker", "1. A certificate takes 1–2 years [1][2][4].\n2. The CCA exam costs $199 [3].", true},
		{"MissingStep", "1. A certificate takes 1–2 years [1][2].", true},
		{"Link", "1. A certificate takes 1–2 years [1][2], see https://evil.example.\n2. The CCA exam costs $199 [3].", true},
		{"OutOfOrder", "2. The CCA exam costs $199 [3].\n1. A certificate takes 1–2 years [1][2].", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) { bottest.WriteChatStream(w, tt.reply) })
			llm, err := NewLLM(LLMConfig{BaseURL: srv.URL + "/v1", Model: "m", Timeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			got, err := llm.PhraseSteps(t.Context(), "Medical coder", orig)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v (got %q)", err, tt.wantErr, got)
			}
			if !tt.wantErr && (len(got) != 2 || !strings.Contains(got[1], "[3]")) {
				t.Errorf("lines = %q", got)
			}
			if body := fc.bodies[0]; !strings.Contains(body, `\u003csteps\u003e`) || !strings.Contains(body, "Medical coder") {
				t.Errorf("request does not delimit the steps: %s", body)
			}
		})
	}
}
