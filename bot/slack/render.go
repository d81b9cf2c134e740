package slack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/careerbot/careerbot/bot"
)

// actionPrefix namespaces careerbot's Block Kit action_ids ("careerbot:feedback_up").
const actionPrefix = "careerbot:"

// Limits of Block Kit elements used here.
const (
	maxContextElements = 10
	maxButtonLabel     = 75
	maxButtonValue     = 2000
	maxActionButtons   = 25
)

// message is a rendered Slack message: Block Kit blocks plus the notification text
// that Slack shows where blocks cannot be (notifications, screen readers).
type message struct {
	Text   string
	Blocks []slack.Block
}

// options returns the chat.postMessage/chat.update options for m.
func (m message) options() []slack.MsgOption {
	return []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
}

// render converts a Reply to Block Kit: the notice on top, the answer body in sections
// of at most 3,000 characters, numbered sources with as-of dates, course suggestions,
// then the buttons (👍/👎 are added when the reply has an answer id). It
// never returns more than 50 blocks, and Text is never empty.
func render(r bot.Reply) message {
	var head, tail []slack.Block
	if n := strings.TrimSpace(r.Notice); n != "" {
		head = append(head, contextBlock(":information_source: "+escapeText(n)))
	}
	tail = append(tail, sourceBlocks(r.Sources)...)
	if b := coursesBlock(r.Courses); b != nil {
		tail = append(tail, b)
	}
	if b := actionsBlock(buttonsFor(r)); b != nil {
		tail = append(tail, b)
	}
	room := maxBlocks - len(head) - len(tail)
	if room < 1 { // cannot happen with the caps above; keep the body regardless
		tail = tail[:max(0, len(tail)-(1-room))]
		room = 1
	}
	blocks := head
	for _, t := range sectionTexts(r.Text, room) {
		blocks = append(blocks, sectionBlock(t))
	}
	blocks = append(blocks, tail...)
	return message{Text: fallbackText(r), Blocks: blocks}
}

// fallbackText is the notification text of a reply: the notice and the start of the body.
func fallbackText(r bot.Reply) string {
	var parts []string
	if n := strings.TrimSpace(r.Notice); n != "" {
		parts = append(parts, escapeText(n))
	}
	// Only the start is shown, so only the start is converted.
	if t := toMrkdwn(headRunes(r.Text, 2*maxFallback)); strings.TrimSpace(t) != "" {
		parts = append(parts, t)
	}
	text := truncate(strings.Join(parts, "\n\n"), maxFallback)
	if strings.TrimSpace(text) == "" {
		return "careerbot"
	}
	return text
}

// headRunes returns at most the first n runes of s.
func headRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// buttonsFor returns the reply's buttons, adding 👍/👎 when it has an answer id and
// no feedback buttons of its own.
func buttonsFor(r bot.Reply) []bot.Button {
	buttons := r.Buttons
	if r.AnswerID == "" {
		return buttons
	}
	for _, b := range buttons {
		if b.Action == bot.ActionFeedbackUp || b.Action == bot.ActionFeedbackDown {
			return buttons
		}
	}
	return append(append([]bot.Button(nil), buttons...),
		bot.Button{Action: bot.ActionFeedbackUp, Label: "👍 Helpful", Value: r.AnswerID},
		bot.Button{Action: bot.ActionFeedbackDown, Label: "👎 Not helpful", Value: r.AnswerID},
	)
}

func actionsBlock(buttons []bot.Button) slack.Block {
	var elems []slack.BlockElement
	seen := map[string]bool{}
	for _, b := range buttons {
		id := actionPrefix + b.Action
		if b.Action == "" || seen[id] || len(elems) == maxActionButtons {
			continue // action_ids must be unique within a block
		}
		seen[id] = true
		label := truncate(strings.TrimSpace(b.Label), maxButtonLabel)
		if label == "" {
			label = b.Action
		}
		value := b.Value
		if len(value) > maxButtonValue {
			value = value[:maxButtonValue]
		}
		btn := slack.NewButtonBlockElement(id, value, slack.NewTextBlockObject(slack.PlainTextType, label, true, false))
		switch b.Style {
		case "primary":
			btn = btn.WithStyle(slack.StylePrimary)
		case "danger":
			btn = btn.WithStyle(slack.StyleDanger)
		}
		elems = append(elems, btn)
	}
	if len(elems) == 0 {
		return nil
	}
	return slack.NewActionBlock("careerbot_actions", elems...)
}

// sourceBlocks renders numbered sources as context blocks, up to ten per block: each
// "[n] <url|title> — site · as of YYYY-MM · mark" (see [bot.Source.Caption]).
func sourceBlocks(sources []bot.Source) []slack.Block {
	var blocks []slack.Block
	var elems []slack.MixedElement
	for i, s := range sources {
		n := s.N
		if n == 0 {
			n = i + 1
		}
		title := strings.TrimSpace(s.Title)
		if title == "" {
			title = s.URL
		}
		line := fmt.Sprintf("[%d] %s", n, slackLink(s.URL, title))
		if !isWebURL(s.URL) {
			line = fmt.Sprintf("[%d] %s", n, escapeText(title))
		}
		if c := s.Caption(); c != "" {
			line += " — " + escapeText(c)
		}
		elems = append(elems, slack.NewTextBlockObject(slack.MarkdownType, truncate(line, maxSectionText), false, false))
		if len(elems) == maxContextElements {
			blocks = append(blocks, slack.NewContextBlock("", elems...))
			elems = nil
		}
	}
	if len(elems) > 0 {
		blocks = append(blocks, slack.NewContextBlock("", elems...))
	}
	if len(blocks) > 3 { // more than 30 sources is never useful; keep the block budget for the answer
		blocks = blocks[:3]
	}
	return blocks
}

// coursesBlock renders course suggestions as one section, or nil when there are none.
func coursesBlock(courses []bot.Course) slack.Block {
	if len(courses) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("*Courses you could look at*")
	for _, c := range courses {
		line := "\n• " + slackLink(c.URL, c.Title)
		var meta []string
		for _, m := range []string{c.Provider, c.Level, c.Format, c.Length, c.Cost} {
			if m = strings.TrimSpace(m); m != "" {
				meta = append(meta, escapeText(m))
			}
		}
		if len(meta) > 0 {
			line += " — " + strings.Join(meta, " · ")
		}
		if utf8.RuneCountInString(b.String()+line) > maxSectionText {
			break
		}
		b.WriteString(line)
	}
	return sectionBlock(b.String())
}

func sectionBlock(mrkdwn string) slack.Block {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, truncate(mrkdwn, maxSectionText), false, false), nil, nil)
}

func contextBlock(mrkdwn string) slack.Block {
	return slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, truncate(mrkdwn, maxSectionText), false, false))
}

// thinkingMessage is the placeholder posted while an answer is being prepared.
func thinkingMessage() message {
	return message{Text: "Thinking…", Blocks: []slack.Block{contextBlock("_Thinking…_")}}
}

// partialMessage shows an answer that is still streaming.
func partialMessage(textSoFar string) message {
	t := truncate(toMrkdwn(textSoFar), maxSectionText-2)
	return message{Text: t + " …", Blocks: []slack.Block{sectionBlock(t + " …")}}
}

// plainMessage renders short text (refusals, confirmations) as one section.
func plainMessage(text string) message {
	return render(bot.Reply{Text: text})
}
