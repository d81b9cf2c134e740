package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/careerbot/careerbot/bot"
)

// Body caps per endpoint. Interaction payloads carry the whole message they came
// from (up to 50 blocks); events carry one message; a slash command is a short form.
const (
	maxInteractionBody = 1 << 20
	maxEventBody       = 256 << 10
	maxCommandBody     = 32 << 10
)

// HTTPHandler returns the HTTP-mode endpoints, to be mounted on HTTP_ADDR:
//
//	POST /slack/events        Events API (url_verification and event callbacks)
//	POST /slack/commands      slash commands (/career, /career-mod)
//	POST /slack/interactions  button clicks
//
// Every request must carry a valid v0 signature over its raw body made with
// SLACK_SIGNING_SECRET, with a timestamp within five minutes; forged, stale or unsigned
// requests get 401 (stale and unsigned ones before their body is read), bodies over
// the endpoint's cap (1 MiB for interactions, 256 KiB for events, 32 KiB for
// commands) get 413. Requests are acknowledged within the
// request and the answer is prepared afterwards, in the background (see
// [Adapter.Shutdown]). It works with or without [Adapter.Run]. With no signing secret
// configured every request gets 404.
func (a *Adapter) HTTPHandler(h bot.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/slack/events", a.verified(maxEventBody, func(w http.ResponseWriter, r *http.Request, body []byte) {
		a.serveEvents(w, body, h)
	}))
	mux.Handle("/slack/commands", a.verified(maxCommandBody, func(w http.ResponseWriter, r *http.Request, body []byte) {
		cmd, err := slack.SlashCommandParse(r)
		if err != nil || cmd.Command == "" {
			http.Error(w, "malformed slash command", http.StatusBadRequest)
			return
		}
		acknowledge(w)
		a.spawn(func(ctx context.Context) { a.onSlashCommand(ctx, h, cmd) })
	}))
	mux.Handle("/slack/interactions", a.verified(maxInteractionBody, func(w http.ResponseWriter, r *http.Request, body []byte) {
		cb, err := slack.InteractionCallbackParse(r)
		if err != nil {
			http.Error(w, "malformed interaction payload", http.StatusBadRequest)
			return
		}
		acknowledge(w)
		a.spawn(func(ctx context.Context) { a.onInteraction(ctx, h, cb) })
	}))
	return mux
}

// verified wraps an endpoint with the method check, the signature check and a body
// cap of limit bytes. The signature headers' presence and the timestamp's freshness
// are checked before the body is read, so an unsigned or stale request costs no body
// read; the signature over the body is checked after. The handler gets the raw body,
// and r.Body is reset to it for form parsing.
func (a *Adapter) verified(limit int64, next func(http.ResponseWriter, *http.Request, []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.cfg.SigningSecret == "" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
		if err != nil {
			a.log.Warn("rejected unsigned or stale request", "path", r.URL.Path, "err", err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read request body", http.StatusBadRequest)
			return
		}
		if _, err := sv.Write(body); err != nil || sv.Ensure() != nil {
			a.log.Warn("rejected request with a wrong signature", "path", r.URL.Path)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	})
}

// serveEvents answers the Events API endpoint.
func (a *Adapter) serveEvents(w http.ResponseWriter, body []byte, h bot.Handler) {
	// The signature was verified; the legacy verification token is not used.
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		var probe struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(body, &probe) == nil && probe.Type == slackevents.CallbackEvent {
			// An inner event type slack-go does not know: acknowledge so Slack does not retry.
			acknowledge(w)
			return
		}
		http.Error(w, "malformed event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var ch slackevents.ChallengeResponse
		if err := json.Unmarshal(body, &ch); err != nil || ch.Challenge == "" {
			http.Error(w, "missing challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, ch.Challenge)
	default:
		acknowledge(w)
		a.spawn(func(ctx context.Context) { a.onEventsAPI(ctx, h, ev) })
	}
}

// acknowledge sends an empty 200 at once, so Slack's 3-second deadline is met even
// when the answer takes longer.
func acknowledge(w http.ResponseWriter) {
	w.WriteHeader(http.StatusOK)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}
