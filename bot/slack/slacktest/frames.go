package slacktest

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// EventEnvelope is an events_api Socket Mode envelope around an inner event (see
// MentionEvent, MessageEvent). A retry (retry > 0) carries retry_reason "timeout";
// Slack redelivers an event with the same eventID in a new envelope.
func EventEnvelope(envelopeID, eventID string, retry int, inner string) string {
	reason := ""
	if retry > 0 {
		reason = "timeout"
	}
	return fmt.Sprintf(`{"type":"events_api","envelope_id":%q,"accepts_response_payload":false,"retry_attempt":%d,"retry_reason":%q,`+
		`"payload":{"type":"event_callback","token":"legacy","team_id":%q,"api_app_id":"A1","event_id":%q,"event_time":1700000000,"event":%s}}`,
		envelopeID, retry, reason, TeamID, eventID, inner)
}

// MentionEvent is an app_mention event from user U1 in channel, at ts. text holds
// the mention itself, e.g. "<@UBOT> what does an RHIT do?".
func MentionEvent(channel, ts, text string) string {
	return fmt.Sprintf(`{"type":"app_mention","user":"U1","text":%q,"channel":%q,"ts":%q,"event_ts":%q}`, text, channel, ts, ts)
}

// MessageEvent is a message event: by default "hello" from U1 in the DM D1. fields
// override or add fields; a nil value removes one.
func MessageEvent(fields map[string]any) string {
	ev := map[string]any{"type": "message", "user": "U1", "text": "hello", "channel": "D1", "channel_type": "im", "ts": "1700000002.000100"}
	for k, v := range fields {
		if v == nil {
			delete(ev, k)
			continue
		}
		ev[k] = v
	}
	return mustJSON(ev)
}

// SlashEnvelope is a slash_commands envelope: user ran command text in channel C1.
func SlashEnvelope(envelopeID, command, text, user, responseURL string) string {
	payload := mustJSON(map[string]string{
		"command": command, "text": text, "channel_id": "C1", "user_id": user, "user_name": "name-" + user,
		"response_url": responseURL, "trigger_id": nextTrigger(), "team_id": TeamID, "api_app_id": "A1",
	})
	return fmt.Sprintf(`{"type":"slash_commands","envelope_id":%q,"accepts_response_payload":true,"payload":%s}`, envelopeID, payload)
}

// BlockActionPayload is a block_actions interaction: user clicked the button
// actionID carrying value on an ephemeral message in channel C1.
func BlockActionPayload(user, actionID, value, responseURL string) string {
	return mustJSON(map[string]any{
		"type":         "block_actions",
		"user":         map[string]string{"id": user, "name": "name-" + user},
		"channel":      map[string]string{"id": "C1"},
		"container":    map[string]any{"type": "message", "message_ts": "1700000000.000001", "channel_id": "C1", "is_ephemeral": true},
		"response_url": responseURL,
		"trigger_id":   nextTrigger(),
		"actions":      []map[string]string{{"action_id": actionID, "block_id": "careerbot_actions", "value": value, "type": "button", "action_ts": "1"}},
	})
}

// ViewSubmissionPayload is a view_submission interaction: user submitted the modal
// callbackID (with privateMetadata) whose input blocks hold values, block id →
// action id → {"type", "value" | "selected_option" | "selected_options"}.
func ViewSubmissionPayload(user, callbackID, privateMetadata string, values map[string]map[string]any) string {
	return mustJSON(map[string]any{
		"type":       "view_submission",
		"user":       map[string]string{"id": user, "name": "name-" + user},
		"trigger_id": "trig",
		"view": map[string]any{
			"id": "V1", "type": "modal", "callback_id": callbackID, "private_metadata": privateMetadata,
			"state": map[string]any{"values": values},
		},
	})
}

// InteractiveEnvelope is an interactive envelope around an interaction payload such
// as BlockActionPayload.
func InteractiveEnvelope(envelopeID, payload string) string {
	return fmt.Sprintf(`{"type":"interactive","envelope_id":%q,"accepts_response_payload":false,"payload":%s}`, envelopeID, payload)
}

// triggers numbers trigger ids: like Slack, every command and click gets its own.
var triggers atomic.Int64

func nextTrigger() string { return fmt.Sprintf("trig-%d", triggers.Add(1)) }

// mustJSON marshals values that cannot fail to marshal (maps of strings and maps).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("slacktest: marshal %T: %v", v, err))
	}
	return string(b)
}

// BlocksOf decodes the Block Kit blocks a call carried: the "blocks" form field of a
// Web API call, or the "blocks" of a response_url body. It is nil when there are
// none, and fails the test when they are not JSON.
func BlocksOf(t testing.TB, c Call) []map[string]any {
	t.Helper()
	raw := c.Form.Get("blocks")
	if c.JSON != nil {
		b, err := json.Marshal(c.JSON["blocks"])
		if err != nil {
			t.Fatalf("blocks: %v", err)
		}
		raw = string(b)
	}
	if raw == "" || raw == "null" {
		return nil
	}
	var blocks []map[string]any
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		t.Fatalf("blocks are not JSON: %v\n%s", err, raw)
	}
	return blocks
}

// BlocksText returns the blocks of a call as compact JSON without HTML escaping, for
// substring checks such as `"type":"context"` or "<https://…|Title>".
func BlocksText(t testing.TB, c Call) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(BlocksOf(t, c)); err != nil {
		t.Fatalf("encode blocks: %v", err)
	}
	return b.String()
}
