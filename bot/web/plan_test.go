package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/web"
)

func TestPlan_API(t *testing.T) {
	router, paths, _ := bottest.NewPlanRouter(t)
	srv := httptest.NewServer(web.New(web.Config{Handler: router, PlanChoices: paths.PlanChoices()}))
	t.Cleanup(srv.Close)

	resp, err := http.Get(srv.URL + "/api/plan/choices")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ch bot.PlanChoices
	if err := json.NewDecoder(resp.Body).Decode(&ch); err != nil || len(ch.Goals) != 2 || ch.Educations[1].ID != "high-school" {
		t.Fatalf("choices = %+v, %v", ch, err)
	}

	tests := []struct {
		name, body, want string
		status           int
	}{
		{"Plan", `{"goal":"coding","education":"none","background":"none","thread_id":"t1"}`, "Your plan: Medical coder", 200},
		{"UnknownGoal", `{"goal":"astronaut","education":"none","background":"none","thread_id":"t1"}`, "coding, rhit", 200},
		{"BadHours", `{"goal":"coding","education":"none","background":"none","hours_per_week":900,"thread_id":"t1"}`, "whole number", 200},
		{"BadThread", `{"goal":"coding","thread_id":"../x"}`, "thread_id", 400},
		{"UnknownField", `{"goal":"coding","admin":true}`, "unknown field", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := postJSON(t, srv.URL+"/api/plan", tt.body)
			var out map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&out)
			got, _ := json.Marshal(out)
			if resp.StatusCode != tt.status || !strings.Contains(string(got), tt.want) {
				t.Errorf("status %d, body %s; want %d with %q", resp.StatusCode, got, tt.status, tt.want)
			}
		})
	}
}

func TestPlan_NoPathways(t *testing.T) {
	srv := newServer(t, bot.HandlerFunc(func(_ context.Context, _ bot.Request) (bot.Reply, error) { return bot.Reply{}, nil }))
	resp, err := http.Get(srv.URL + "/api/plan/choices")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
}
