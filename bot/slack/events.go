package slack

import (
	"context"
	"regexp"
	"strings"

	"github.com/slack-go/slack/slackevents"

	"github.com/careerbot/careerbot/bot"
)

// incoming is a message event the bot should answer, in platform-neutral terms.
type incoming struct {
	EventID  string
	UserID   string
	Channel  string
	TS       string // the message's ts
	ThreadTS string // the thread to answer in: the message's thread_ts, or its ts
	DM       bool
	Text     string // with the bot's mention removed and Slack markup undone
}

// onEventsAPI handles one Events API callback, from Socket Mode or HTTP, after it was
// acknowledged: it filters out what the bot must not answer and answers in the
// thread. The core deduplicates on the event_id, so Slack's retries of an event are
// answered once.
func (a *Adapter) onEventsAPI(ctx context.Context, h bot.Handler, ev slackevents.EventsAPIEvent) {
	if ev.Type != slackevents.CallbackEvent {
		if ev.Type == slackevents.AppRateLimited {
			a.log.Warn("slack is rate limiting this app's events")
		}
		return
	}
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || cb.EventID == "" {
		a.log.Warn("event callback without event_id ignored", "type", ev.InnerEvent.Type)
		return
	}
	me, err := a.self(ctx)
	if err != nil {
		a.log.Error("cannot identify the bot; event dropped", "event_id", cb.EventID, "err", err)
		return
	}
	in, ok := a.classify(me, ev.InnerEvent.Data)
	if !ok {
		return
	}
	in.EventID = cb.EventID
	a.answerInThread(ctx, h, in)
}

// classify decides whether an inner event is a message the bot answers:
//   - app_mention in a channel (not from a bot or the bot itself);
//   - a message in a DM with the bot (channel_type "im");
//   - a message without mention in a channel thread the bot answered.
//
// Bot messages (bot_id, subtype bot_message), edits, deletions and joins are ignored.
func (a *Adapter) classify(me identity, data any) (incoming, bool) {
	switch e := data.(type) {
	case *slackevents.AppMentionEvent:
		// DMs arrive as message.im (answering both would double up); a mention added by
		// editing an old message is not a new question.
		if e.BotID != "" || e.User == "" || e.User == me.UserID || strings.HasPrefix(e.Channel, "D") || e.Edited != nil {
			return incoming{}, false
		}
		return incoming{
			UserID: e.User, Channel: e.Channel, TS: e.TimeStamp,
			ThreadTS: firstNonEmpty(e.ThreadTimeStamp, e.TimeStamp),
			Text:     questionText(e.Text, me.UserID),
		}, true
	case *slackevents.MessageEvent:
		if !answerableSubtype(e.SubType) || e.BotID != "" || e.User == "" || e.User == me.UserID {
			return incoming{}, false
		}
		in := incoming{
			UserID: e.User, Channel: e.Channel, TS: e.TimeStamp,
			ThreadTS: firstNonEmpty(e.ThreadTimeStamp, e.TimeStamp),
			Text:     questionText(e.Text, me.UserID),
		}
		if e.ChannelType == "im" {
			in.DM = true
			return in, true
		}
		// In channels, a mention arrives as app_mention too; only unmentioned follow-ups
		// in a thread the bot answered are handled here.
		if e.ThreadTimeStamp == "" || mentions(e.Text, me.UserID) || !a.threads.Has(threadKey(e.Channel, e.ThreadTimeStamp)) {
			return incoming{}, false
		}
		return in, true
	}
	return incoming{}, false
}

// answerableSubtype reports whether a message subtype carries a member's own words.
func answerableSubtype(subtype string) bool {
	switch subtype {
	case "", "thread_broadcast", "file_share":
		return true
	}
	return false
}

// request builds the core Request for an incoming message.
func (in incoming) request() bot.Request {
	req := bot.Request{
		Platform:  bot.PlatformSlack,
		UserID:    in.UserID,
		ChannelID: in.Channel,
		ThreadID:  in.Channel + ":" + in.ThreadTS,
		MessageID: in.TS,
		DedupKey:  in.EventID,
		DM:        in.DM,
		Command:   bot.CommandAsk,
		Text:      in.Text,
	}
	if strings.TrimSpace(in.Text) == "" || strings.EqualFold(strings.TrimSpace(in.Text), "help") {
		req.Command, req.Text = bot.CommandHelp, ""
	}
	return req
}

var (
	reUserMention = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^>]*)?>`)
	reSlackLink   = regexp.MustCompile(`<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>`)
	reSpecial     = regexp.MustCompile(`<[#!]([^|>]+)(?:\|([^>]*))?>`)
	unescaper     = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
)

// mentions reports whether text @mentions the user.
func mentions(text, userID string) bool {
	return userID != "" && strings.Contains(text, "<@"+userID)
}

// questionText turns message text into a plain question: the bot's own mention
// removed, other mentions and links reduced to readable text, entities unescaped.
func questionText(text, botUserID string) string {
	text = reUserMention.ReplaceAllStringFunc(text, func(m string) string {
		sub := reUserMention.FindStringSubmatch(m)
		if sub[1] == botUserID {
			return ""
		}
		return "@" + sub[1]
	})
	text = reSlackLink.ReplaceAllStringFunc(text, func(m string) string {
		sub := reSlackLink.FindStringSubmatch(m)
		if sub[2] != "" && sub[2] != sub[1] {
			return sub[2] + " (" + sub[1] + ")"
		}
		return strings.TrimPrefix(sub[1], "mailto:")
	})
	text = reSpecial.ReplaceAllStringFunc(text, func(m string) string {
		sub := reSpecial.FindStringSubmatch(m)
		return firstNonEmpty(sub[2], sub[1])
	})
	text = unescaper.Replace(text)
	return strings.Join(strings.Fields(text), " ")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
