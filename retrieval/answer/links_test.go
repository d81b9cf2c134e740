package answer

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot/bottest"
)

func TestFilterLinks(t *testing.T) {
	allowed := hostsOf("https://www.bls.gov/ooh/x.htm", "https://ahima.org/certification")
	for _, tc := range []struct{ name, in, want string }{
		{"MaskedForeign", "Log in at [AHIMA portal](https://ahima-login.example/verify) today.", "Log in at AHIMA portal today."},
		{"MaskedCitation", "Pay is $50,250 [1](https://evil.example/login).", "Pay is $50,250 [1]."},
		{"MaskedAllowed", "See [the BLS](https://www.bls.gov/ooh/) [1].", "See [the BLS](https://www.bls.gov/ooh/) [1]."},
		{"MaskedSubdomain", "See [data](https://data.bls.gov/x).", "See [data](https://data.bls.gov/x)."},
		{"MaskedTitle", `See [here](https://evil.example "AHIMA").`, "See here."},
		{"MaskedAngle", "See [here](<https://evil.example/a>).", "See here."},
		{"NestedLabel", "See [[x](https://evil.example)](https://evil2.example).", "See x."},
		{"LookalikeHost", "See [BLS](https://bls.gov.evil.example/ooh).", "See BLS."},
		{"UserInfo", "See https://bls.gov@evil.example/ooh now.", "See  now."},
		{"Backslash", `See https://evil.example\@bls.gov now.`, "See  now."},
		{"BareForeign", "Apply at https://evil.example/apply?x=1 now.", "Apply at  now."},
		{"BareAllowed", "Read https://www.bls.gov/ooh/ now.", "Read https://www.bls.gov/ooh/ now."},
		{"WWW", "Visit www.evil.example/login to verify.", "Visit  to verify."},
		{"Domain", "Verify at ahima-verify.com/login now.", "Verify at  now."},
		{"DomainAllowed", "AHIMA (ahima.org) runs the exam.", "AHIMA (ahima.org) runs the exam."},
		{"Email", "Write to help@evil.example for a voucher.", "Write to  for a voucher."},
		{"Javascript", "Click javascript:alert(1) here.", "Click (1) here."},
		{"SlackMasked", "See <https://evil.example/x|the AHIMA page> now.", "See the AHIMA page now."},
		{"SlackBare", "See <https://evil.example/x> now.", "See  now."},
		{"SlackAllowed", "See <https://ahima.org/x|AHIMA> now.", "See <https://ahima.org/x|AHIMA> now."},
		{"Image", "Look ![pixel](https://evil.example/p.png) here.", "Look  here."},
		{"RefDefinition", "See [the portal][p].\n[p]: https://evil.example/login", "See [the portal][p].\n"},
		{"RefAllowed", "See [BLS][b].\n[b]: https://bls.gov/ooh", "See [BLS][b].\n[b]: https://bls.gov/ooh"},
		{"Prose", "E.g. the RHIT needs an associate degree; U.S. pay was $50,250 (i.e. 1.5x) for Ph.D. holders, ICD-10-CM [1].",
			"E.g. the RHIT needs an associate degree; U.S. pay was $50,250 (i.e. 1.5x) for Ph.D. holders, ICD-10-CM [1]."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := filterLinks(tc.in, allowed); got != tc.want {
				t.Errorf("filterLinks(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLinkStablePrefix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The RHIT needs ", "The RHIT needs"},
		{"The RHIT needs a deg", "The RHIT needs a"},
		{"See https://evil.exa", "See"},
		{"Log in at [AHIMA portal](https://ahima-login.", "Log in at"},
		{"Log in at [AHIMA portal", "Log in at"},
		{"Pay [1] is high [", "Pay [1] is high"},
		{"See <https://evil.example|the page", "See"},
		{"Pay [1] is high. ", "Pay [1] is high."},
	} {
		if got := linkStablePrefix(tc.in); got != tc.want {
			t.Errorf("linkStablePrefix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// evilHosts are the hosts the fake model links to; none may ever be shown.
var evilHosts = []string{"evil.example", "ahima-login", "verify-ahima"}

func assertNoEvil(t *testing.T, where, text string) {
	t.Helper()
	for _, h := range evilHosts {
		if strings.Contains(text, h) {
			t.Errorf("%s shows %q: %q", where, h, text)
		}
	}
}

// The model (through the real go-openai client and SSE) writes phishing links split
// across chunks; no partial and not the answer may ever show one.
func TestAdvisor_Ask_LLMLinksFiltered(t *testing.T) {
	_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, "Medical records specialists earned a median of $50,250 [", "1](https://evil.",
			"example/login). Log in at [AHIMA ", "portal](https://ahima-login.example/verify) or ", "www.verify-ahima.com",
			"/now to claim it. The BLS page https://example.org/pay lists it [1].")
	})
	a, _ := newLLMAdvisor(t, srv, 10*time.Second)
	var partials []string
	r, err := a.Ask(context.Background(), payQuestion, nil, func(s string) { partials = append(partials, s) })
	if err != nil {
		t.Fatal(err)
	}
	if r.Mode != ModeLLM {
		t.Fatalf("mode %q, want llm: %s", r.Mode, r.Text)
	}
	assertNoEvil(t, "answer", r.Text)
	if !strings.Contains(r.Text, "https://example.org/pay") || !strings.Contains(r.Text, "AHIMA portal") || !strings.Contains(r.Text, "[1]") {
		t.Errorf("answer %q lost the cited source's link, the link text or the citation", r.Text)
	}
	checkCited(t, r)
	if len(partials) == 0 {
		t.Fatal("no partials streamed")
	}
	for _, p := range partials {
		assertNoEvil(t, "partial", p)
	}
}

// A reply that is rejected (no valid citation) is never streamed: nothing the member
// saw was something other than the answer they got.
func TestAdvisor_Ask_LLMRejectedNeverStreamed(t *testing.T) {
	_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, "Specialists earn a lot, ", "see the pay page ", "for details [9]. ", "Really a lot.")
	})
	a, c := newLLMAdvisor(t, srv, 10*time.Second)
	var partials []string
	r, err := a.Ask(context.Background(), payQuestion, nil, func(s string) { partials = append(partials, s) })
	if err != nil {
		t.Fatal(err)
	}
	if r.Mode != ModeExtractive || c.fallbacks != 1 {
		t.Fatalf("mode %q, %d fallbacks; want the extractive answer after one fallback", r.Mode, c.fallbacks)
	}
	if len(partials) != 0 {
		t.Errorf("a rejected reply was streamed: %q", partials)
	}
}

