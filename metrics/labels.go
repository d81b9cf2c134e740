package metrics

import "github.com/careerbot/careerbot/bot"

// Label values come from a fixed vocabulary: anything else (an adapter bug, a future
// command) is counted as "other", so the number of time series stays bounded.
var (
	platforms = set(bot.PlatformTerminal, bot.PlatformWeb, bot.PlatformDiscord, bot.PlatformSlack)
	commands  = set(bot.CommandAsk, bot.CommandCourses, bot.CommandSummary, bot.CommandPost,
		bot.CommandHelp, bot.CommandFeedback, bot.CommandReport)
	outcomes = set(bot.OutcomeAnswered, bot.OutcomeAbstained, bot.OutcomeDeclined, bot.OutcomeInvalid,
		bot.OutcomeRateLimited, bot.OutcomeRefused, bot.OutcomeOK, bot.OutcomeError)
)

func set(vals ...string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

// label returns v when it is in known, and "other" otherwise.
func label(v string, known map[string]bool) string {
	if known[v] {
		return v
	}
	return "other"
}

// safeOp reports whether op is short and made of [a-zA-Z0-9_./-] only.
func safeOp(op string) bool {
	if op == "" || len(op) > 64 {
		return false
	}
	for i := 0; i < len(op); i++ {
		c := op[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '/' || c == '-') {
			return false
		}
	}
	return true
}
