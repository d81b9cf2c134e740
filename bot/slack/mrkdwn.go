package slack

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Markdown → Slack mrkdwn conversion.
//
// Reply.Text is standard Markdown (bold, italics, links, lists, citation markers). Slack's
// mrkdwn differs: *bold*, _italic_, ~strike~, <url|text> links, no headings, and the
// characters & < > must be escaped. toMrkdwn converts line by line; code stays code.

var (
	reHeading  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$`)
	reBullet   = regexp.MustCompile(`^(\s*)[-*+]\s+(.*)$`)
	reOrdered  = regexp.MustCompile(`^(\s*)(\d{1,9})[.)]\s+(.*)$`)
	reQuote    = regexp.MustCompile(`^\s{0,3}>\s?(.*)$`)
	reRule     = regexp.MustCompile(`^\s{0,3}([-*_])(\s*[-*_]){2,}\s*$`)
	reFence    = regexp.MustCompile("^\\s{0,3}(```+|~~~+)")
	reBoldStar = regexp.MustCompile(`\*\*([^*\s](?:[^*]*?[^*\s])?)\*\*`)
	reBoldUnd  = regexp.MustCompile(`(^|[^\w])__([^_\s](?:[^_]*?[^_\s])?)__([^\w]|$)`)
	reItalic   = regexp.MustCompile(`(^|[^\w*])\*([^*\s](?:[^*]*?[^*\s])?)\*([^\w*]|$)`)
	reStrike   = regexp.MustCompile(`~~([^~\s](?:[^~]*?[^~\s])?)~~`)
)

// Replacers, built once.
var (
	escaper          = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	urlEscaper       = strings.NewReplacer("<", "%3C", ">", "%3E", "|", "%7C", " ", "%20", "\n", "")
	emphasisStripper = strings.NewReplacer("**", "", "__", "", "`", "")
	headingStripper  = strings.NewReplacer("**", "", "__", "", "*", "")
)

// Private-use runes mark spans (code, links, bold) while the rest of a line is rewritten.
const (
	markOpen  = '\uE000'
	markClose = '\uE001'
	markBold  = '\uE002'
)

// toMrkdwn converts Markdown to Slack mrkdwn. It never fails: anything it does not
// recognise is passed through as escaped text.
func toMrkdwn(md string) string {
	md = strings.Map(func(r rune) rune {
		if r >= markOpen && r <= markBold || r == '\r' {
			return -1
		}
		return r
	}, md)
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	for _, line := range lines {
		if fence != "" { // inside a code block: escape only
			if m := reFence.FindStringSubmatch(line); m != nil && strings.HasPrefix(m[1], fence[:1]) && len(m[1]) >= len(fence) {
				fence = ""
				out = append(out, "```")
				continue
			}
			out = append(out, escapeText(line))
			continue
		}
		if m := reFence.FindStringSubmatch(line); m != nil {
			fence = m[1] // the info string (language tag) is dropped: mrkdwn has none
			out = append(out, "```")
			continue
		}
		out = append(out, convertLine(line))
	}
	if fence != "" {
		out = append(out, "```")
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n ")
}

// convertLine converts one line outside code blocks.
func convertLine(line string) string {
	switch {
	case reRule.MatchString(line):
		return "──────────"
	case reHeading.MatchString(line):
		text := reHeading.FindStringSubmatch(line)[1]
		return boldLine(text)
	case reBullet.MatchString(line):
		m := reBullet.FindStringSubmatch(line)
		indent := len(strings.ReplaceAll(m[1], "\t", "    ")) / 2
		marker := "•"
		if indent > 0 {
			marker = "◦"
		}
		return strings.Repeat("    ", min(indent, 4)) + marker + " " + convertInline(m[2])
	case reOrdered.MatchString(line):
		m := reOrdered.FindStringSubmatch(line)
		indent := len(strings.ReplaceAll(m[1], "\t", "    ")) / 2
		return strings.Repeat("    ", min(indent, 4)) + m[2] + ". " + convertInline(m[3])
	case reQuote.MatchString(line):
		// The quote marker must stay a literal ">" at line start; the rest is escaped.
		return ">" + " " + convertInline(reQuote.FindStringSubmatch(line)[1])
	}
	return convertInline(line)
}

// boldLine renders a heading: a bold line with no nested emphasis markers.
func boldLine(text string) string {
	s := convertInline(headingStripper.Replace(text))
	s = strings.ReplaceAll(s, "*", "")
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "*" + strings.TrimSpace(s) + "*"
}

// convertInline converts inline Markdown: code spans, links, bold, italics, strike.
func convertInline(s string) string {
	var spans []string
	keep := func(v string) string {
		spans = append(spans, v)
		return string(markOpen) + strconv.Itoa(len(spans)-1) + string(markClose)
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '`':
			if n := codeSpanEnd(s[i:]); n > 0 {
				b.WriteString(keep(escapeText(s[i : i+n])))
				i += n
				continue
			}
		case s[i] == '[' || s[i] == '!' && strings.HasPrefix(s[i:], "!["):
			start := i
			if s[i] == '!' {
				start++
			}
			if text, target, n := parseLink(s[start:]); n > 0 {
				b.WriteString(keep(slackLink(target, text)))
				i = start + n
				continue
			}
		case s[i] == '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				if u := s[i+1 : i+end]; isWebURL(u) && !strings.ContainsAny(u, " <") {
					b.WriteString(keep(slackLink(u, "")))
					i += end + 1
					continue
				}
			}
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!~<>|", s[i+1]) >= 0:
			// A Markdown escape: the character is literal. Emphasis characters cannot be
			// escaped in mrkdwn, so keep them out of the emphasis rewriting below.
			b.WriteString(keep(escapeText(s[i+1 : i+2])))
			i += 2
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	t := escapeText(b.String())
	t = reBoldStar.ReplaceAllString(t, string(markBold)+"$1"+string(markBold))
	t = reBoldUnd.ReplaceAllString(t, "$1"+string(markBold)+"$2"+string(markBold)+"$3")
	t = reItalic.ReplaceAllString(t, "${1}_${2}_$3")
	t = reStrike.ReplaceAllString(t, "~$1~")
	t = strings.ReplaceAll(t, string(markBold), "*")
	return restoreSpans(t, spans)
}

