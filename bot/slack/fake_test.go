package slack

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

	"github.com/gorilla/websocket"
)

// waitLimit only guards against a hung test; nothing is timed.
const waitLimit = 15 * time.Second

// apiCall is one request the fake Slack received, or one ack it read from the socket.
type apiCall struct {
	Method string     // "chat.postMessage", "respond", "ack", …
	Form   url.Values // form-encoded Web API calls
	JSON   map[string]any
	Path   string
}

// fakeSlack is an in-process Slack: the Web API under /api/, Socket Mode under /link/
// (hello, PING frames, scripted envelopes, acks read back) and response_url under
// /respond/. Every call is recorded in arrival order.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	envelopes chan string // raw frames to send on the live socket

	mu        sync.Mutex
	calls     []apiCall
	cursor    map[string]int
	changed   chan struct{}
	ts        int
	opens     int
	authError string              // auth.test fails with this error when set
	appError  string              // apps.connections.open fails with this error when set
	status    map[string][]int    // method → HTTP statuses to return before succeeding
	errs      map[string][]string // method → Slack errors ({"ok":false}) to return before succeeding
}

func newFakeSlack(t testing.TB) *fakeSlack {
	t.Helper()
	f := &fakeSlack{
		t:         t,
		envelopes: make(chan string, 16),
		cursor:    map[string]int{},
		changed:   make(chan struct{}),
		status:    map[string][]int{},
		errs:      map[string][]string{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", f.serveAPI)
	mux.HandleFunc("/link/", f.serveSocket)
	mux.HandleFunc("/respond/", f.serveRespond)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// APIURL is the Web API base URL, without the trailing slash the adapter adds.
func (f *fakeSlack) APIURL() string { return f.srv.URL + "/api" }

// ResponseURL returns a response_url served by the fake.
func (f *fakeSlack) ResponseURL(id string) string { return f.srv.URL + "/respond/" + id }

func (f *fakeSlack) record(c apiCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
	close(f.changed)
	f.changed = make(chan struct{})
}

// errorNext scripts the next calls of method: each fails with its Slack error, or
// succeeds for "".
func (f *fakeSlack) errorNext(method string, slackErrs ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[method] = append(f.errs[method], slackErrs...)
}

// failNext makes the next len(statuses) calls of method answer with those statuses.
func (f *fakeSlack) failNext(method string, statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status[method] = append(f.status[method], statuses...)
}

func (f *fakeSlack) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	if err := r.ParseForm(); err != nil {
		f.t.Errorf("%s: parse form: %v", method, err)
	}
	f.mu.Lock()
	var status int
	if s := f.status[method]; len(s) > 0 {
		status, f.status[method] = s[0], s[1:]
	}
	var slackErr string
	if e := f.errs[method]; len(e) > 0 && status == 0 {
		slackErr, f.errs[method] = e[0], e[1:]
	}
	f.mu.Unlock()
	if slackErr != "" {
		f.record(apiCall{Method: method + ":" + slackErr, Form: r.PostForm})
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":false,"error":%q}`, slackErr)
		return
	}
	if status != 0 {
		f.record(apiCall{Method: method + ":" + fmt.Sprint(status), Form: r.PostForm, Path: r.URL.Path})
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "auth.test":
		if f.authError != "" {
			fmt.Fprintf(w, `{"ok":false,"error":%q}`, f.authError)
			return
		}
		f.record(apiCall{Method: method, Form: r.PostForm})
		io.WriteString(w, `{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1","user":"careerbot"}`)
	case "apps.connections.open":
		if got := r.Header.Get("Authorization"); got != "Bearer xapp-test" {
			f.t.Errorf("apps.connections.open: Authorization %q", got)
		}
		if f.appError != "" {
			fmt.Fprintf(w, `{"ok":false,"error":%q}`, f.appError)
			return
		}
		f.mu.Lock()
		f.opens++
		n := f.opens
		f.mu.Unlock()
		f.record(apiCall{Method: method})
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/link/?ticket=%d"}`, r.Host, n)
	case "chat.postMessage", "chat.update", "chat.delete", "chat.postEphemeral":
		if tok := r.PostForm.Get("token"); tok != "xoxb-test" {
			f.t.Errorf("%s: token %q", method, tok)
		}
		f.record(apiCall{Method: method, Form: r.PostForm})
		ts := r.PostForm.Get("ts")
		if method == "chat.postMessage" || method == "chat.postEphemeral" {
			f.mu.Lock()
			f.ts++
			ts = fmt.Sprintf("1700000000.%06d", f.ts)
			f.mu.Unlock()
		}
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q,"message_ts":%q}`, r.PostForm.Get("channel"), ts, ts)
	default:
		f.t.Errorf("unexpected Web API call %s", method)
		io.WriteString(w, `{"ok":false,"error":"unknown_method"}`)
	}
}

func (f *fakeSlack) serveRespond(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.t.Errorf("response_url: body is not JSON: %v", err)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.t.Errorf("response_url: Content-Type %q", ct)
	}
	f.record(apiCall{Method: "respond", JSON: body, Path: r.URL.Path})
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"ok":true}`)
}

// serveSocket is the Socket Mode endpoint: hello, PINGs on a ticker, scripted
// envelopes, acks read back and recorded. After sending a "disconnect" it stops
// taking envelopes, so the next ones go to the new connection.
func (f *fakeSlack) serveSocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	done := make(chan struct{})
	go func() { // reader: acks and pongs
		defer close(done)
		for {
			_, data, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var ack struct {
				EnvelopeID string          `json:"envelope_id"`
				Payload    json.RawMessage `json:"payload"`
			}
			if err := json.Unmarshal(data, &ack); err != nil || ack.EnvelopeID == "" {
				f.t.Errorf("socket: unexpected frame %s", data)
				continue
			}
			f.record(apiCall{Method: "ack", Path: ack.EnvelopeID})
		}
	}()
	ping := time.NewTicker(50 * time.Millisecond)
	defer ping.Stop()
	if err := conn.WriteMessage(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"},"debug_info":{"host":"fake"}}`)); err != nil {
		return
	}
	for {
		select {
		case <-done:
			return
		case <-ping.C:
			if err := conn.WriteControl(websocket.PingMessage, []byte("p"), time.Now().Add(time.Second)); err != nil {
				return
			}
		case env := <-f.envelopes:
			if err := conn.WriteMessage(websocket.TextMessage, []byte(env)); err != nil {
				f.t.Errorf("socket: write envelope: %v", err)
				return
			}
			if strings.Contains(env, `"type":"disconnect"`) {
				<-done // the client drops this connection and opens a new one
				return
			}
		}
	}
}

