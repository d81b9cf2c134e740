package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/discord/discordtest"
)

// modalResponse is a modal interaction response as the fake received it.
type modalResponse struct {
	Type int `json:"type"`
	Data struct {
		CustomID   string `json:"custom_id"`
		Title      string `json:"title"`
		Components []struct {
			Components []struct {
				Type        int    `json:"type"`
				CustomID    string `json:"custom_id"`
				Placeholder string `json:"placeholder"`
				Value       string `json:"value"`
				Required    bool   `json:"required"`
			} `json:"components"`
		} `json:"components"`
	} `json:"data"`
}

// modalSubmitEvent is an INTERACTION_CREATE payload for a submitted plan form.
func modalSubmitEvent(id, customID string, mem map[string]any, values map[string]string) map[string]any {
	var rows []any
	for k, v := range values {
		rows = append(rows, map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": k, "value": v}}})
	}
	return map[string]any{
		"id": id, "application_id": testAppID, "type": 5, "token": "tok-" + id,
		"channel_id": "C1", "guild_id": "G1", "member": mem,
		"data": map[string]any{"custom_id": customID, "components": rows},
	}
}

// TestPlan_ModalShareAndFollowUp drives the whole plan flow through the real
// discordgo client and the fake Discord: /career plan opens the modal, the submitted
// form gets a private plan with Share in channel, sharing posts it in a new thread,
// and a follow-up in that thread carries the plan's goal in its history.
func TestPlan_ModalShareAndFollowUp(t *testing.T) {
	f := newFake(t)
	cfg := testConfig(t, f)
	router, paths, know := bottest.NewPlanRouter(t)
	cfg.PlanChoices = paths.PlanChoices()
	runGateway(t, f, newTestAdapter(t, cfg), router)

	f.Dispatch(t, "INTERACTION_CREATE", commandEvent("P1", "career", "plan", member("U1", 0), nil))
	var modal modalResponse
	f.WaitFor(t, "modal", is("POST", callbackPath("P1"))).Decode(t, &modal)
	if modal.Type != int(discordgo.InteractionResponseModal) || modal.Data.CustomID != planModalID || len(modal.Data.Components) != 5 {
		t.Fatalf("modal = %+v", modal)
	}
	goal := modal.Data.Components[0].Components[0]
	if goal.Type != int(discordgo.TextInputComponent) || goal.CustomID != bot.ArgGoal || goal.Placeholder != "coding, rhit" || !goal.Required {
		t.Errorf("goal input = %+v", goal)
	}

	f.Dispatch(t, "INTERACTION_CREATE", modalSubmitEvent("P2", planModalID, member("U1", 0), map[string]string{
		"goal": "RHIT", "education": "high-school", "background": "billing", "hours_per_week": "10", "remote": "yes",
	}))
	if resp := decodeCallback(t, f.WaitFor(t, "deferral", is("POST", callbackPath("P2")))); resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("deferral = %+v, want ephemeral", resp)
	}
	private := decodeMessage(t, f.WaitFor(t, "private plan", is("PATCH", originalPath("P2"))))
	checkLimits(t, private)
	for _, want := range []string{"Your plan: Registered Health Information Technician", "Pass the exam", "Remote work", "Page exam", "careerbot:plan_share:rhit|high-school|billing|10|1"} {
		if !strings.Contains(private.text(), want) {
			t.Errorf("private plan lacks %q:\n%s", want, private.text())
		}
	}
	if got := paths.Asked(); len(got) != 1 || got[0] != (bot.PlanProfile{Goal: "rhit", Education: "high-school", Background: "billing", HoursPerWeek: 10, Remote: true}) {
		t.Errorf("profiles = %+v", got)
	}

	f.Dispatch(t, "INTERACTION_CREATE", buttonEvent("P3", "careerbot:plan_share:rhit|high-school|billing|10|1", member("U1", 0)))
	f.WaitFor(t, "heading post", is("POST", discordtest.API+"/channels/C1/messages"))
	f.WaitFor(t, "thread", func(r discordtest.Request) bool { return r.Method == "POST" && strings.HasSuffix(r.Path, "/threads") })
	shared := f.WaitFor(t, "shared plan", func(r discordtest.Request) bool {
		return r.Method == "PATCH" && strings.HasPrefix(r.Path, discordtest.API+"/channels/C1/messages/")
	})
	sm := decodeMessage(t, shared)
	if !strings.Contains(sm.text(), "Shared by NickU1") || strings.Contains(sm.text(), "plan_share") {
		t.Errorf("shared plan = %s", sm.text())
	}
	if note := decodeMessage(t, f.WaitFor(t, "private note", is("PATCH", originalPath("P3")))); note.Content != "Shared in the channel." {
		t.Errorf("private copy after sharing = %+v", note)
	}

	// A follow-up in the plan's thread, without a mention.
	threads := f.Threads()
	if len(threads) != 1 {
		t.Fatalf("threads = %v, want the plan's", threads)
	}
	threadID := threads[0]
	f.Dispatch(t, "MESSAGE_CREATE", messageEvent("M9", threadID, "G1", "how long does that take?", "U1", false, false))
	f.WaitFor(t, "follow-up answer", is("POST", discordtest.API+"/channels/"+threadID+"/messages"))
	qs := know.Queries()
	if len(qs) != 1 || len(qs[0].History) != 1 || !strings.Contains(qs[0].History[0].Question, "registered health information technician") {
		t.Errorf("follow-up history = %+v", qs)
	}
}

