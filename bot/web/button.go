package web

import (
	"net/http"

	"github.com/careerbot/careerbot/bot"
)

// buttonInput is the body of POST /api/button: a click on a button of an earlier reply.
type buttonInput struct {
	Action   string `json:"action"`
	Value    string `json:"value"`
	ThreadID string `json:"thread_id"`
}

// discardJSON answers a Discard click, which needs no Handler.
type discardJSON struct {
	Discarded bool `json:"discarded"`
}

// button turns a click into a Request the way the chat adapters do: 👍/👎 become
// CommandFeedback, "Post to channel" becomes CommandPost (the reply is the public
// post), and "Discard" is handled here, since only the page holds the preview.
func (s *server) button(w http.ResponseWriter, r *http.Request) {
	var in buttonInput
	if !decode(w, r, &in) {
		return
	}
	if !checkThreadID(w, in.ThreadID) {
		return
	}
	if len(in.Value) > 200 {
		writeError(w, http.StatusBadRequest, "button value is too long")
		return
	}
	req := request(in.ThreadID)
	switch in.Action {
	case bot.ActionFeedbackUp, bot.ActionFeedbackDown:
		if in.Value == "" {
			writeError(w, http.StatusBadRequest, "a feedback click needs the answer id as its value")
			return
		}
		vote := "up"
		if in.Action == bot.ActionFeedbackDown {
			vote = "down"
		}
		req.Command = bot.CommandFeedback
		req.Args = map[string]string{bot.ArgAnswerID: in.Value, bot.ArgVote: vote}
	case bot.ActionPostSummary:
		if in.Value == "" {
			writeError(w, http.StatusBadRequest, "a post click needs the summary topic as its value")
			return
		}
		req.Command = bot.CommandPost
		req.Text = in.Value
		req.Args = map[string]string{bot.ArgTopic: in.Value}
	case bot.ActionSharePlan:
		args, ok := bot.PlanArgs(in.Value)
		if !ok {
			writeError(w, http.StatusBadRequest, "a share click needs the plan's profile as its value")
			return
		}
		args[bot.ArgShare] = "yes"
		req.Command, req.Args = bot.CommandPlan, args
	case bot.ActionDiscard:
		writeJSON(w, http.StatusOK, discardJSON{Discarded: true})
		return
	default:
		writeError(w, http.StatusBadRequest, "unknown button action")
		return
	}
	res := s.handle(r.Context(), req)
	if res.err != nil {
		s.log.Error("button failed", "platform", bot.PlatformWeb, "command", req.Command, "err", res.err)
	}
	writeJSON(w, http.StatusOK, toJSON(res.reply))
}
