package bot

import "testing"

func TestCleanCommand(t *testing.T) {
	for _, c := range []string{CommandAsk, CommandCourses, CommandSummary, CommandPost, CommandHelp, CommandFeedback, CommandReport, CommandPlan} {
		if got := cleanCommand(c); got != c {
			t.Errorf("cleanCommand(%q) = %q, want it kept", c, got)
		}
	}
	if got := cleanCommand("rm -rf /\n"); got != "unknown" {
		t.Errorf("cleanCommand(untrusted) = %q, want unknown", got)
	}
}
