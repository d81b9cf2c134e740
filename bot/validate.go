package bot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionRunes is the longest question the bot accepts, in characters.
const MaxQuestionRunes = 2000

// maxArgRunes bounds a command argument (topic, level, answer id, since).
const maxArgRunes = 100

// invalidInput says why a member's text was rejected, in words fit to show them.
type invalidInput struct{ reason string }

// normalizeText turns CRLF line ends into "\n" (browsers submit form text with
// CRLF) and trims surrounding white space. A lone "\r" stays, and checkText rejects
// it as a control character.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(s)
}

// validateQuestion checks a question after normalizeText: it must be non-empty, at
// most MaxQuestionRunes characters, valid UTF-8, and free of control characters other
// than newline and tab. The result is nil when the question is fine.
func validateQuestion(s string) *invalidInput {
	if s == "" {
		return &invalidInput{"Please type a question, for example: *What certification do I need to become a medical coder?*"}
	}
	if err := checkText(s); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(s); n > MaxQuestionRunes {
		return &invalidInput{fmt.Sprintf("That message is %d characters long; please keep questions under %d characters.", n, MaxQuestionRunes)}
	}
	return nil
}

// checkText rejects invalid UTF-8 and control characters (C0 except "\n" and "\t",
// DEL, C1), which no one types and which break logs and platform renderers.
func checkText(s string) *invalidInput {
	if !utf8.ValidString(s) {
		return &invalidInput{"Your message contains bytes that are not text. Please send it as plain text."}
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) {
			return &invalidInput{"Your message contains control characters. Please send it as plain text."}
		}
	}
	return nil
}

// cleanArg returns a command argument trimmed and checked; ok is false when it is
// too long or not plain text. An absent argument is "", true.
func cleanArg(args map[string]string, name string) (string, bool) {
	v := strings.TrimSpace(args[name])
	if utf8.RuneCountInString(v) > maxArgRunes || checkText(v) != nil || strings.ContainsAny(v, "\n\t") {
		return "", false
	}
	return v, true
}
