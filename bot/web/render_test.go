package web

import (
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/bottest"
)

var testSources = []bot.Source{
	{N: 1, Title: "BLS", URL: "https://www.bls.gov/ooh/x.htm", AsOf: "2025-04"},
	{N: 2, Title: "Bad", URL: "javascript:alert(1)"},
}

func TestLinkCitations(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Plain", "Pay rose [1].", `Pay rose [\[1\]](<https://www.bls.gov/ooh/x.htm>).`},
		{"Adjacent", "[1][1]", `[\[1\]](<https://www.bls.gov/ooh/x.htm>)[\[1\]](<https://www.bls.gov/ooh/x.htm>)`},
		{"UnsafeURL", "See [2].", "See [2]."},
		{"Unknown", "See [3] and [12345].", "See [3] and [12345]."},
		{"AlreadyLink", "[1](https://example.org)", "[1](https://example.org)"},
		{"RefDef", "[1]: https://example.org", "[1]: https://example.org"},
		{"Escaped", `\[1]`, `\[1]`},
		{"InCode", "`a[1]` [1]", "`a[1]` " + `[\[1\]](<https://www.bls.gov/ooh/x.htm>)`},
		{"NotNumber", "[x] [] [", "[x] [] ["},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := linkCitations(tt.in, testSources); got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRenderMarkdown(t *testing.T) {
	got := renderMarkdown("**RHIT** needs a degree [1].\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)>", testSources)
	for _, want := range []string{"<strong>RHIT</strong>", `<a href="https://www.bls.gov/ooh/x.htm">[1]</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "<img", "onerror"} {
		if strings.Contains(got, bad) {
			t.Errorf("output contains %q:\n%s", bad, got)
		}
	}
}

func TestToJSON_SourcePages(t *testing.T) {
	r := toJSON(bot.Reply{Text: "x", Sources: bottest.PageSources})
	for i, want := range []struct{ domain, asOf, mark string }{
		{"ahima.org", "2026-01", ""}, {"study-guide.example.org", "2025-11", "secondary"}, {"college.example.edu", "2019-05", "dated"},
	} {
		s := r.Sources[i]
		if s.Domain != want.domain || s.AsOf != want.asOf || s.Mark != want.mark || s.Title != bottest.PageSources[i].Title {
			t.Errorf("source %d = %+v, want domain %q, as of %q, mark %q", i+1, s, want.domain, want.asOf, want.mark)
		}
	}
}

func TestToJSON(t *testing.T) {
	r := toJSON(bot.Reply{Text: "x", Sources: testSources,
		Courses: []bot.Course{{Title: "C", URL: "ftp://nope"}}})
	if r.Sources[0].URL == "" || r.Sources[1].URL != "" {
		t.Errorf("source URLs = %q, %q; want the https one kept and the javascript: one dropped", r.Sources[0].URL, r.Sources[1].URL)
	}
	if r.Courses[0].URL != "" {
		t.Errorf("course URL %q, want dropped", r.Courses[0].URL)
	}
	if r.Buttons == nil {
		t.Error("Buttons is nil; the page expects an array")
	}
}
