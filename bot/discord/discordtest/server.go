// Package discordtest is an in-process fake Discord for tests; only tests import it.
// It serves the REST endpoints the careerbot Discord adapter calls and a gateway
// websocket speaking the real handshake (HELLO, IDENTIFY/RESUME, READY/RESUMED,
// heartbeats, dispatches), so a real discordgo.Session talks to it unchanged once
// its requests for https://discord.com go to [Server.URL] instead (set
// DISCORD_API_URL, or discord.Config.APIURL, to Server.URL). Gateway discovery
// answers with the fake's own ws:// URL, so the websocket never leaves the process.
//
// Everything the client sends is recorded as a [Request] — REST calls with their
// method and path, gateway frames with Method "GATEWAY" and Path "op2" (IDENTIFY),
// "op6" (RESUME) — and tests wait for what they expect with [Server.WaitFor] and
// [Server.Wait], push events with [Server.Dispatch], and inject failures with
// [Server.FailNext]. REST routes that need the bot token answer 401 for any other
// Authorization header; a request no route knows is recorded, answered 404 and
// listed by [Server.Unrouted].
package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// API is the path prefix of Discord's REST API.
const API = "/api/v9"

// WaitTimeout bounds every wait, only as a guard against a test hanging forever.
const WaitTimeout = 20 * time.Second

// Options are the identities the fake answers with.
type Options struct {
	Token string // the bot token requests must carry ("Bot " + Token)
	BotID string // the bot's user id
	AppID string // the application id
	// IdentifyCloseCode, when set, makes the gateway close the connection with this
	// code instead of answering IDENTIFY (e.g. 4014 for a disallowed intent).
	IdentifyCloseCode int
	// ResumeCloseCode, when set, makes the gateway close the connection with this
	// code instead of answering RESUME (e.g. 4004 for a token reset while the
	// client was disconnected).
	ResumeCloseCode int
}

// Request is one recorded REST request or gateway frame.
type Request struct {
	Method string // HTTP method, or "GATEWAY" for a frame the client sent
	// Path is the URL path (with /api/v9); for a gateway frame "op<N>", and "close"
	// for the close frame a client sends when it closes its session.
	Path   string
	Query  string
	Header http.Header
	// Body is the request body; for a gateway frame its "d", and for "close" the
	// close code in decimal (e.g. "1000").
	Body []byte
}

// Decode unmarshals the body into v, failing the test when it is not JSON.
func (r Request) Decode(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s %s body %q: %v", r.Method, r.Path, r.Body, err)
	}
}

// Server is the fake. It is safe for concurrent use. Close it after closing every
// session connected to it (register its Close with t.Cleanup before starting the
// client, so the client's cleanup runs first).
type Server struct {
	URL  string
	opts Options
	http *httptest.Server

	mu       sync.Mutex
	reqs     []Request
	unrouted []Request     // requests no route matched, also in reqs
	changed  chan struct{} // closed and replaced whenever reqs or the gateway changes
	faults   []*fault
	channels map[string]map[string]any // threads the fake created, by id
	nextID   int

	gw gateway
}

type fault struct {
	method, pathContains string
	status, times        int
}

// New starts a fake Discord on a loopback port; [Server.URL] is its origin
// (http://127.0.0.1:PORT).
func New(opts Options) *Server {
	s := &Server{opts: opts, changed: make(chan struct{}), channels: map[string]map[string]any{}, nextID: 1000}
	s.http = httptest.NewServer(s.routes())
	s.URL = s.http.URL
	return s
}

// Close closes the gateway connections and the HTTP server.
func (s *Server) Close() {
	s.gw.closeAll()
	s.http.Close()
	s.gw.wg.Wait()
}

// FailNext makes the next n requests whose method matches and whose path contains
// pathContains fail with status (429 carries retry_after 0.01).
func (s *Server) FailNext(method, pathContains string, status, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{method, pathContains, status, n})
}

// Requests returns a copy of everything recorded so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Unrouted returns the requests no route of the fake knows (answered 404), in
// order. A test that expects the adapter to call only real Discord endpoints checks
// that it is empty.
func (s *Server) Unrouted() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.unrouted...)
}

// WaitFor waits until a recorded request matches and returns the first match,
// failing the test with a dump of everything recorded after [WaitTimeout].
func (s *Server) WaitFor(tb testing.TB, what string, match func(Request) bool) Request {
	tb.Helper()
	var found Request
	s.Wait(tb, what, func(reqs []Request) bool {
		for _, r := range reqs {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	return found
}

// Wait waits until cond holds for the recorded requests, failing the test with a
// dump of them after [WaitTimeout]. cond gets a copy and may keep it.
func (s *Server) Wait(tb testing.TB, what string, cond func([]Request) bool) {
	tb.Helper()
	deadline := time.After(WaitTimeout)
	for {
		s.mu.Lock()
		ok, ch := cond(append([]Request(nil), s.reqs...)), s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("discordtest: timed out waiting for %s; recorded:\n%s", what, s.dump())
		}
	}
}

func (s *Server) dump() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "  %s %s %.300s\n", r.Method, r.Path, r.Body)
	}
	return b.String()
}

// record appends r and wakes waiters.
func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
	s.notifyLocked()
}

// recordUnrouted records r as a request no route matched.
func (s *Server) recordUnrouted(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
	s.unrouted = append(s.unrouted, r)
	s.notifyLocked()
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// newID returns a fresh snowflake-like id.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return fmt.Sprint(s.nextID)
}

// takeFault returns the status of a matching injected fault, or 0.
func (s *Server) takeFault(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.times > 0 && f.method == method && strings.Contains(path, f.pathContains) {
			f.times--
			return f.status
		}
	}
	return 0
}