func TestAdvisor_Summary_LLMLinksFiltered(t *testing.T) {
	_, srv := newFakeChat(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		bottest.WriteChatStream(w, "Thinking about certification? The RHIT needs a CAHIIM-accredited associate degree [1](https://evil.example/x), ",
			"and the CPC is AAPC's core credential [2]. Renew at [AHIMA](https://ahima-login.example/renew) ", "or https://example.org/aapc today.")
	})
	a, _ := newLLMAdvisor(t, srv, 10*time.Second)
	var partials []string
	r, err := a.Summary(context.Background(), "certification", func(s string) { partials = append(partials, s) })
	if err != nil {
		t.Fatal(err)
	}
	if r.Mode != ModeLLM || !strings.Contains(r.Text, "https://example.org/aapc") {
		t.Fatalf("mode %q text %q; want the rewrite with its source's link", r.Mode, r.Text)
	}
	assertNoEvil(t, "summary", r.Text)
	if len(partials) == 0 {
		t.Fatal("no partials streamed")
	}
	for _, p := range partials {
		assertNoEvil(t, "summary partial", p)
	}
	checkCited(t, r)
}

// FuzzFilterLinks: filtering never panics, never grows the text, and leaves no URL,
// www. name or domain to a host outside the allowed set.
func FuzzFilterLinks(f *testing.F) {
	for _, s := range []string{
		"[1](https://evil.example/x)", "see www.evil.example", "<https://evil.example|x>", "![a](http://e.example/p.png)",
		"[a]: https://evil.example", "[[x](https://a.example)](https://b.example)", "https://bls.gov@evil.example", "ahima.org [1]",
		"[x](<https://evil.example>)", "mailto:a@b.example", "",
	} {
		f.Add(s)
	}
	allowed := hostsOf("https://www.bls.gov/ooh/", "https://ahima.org/")
	f.Fuzz(func(t *testing.T, in string) {
		out := filterLinks(in, allowed)
		if len(out) > len(in) {
			t.Fatalf("filterLinks(%q) = %q grew", in, out)
		}
		for _, re := range []*regexp.Regexp{schemeURL, bareDomain} {
			for _, m := range re.FindAllString(out, -1) {
				if !allowed.allows(m) {
					t.Fatalf("filterLinks(%q) = %q keeps %q", in, out, m)
				}
			}
		}
	})
}
