package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/careerbot/careerbot/bot/web/webtest"
)

// TestServe_Browser asks the real bot a question in headless Chromium through the
// playground that "careerbot serve" starts with no credentials.
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
	s.shutdown(t)
}