// restoreSpans puts the protected spans back.
func restoreSpans(t string, spans []string) string {
	if len(spans) == 0 {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexRune(t, markOpen)
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexRune(t[i:], markClose)
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		if n, err := strconv.Atoi(t[i+len(string(markOpen)) : i+j]); err == nil && n >= 0 && n < len(spans) {
			b.WriteString(spans[n])
		}
		t = t[i+j+len(string(markClose)):]
	}
}

// codeSpanEnd returns the length of the code span starting at s[0] == '`', or 0.
func codeSpanEnd(s string) int {
	ticks := len(s) - len(strings.TrimLeft(s, "`"))
	closing := strings.Index(s[ticks:], s[:ticks])
	if closing <= 0 {
		return 0
	}
	return ticks + closing + ticks
}

// parseLink parses "[text](target)" at the start of s and returns its length, or 0.
func parseLink(s string) (text, target string, n int) {
	const maxLabel = 1000 // bounds the scan, so a line of "[[[[" stays linear
	depth := 0
	for i := 0; i < len(s) && i < maxLabel; i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth > 0 {
				continue
			}
			if i+1 >= len(s) || s[i+1] != '(' {
				return "", "", 0
			}
			end := closingParen(s[i+2:])
			if end < 0 {
				return "", "", 0
			}
			target = strings.TrimSpace(s[i+2 : i+2+end])
			if sp := strings.IndexAny(target, " \t"); sp > 0 { // drop a "title"
				target = target[:sp]
			}
			return s[1:i], strings.Trim(target, "<>"), i + 2 + end + 1
		case '\n':
			return "", "", 0
		}
	}
	return "", "", 0
}

// closingParen returns the index of the ")" that closes a link target, allowing
// balanced parentheses inside it, or -1.
func closingParen(s string) int {
	const maxTarget = 2048
	depth := 0
	for i := 0; i < len(s) && i < maxTarget; i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		case '\n':
			return -1
		}
	}
	return -1
}

// slackLink renders a link in mrkdwn. Only http(s) links become links; anything else
// (javascript:, mailto:, relative paths) is shown as its text.
func slackLink(target, text string) string {
	label := strings.TrimSpace(escapeText(stripEmphasis(text)))
	if !isWebURL(target) {
		if label == "" {
			return escapeText(target)
		}
		return label
	}
	u := safeURL(target)
	if label == "" {
		return "<" + u + ">"
	}
	// "|" and ">" end the label early in mrkdwn.
	label = strings.ReplaceAll(label, "|", "¦")
	return "<" + u + "|" + label + ">"
}

// safeURL percent-encodes the characters that would break <url|text>.
func safeURL(u string) string {
	return urlEscaper.Replace(u)
}

func isWebURL(s string) bool {
	p, err := url.Parse(s)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

// stripEmphasis removes Markdown emphasis markers from link labels.
func stripEmphasis(s string) string {
	return emphasisStripper.Replace(s)
}

// escapeText escapes Slack's control characters.
func escapeText(s string) string {
	return escaper.Replace(s)
}
