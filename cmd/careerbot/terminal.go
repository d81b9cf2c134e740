package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/careerbot/careerbot/bot"
)

// The terminal is an adapter of the same router as Discord and Slack: its user is
// the person at the keyboard, a moderator.

// terminalRequest builds a request from the terminal user.
func (a *app) terminalRequest(command, text string, args map[string]string) bot.Request {
	user := cmp.Or(a.getenv("USER"), a.getenv("USERNAME"), "local")
	return bot.Request{
		Platform: bot.PlatformTerminal, UserID: user, UserName: user, ChannelID: "terminal",
		Command: command, Text: text, Args: args, Moderator: true,
	}
}

// termWidth is the width answers are wrapped to: the terminal's, within 40..100
// columns, or 80 when stdout is not a terminal.
func termWidth(w io.Writer) int {
	if isTerminal(w) {
		if cols, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil {
			return min(max(cols, 40), 100)
		}
	}
	return 80
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// printReply writes a reply as plain text: the notice, the body, the numbered
// sources with links and as-of dates, then the courses.
func printReply(w io.Writer, rep bot.Reply, width int) {
	if rep.Notice != "" {
		fmt.Fprintln(w, wrapText(plainMarkdown(rep.Notice), width))
		fmt.Fprintln(w)
	}
	printBody(w, rep, width)
}

// printBody writes everything after the notice.
func printBody(w io.Writer, rep bot.Reply, width int) {
	if text := bot.TextBesideCourses(rep); text != "" { // the courses follow as a list
		fmt.Fprintln(w, wrapText(plainMarkdown(text), width))
	}
	printSources(w, rep.Sources)
	printCourses(w, rep.Courses, rep.Outcome == bot.OutcomeAnswered, width)
}

// printSources lists the numbered source pages: title, then site, as-of date and
// secondary/dated mark, then the link.
func printSources(w io.Writer, sources []bot.Source) {
	if len(sources) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSources:")
	for i, s := range sources {
		fmt.Fprintf(w, "  [%d] %s\n", cmp.Or(s.N, i+1), s.Title)
		if c := s.Caption(); c != "" {
			fmt.Fprintf(w, "      %s\n", c)
		}
		fmt.Fprintf(w, "      %s\n", s.URL)
	}
}

func printCourses(w io.Writer, courses []bot.Course, heading bool, width int) {
	if len(courses) == 0 {
		return
	}
	if heading {
		fmt.Fprintln(w, "\nCourses:")
	}
	for _, c := range courses {
		details := strings.Join(nonEmpty(c.Level, c.Format, c.Length, c.Cost), ", ")
		fmt.Fprintf(w, "%s\n    %s\n", wrapText(fmt.Sprintf("  - %s — %s (%s)", c.Title, c.Provider, details), width), c.URL)
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// plainMarkdown drops the Markdown emphasis markers a terminal would show literally.
func plainMarkdown(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	return strings.NewReplacer(`\*`, "*", `\_`, "_", `\[`, "[", `\]`, "]", `\(`, "(", `\)`, ")", "`", "").Replace(s)
}

// wrapText wraps each line of s at width columns, indenting the continuation of a
// list item under its text.
func wrapText(s string, width int) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		out = append(out, wrapLine(line, width)...)
	}
	return strings.Join(out, "\n")
}

func wrapLine(line string, width int) []string {
	if utf8.RuneCountInString(line) <= width {
		return []string{line}
	}
	trimmed := strings.TrimLeft(line, " ")
	indent := strings.Repeat(" ", len(line)-len(trimmed))
	hang := indent
	if marker, _, ok := strings.Cut(trimmed, " "); ok && (marker == "-" || marker == "*" || strings.HasSuffix(marker, ".") && len(marker) <= 4) {
		hang += strings.Repeat(" ", len(marker)+1)
	}
	var lines []string
	cur, curLen := indent, len(indent)
	for i, word := range strings.Fields(trimmed) {
		n := utf8.RuneCountInString(word)
		if i > 0 && curLen+1+n > width {
			lines = append(lines, cur)
			cur, curLen = hang+word, len(hang)+n
			continue
		}
		if i > 0 {
			cur, curLen = cur+" ", curLen+1
		}
		cur, curLen = cur+word, curLen+n
	}
	return append(lines, cur)
}

// askJSON is the machine-readable answer of `careerbot ask --json` (see DESIGN.md).
type askJSON struct {
	Question  string       `json:"question"`
	Answer    string       `json:"answer"`
	Abstained bool         `json:"abstained"`
	Redacted  bool         `json:"redacted"`
	Mode      string       `json:"mode"`
	Sources   []bot.Source `json:"sources"`
	Courses   []courseJSON `json:"courses"`
}

type courseJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Provider string `json:"provider"`
	URL      string `json:"url"`
	Level    string `json:"level"`
}

func toCourseJSON(cs []bot.Course) []courseJSON {
	out := make([]courseJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, courseJSON{ID: c.ID, Title: c.Title, Provider: c.Provider, URL: c.URL, Level: c.Level})
	}
	return out
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// newAskJSON maps a reply to the ask --json contract. An abstention's mode is
// "extractive" (the refusal is composed without an LLM); declined and invalid
// replies compose no answer and keep "".
func newAskJSON(rep bot.Reply) askJSON {
	mode := rep.Mode
	if mode == "" && rep.Outcome == bot.OutcomeAbstained {
		mode = "extractive"
	}
	sources := rep.Sources
	if sources == nil {
		sources = []bot.Source{}
	}
	return askJSON{
		Question: rep.Question, Answer: rep.Text, Abstained: rep.Abstained, Redacted: rep.Redacted,
		Mode: mode, Sources: sources, Courses: toCourseJSON(rep.Courses),
	}
}
