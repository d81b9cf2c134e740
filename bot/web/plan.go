package web

import (
	"net/http"
	"strconv"

	"github.com/careerbot/careerbot/bot"
)

// planInput is the body of POST /api/plan: the plan form's answers.
type planInput struct {
	Goal         string `json:"goal"`
	Education    string `json:"education"`
	Background   string `json:"background"`
	HoursPerWeek int    `json:"hours_per_week"`
	Remote       bool   `json:"remote"`
	ThreadID     string `json:"thread_id"`
}

// planChoices serves the plan form's options; 404 when plans are not configured.
func (s *server) planChoices(w http.ResponseWriter, _ *http.Request) {
	if len(s.plans.Goals) == 0 {
		writeError(w, http.StatusNotFound, "plans are not available: the corpus has no career pathways")
		return
	}
	writeJSON(w, http.StatusOK, s.plans)
}

// plan answers the plan form with the private plan (as JSON, like a button reply);
// invalid answers come back as the core's explanation, not as an HTTP error.
func (s *server) plan(w http.ResponseWriter, r *http.Request) {
	var in planInput
	if !decode(w, r, &in) || !checkThreadID(w, in.ThreadID) {
		return
	}
	req := request(in.ThreadID)
	req.Command = bot.CommandPlan
	req.Args = map[string]string{bot.ArgGoal: in.Goal, bot.ArgEducation: in.Education, bot.ArgBackground: in.Background, bot.ArgRemote: "no"}
	if in.HoursPerWeek != 0 {
		req.Args[bot.ArgHoursPerWeek] = strconv.Itoa(in.HoursPerWeek)
	}
	if in.Remote {
		req.Args[bot.ArgRemote] = "yes"
	}
	res := s.handle(r.Context(), req)
	if res.err != nil {
		s.log.Error("plan failed", "platform", bot.PlatformWeb, "err", res.err)
	}
	writeJSON(w, http.StatusOK, toJSON(res.reply))
}
