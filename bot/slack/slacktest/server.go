// Package slacktest is an in-process fake of Slack for tests: the Web API, Socket
// Mode and response_url, speaking the real wire protocol so that the real slack-go
// client (and so the real careerbot Slack adapter) can talk to it over loopback.
//
// Only tests import it; production code must not. It does not import the adapter
// (package slack), so the adapter's own tests can use it as well as end-to-end tests
// of commands that run the adapter.
//
// Start a [Server] with [NewServer], point the adapter at [Server.APIURL] with the
// tokens [BotToken] and [AppToken], script Socket Mode frames with [Server.Send]
// (built with [EventEnvelope], [SlashEnvelope], [InteractiveEnvelope], …), and read
// what the adapter did back with [Server.WaitCall]. Waits never time anything: they
// block until the call arrives and fail the test only after [WaitLimit], as a guard
// against a hung test.
package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Tokens the fake accepts: chat.* calls must carry BotToken, apps.connections.open
// must carry AppToken. Any other token fails the test.
const (
	BotToken = "xoxb-test"
	AppToken = "xapp-test"
)

// The fake's own identity, as auth.test reports it: the bot user is mentioned as
// "<@UBOT>".
const (
	BotUserID = "UBOT"
	BotID     = "BBOT"
	TeamID    = "T1"
)

// WaitLimit only guards against a hung test; nothing is timed.
const WaitLimit = 15 * time.Second

// Call is one request the fake received, or one Socket Mode ack it read back.
type Call struct {
	// Method is the Web API method ("chat.postMessage"), "respond" for a
	// response_url post, or "ack" for a Socket Mode ack. A call the fake was
	// scripted to fail is named method + ":" + the Slack error or HTTP status
	// ("chat.update:msg_too_long", "chat.postMessage:500").
	Method string
	Form   url.Values     // the form of a Web API call
	JSON   map[string]any // the JSON body of a response_url post or views.open
	Path   string         // the URL path; the envelope id for an ack
}

// Server is a fake Slack: the Web API under /api/, Socket Mode under /link/ (hello,
// PING frames, scripted envelopes, acks read back) and response_url under /respond/.
// Every call is recorded in arrival order. Its methods are safe for concurrent use;
// the WaitCall family must be called from the test's goroutine.
type Server struct {
	t   testing.TB
	srv *httptest.Server

	envelopes chan string // raw frames to send on the live socket

	mu        sync.Mutex
	calls     []Call
	cursor    map[string]int // method → index after the last call WaitCall returned
	changed   chan struct{}  // closed and replaced on every new call
	ts        int            // the last message ts handed out
	opens     int            // apps.connections.open calls so far
	authError string
	appError  string
	status    map[string][]int    // method → HTTP statuses to answer before succeeding
	errs      map[string][]string // method → Slack errors to answer before succeeding
}

// NewServer starts a fake Slack on a loopback port. It is closed when the test
// ends; stop the clients using it first (register their cleanup after this call).
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		t:         t,
		envelopes: make(chan string, 16),
		cursor:    map[string]int{},
		changed:   make(chan struct{}),
		status:    map[string][]int{},
		errs:      map[string][]string{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/link/", s.serveSocket)
	mux.HandleFunc("/respond/", s.serveRespond)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// APIURL is the Web API base URL, without a trailing slash (the adapter accepts it
// with or without one).
func (s *Server) APIURL() string { return s.srv.URL + "/api" }

// ResponseURL returns a response_url served by the fake; posts to it are recorded
// as "respond" calls with Path "/respond/" + id.
func (s *Server) ResponseURL(id string) string { return s.srv.URL + "/respond/" + id }

// Record appends c to the recorded calls and wakes WaitCall. Tests use it to
// interleave their own markers with the fake's calls.
func (s *Server) Record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	close(s.changed)
	s.changed = make(chan struct{})
}

// FailAuth makes every auth.test answer {"ok":false,"error":slackErr} ("" undoes it).
func (s *Server) FailAuth(slackErr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.authError = slackErr
}

// FailConnect makes every apps.connections.open answer {"ok":false,"error":slackErr}
// ("" undoes it).
func (s *Server) FailConnect(slackErr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.appError = slackErr
}

