package slack

import "github.com/careerbot/careerbot/bot"

// userHash is the hashed stand-in for a member's user id in log lines: raw platform
// ids are personal data and stay out of the logs.
func (a *Adapter) userHash(userID string) string {
	return bot.HashUser(a.cfg.UserSalt, bot.PlatformSlack, userID)
}
