package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitMarkdown(t *testing.T) {
	para := strings.Repeat("word ", 60) // 300 runes
	code := "```\n" + strings.Repeat("x := 1\n", 40) + "```"
	link := "see [the AHIMA page on the RHIT credential](https://www.ahima.org/certification-careers/rhit/) now"
	tests := []struct {
		name  string
		text  string
		limit int
	}{
		{"Short", "hello", 2000},
		{"Empty", "", 100},
		{"Paragraphs", para + "\n\n" + para + "\n\n" + para, 400},
		{"CodeBlock", "intro\n\n" + code + "\n\nafter", 120},
		{"Link", strings.Repeat(link+" ", 10), 150},
		{"NoSpaces", strings.Repeat("é", 500), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := SplitMarkdown(tt.text, tt.limit)
			if strings.TrimSpace(tt.text) == "" {
				if len(parts) != 0 {
					t.Fatalf("got %d parts for empty text", len(parts))
				}
				return
			}
			var words []string
			for i, p := range parts {
				if n := utf8.RuneCountInString(p); n > tt.limit {
					t.Errorf("part %d has %d runes > %d", i, n, tt.limit)
				}
				if fenceOpen(p) {
					t.Errorf("part %d leaves a code block open", i)
				}
				if insideLink(p) {
					t.Errorf("part %d ends inside a link: %q", i, p[max(0, len(p)-40):])
				}
				p = strings.ReplaceAll(p, "```", "")
				words = append(words, strings.Fields(p)...)
			}
			want := strings.Fields(strings.ReplaceAll(tt.text, "```", ""))
			if strings.Join(words, " ") != strings.Join(want, " ") && tt.name != "NoSpaces" {
				t.Errorf("text changed by splitting")
			}
		})
	}
}

func FuzzSplitMarkdown(f *testing.F) {
	f.Add("a [b](c) ```d``` e\n\nf", 20)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit = 20 + abs(limit)%500
		for _, p := range SplitMarkdown(s, limit) {
			if utf8.ValidString(s) && utf8.RuneCountInString(p) > limit {
				t.Fatalf("part of %d runes > %d", utf8.RuneCountInString(p), limit)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
