package discord

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// Discord's limits (docs/platforms.md §1.7). They are not enforced by discordgo;
// going over one fails the whole message with 400 Invalid Form Body.
const (
	maxContent     = 2000
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFields      = 25
	maxEmbedTotal  = 6000 // across all embeds of one message
	maxEmbeds      = 10
	maxFooter      = 2048
	maxButtonLabel = 80
	maxButtonsRow  = 5
)

// embedColor is the accent colour of answer embeds.
const embedColor = 0x2E86AB

// message is one Discord message the bot sends or edits.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// render turns a Reply into messages that each fit Discord's limits: the notice as
// content of the first message, the answer split at paragraph boundaries over
// embed descriptions, numbered sources and courses as fields, the footer (when not
// empty) under the last embed, and the buttons under the last message.
func render(r bot.Reply, footer string) []message {
	var embeds []*discordgo.MessageEmbed
	for _, part := range bot.SplitMarkdown(r.Text, maxDescription) {
		embeds = append(embeds, &discordgo.MessageEmbed{Description: part, Color: embedColor})
	}
	fields := append(listFields("Sources", sourceLines(r.Sources)), listFields("Courses", courseLines(r.Courses))...)
	for _, f := range fields {
		last := len(embeds) - 1
		if last < 0 || len(embeds[last].Fields) == maxFields || embedSize(embeds[last])+fieldSize(f) > maxEmbedTotal {
			embeds = append(embeds, &discordgo.MessageEmbed{Color: embedColor})
			last++
		}
		embeds[last].Fields = append(embeds[last].Fields, f)
	}
	if footer = truncate(footer, maxFooter); footer != "" {
		if len(embeds) == 0 || embedSize(embeds[len(embeds)-1])+runes(footer) > maxEmbedTotal {
			embeds = append(embeds, &discordgo.MessageEmbed{Color: embedColor})
		}
		embeds[len(embeds)-1].Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}

	msgs := []message{{Content: truncate(r.Notice, maxContent)}}
	total := 0
	for _, e := range embeds {
		cur := &msgs[len(msgs)-1]
		if len(cur.Embeds) == maxEmbeds || (len(cur.Embeds) > 0 && total+embedSize(e) > maxEmbedTotal) {
			msgs = append(msgs, message{})
			cur, total = &msgs[len(msgs)-1], 0
		}
		cur.Embeds = append(cur.Embeds, e)
		total += embedSize(e)
	}
	if msgs[0].Content == "" && len(msgs[0].Embeds) == 0 {
		msgs[0].Content = "I have nothing to add to that."
	}
	msgs[len(msgs)-1].Components = buttonRows(r.Buttons)
	return msgs
}

// renderPartial shows an answer that is still streaming: its first 4,096 runes.
func renderPartial(text string) message {
	return message{Embeds: []*discordgo.MessageEmbed{{
		Description: truncate(strings.TrimSpace(text)+" …", maxDescription),
		Color:       embedColor,
	}}}
}

// renderText is a message of plain text, for notes such as "Posted to the channel."
func renderText(text string) message { return message{Content: truncate(text, maxContent)} }

// sourceLines renders sources as "[n] [title](url) — site · as of YYYY-MM · mark"
// (see [bot.Source.Caption]).
func sourceLines(sources []bot.Source) []string {
	lines := make([]string, 0, len(sources))
	for i, s := range sources {
		n := s.N
		if n == 0 {
			n = i + 1
		}
		title := s.Title
		if title == "" {
			title = s.URL
		}
		line := fmt.Sprintf("[%d] %s", n, link(title, s.URL))
		if c := s.Caption(); c != "" {
			line += " — " + c
		}
		lines = append(lines, line)
	}
	return lines
}

// courseLines renders courses as "• [title](url) — provider · level · cost".
func courseLines(courses []bot.Course) []string {
	lines := make([]string, 0, len(courses))
	for _, c := range courses {
		var meta []string
		for _, m := range []string{c.Provider, c.Level, c.Format, c.Cost, c.Length} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		line := "• " + link(c.Title, c.URL)
		if len(meta) > 0 {
			line += " — " + strings.Join(meta, " · ")
		}
		lines = append(lines, line)
	}
	return lines
}

// link renders a Markdown link whose text cannot break out of the brackets. It
// falls back to the bare title when the URL is missing, not http(s), or too long to
// keep a line within a field.
func link(title, url string) string {
	title = strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(truncate(title, 200))
	ok := (strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) &&
		len(url) <= 600 && !strings.ContainsAny(url, " ()\n")
	if !ok {
		return title
	}
	return "[" + title + "](" + url + ")"
}

// listFields packs lines into fields of at most 1,024 runes, never splitting a line;
// a line longer than a field is truncated (it carries no link then, see link).
func listFields(name string, lines []string) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	var cur []string
	size := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		n := name
		if len(fields) > 0 {
			n = name + " (continued)"
		}
		fields = append(fields, &discordgo.MessageEmbedField{Name: truncate(n, maxFieldName), Value: strings.Join(cur, "\n")})
		cur, size = nil, 0
	}
	for _, l := range lines {
		l = truncate(l, maxFieldValue)
		if size > 0 && size+1+runes(l) > maxFieldValue {
			flush()
		}
		if size > 0 {
			size++
		}
		cur, size = append(cur, l), size+runes(l)
	}
	flush()
	return fields
}

// buttonRows renders buttons as action rows of up to five; buttons whose custom_id
// would be too long are left out.
func buttonRows(buttons []bot.Button) []discordgo.MessageComponent {
	rows := []discordgo.MessageComponent{}
	var row discordgo.ActionsRow
	for _, b := range buttons {
		id, ok := encodeCustomID(b.Action, b.Value)
		if !ok {
			continue
		}
		style := discordgo.SecondaryButton
		switch b.Style {
		case "primary":
			style = discordgo.PrimaryButton
		case "danger":
			style = discordgo.DangerButton
		}
		label := truncate(b.Label, maxButtonLabel)
		if label == "" {
			label = b.Action
		}
		row.Components = append(row.Components, discordgo.Button{Label: label, Style: style, CustomID: id})
		if len(row.Components) == maxButtonsRow {
			rows = append(rows, row)
			row = discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// embedSize counts the characters Discord counts toward the 6,000 total.
func embedSize(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += fieldSize(f)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}

func fieldSize(f *discordgo.MessageEmbedField) int { return runes(f.Name) + runes(f.Value) }

func runes(s string) int { return utf8.RuneCountInString(s) }

// truncate shortens s to at most limit runes, ending with "…" when cut.
func truncate(s string, limit int) string {
	if runes(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit-1]) + "…"
}
