package bot

import (
	"strings"
	"unicode/utf8"
)

// SplitMarkdown splits Markdown text into pieces of at most limit runes each, for
// platforms with message size limits. It breaks at paragraph boundaries where it can,
// then at line ends, then at spaces, and never inside a fenced code block (a block
// longer than limit is closed at the cut and reopened in the next piece) or inside a
// [text](url) link. Joining the pieces with "\n\n" gives back the text, less the
// whitespace at the cuts. limit below 20 is treated as 20.
func SplitMarkdown(text string, limit int) []string {
	limit = max(limit, 20)
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	for utf8.RuneCountInString(text) > limit {
		cut := cutPoint(text, limit)
		head, tail := strings.TrimRight(text[:cut], " \n"), strings.TrimLeft(text[cut:], " \n")
		if fenceOpen(head) && utf8.RuneCountInString(head) > 12 {
			// Close the block here and reopen it in the next piece.
			if utf8.RuneCountInString(head)+4 > limit {
				cut = cutPoint(text, limit-4)
				head, tail = strings.TrimRight(text[:cut], " \n"), strings.TrimLeft(text[cut:], " \n")
			}
			head += "\n```"
			tail = "```\n" + tail
		}
		if head == "" { // cannot happen with limit ≥ 20, but never loop forever
			head, tail = text[:cut], text[cut:]
		}
		out = append(out, head)
		text = tail
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// cutPoint returns a byte offset ≤ the limit-th rune where text may be cut.
func cutPoint(text string, limit int) int {
	end, n := len(text), 0
	for i := range text {
		if n == limit {
			end = i
			break
		}
		n++
	}
	window := text[:end]
	for _, sep := range []string{"\n\n", "\n", " "} {
		for at := strings.LastIndex(window, sep); at > 0; at = strings.LastIndex(window[:at], sep) {
			if at < end/3 {
				break // too short a piece; try a finer separator
			}
			if !insideLink(text[:at]) && !(sep != "\n\n" && fenceOpen(text[:at]) && sep == " ") {
				return at
			}
		}
	}
	// No good boundary: cut at a rune boundary, backing out of a link if we are in one.
	if i := strings.LastIndex(window, "["); i > end/2 && insideLink(window) {
		return i
	}
	return end
}

// fenceOpen reports whether s leaves a ``` code block open.
func fenceOpen(s string) bool { return strings.Count(s, "```")%2 == 1 }

// insideLink reports whether s ends inside a Markdown link "[text](url)".
func insideLink(s string) bool {
	open := strings.LastIndex(s, "[")
	if open < 0 {
		return false
	}
	rest := s[open:]
	if !strings.Contains(rest, "]") {
		return true
	}
	if i := strings.Index(rest, "]("); i >= 0 {
		return !strings.Contains(rest[i:], ")")
	}
	return false
}