// ErrorNext scripts the next calls of method, one per argument: each fails with that
// Slack error ({"ok":false}), or succeeds for "".
func (s *Server) ErrorNext(method string, slackErrs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errs[method] = append(s.errs[method], slackErrs...)
}

// FailNext makes the next len(statuses) calls of method answer with those HTTP
// statuses (a 429 carries Retry-After: 1). Scripted statuses come before scripted
// Slack errors.
func (s *Server) FailNext(method string, statuses ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status[method] = append(s.status[method], statuses...)
}

// scripted pops the next scripted HTTP status or Slack error for method.
func (s *Server) scripted(method string) (status int, slackErr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.status[method]; len(st) > 0 {
		status, s.status[method] = st[0], st[1:]
		return status, ""
	}
	if e := s.errs[method]; len(e) > 0 {
		slackErr, s.errs[method] = e[0], e[1:]
	}
	return 0, slackErr
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	if err := r.ParseForm(); err != nil {
		s.t.Errorf("%s: parse form: %v", method, err)
	}
	status, slackErr := s.scripted(method)
	if slackErr != "" {
		s.Record(Call{Method: method + ":" + slackErr, Form: r.PostForm, Path: r.URL.Path})
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, slackErr)
		return
	}
	if status != 0 {
		s.Record(Call{Method: method + ":" + fmt.Sprint(status), Form: r.PostForm, Path: r.URL.Path})
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		w.WriteHeader(status)
		return
	}
	s.mu.Lock()
	authError, appError := s.authError, s.appError
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "auth.test":
		if authError != "" {
			fmt.Fprintf(w, `{"ok":false,"error":%q}`, authError)
			return
		}
		s.Record(Call{Method: method, Form: r.PostForm, Path: r.URL.Path})
		fmt.Fprintf(w, `{"ok":true,"user_id":%q,"bot_id":%q,"team_id":%q,"user":"careerbot"}`, BotUserID, BotID, TeamID)
	case "apps.connections.open":
		if got := r.Header.Get("Authorization"); got != "Bearer "+AppToken {
			s.t.Errorf("apps.connections.open: Authorization %q", got)
		}
		if appError != "" {
			fmt.Fprintf(w, `{"ok":false,"error":%q}`, appError)
			return
		}
		s.mu.Lock()
		s.opens++
		n := s.opens
		s.mu.Unlock()
		s.Record(Call{Method: method, Path: r.URL.Path})
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/link/?ticket=%d"}`, r.Host, n)
	case "chat.postMessage", "chat.update", "chat.delete", "chat.postEphemeral":
		if tok := r.PostForm.Get("token"); tok != BotToken {
			s.t.Errorf("%s: token %q", method, tok)
		}
		s.Record(Call{Method: method, Form: r.PostForm, Path: r.URL.Path})
		ts := r.PostForm.Get("ts")
		if method == "chat.postMessage" || method == "chat.postEphemeral" {
			s.mu.Lock()
			s.ts++
			ts = fmt.Sprintf("1700000000.%06d", s.ts)
			s.mu.Unlock()
		}
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q,"message_ts":%q}`, r.PostForm.Get("channel"), ts, ts)
	case "views.open":
		if got := r.Header.Get("Authorization"); got != "Bearer "+BotToken {
			s.t.Errorf("views.open: Authorization %q", got)
		}
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			s.t.Errorf("views.open: body is not JSON: %v", err)
		}
		s.Record(Call{Method: method, JSON: body, Path: r.URL.Path})
		_, _ = io.WriteString(w, `{"ok":true,"view":{"id":"V1","type":"modal"}}`)
	default:
		s.t.Errorf("unexpected Web API call %s", method)
		_, _ = io.WriteString(w, `{"ok":false,"error":"unknown_method"}`)
	}
}

func (s *Server) serveRespond(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		s.t.Errorf("response_url: body is not JSON: %v", err)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.t.Errorf("response_url: Content-Type %q", ct)
	}
	s.Record(Call{Method: "respond", JSON: body, Path: r.URL.Path})
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"ok":true}`)
}
