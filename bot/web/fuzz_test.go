package web

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/careerbot/careerbot/bot"
)

var (
	tagRE  = regexp.MustCompile(`<(/?)([a-zA-Z0-9]+)((?:\s[^<>]*)?)(/?)>`)
	attrRE = regexp.MustCompile(`\s([a-zA-Z-]+)(?:="([^"]*)")?`)
	// allowedTags is what goldmark renders from Markdown.
	allowedTags  = set("p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "br", "img")
	allowedAttrs = set("href", "src", "alt", "title", "start", "class")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// FuzzRenderMarkdown: whatever the reply text, the HTML has only the tags and
// attributes Markdown produces, and no link or image with a dangerous scheme.
func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{"a [1] b", "[1](x) [2]: y", "<script>alert(1)</script>", "[x](javascript:alert(1))", "`[1]`",
		"<img src=x onerror=alert(1)>", "![i](javascript:x)", "<a href=\"javascript:x\">y</a>"} {
		f.Add(s)
	}
	sources := []bot.Source{{N: 1, URL: "https://example.org/a"}, {N: 2, URL: "https://example.org/b?q=1&r=(2)"}}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out := strings.ReplaceAll(renderMarkdown(s, sources), "<!-- raw HTML omitted -->", "")
		rest := tagRE.ReplaceAllStringFunc(out, func(tag string) string {
			m := tagRE.FindStringSubmatch(tag)
			if !allowedTags[strings.ToLower(m[2])] {
				t.Fatalf("render(%q): tag %q", s, tag)
			}
			for _, a := range attrRE.FindAllStringSubmatch(m[3], -1) {
				name, val := strings.ToLower(a[1]), strings.ToLower(strings.TrimSpace(a[2]))
				if !allowedAttrs[name] {
					t.Fatalf("render(%q): attribute %q in %q", s, name, tag)
				}
				if (name == "href" || name == "src") && (strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") ||
					strings.HasPrefix(val, "file:") || (strings.HasPrefix(val, "data:") && !strings.HasPrefix(val, "data:image/"))) {
					t.Fatalf("render(%q): dangerous URL in %q", s, tag)
				}
			}
			return ""
		})
		if strings.Contains(rest, "<") {
			t.Fatalf("render(%q): unescaped < outside the allowed tags:\n%s", s, out)
		}
	})
}
