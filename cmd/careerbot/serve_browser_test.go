package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/careerbot/careerbot/bot/web/webtest"
)

// TestServe_Browser asks the real bot a question in headless Chromium through the
// playground that "careerbot serve" starts with no credentials, then more requests
// than a community member may make in a minute.
func TestServe_Browser(t *testing.T) {
	env := map[string]string{"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir()}
	s := startServe(t, env)
	ctx := webtest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.base+"/")); err != nil {
		t.Fatal(err)
	}
	answer, err := webtest.Ask(ctx, "How do I become a registered health information technician?", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(answer, "as of") {
		t.Errorf("answer without dated sources: %q", answer)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#log .msg.bot ol.sources a[href^='http']").length`))
	if err != nil {
		t.Fatal(err)
	}
	if links == 0 {
		t.Errorf("no source links in %q", answer)
	}
	// The local user tries things out past the community limit (RATE_LIMIT_PER_MIN, 6
	// by default): the playground has its own.
	for n := 2; n <= 9; n++ {
		reply, err := webtest.Ask(ctx, "What does an RHIT do?", n)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(reply, "faster than I can answer") {
			t.Fatalf("request %d in the playground was rate limited: %q", n, reply)
		}
	}
	s.shutdown(t)
}
