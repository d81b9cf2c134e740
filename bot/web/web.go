// Package web is careerbot's browser playground: a small chat page served over HTTP
// that talks to the same [bot.Handler] as the chat platforms, so a maintainer can try
// the bot with no Discord or Slack account.
//
// The page, its stylesheet and its script are embedded in the binary and nothing is
// loaded from elsewhere; a strict Content-Security-Policy enforces that. Answers stream
// as Server-Sent Events (partial text while an LLM writes, then the final reply), their
// Markdown is rendered to HTML on the server with raw HTML dropped, and citation
// markers [n] become links to the numbered sources. The local user is a moderator, so
// every command can be tried from the text box: "/career help", "/career courses …",
// "/career-mod summary …", "/career-mod report". Because of that, every route answers
// only requests made on this machine (see [LocalOnly]); anything else gets 403.
//
// Routes, relative to where the handler is mounted:
//
//	GET  /               the chat page
//	GET  /static/…       its stylesheet, script and icon
//	POST /api/ask        {"text","thread_id"} → text/event-stream of "partial" and "reply" events
//	POST /api/button     {"action","value","thread_id"} → the reply as JSON
//	GET  /api/plan/choices the plan form's goals, educations and backgrounds (404 without pathways)
//	POST /api/plan       {"goal","education","background","hours_per_week","remote","thread_id"} → the plan as JSON
package web

import (
	"bytes"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/careerbot/careerbot/bot"
)

//go:embed assets
var assets embed.FS

// Identity of the playground's single local user.
const (
	userID    = "local"
	userName  = "You (playground)"
	channelID = "playground"
)

// maxBody bounds every request body; a question is far shorter.
const maxBody = 16 << 10

// contentSecurityPolicy allows nothing but the page's own script, stylesheet, icon and
// API calls: no inline code, no third-party origins, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Config configures the playground.
type Config struct {
	Handler bot.Handler  // answers every request; required
	Logger  *slog.Logger // nil discards logs
	// PlanChoices fills the plan form; without goals the page offers no plan form.
	PlanChoices bot.PlanChoices
}

// server serves the playground.
type server struct {
	h     bot.Handler
	log   *slog.Logger
	plans bot.PlanChoices
	page  []byte // the chat page, with the question limit filled in
}

// New returns the playground's HTTP handler. It panics when cfg.Handler is nil, which
// is a wiring mistake rather than a runtime condition.
func New(cfg Config) http.Handler {
	if cfg.Handler == nil {
		panic("web: Config.Handler is nil")
	}
	s := &server{h: cfg.Handler, log: cfg.Logger, plans: cfg.PlanChoices}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	static, err := fs.Sub(assets, "assets")
	if err != nil {
		panic("web: embedded assets missing: " + err.Error())
	}
	if s.page, err = chatPage(); err != nil {
		panic("web: playground page missing from the build: " + err.Error())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("POST /api/ask", s.ask)
	mux.HandleFunc("POST /api/button", s.button)
	mux.HandleFunc("GET /api/plan/choices", s.planChoices)
	mux.HandleFunc("POST /api/plan", s.plan)
	return LocalOnly(secure(mux))
}

// secure adds the security headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// maxQuestionMarker stands in the page for the longest question the bot accepts, so
// the text box allows exactly what the bot does.
const maxQuestionMarker = "MAX_QUESTION_RUNES"

// chatPage is the embedded chat page with the question limit filled in; New builds
// it once.
func chatPage() ([]byte, error) {
	page, err := assets.ReadFile("assets/index.html")
	if err != nil {
		return nil, err
	}
	return bytes.ReplaceAll(page, []byte(maxQuestionMarker), []byte(strconv.Itoa(bot.MaxQuestionRunes))), nil
}

// index serves the chat page.
func (s *server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(s.page)
}

// request builds the Request the playground sends for its local user.
func request(threadID string) bot.Request {
	return bot.Request{
		Platform:  bot.PlatformWeb,
		UserID:    userID,
		UserName:  userName,
		ChannelID: channelID,
		ThreadID:  threadID,
		Moderator: true,
	}
}
