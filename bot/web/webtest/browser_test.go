package webtest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recordingTB records how Browser gave up instead of ending the real test.
type recordingTB struct {
	testing.TB
	fatal, skip string
}

func (r *recordingTB) Helper()             {}
func (r *recordingTB) Fatal(args ...any)   { r.fatal = fmt.Sprint(args...); runtime.Goexit() }
func (r *recordingTB) Skip(args ...any)    { r.skip = fmt.Sprint(args...); runtime.Goexit() }
func (r *recordingTB) Cleanup(func())      {}
func (r *recordingTB) Logf(string, ...any) {}

func browserWithout(t *testing.T, require string) *recordingTB {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("CHROMIUM_PATH", "/nonexistent/chromium")
	t.Setenv("CAREERBOT_REQUIRE_BROWSER", require)
	rec := &recordingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Browser(rec)
	}()
	<-done
	return rec
}

func TestBrowser_Missing(t *testing.T) {
	t.Run("Skips", func(t *testing.T) {
		rec := browserWithout(t, "")
		if rec.fatal != "" || !strings.Contains(rec.skip, "no Chromium found") {
			t.Fatalf("fatal %q, skip %q; want a skip naming the missing browser", rec.fatal, rec.skip)
		}
	})
	t.Run("FailsWhenRequired", func(t *testing.T) {
		rec := browserWithout(t, "1")
		if rec.skip != "" || !strings.Contains(rec.fatal, "CAREERBOT_REQUIRE_BROWSER") {
			t.Fatalf("fatal %q, skip %q; want a failure", rec.fatal, rec.skip)
		}
	})
}
