package bot_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/careerbot/careerbot/bot"
)

func TestScrub(t *testing.T) {
	const hook = "https://hooks.slack.com/commands/T1/123/secret-token"
	ue := &url.Error{Op: "Post", URL: hook, Err: context.DeadlineExceeded}
	for _, tc := range []struct {
		name    string
		err     error
		secrets []string
		gone    []string
		kept    []string
	}{
		{"URLError", ue, nil, []string{"secret-token", "/commands/"}, []string{"hooks.slack.com", "Post", "deadline exceeded"}},
		{"Wrapped", fmt.Errorf("answer not delivered: %w", ue), nil, []string{"secret-token"}, []string{"answer not delivered"}},
		{"Flattened", fmt.Errorf("slack: %v", ue), []string{hook}, []string{"secret-token"}, []string{"slack:"}},
		{"Secret", errors.New("token tok-123 rejected"), []string{"tok-123"}, []string{"tok-123"}, []string{"[redacted]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := bot.Scrub(tc.err, tc.secrets...)
			for _, s := range tc.gone {
				if strings.Contains(got.Error(), s) {
					t.Errorf("Scrub = %q, still contains %q", got, s)
				}
			}
			for _, s := range tc.kept {
				if !strings.Contains(got.Error(), s) {
					t.Errorf("Scrub = %q, lost %q", got, s)
				}
			}
			if !errors.Is(got, tc.err) {
				t.Errorf("Scrub(%v) no longer wraps the original", tc.err)
			}
		})
	}
	if bot.Scrub(nil) != nil {
		t.Error("Scrub(nil) != nil")
	}
	if errors.Is(bot.Scrub(ue), context.DeadlineExceeded) == false {
		t.Error("Scrub lost the cause for errors.Is")
	}
}
