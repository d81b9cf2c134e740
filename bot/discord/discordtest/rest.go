package discordtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /gw/", s.serveGateway)
	mux.HandleFunc("GET "+API+"/gateway", s.open(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		writeJSON(w, 200, map[string]any{"url": "ws://" + r.Host + "/gw"})
	}))
	mux.HandleFunc("GET "+API+"/users/@me", s.bot(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		writeJSON(w, 200, s.botUser())
	}))
	mux.HandleFunc("GET "+API+"/oauth2/applications/@me", s.bot(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		writeJSON(w, 200, map[string]any{"id": s.opts.AppID, "name": "careerbot"})
	}))
	mux.HandleFunc("PUT "+API+"/applications/{app}/commands", s.bot(s.echoCommands))
	mux.HandleFunc("PUT "+API+"/applications/{app}/guilds/{guild}/commands", s.bot(s.echoCommands))
	mux.HandleFunc("POST "+API+"/interactions/{id}/{token}/callback", s.open(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		w.WriteHeader(http.StatusNoContent)
	}))
	mux.HandleFunc("PATCH "+API+"/webhooks/{app}/{token}/messages/@original", s.open(s.message("webhook")))
	mux.HandleFunc("DELETE "+API+"/webhooks/{app}/{token}/messages/@original", s.open(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		w.WriteHeader(http.StatusNoContent)
	}))
	mux.HandleFunc("POST "+API+"/webhooks/{app}/{token}", s.open(s.message("webhook")))
	mux.HandleFunc("POST "+API+"/channels/{c}/messages", s.bot(s.message("")))
	mux.HandleFunc("PATCH "+API+"/channels/{c}/messages/{m}", s.bot(s.message("")))
	mux.HandleFunc("POST "+API+"/channels/{c}/typing", s.bot(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		w.WriteHeader(http.StatusNoContent)
	}))
	mux.HandleFunc("POST "+API+"/channels/{c}/messages/{m}/threads", s.bot(s.startThread))
	mux.HandleFunc("GET "+API+"/channels/{c}", s.bot(s.getChannel))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.recordUnrouted(Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		writeJSON(w, 404, map[string]any{"message": "404: Not Found", "code": 0})
	})
	return mux
}

type handler func(w http.ResponseWriter, r *http.Request, body []byte)

// open records a request and serves it (after any injected fault). Webhook and
// interaction-callback endpoints need no bot token, as on Discord.
func (s *Server) open(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.record(Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		if status := s.takeFault(r.Method, r.URL.Path); status != 0 {
			if status == http.StatusTooManyRequests {
				writeJSON(w, status, map[string]any{"message": "You are being rate limited.", "retry_after": 0.01, "global": false})
				return
			}
			writeJSON(w, status, map[string]any{"message": http.StatusText(status), "code": 0})
			return
		}
		h(w, r, body)
	}
}

// bot is open plus a check of the Authorization header.
func (s *Server) bot(h handler) http.HandlerFunc {
	return s.open(func(w http.ResponseWriter, r *http.Request, body []byte) {
		if r.Header.Get("Authorization") != "Bot "+s.opts.Token {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
			return
		}
		h(w, r, body)
	})
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.opts.BotID, "username": "careerbot", "bot": true}
}

// message answers with a message object built from the request body.
func (s *Server) message(channel string) handler {
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		msg := map[string]any{}
		_ = json.Unmarshal(body, &msg)
		id := r.PathValue("m")
		if id == "" || strings.HasSuffix(r.URL.Path, "@original") {
			id = s.newID()
		}
		ch := channel
		if c := r.PathValue("c"); c != "" {
			ch = c
		}
		msg["id"], msg["channel_id"], msg["author"] = id, ch, s.botUser()
		delete(msg, "allowed_mentions")
		delete(msg, "message_reference")
		writeJSON(w, 200, msg)
	}
}

func (s *Server) startThread(w http.ResponseWriter, r *http.Request, body []byte) {
	var in struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(body, &in)
	th := map[string]any{
		"id": s.newID(), "type": 11, "name": in.Name,
		"parent_id": r.PathValue("c"), "owner_id": s.opts.BotID, "guild_id": "G1",
	}
	s.mu.Lock()
	s.channels[th["id"].(string)] = th
	s.mu.Unlock()
	writeJSON(w, 201, th)
}

func (s *Server) getChannel(w http.ResponseWriter, r *http.Request, _ []byte) {
	id := r.PathValue("c")
	s.mu.Lock()
	ch, ok := s.channels[id]
	s.mu.Unlock()
	if !ok {
		ch = map[string]any{"id": id, "type": 0, "guild_id": "G1", "name": "general"}
	}
	writeJSON(w, 200, ch)
}

// AddThread registers a thread (e.g. one started by a member) for GET /channels.
func (s *Server) AddThread(id, parentID, ownerID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = map[string]any{"id": id, "type": 11, "parent_id": parentID, "owner_id": ownerID, "guild_id": "G1"}
}

func (s *Server) echoCommands(w http.ResponseWriter, r *http.Request, body []byte) {
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		writeJSON(w, 400, map[string]any{"message": "Invalid Form Body", "code": 50035})
		return
	}
	for _, c := range cmds {
		c["id"], c["application_id"] = s.newID(), r.PathValue("app")
	}
	writeJSON(w, 200, cmds)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Threads returns the ids of the threads the fake created (by thread-start calls or
// AddThread), in no particular order.
func (s *Server) Threads() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.channels))
	for id := range s.channels {
		ids = append(ids, id)
	}
	return ids
}
