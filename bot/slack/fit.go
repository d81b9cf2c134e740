package slack

import (
	"strings"
	"unicode/utf8"

	"github.com/careerbot/careerbot/bot"
)

// Block Kit limits this package renders within.
const (
	maxSectionText = 3000  // characters in a section or context text object
	maxBlocks      = 50    // blocks per message
	maxFallback    = 3500  // characters of the notification text (Slack allows 40,000; ~4,000 is advised)
	maxBodyChars   = 12000 // answer body per message; Slack rejects much larger block payloads
	splitTarget    = 2800  // Markdown piece size before conversion; conversion may grow it
)

// sectionTexts converts a Markdown answer to mrkdwn pieces of at most maxSectionText
// characters each, at most maxPieces of them and at most maxBodyChars in total. It splits
// the Markdown first (so links and code blocks stay whole), converts, and re-splits any
// piece that grew past the limit. When the answer is cut short, the last piece ends with
// a note saying so.
func sectionTexts(md string, maxPieces int) []string {
	if maxPieces < 1 {
		maxPieces = 1
	}
	var out []string
	total := 0
	for _, piece := range bot.SplitMarkdown(md, splitTarget) {
		for _, m := range fitMrkdwn(piece, splitTarget) {
			n := utf8.RuneCountInString(m)
			if len(out) == maxPieces || total+n > maxBodyChars {
				return markShortened(out)
			}
			out = append(out, m)
			total += n
		}
	}
	return out
}

// fitMrkdwn converts one Markdown piece and splits it again while the result is too long.
func fitMrkdwn(piece string, target int) []string {
	m := toMrkdwn(piece)
	if utf8.RuneCountInString(m) <= maxSectionText {
		if strings.TrimSpace(m) == "" {
			return nil
		}
		return []string{m}
	}
	if target > 200 {
		var out []string
		for _, sub := range bot.SplitMarkdown(piece, target/2) {
			out = append(out, fitMrkdwn(sub, target/2)...)
		}
		return out
	}
	return []string{truncate(m, maxSectionText)}
}

// shortenedNote ends an answer that did not fit in one message.
const shortenedNote = "\n_(answer shortened to fit in Slack)_"

func markShortened(out []string) []string {
	if len(out) == 0 {
		return out
	}
	last := out[len(out)-1]
	out[len(out)-1] = truncate(last, maxSectionText-utf8.RuneCountInString(shortenedNote)) + shortenedNote
	return out
}

// truncate cuts s to at most limit characters, ending with "…" when it cut. It backs out
// of a half-written "<url|label>" link or "&amp;" entity so the result stays valid mrkdwn,
// and closes a code block left open.
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	if limit < 8 {
		limit = 8
	}
	cut, n := 0, 0
	for i := range s {
		if n >= limit-5 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if lt := strings.LastIndexByte(head, '<'); lt >= 0 && !strings.Contains(head[lt:], ">") {
		head = head[:lt]
	}
	if amp := strings.LastIndexByte(head, '&'); amp >= 0 && !strings.Contains(head[amp:], ";") {
		head = head[:amp]
	}
	head = strings.TrimRight(head, " \n") + "…"
	if strings.Count(head, "```")%2 == 1 {
		head += "\n```"
	}
	return head
}
