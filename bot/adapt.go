package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
)

// This file holds what every adapter needs around a [Handler] call, so that an
// adapter only translates between its platform and Request/Reply.

// DedupTTL is how long the Router remembers a [Request.DedupKey]. Platforms redeliver
// within minutes (Slack retries an event for about five; a signed Discord or Slack
// request is accepted for five), so an hour covers every redelivery.
const DedupTTL = time.Hour

// apologyText is the one text a member sees when something failed on our side: a
// Knowledge or store error, a panic anywhere, a reply that could not be rendered.
const apologyText = "Sorry — something went wrong on my side while working on that. Please try again in a minute."

// Apology is the reply when something failed on our side. Adapters show it when
// a handler panicked or a reply could not be delivered as it was.
func Apology() Reply {
	return Reply{Text: apologyText, Ephemeral: true, Outcome: OutcomeError}
}

// ApologyText is the text of [Apology], for platforms that can only send text at
// that point.
func ApologyText() string { return apologyText }

// Accept calls req.OnAccept once, when it is set, and clears it so a handler that
// passes req on cannot call it twice. Handlers call it when they take a request on.
func Accept(req *Request) {
	if fn := req.OnAccept; fn != nil {
		req.OnAccept = nil
		fn(req)
	}
}

// errEmptyReply is reported when a handler returned nothing to show.
var errEmptyReply = errors.New("handler returned an empty reply")

// Call hands req to h and makes sure the member gets something to see: a panic in
// h, or a reply with nothing in it, becomes the [Apology] and an error for the log.
// A duplicate ([OutcomeDuplicate]) comes back as it is, for the adapter to drop.
// For any other reply req.OnAccept has run when Call returns, even when h did not
// call it. Every adapter calls its handler through Call.
func Call(ctx context.Context, h Handler, req Request) (rep Reply, err error) {
	accept := req.OnAccept
	accepted := false
	if accept != nil {
		req.OnAccept = func(r *Request) { accepted = true; accept(r) }
	}
	defer func() {
		if p := recover(); p != nil {
			rep, err = Apology(), fmt.Errorf("handler panicked: %v\n%s", p, debug.Stack())
		}
		if accept != nil && !accepted && rep.Outcome != OutcomeDuplicate {
			accept(&req)
		}
	}()
	rep, err = h.Handle(ctx, req)
	if rep.Outcome == OutcomeDuplicate || !emptyReply(rep) {
		return rep, err
	}
	if err == nil {
		err = errEmptyReply
	}
	return Apology(), err
}

// emptyReply reports whether r has nothing a member could see.
func emptyReply(r Reply) bool {
	return strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.Notice) == "" && len(r.Courses) == 0
}

// PrivateCommand reports whether the Router's replies to command are always for
// the asker alone (Ephemeral): help, feedback thanks, summary previews and reports.
// Platforms that must choose a response's visibility before the reply exists (a
// deferred Discord interaction) decide with it; the others follow Reply.Ephemeral.
func PrivateCommand(command string) bool {
	switch command {
	case CommandHelp, CommandFeedback, CommandSummary, CommandReport:
		return true
	}
	return false
}

// ButtonRequest returns the Request that a press of a button the bot rendered
// stands for: 👍/👎 become [CommandFeedback] on the answer id in value, "Post to
// channel" becomes [CommandPost] of the topic in value, "Share in channel" becomes
// the public [CommandPlan] of the profile in value. base carries the platform's
// fields of the press (user, channel, moderator, dedup key). ok is false for
// [ActionDiscard] — the preview it removes exists only on the platform, which removes
// it itself — for any action the bot does not render, and for a press without the
// value every such button carries.
func ButtonRequest(base Request, action, value string) (req Request, ok bool) {
	if value == "" {
		return base, false
	}
	req = base
	switch action {
	case ActionFeedbackUp, ActionFeedbackDown:
		vote := "up"
		if action == ActionFeedbackDown {
			vote = "down"
		}
		req.Command, req.Text = CommandFeedback, ""
		req.Args = map[string]string{ArgAnswerID: value, ArgVote: vote}
	case ActionPostSummary:
		req.Command, req.Text = CommandPost, value
		req.Args = map[string]string{ArgTopic: value}
	case ActionSharePlan:
		args, ok := PlanArgs(value)
		if !ok {
			return base, false
		}
		args[ArgShare] = "yes"
		req.Command, req.Text, req.Args = CommandPlan, "", args
	default:
		return base, false
	}
	return req, true
}