// send queues a raw Socket Mode frame.
func (f *fakeSlack) send(frame string) { f.envelopes <- frame }

// waitCall returns the next call of method not returned before, waiting for it.
func (f *fakeSlack) waitCall(method string) apiCall {
	f.t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		for i := f.cursor[method]; i < len(f.calls); i++ {
			if f.calls[i].Method == method {
				f.cursor[method] = i + 1
				c := f.calls[i]
				f.mu.Unlock()
				return c
			}
		}
		f.cursor[method] = len(f.calls)
		ch := f.changed
		f.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			f.t.Fatalf("no %s call arrived; calls so far: %v", method, f.methods())
		}
	}
}

// methods lists the recorded call methods in order.
func (f *fakeSlack) methods() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, len(f.calls))
	for i, c := range f.calls {
		out[i] = c.Method
		if c.Method == "ack" || c.Method == "ack-queued" {
			out[i] = c.Method + ":" + c.Path
		}
	}
	return out
}

// count returns how many calls of method were recorded.
func (f *fakeSlack) count(method string) int {
	n := 0
	for _, m := range f.methods() {
		if m == method {
			n++
		}
	}
	return n
}

// index returns the position of the first recorded call named name (as listed by
// methods), or -1.
func (f *fakeSlack) index(name string) int {
	for i, m := range f.methods() {
		if m == name {
			return i
		}
	}
	return -1
}
