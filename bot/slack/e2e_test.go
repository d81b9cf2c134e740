package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/slack/slacktest"
)

// TestSocket_WithRealRouter runs the real core (bot.Router over bottest.FakeKnowledge
// and bot.MemoryStore) behind the adapter: an answer streamed in a thread, a follow-up
// that carries the thread's history, a 👍 stored as feedback, a moderator's summary
// preview posted to the channel.
func TestSocket_WithRealRouter(t *testing.T) {
	know := &bottest.FakeKnowledge{}
	store := bot.NewMemoryStore()
	router, err := bot.NewRouter(bot.RouterConfig{Knowledge: know, Store: store, UserSalt: "salt"})
	if err != nil {
		t.Fatal(err)
	}
	r := startSocket(t, router)

	r.f.Send(slacktest.EventEnvelope("env-1", "Ev1", 0, slacktest.MentionEvent("C1", "1700000001.000100", "<@UBOT> what do I need for the RHIT?")))
	r.f.WaitCall("chat.postMessage")
	final := r.f.WaitCall("chat.update")
	for final.Form.Get("blocks") == "" || !strings.Contains(slacktest.BlocksText(t, final), "careerbot:feedback_up") {
		final = r.f.WaitCall("chat.update") // progressive edits come first
	}
	blocks := slacktest.BlocksText(t, final)
	for _, want := range []string{"CAHIIM-accredited program [1]", "<https://www.ahima.org/certification/rhit|Certifications for health information technicians> — ahima.org · as of 2025-06"} {
		if !strings.Contains(blocks, want) {
			t.Errorf("answer lacks %q:\n%s", want, blocks)
		}
	}
	answerID := buttonValue(t, blocks, "careerbot:feedback_up")

	// A follow-up in the thread, without a mention, gets the earlier turn as history.
	r.f.Send(slacktest.EventEnvelope("env-2", "Ev2", 0, slacktest.MessageEvent(map[string]any{"channel": "C1", "channel_type": "channel",
		"ts": "1700000005.000100", "thread_ts": "1700000001.000100", "text": "how long does it take?"})))
	if post := r.f.WaitCall("chat.postMessage"); post.Form.Get("thread_ts") != "1700000001.000100" {
		t.Errorf("follow-up answered in thread %q", post.Form.Get("thread_ts"))
	}
	r.f.WaitCall("chat.update")

	r.f.Send(slacktest.InteractiveEnvelope("env-3", slacktest.BlockActionPayload("U2", "careerbot:feedback_up", answerID, r.f.ResponseURL("fb"))))
	if resp := r.f.WaitCall("respond"); resp.JSON["response_type"] != "ephemeral" {
		t.Errorf("feedback response = %v", resp.JSON)
	}

	r.f.Send(slacktest.SlashEnvelope("env-4", "/career-mod", "summary certification", "UMOD", r.f.ResponseURL("preview")))
	preview := slacktest.BlocksText(t, r.f.WaitCall("respond"))
	if !strings.Contains(preview, "careerbot:summary_post") || !strings.Contains(preview, "Preview") {
		t.Errorf("preview = %s", preview)
	}
	r.f.Send(slacktest.InteractiveEnvelope("env-5", slacktest.BlockActionPayload("UMOD", "careerbot:summary_post", "certification", r.f.ResponseURL("preview"))))
	var post slacktest.Call
	for post.Form.Get("channel") != "C1" || post.Form.Get("thread_ts") != "" {
		post = r.f.WaitCall("chat.postMessage")
	}
	if b := slacktest.BlocksText(t, post); !strings.Contains(b, "Key point one [1]") || !strings.Contains(b, "Posted by") || strings.Count(b, "Posted by") != 1 {
		t.Errorf("published summary = %s", b)
	}
	if del := r.f.WaitCall("respond"); del.JSON["delete_original"] != true {
		t.Errorf("preview not deleted: %v", del.JSON)
	}
	r.stop()

	qs := know.Queries()
	if len(qs) != 2 || len(qs[1].History) != 1 || qs[1].Text != "how long does it take?" {
		t.Errorf("knowledge queries = %+v, want the follow-up with one turn of history", qs)
	}
	rep, err := store.Report(context.Background(), bot.ReportQuery{Since: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Upvotes != 1 || rep.Questions < 2 {
		t.Errorf("report = %+v, want 1 upvote and the questions", rep)
	}
}

// buttonValue finds the value of the button with actionID in a blocks JSON text.
func buttonValue(t *testing.T, blocks, actionID string) string {
	t.Helper()
	i := strings.Index(blocks, `"action_id":"`+actionID+`"`)
	if i < 0 {
		t.Fatalf("no %s button in %s", actionID, blocks)
	}
	rest := blocks[i:]
	j := strings.Index(rest, `"value":"`)
	if j < 0 {
		t.Fatalf("%s button has no value", actionID)
	}
	rest = rest[j+len(`"value":"`):]
	return rest[:strings.IndexByte(rest, '"')]
}
