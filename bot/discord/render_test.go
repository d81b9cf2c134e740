package discord

import (
	"fmt"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

func TestStripMention(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<@900> How do I start?", "How do I start?"},
		{"<@!900>   what   pays best? <@900>", "what pays best?"},
		{"Hey <@123> and <@900>, help", "Hey <@123> and , help"},
		{"<@900>", ""},
		{"no mention", "no mention"},
	} {
		if got := stripMention(tc.in, "900"); got != tc.want {
			t.Errorf("stripMention(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCustomID(t *testing.T) {
	id, ok := encodeCustomID(bot.ActionFeedbackUp, "A:1")
	if !ok || id != "careerbot:feedback_up:A:1" {
		t.Fatalf("encode = %q %v", id, ok)
	}
	action, value, ok := decodeCustomID(id)
	if !ok || action != bot.ActionFeedbackUp || value != "A:1" {
		t.Errorf("decode = %q %q %v", action, value, ok)
	}
	if _, ok := encodeCustomID(bot.ActionPostSummary, strings.Repeat("x", 100)); ok {
		t.Error("a custom_id over 100 characters was accepted")
	}
	for _, bad := range []string{"", "careerbot:", "other:feedback_up:A1", "careerbot::x"} {
		if _, _, ok := decodeCustomID(bad); ok {
			t.Errorf("decodeCustomID(%q) accepted", bad)
		}
	}
}

func TestRender(t *testing.T) {
	t.Run("Answer", func(t *testing.T) {
		msgs := render(sampleReply(), "Posted by Ana")
		if len(msgs) != 1 || len(msgs[0].Embeds) != 1 {
			t.Fatalf("messages = %+v", msgs)
		}
		e := msgs[0].Embeds[0]
		if len(e.Fields) != 2 || e.Fields[0].Name != "Sources" || e.Fields[1].Name != "Courses" || e.Footer == nil || e.Footer.Text != "Posted by Ana" {
			t.Errorf("embed = %+v", e)
		}
		if len(msgs[0].Components) != 1 {
			t.Errorf("components = %+v", msgs[0].Components)
		}
	})
	t.Run("SourcePages", func(t *testing.T) {
		v := render(bot.Reply{Text: "Fee [2], pass rate [3], eligibility [1].", Sources: bottest.PageSources}, "")[0].Embeds[0].Fields[0].Value
		lines := strings.Split(v, "\n")
		for i, want := range bottest.PageSourceLines {
			line := fmt.Sprintf("[%d] [%s](%s) — %s", i+1, want[0], bottest.PageSources[i].URL, want[1])
			if i >= len(lines) || lines[i] != line {
				t.Errorf("source line %d = %q, want %q", i, lines[min(i, len(lines)-1)], line)
			}
		}
	})
	t.Run("HostileSourceTitlesAndURLs", func(t *testing.T) {
		r := bot.Reply{Text: "x", Sources: []bot.Source{
			{N: 1, Title: "a](javascript:alert(1))[b", URL: "https://example.org/ok"},
			{N: 2, Title: "plain", URL: "javascript:alert(1)"},
			{N: 3, Title: strings.Repeat("long ", 500), URL: "https://example.org/" + strings.Repeat("y", 2000)},
		}}
		m := render(r, "")[0]
		v := m.Embeds[0].Fields[0].Value
		if strings.Contains(v, "javascript:") && strings.Contains(v, "](javascript") {
			t.Errorf("unsafe link rendered: %s", v)
		}
		if !strings.Contains(v, "[1] [a)(javascript:alert(1))(b](https://example.org/ok)") || !strings.Contains(v, "[2] plain") {
			t.Errorf("sources = %s", v)
		}
		checkLimits(t, sentMessage{Content: m.Content, Embeds: m.Embeds})
	})
	t.Run("Empty", func(t *testing.T) {
		msgs := render(bot.Reply{}, "")
		if len(msgs) != 1 || msgs[0].Content == "" {
			t.Errorf("empty reply rendered as %+v", msgs)
		}
	})
	t.Run("Long", func(t *testing.T) {
		msgs := render(longReply(), "")
		for i, m := range msgs {
			checkLimits(t, sentMessage{Content: m.Content, Embeds: m.Embeds})
			if i < len(msgs)-1 && len(m.Components) != 0 {
				t.Errorf("buttons on message %d of %d", i+1, len(msgs))
			}
		}
		if len(msgs[len(msgs)-1].Components) == 0 {
			t.Error("no buttons on the last message")
		}
	})
}

var sinkMessages []message

// BenchmarkRender_Long renders an answer that splits over several messages.
func BenchmarkRender_Long(b *testing.B) {
	r := longReply()
	b.ReportAllocs()
	for b.Loop() {
		sinkMessages = render(r, "")
	}
}

// BenchmarkRender_Typical renders a short cited answer with courses and buttons.
func BenchmarkRender_Typical(b *testing.B) {
	r := sampleReply()
	b.ReportAllocs()
	for b.Loop() {
		sinkMessages = render(r, "")
	}
}