// TestHTTP_PlanFormAndTokenlessShare: in HTTP-interactions mode the modal comes back
// in the HTTP response, and Share in channel (no bot token) posts a public follow-up.
func TestHTTP_PlanFormAndTokenlessShare(t *testing.T) {
	router, paths, _ := bottest.NewPlanRouter(t)
	x := newHTTPHarnessFor(t, router, func(c *Config) { c.PlanChoices = paths.PlanChoices() })
	f, priv, now := x.fake, x.priv, x.now

	status, body := x.post(t, mustJSON(t, commandEvent("H1", "career", "plan", member("U1", 0), nil)), priv, now)
	if status != 200 || !strings.HasPrefix(body, `{"type":9,`) || !strings.Contains(body, planModalID) {
		t.Fatalf("plan command = %d %s, want the modal", status, body)
	}
	status, body = x.post(t, mustJSON(t, modalSubmitEvent("H2", planModalID, member("U1", 0), map[string]string{
		"goal": "coding", "education": "none", "background": "none",
	})), priv, now)
	if status != 200 || !strings.Contains(body, `"flags":64`) {
		t.Fatalf("submission = %d %s, want an ephemeral deferral", status, body)
	}
	if m := decodeMessage(t, f.WaitFor(t, "private plan", is("PATCH", originalPath("H2")))); !strings.Contains(m.text(), "Your plan: Medical coder") {
		t.Errorf("private plan = %s", m.text())
	}
	status, _ = x.post(t, mustJSON(t, buttonEvent("H3", "careerbot:plan_share:coding|none|none|0|0", member("U1", 0))), priv, now)
	if status != 200 {
		t.Fatalf("share = %d", status)
	}
	pub2 := decodeMessage(t, f.WaitFor(t, "public follow-up", is("POST", followupPath("H3"))))
	if !strings.Contains(pub2.text(), "Shared by NickU1") || pub2.Flags&int(discordgo.MessageFlagsEphemeral) != 0 {
		t.Errorf("shared plan = %+v", pub2)
	}
}

func TestCommands_PlanOptions(t *testing.T) {
	ch := (&bottest.FakePathways{}).PlanChoices()
	var plan *discordgo.ApplicationCommandOption
	for _, o := range Commands(testTopics, ch)[0].Options {
		if o.Name == subPlan {
			plan = o
		}
	}
	if plan == nil || len(plan.Options) != 5 {
		t.Fatalf("plan = %+v", plan)
	}
	goal := plan.Options[0]
	if goal.Name != bot.ArgGoal || goal.Required || len(goal.Choices) != 2 || goal.Choices[1].Value != "rhit" || goal.Choices[0].Name != "Medical coder" {
		t.Errorf("goal option = %+v", goal)
	}
	if h := plan.Options[3]; h.Type != discordgo.ApplicationCommandOptionInteger || h.MaxValue != bot.MaxHoursPerWeek {
		t.Errorf("hours option = %+v", h)
	}
	if r := plan.Options[4]; r.Type != discordgo.ApplicationCommandOptionBoolean {
		t.Errorf("remote option = %+v", r)
	}
}

// TestPlan_CommandWithOptions: /career plan with its select-menu options answers at
// once, privately; with only some of them it opens the form filled with them.
func TestPlan_CommandWithOptions(t *testing.T) {
	f := newFake(t)
	cfg := testConfig(t, f)
	router, paths, _ := bottest.NewPlanRouter(t)
	cfg.PlanChoices = paths.PlanChoices()
	runGateway(t, f, newTestAdapter(t, cfg), router)

	event := func(id string, opts []any) map[string]any {
		return commandEventWith(id, "career", "plan", member("U1", 0), opts)
	}
	f.Dispatch(t, "INTERACTION_CREATE", event("O1", []any{
		map[string]any{"name": "goal", "type": 3, "value": "coding"},
		map[string]any{"name": "education", "type": 3, "value": "none"},
		map[string]any{"name": "background", "type": 3, "value": "billing"},
		map[string]any{"name": "hours_per_week", "type": 4, "value": 12},
		map[string]any{"name": "remote", "type": 5, "value": true},
	}))
	if resp := decodeCallback(t, f.WaitFor(t, "deferral", is("POST", callbackPath("O1")))); resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("response = %+v, want an ephemeral deferral", resp)
	}
	if m := decodeMessage(t, f.WaitFor(t, "plan", is("PATCH", originalPath("O1")))); !strings.Contains(m.text(), "Your plan: Medical coder") || !strings.Contains(m.text(), "12 hours a week") {
		t.Errorf("plan = %s", m.text())
	}
	if got := paths.Asked(); len(got) != 1 || got[0] != (bot.PlanProfile{Goal: "coding", Education: "none", Background: "billing", HoursPerWeek: 12, Remote: true}) {
		t.Errorf("profiles = %+v", got)
	}

	f.Dispatch(t, "INTERACTION_CREATE", event("O2", []any{map[string]any{"name": "goal", "type": 3, "value": "rhit"}}))
	var modal modalResponse
	f.WaitFor(t, "modal", is("POST", callbackPath("O2"))).Decode(t, &modal)
	if modal.Type != int(discordgo.InteractionResponseModal) || modal.Data.Components[0].Components[0].Value != "rhit" || modal.Data.Components[1].Components[0].Value != "" {
		t.Errorf("modal = %+v, want the goal filled in", modal)
	}
}
