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

// button turns a click into the core's Request ([bot.ButtonRequest]), as the chat
// adapters do; "Discard" is answered here, since only the page holds the preview.
func (s *server) button(w http.ResponseWriter, r *http.Request) {
	var in buttonInput
	if !decode(w, r, &in) || !checkThreadID(w, in.ThreadID) {
		return
	}
	if len(in.Value) > 200 {
		writeError(w, http.StatusBadRequest, "button value is too long")
		return
	}
	if in.Action == bot.ActionDiscard {
		writeJSON(w, http.StatusOK, discardJSON{Discarded: true})
		return
	}
	req, ok := bot.ButtonRequest(request(in.ThreadID), in.Action, in.Value)
	if !ok {
		writeError(w, http.StatusBadRequest, "not a button the bot offers: an action it renders and its value are needed")
		return
	}
	res := s.handle(r.Context(), req)
	if res.err != nil {
		s.log.Error("button failed", "platform", bot.PlatformWeb, "command", req.Command, "err", res.err)
	}
	writeJSON(w, http.StatusOK, toJSON(res.reply))
}
