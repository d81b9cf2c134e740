package slack

import (
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

// FuzzRender checks that any answer text renders within Block Kit's limits and that
// the mrkdwn never carries a "<" Slack would read as markup, except the links the
// converter made itself.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"**bold** _it_ [l](https://x.org) <!channel> & <@U1>",
		"```\ncode < >\n",
		"# h\n- a\n  - b\n1. c\n> q",
		"[a](https://x.org/(b)) [c](javascript:x) <https://y.org>",
		strings.Repeat("word ", 3000),
		"\uE000\uE001\uE002",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m := render(bot.Reply{Text: text, AnswerID: "a1", Sources: testSources}, renderOptions{})
		checkLimits(t, m)
		md := toMrkdwn(text)
		if strings.ContainsAny(md, "\uE000\uE001\uE002") {
			t.Fatalf("placeholder rune leaked: %q", md)
		}
		for rest := md; ; {
			i := strings.IndexByte(rest, '<')
			if i < 0 {
				break
			}
			rest = rest[i:]
			if !strings.HasPrefix(rest, "<http://") && !strings.HasPrefix(rest, "<https://") && !strings.HasPrefix(rest, "<mailto:") {
				t.Fatalf("raw markup in %q", md)
			}
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				t.Fatalf("unclosed link in %q", md)
			}
			rest = rest[end+1:]
		}
	})
}
