package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/careerbot/careerbot/bot"
)

// InteractionsPath is where the serve command mounts [Adapter.InteractionsHandler].
const InteractionsPath = "/discord/interactions"

const (
	maxInteractionBody = 256 << 10       // 256 KiB; real interactions are a few KiB
	signatureWindow    = 5 * time.Minute // how old (or new) a signed timestamp may be
)

// InteractionsHandler returns the HTTP interactions endpoint (mount it at
// [InteractionsPath]). Every request must carry a valid Ed25519 signature of the
// application's public key over a timestamp within five minutes of now; anything
// else gets 401 and is otherwise ignored — a missing signature or a stale timestamp
// before the body is read — and a body over 256 KiB gets 413. PING is answered with
// PONG; commands and
// buttons are acknowledged in the HTTP response ({"type":5} for answers) and then
// answered over REST like in gateway mode. It needs Config.PublicKey and works
// without the gateway; call [Adapter.Drain] at shutdown to finish in-flight answers.
func (a *Adapter) InteractionsHandler(h bot.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if a.publicKey == nil {
			http.Error(w, "interactions endpoint disabled: DISCORD_PUBLIC_KEY is not set", http.StatusNotFound)
			return
		}
		if !a.signedNow(r.Header) { // before reading a stranger's body
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "bad request body", http.StatusBadRequest)
			return
		}
		if !a.verified(r, body) {
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		var i discordgo.Interaction
		if err := json.Unmarshal(body, &i); err != nil || i.ID == "" {
			http.Error(w, "malformed interaction", http.StatusBadRequest)
			return
		}
		resp, work := a.route(h, &i)
		if work != nil && !a.work.Start() {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(resp); err != nil {
			a.log.Warn("interaction response not written", "interaction_id", i.ID, "err", err)
		}
		if work == nil {
			return
		}
		if f, ok := w.(http.Flusher); ok {
			f.Flush() // Discord must see the deferral before the edits arrive
		}
		a.work.Go(interactionLife, work)
	})
}

// signedNow checks what can be checked before the body is read: a signature header
// of the right shape and a timestamp within the signature window.
func (a *Adapter) signedNow(h http.Header) bool {
	sig, err := hex.DecodeString(h.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	sec, err := strconv.ParseInt(h.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil {
		return false
	}
	age := a.now().Sub(time.Unix(sec, 0))
	return age <= signatureWindow && age >= -signatureWindow
}

// verified checks the Ed25519 signature over body; the caller has checked the
// headers' shape and the timestamp's freshness with signedNow.
func (a *Adapter) verified(r *http.Request, body []byte) bool {
	r.Body = io.NopCloser(bytes.NewReader(body))
	return discordgo.VerifyInteraction(r, a.publicKey)
}
