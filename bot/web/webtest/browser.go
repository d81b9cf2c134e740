// Package webtest drives the playground in a headless Chromium for tests, through the
// Chrome DevTools Protocol (chromedp).
//
// The browser is the system's Chromium (the Debian package installs /usr/bin/chromium);
// CHROMIUM_PATH names another binary. When none is found the test is skipped, unless
// CAREERBOT_REQUIRE_BROWSER is set (as in CI), in which case it fails.
package webtest

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// candidates are the browser binaries tried in order, after CHROMIUM_PATH.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// FindChromium returns the path of a Chromium-based browser, or "" when there is none.
func FindChromium() string {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser starts a headless Chromium with a fresh profile and returns a context for
// chromedp actions on one tab. The browser is closed when the test ends. Actions fail
// when the browser's overall guard (five minutes) runs out, so a hung page cannot hang the
// test run.
func Browser(tb testing.TB) context.Context {
	tb.Helper()
	path := FindChromium()
	if path == "" {
		const why = "no Chromium found (install the chromium package or set CHROMIUM_PATH)"
		if os.Getenv("CAREERBOT_REQUIRE_BROWSER") != "" {
			tb.Fatal(why + "; CAREERBOT_REQUIRE_BROWSER is set, so the browser test must run")
		}
		tb.Skip(why)
	}
	profile := tb.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // tests often run as root in containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
	}
	guard, cancelGuard := context.WithTimeout(context.Background(), 5*time.Minute)
	alloc, cancelAlloc := chromedp.NewExecAllocator(guard, opts...)
	ctx, cancelTab := chromedp.NewContext(alloc, chromedp.WithErrorf(tb.Logf))
	tb.Cleanup(func() { // runs before TempDir's removal of the profile
		cancelTab()
		cancelAlloc()
		cancelGuard()
	})
	if err := chromedp.Do(ctx); err != nil { // start the browser now, so failures name it
		tb.Fatalf("start %s: %v", path, err)
	}
	return ctx
}

// Ask types question into the playground open in ctx, submits it, and returns the
// text of the answer once its final reply has been rendered (the n-th bot message,
// counting from 1).
func Ask(ctx context.Context, question string, n int) (string, error) {
	err := chromedp.Do(ctx,
		chromedp.WaitVisible("#q"),
		chromedp.SendKeys("#q", question),
		chromedp.Click("#send"),
	)
	if err != nil {
		return "", err
	}
	return chromedp.Run(ctx, Poll[string](
		`(() => { const m = document.querySelectorAll("#log .msg.bot")[`+strconv.Itoa(n-1)+`];
		          return m && !m.classList.contains("pending") && m.textContent; })()`))
}

// Poll waits until the JavaScript expression is truthy and returns its value. The
// 90-second limit is only a guard against a page that never gets there.
func Poll[T any](expression string) chromedp.Action[T] {
	return chromedp.Poll[T](expression,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))
}
