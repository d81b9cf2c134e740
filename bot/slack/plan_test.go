package slack

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

// TestSocket_PlanModalShareAndFollowUp drives the plan flow through the real
// slack-go clients and the fake Slack: /career plan opens the modal with
// views.open, the submission gets a private plan with Share in channel, sharing
// posts it and makes its thread remember the goal for a follow-up.
func TestSocket_PlanModalShareAndFollowUp(t *testing.T) {
	router, paths, know := bottest.NewPlanRouter(t)
	r := startSocket(t, router, func(c *Config) { c.PlanChoices = paths.PlanChoices() })

	r.f.Send(slacktest.SlashEnvelope("env-1", "/career", "plan", "U1", r.f.ResponseURL("1")))
	open := r.f.WaitCall("views.open")
	view, _ := open.JSON["view"].(map[string]any)
	blocks, _ := view["blocks"].([]any)
	if !strings.HasPrefix(fmt.Sprint(open.JSON["trigger_id"]), "trig-") || view["callback_id"] != planCallbackID || len(blocks) != 5 ||
		!strings.Contains(view["private_metadata"].(string), `"C1"`) {
		t.Fatalf("views.open = %v", open.JSON)
	}
	raw, _ := json.Marshal(blocks[0])
	if !strings.Contains(string(raw), `"static_select"`) || !strings.Contains(string(raw), `"value":"rhit"`) {
		t.Errorf("goal block = %s", raw)
	}

	sel := func(v string) map[string]any {
		return map[string]any{planActionID: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": v}}}
	}
	values := map[string]map[string]any{
		planBlockID + bot.ArgGoal: sel("rhit"), planBlockID + bot.ArgEducation: sel("high-school"), planBlockID + bot.ArgBackground: sel("billing"),
		planBlockID + bot.ArgHoursPerWeek: {planActionID: map[string]any{"type": "plain_text_input", "value": "10"}},
		planBlockID + bot.ArgRemote:       {planActionID: map[string]any{"type": "checkboxes", "selected_options": []any{map[string]any{"value": "yes"}}}},
	}
	r.f.Send(slacktest.InteractiveEnvelope("env-2", slacktest.ViewSubmissionPayload("U1", planCallbackID, `{"channel":"C1"}`, values)))
	private := r.f.WaitCall("chat.postEphemeral")
	if private.Form.Get("channel") != "C1" || private.Form.Get("user") != "U1" {
		t.Errorf("private plan went to %v", private.Form)
	}
	text := slacktest.BlocksText(t, private)
	for _, want := range []string{"Your plan: Registered Health Information Technician", "Pass the exam", "Remote work", "careerbot:plan_share", "rhit|high-school|billing|10|1"} {
		if !strings.Contains(text, want) {
			t.Errorf("private plan lacks %q:\n%s", want, text)
		}
	}

	r.f.Send(slacktest.InteractiveEnvelope("env-3", slacktest.BlockActionPayload("U1", "careerbot:plan_share", "rhit|high-school|billing|10|1", r.f.ResponseURL("share"))))
	head := r.f.WaitCall("chat.postMessage")
	shared := r.f.WaitCall("chat.update")
	if st := slacktest.BlocksText(t, shared); !strings.Contains(st, "Shared by name-U1") || strings.Contains(st, "plan_share") {
		t.Errorf("shared plan = %s", st)
	}
	if del := r.f.WaitCall("respond"); del.JSON["delete_original"] != true {
		t.Errorf("private copy not removed: %v", del.JSON)
	}

	ts := shared.Form.Get("ts")
	if ts == "" || head.Form.Get("channel") != "C1" {
		t.Fatalf("shared plan: heading %v, update %v", head.Form, shared.Form)
	}
	r.f.Send(slacktest.EventEnvelope("env-4", "Ev4", 0, slacktest.MessageEvent(map[string]any{
		"text": "how long does that take?", "channel": "C1", "channel_type": "channel", "thread_ts": ts, "ts": "1700000009.000100",
	})))
	if ans := r.f.WaitCall("chat.postMessage"); ans.Form.Get("thread_ts") != ts { // the follow-up's placeholder
		t.Errorf("follow-up answered in thread %q, want %q", ans.Form.Get("thread_ts"), ts)
	}
	r.f.WaitCall("chat.update") // the follow-up answer
	qs := know.Queries()
	if len(qs) != 1 || len(qs[0].History) != 1 || !strings.Contains(qs[0].History[0].Question, "registered health information technician") {
		t.Errorf("follow-up history = %+v", qs)
	}
}

// TestHTTP_PlanSubmission: in HTTP mode a signed view_submission closes the modal
// (an empty 200) and the private plan follows with chat.postEphemeral; without plan
// choices, /career plan says plans are not available.
func TestHTTP_PlanSubmission(t *testing.T) {
	router, _, _ := bottest.NewPlanRouter(t)
	r := startHTTP(t, router)
	sel := func(v string) map[string]any {
		return map[string]any{planActionID: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": v}}}
	}
	values := map[string]map[string]any{
		planBlockID + bot.ArgGoal: sel("coding"), planBlockID + bot.ArgEducation: sel("none"), planBlockID + bot.ArgBackground: sel("none"),
	}
	payload := url.Values{"payload": {slacktest.ViewSubmissionPayload("U1", planCallbackID, `{"channel":"C7"}`, values)}}.Encode()
	if code, body := r.postSigned(t, "/slack/interactions", "application/x-www-form-urlencoded", payload); code != http.StatusOK || body != "" {
		t.Fatalf("submission: %d %q, want an empty 200 that closes the modal", code, body)
	}
	private := r.f.WaitCall("chat.postEphemeral")
	if private.Form.Get("channel") != "C7" || !strings.Contains(slacktest.BlocksText(t, private), "Your plan: Medical coder") {
		t.Errorf("private plan = %v\n%s", private.Form, slacktest.BlocksText(t, private))
	}

	cmd := url.Values{"command": {"/career"}, "text": {"plan"}, "channel_id": {"C1"}, "user_id": {"U1"}, "trigger_id": {"trig"}, "response_url": {r.f.ResponseURL("p")}}.Encode()
	if code, _ := r.postSigned(t, "/slack/commands", "application/x-www-form-urlencoded", cmd); code != http.StatusOK {
		t.Fatalf("command: status %d", code)
	}
	if resp := r.f.WaitCall("respond"); !strings.Contains(fmt.Sprint(resp.JSON["text"]), "not available") {
		t.Errorf("plan without choices = %v", resp.JSON)
	}
}
