package web

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"

	"github.com/careerbot/careerbot/bot"
)

// md renders Markdown with goldmark's defaults: raw HTML in the input is dropped and
// links with dangerous schemes (javascript:, data: …) lose their href, so the HTML
// can be inserted into the page as is.
var md = goldmark.New()

// replyJSON is a [bot.Reply] as the page receives it.
type replyJSON struct {
	HTML      string       `json:"html"` // Text rendered, citations linked
	Text      string       `json:"text"`
	Notice    string       `json:"notice,omitempty"`
	Sources   []sourceJSON `json:"sources"`
	Courses   []courseJSON `json:"courses"`
	Buttons   []buttonJSON `json:"buttons"`
	Ephemeral bool         `json:"ephemeral"`
	AnswerID  string       `json:"answer_id,omitempty"`
	Question  string       `json:"question,omitempty"`
	Topic     string       `json:"topic,omitempty"`
	Outcome   string       `json:"outcome,omitempty"`
	Mode      string       `json:"mode,omitempty"`
	Abstained bool         `json:"abstained"`
	Redacted  bool         `json:"redacted"`
}

type sourceJSON struct {
	N      int    `json:"n"`
	Title  string `json:"title"`
	URL    string `json:"url,omitempty"`    // only http(s) URLs; "" otherwise
	Domain string `json:"domain,omitempty"` // the site, shown next to the title
	AsOf   string `json:"as_of,omitempty"`  // when the page was read
	Kind   string `json:"kind,omitempty"`
	Mark   string `json:"mark,omitempty"` // "secondary" or "dated" (see bot.Source.Mark)
	Topic  string `json:"topic,omitempty"`
}

type courseJSON struct {
	Title    string `json:"title"`
	Provider string `json:"provider,omitempty"`
	URL      string `json:"url,omitempty"`
	Level    string `json:"level,omitempty"`
	Format   string `json:"format,omitempty"`
	Cost     string `json:"cost,omitempty"`
	Length   string `json:"length,omitempty"`
}

type buttonJSON struct {
	Action string `json:"action"`
	Label  string `json:"label"`
	Value  string `json:"value"`
	Style  string `json:"style,omitempty"`
}

// toJSON converts a Reply for the page. Slices are never null.
func toJSON(r bot.Reply) replyJSON {
	out := replyJSON{
		// The courses show as cards, so the text does not name them again.
		HTML: renderMarkdown(bot.TextBesideCourses(r), r.Sources), Text: r.Text, Notice: r.Notice,
		Sources: []sourceJSON{}, Courses: []courseJSON{}, Buttons: []buttonJSON{},
		Ephemeral: r.Ephemeral, AnswerID: r.AnswerID, Question: r.Question, Topic: r.Topic,
		Outcome: r.Outcome, Mode: r.Mode, Abstained: r.Abstained, Redacted: r.Redacted,
	}
	for _, s := range r.Sources {
		out.Sources = append(out.Sources, sourceJSON{N: s.N, Title: s.Title, URL: safeURL(s.URL), Domain: s.Domain(),
			AsOf: s.AsOf, Kind: s.Kind, Mark: s.Mark(), Topic: s.Topic})
	}
	for _, c := range r.Courses {
		out.Courses = append(out.Courses, courseJSON{Title: c.Title, Provider: c.Provider, URL: safeURL(c.URL),
			Level: c.Level, Format: c.Format, Cost: c.Cost, Length: c.Length})
	}
	for _, b := range r.Buttons {
		out.Buttons = append(out.Buttons, buttonJSON{Action: b.Action, Label: b.Label, Value: b.Value, Style: b.Style})
	}
	return out
}

// renderMarkdown renders text to HTML, turning citation markers [n] into links to
// sources[n-1] when that source has a web address.
func renderMarkdown(text string, sources []bot.Source) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(linkCitations(text, sources)), &buf); err != nil {
		// goldmark only fails when writing to buf fails, which it cannot; keep the
		// text readable anyway.
		return "<p>" + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text) + "</p>"
	}
	return buf.String()
}

// linkCitations rewrites each citation marker [n] outside code into the Markdown link
// [\[n\]](<url>) to source n; adjacent markers ([1][2]) become adjacent links.
// Markers that are already links ([1](…), [1]: …), images, escaped, that name no
// source or whose source has no http(s) URL stay as they are.
func linkCitations(text string, sources []bot.Source) string {
	urls := make(map[int]string, len(sources))
	for i, s := range sources {
		n := s.N
		if n == 0 {
			n = i + 1
		}
		if u := safeURL(s.URL); u != "" && !strings.ContainsAny(u, "<> \n") {
			urls[n] = u
		}
	}
	if len(urls) == 0 {
		return text
	}
	var b strings.Builder
	inCode := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '`' {
			inCode = !inCode
		}
		if c != '[' || inCode || (i > 0 && (text[i-1] == '\\' || text[i-1] == '!')) {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(text) && j-i <= 3 && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j == i+1 || j >= len(text) || text[j] != ']' || (j+1 < len(text) && strings.IndexByte("(:", text[j+1]) >= 0) {
			b.WriteByte(c)
			continue
		}
		n, _ := strconv.Atoi(text[i+1 : j])
		u, ok := urls[n]
		if !ok {
			b.WriteByte(c)
			continue
		}
		b.WriteString(`[\[` + text[i+1:j] + `\]](<` + u + `>)`)
		i = j
	}
	return b.String()
}

// safeURL returns u when it is an absolute http(s) URL, and "" otherwise.
func safeURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}
