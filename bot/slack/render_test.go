package slack

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

func TestToMrkdwn(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Bold", "an **RHIT** credential", "an *RHIT* credential"},
		{"BoldUnderscore", "an __RHIT__ credential", "an *RHIT* credential"},
		{"ItalicStar", "an *optional* step", "an _optional_ step"},
		{"ItalicUnderscore", "an _optional_ step", "an _optional_ step"},
		{"BoldAndItalic", "**bold** and *it*", "*bold* and _it_"},
		{"Strike", "~~old~~ new", "~old~ new"},
		{"Link", "see [AHIMA](https://www.ahima.org/rhit)", "see <https://www.ahima.org/rhit|AHIMA>"},
		{"LinkWithAmpersandURL", "[pay & outlook](https://bls.gov/ooh?a=1&b=2)", "<https://bls.gov/ooh?a=1&b=2|pay &amp; outlook>"},
		{"LinkBoldLabel", "[**RHIT** exam](https://x.org/e)", "<https://x.org/e|RHIT exam>"},
		{"LinkWithPipeInLabel", "[a|b](https://x.org)", "<https://x.org|a¦b>"},
		{"UnsafeLinkScheme", "[click](javascript:alert(1))", "click"},
		{"MailLinkIsText", "[write to us](mailto:a@example.org?subject=x)", "write to us"},
		{"Autolink", "<https://x.org/a>", "<https://x.org/a>"},
		{"Citation", "It takes two years [1][2].", "It takes two years [1][2]."},
		{"Escape", "a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"},
		{"NoInjectedMention", "<!channel> hi <@U123>", "&lt;!channel&gt; hi &lt;@U123&gt;"},
		{"Heading", "## Pay and *outlook*", "*Pay and outlook*"},
		{"HeadingH1", "# Overview", "*Overview*"},
		{"Bullets", "- one\n* two\n+ three", "• one\n• two\n• three"},
		{"NestedBullets", "- one\n  - sub", "• one\n    ◦ sub"},
		{"Ordered", "1. first\n2) second", "1. first\n2. second"},
		{"Quote", "> quoted **text**", "> quoted *text*"},
		{"Rule", "---", "──────────"},
		{"InlineCode", "run `a < b` and **go**", "run `a &lt; b` and *go*"},
		{"CodeSpanKeepsStars", "`**not bold**`", "`**not bold**`"},
		{"Fence", "```go\nif a < b {\n**x**\n}\n```", "```\nif a &lt; b {\n**x**\n}\n```"},
		{"UnclosedFence", "```\ncode", "```\ncode\n```"},
		{"EscapedStar", `5 \* 3`, "5 * 3"},
		{"SnakeCase", "use file_name_here", "use file_name_here"},
		{"Multiplication", "2 * 3 * 4", "2 * 3 * 4"},
		{"PrivateUseRunesDropped", "a\uE000b\uE001c", "abc"},
		{"Empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := toMrkdwn(tc.in); got != tc.want {
				t.Errorf("toMrkdwn(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRender_Answer(t *testing.T) {
	m := render(bot.Reply{
		Text:     "**RHIT** [1]",
		Notice:   "I removed a phone number <555>.",
		Sources:  []bot.Source{{N: 1, Title: "AHIMA", URL: "https://www.ahima.org", AsOf: "2025-06"}, {N: 2, Title: "No link"}},
		Courses:  []bot.Course{{Title: "Coding 101", URL: "https://c.org/101", Provider: "C", Level: "beginner"}},
		AnswerID: "a1",
	})
	js := marshal(t, m.Blocks)
	order := []string{"I removed a phone number &lt;555&gt;.", "*RHIT* [1]", "[1] <https://www.ahima.org|AHIMA> — ahima.org · as of 2025-06",
		"[2] No link", "<https://c.org/101|Coding 101> — C · beginner", "careerbot:feedback_up"}
	last := -1
	for _, want := range order {
		i := strings.Index(js, want)
		if i < 0 {
			t.Fatalf("blocks lack %q:\n%s", want, js)
		}
		if i < last {
			t.Errorf("%q out of order", want)
		}
		last = i
	}
	if m.Blocks[0].BlockType() != slack.MBTContext {
		t.Errorf("notice block is %s, want context on top", m.Blocks[0].BlockType())
	}
	if !strings.Contains(m.Text, "*RHIT*") || !strings.Contains(m.Text, "phone number") {
		t.Errorf("fallback text = %q", m.Text)
	}
}

func TestRender_SourcePages(t *testing.T) {
	m := render(bot.Reply{Text: "Fee [2], pass rate [3], eligibility [1].", Sources: bottest.PageSources})
	js := marshal(t, m.Blocks)
	for i, want := range bottest.PageSourceLines {
		line := fmt.Sprintf("[%d] <%s|%s> — %s", i+1, bottest.PageSources[i].URL, escapeText(want[0]), want[1])
		if !strings.Contains(js, line) {
			t.Errorf("blocks lack %q:\n%s", line, js)
		}
	}
}

func TestRender_LimitsWithVeryLongAnswers(t *testing.T) {
	para := "The **registered health information technician** credential needs an accredited degree [1]. " +
		"See [AHIMA](https://www.ahima.org/certification/rhit) & <details>. "
	for _, tc := range []struct {
		name string
		text string
	}{
		{"ManyParagraphs", strings.Repeat(para+"\n\n", 400)},
		{"OneHugeParagraph", strings.Repeat(para, 400)},
		{"EscapeHeavy", strings.Repeat("&<>", 5000)},
		{"LongCodeBlock", "```\n" + strings.Repeat("x < y && z\n", 2000) + "```"},
		{"NoSpaces", strings.Repeat("a", 20000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sources := make([]bot.Source, 40)
			for i := range sources {
				sources[i] = bot.Source{N: i + 1, Title: fmt.Sprint("Source ", i+1), URL: "https://example.org/", AsOf: "2025"}
			}
			m := render(bot.Reply{Text: tc.text, Notice: "note", Sources: sources, AnswerID: "a1",
				Buttons: []bot.Button{{Action: bot.ActionPostSummary, Label: "Post", Value: "x"}}})
			checkLimits(t, m)
			if !strings.Contains(marshal(t, m.Blocks), "careerbot:feedback_up") {
				t.Error("the buttons were dropped to make room")
			}
		})
	}
}

// checkLimits asserts Slack's Block Kit limits on a rendered message.
func checkLimits(t *testing.T, m message) {
	t.Helper()
	if len(m.Blocks) > maxBlocks {
		t.Errorf("%d blocks, limit %d", len(m.Blocks), maxBlocks)
	}
	if strings.TrimSpace(m.Text) == "" || utf8.RuneCountInString(m.Text) > 40000 {
		t.Errorf("fallback text has %d characters", utf8.RuneCountInString(m.Text))
	}
	total := 0
	for _, b := range m.Blocks {
		switch b := b.(type) {
		case *slack.SectionBlock:
			n := utf8.RuneCountInString(b.Text.Text)
			total += n
			if n > maxSectionText || n == 0 {
				t.Errorf("section with %d characters", n)
			}
			if strings.Count(b.Text.Text, "```")%2 != 0 {
				t.Errorf("section leaves a code block open: %q", b.Text.Text[max(0, len(b.Text.Text)-40):])
			}
		case *slack.ContextBlock:
			if len(b.ContextElements.Elements) > maxContextElements {
				t.Errorf("context block with %d elements", len(b.ContextElements.Elements))
			}
			for _, e := range b.ContextElements.Elements {
				if tx, ok := e.(*slack.TextBlockObject); ok && utf8.RuneCountInString(tx.Text) > maxSectionText {
					t.Errorf("context text with %d characters", utf8.RuneCountInString(tx.Text))
				}
			}
		}
	}
	if total > maxBodyChars+2*maxSectionText {
		t.Errorf("sections total %d characters", total)
	}
}

func TestSectionTexts_ShortAnswerIsOneSection(t *testing.T) {
	got := sectionTexts("Short **answer** [1].", 10)
	if len(got) != 1 || got[0] != "Short *answer* [1]." {
		t.Errorf("sectionTexts = %q", got)
	}
	if got := sectionTexts("   ", 10); len(got) != 0 {
		t.Errorf("blank answer gave %q", got)
	}
}

func TestTruncate_KeepsMrkdwnValid(t *testing.T) {
	s := "see <https://example.org/very/long/path|a label> now"
	got := truncate(s, 20)
	if strings.Contains(got, "<") || utf8.RuneCountInString(got) > 20 {
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("a &amp; b &amp; c", 10); strings.HasSuffix(strings.TrimSuffix(got, "…"), "&am") {
		t.Errorf("truncate cut an entity: %q", got)
	}
}

func TestQuestionText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<@UBOT> how do I become an RHIT?", "how do I become an RHIT?"},
		{"<@UBOT|careerbot>   pay &amp; outlook &lt;2025&gt;", "pay & outlook <2025>"},
		{"ask <@U2> and <@UBOT>", "ask @U2 and"},
		{"see <https://x.org|this> and <https://y.org>", "see this (https://x.org) and https://y.org"},
		{"in <#C1|general> <!here>", "in general here"},
		{"<@UBOT>", ""},
	} {
		if got := questionText(tc.in, "UBOT"); got != tc.want {
			t.Errorf("questionText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCommandRequest checks the translation of a slash command; what its text means
// is bot.ParseSlash's (tested in package bot).
func TestCommandRequest(t *testing.T) {
	req, err := commandRequest(slack.SlashCommand{Command: "/career", Text: "courses coding beginner", UserID: "U1", UserName: "ann",
		ChannelID: "D1", TriggerID: "T1"})
	if err != nil {
		t.Fatal(err)
	}
	if req.Platform != bot.PlatformSlack || req.UserID != "U1" || req.UserName != "ann" || req.ChannelID != "D1" || !req.DM ||
		req.DedupKey != "T1" || req.Command != bot.CommandCourses || req.Args[bot.ArgTopic] != "coding beginner" {
		t.Errorf("request = %+v", req)
	}
	// Whatever the app calls its moderator command, a name ending in -mod is /career-mod.
	if req, err := commandRequest(slack.SlashCommand{Command: "/hit-mod", Text: "report 24h"}); err != nil || req.Command != bot.CommandReport || req.Args[bot.ArgSince] != "24h" {
		t.Errorf("/hit-mod report = %+v, %v", req, err)
	}
	if _, err := commandRequest(slack.SlashCommand{Command: "/career-mod", Text: "delete everything"}); err == nil || !strings.Contains(err.Error(), "summary") {
		t.Errorf("unknown moderator subcommand: err = %v, want usage", err)
	}
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var generic any // decode and re-encode: nested MarshalJSON output is HTML-escaped
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(generic); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
