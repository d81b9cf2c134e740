package discord

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// messageLife bounds the work on one message answer.
const messageLife = 10 * time.Minute

// typingEvery re-sends the typing indicator, which Discord shows for 10 seconds.
const typingEvery = 8 * time.Second

// onMessage answers DMs, messages that mention the bot, and follow-ups in threads
// the bot started. It ignores bots (itself included) and everything else. It runs
// on a discordgo handler goroutine and returns quickly: the answer is worked on by
// a tracked worker. The handler goroutine itself is tracked too (it may look up the
// channel over REST), so shutdown waits for it; once shutdown has begun, messages are
// dropped.
func (a *Adapter) onMessage(s *discordgo.Session, h bot.Handler, m *discordgo.Message) {
	if m.Author == nil || m.Author.Bot || m.Author.System {
		return
	}
	botID := ""
	if s.State != nil && s.State.User != nil {
		botID = s.State.User.ID
	}
	if botID == "" || m.Author.ID == botID {
		return
	}
	if !a.work.Start() {
		a.log.Warn("message dropped: shutting down", "message_id", m.ID)
		return
	}
	req, inPlace, ok := a.messageRequest(s, m, botID)
	if !ok {
		a.work.Done()
		return
	}
	a.work.Go(messageLife, func(ctx context.Context) { a.answerMessage(ctx, h, m, req, inPlace) })
}

// messageRequest decides whether to answer m and builds the Request. inPlace is true
// when the answer goes in the same channel (a DM or a thread), not a new thread.
func (a *Adapter) messageRequest(s *discordgo.Session, m *discordgo.Message, botID string) (req bot.Request, inPlace, ok bool) {
	dm := m.GuildID == ""
	mentioned := mentions(m, botID)
	var inThread, ours bool
	if !dm {
		inThread, ours = a.threadOf(s, m.ChannelID, botID, mentioned)
	}
	if !dm && !mentioned && !ours {
		return bot.Request{}, false, false
	}
	req = bot.Request{
		Platform:  bot.PlatformDiscord,
		UserID:    m.Author.ID,
		UserName:  displayName(m.Author),
		ChannelID: m.ChannelID,
		MessageID: m.ID,
		DedupKey:  m.ID,
		DM:        dm,
		Command:   bot.CommandAsk,
		Text:      stripMention(m.Content, botID),
	}
	if m.Member != nil && m.Member.Nick != "" {
		req.UserName = m.Member.Nick
	}
	return req, dm || inThread, true
}

// threadOf reports whether a channel is a thread and whether the bot started it,
// from memory and the session state; only for mentions (where it matters whether to
// open a new thread) does it ask the API about an unknown channel.
func (a *Adapter) threadOf(s *discordgo.Session, channelID, botID string, mentioned bool) (inThread, ours bool) {
	if a.threads.Has(channelID) {
		return true, true
	}
	var ch *discordgo.Channel
	if s.State != nil {
		ch, _ = s.State.Channel(channelID)
	}
	if ch == nil && mentioned {
		ctx, cancel := context.WithTimeout(a.work.Context(), 10*time.Second)
		defer cancel()
		_ = a.call(ctx, "get_channel", func(opts ...discordgo.RequestOption) error {
			var err error
			ch, err = s.Channel(channelID, opts...)
			return err
		})
	}
	if ch == nil || !ch.IsThread() {
		return false, false
	}
	return true, ch.OwnerID == botID
}

// answerMessage answers one message: in place for DMs and threads, else in a new
// thread started on the question (or as a reply when no thread can be started).
// The thread, the typing indicator and the progressive answer start once the core
// has accepted the message (it is no redelivery).
func (a *Adapter) answerMessage(ctx context.Context, h bot.Handler, m *discordgo.Message, req bot.Request, inPlace bool) {
	target, ref := m.ChannelID, (*discordgo.MessageReference)(nil)
	stopTyping := func() {}
	var p *bot.Progress
	var placeholder *discordgo.Message
	req.OnAccept = func(req *bot.Request) {
		target, ref = a.answerTarget(ctx, m, req, inPlace)
		stopTyping = a.typing(ctx, target)
		p = bot.StartProgress(ctx, a.cfg.EditInterval, func(ctx context.Context, text string) error {
			if placeholder == nil {
				sent, err := a.sendChannel(ctx, target, renderPartial(text), ref)
				placeholder = sent
				return err
			}
			return a.editChannel(ctx, target, placeholder.ID, renderPartial(text))
		})
	}
	req.OnPartial = func(text string) {
		if p != nil { // set by OnAccept, on the same goroutine
			p.Update(text)
		}
	}
	reply := a.handle(ctx, h, req, "message_id", m.ID)
	if p != nil {
		p.Stop()
	}
	stopTyping()
	if reply.Outcome == bot.OutcomeDuplicate {
		return // a redelivery: the first delivery answered it
	}
	if err := a.deliverChannel(ctx, target, placeholder, render(reply, ""), ref); err != nil {
		a.log.Error("answer not delivered", "message_id", m.ID, "channel_id", target, "err", err)
	}
}

// answerTarget decides where the answer to m goes and sets req.ThreadID to the
// conversation it belongs to: in place for DMs and threads, else a thread started on
// the question, or a reply to it when the question is a bare mention or no thread can
// be started.
func (a *Adapter) answerTarget(ctx context.Context, m *discordgo.Message, req *bot.Request, inPlace bool) (target string, ref *discordgo.MessageReference) {
	target = m.ChannelID
	if !inPlace && req.Text == "" {
		ref = m.Reference() // a bare mention gets a reply, not a thread of its own
	} else if !inPlace {
		th, err := a.startThread(ctx, m.ChannelID, m.ID, threadName(req.UserName))
		if err != nil {
			a.log.Warn("thread not started; replying in the channel", "message_id", m.ID, "err", err)
			ref = m.Reference()
		} else {
			target = th.ID
			a.threads.Add(th.ID)
		}
	}
	switch {
	case req.DM:
		req.ThreadID = m.ChannelID // a DM is one conversation
	case target != m.ChannelID || inPlace:
		req.ThreadID = target // the thread just started, or the thread asked in
	}
	return target, ref
}

// threadName names the thread started on a question. It does not repeat the
// question, which may hold details the member would not want in a channel list.
func threadName(user string) string {
	if user == "" {
		return "Career question"
	}
	return truncate("Career question from "+user, 100)
}

// typing shows the typing indicator in a channel until the returned func is called.
// The first indicator is sent before typing returns, so it shows even when the
// answer is quick; a goroutine renews it while the answer takes longer.
func (a *Adapter) typing(ctx context.Context, channelID string) (stop func()) {
	send := func(ctx context.Context) {
		if err := a.session.ChannelTyping(channelID, discordgo.WithContext(ctx)); err != nil && ctx.Err() == nil {
			a.obs.PlatformError("discord", "trigger_typing")
			a.log.Debug("typing indicator failed", "channel_id", channelID, "err", err)
		}
	}
	send(ctx)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-time.After(typingEvery):
				send(ctx)
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() { cancel(); <-done }
}
