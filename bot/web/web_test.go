package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/web"
)

// recorder is a bot.Handler that records every Request and answers with reply.
type recorder struct {
	mu    sync.Mutex
	reqs  []bot.Request
	reply func(context.Context, bot.Request) (bot.Reply, error)
}

func (r *recorder) Handle(ctx context.Context, req bot.Request) (bot.Reply, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.reply(ctx, req)
}

func (r *recorder) requests() []bot.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Request(nil), r.reqs...)
}

// event is one Server-Sent Event.
type event struct {
	name string
	data map[string]any
}

// readEvents sends each event of resp's stream to c and closes c at the end.
func readEvents(t *testing.T, resp *http.Response, c chan<- event) {
	defer close(c)
	var cur event
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &cur.data); err != nil {
				t.Errorf("event data %q: %v", line, err)
			}
		case line == "":
			c <- cur
			cur = event{}
		}
	}
	if err := sc.Err(); err != nil {
		t.Error(err)
	}
}

func postJSON(t *testing.T, url, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func newServer(t *testing.T, h bot.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(web.New(web.Config{Handler: h}))
	t.Cleanup(srv.Close)
	return srv
}

func TestAsk_Streams(t *testing.T) {
	release := make(chan struct{})
	rec := &recorder{reply: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		req.OnPartial("RHITs **code** records")
		select { // hold the answer until the test has seen the partial text
		case <-release:
		case <-ctx.Done():
			return bot.Reply{}, ctx.Err()
		}
		return bot.Reply{Text: "RHITs **code** records [1].", AnswerID: "a1", Outcome: bot.OutcomeAnswered, Mode: "llm",
			Sources: []bot.Source{{N: 1, Title: "AHIMA", URL: "https://www.ahima.org/", AsOf: "2025-06"}}}, nil
	}}
	srv := newServer(t, rec)
	resp := postJSON(t, srv.URL+"/api/ask", `{"text":"What do RHITs do?","thread_id":"tab-1"}`)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type = %q", ct)
	}
	evs := make(chan event)
	go readEvents(t, resp, evs)
	first, _ := nextEvent(t, evs)
	if first.name != "partial" || first.data["html"] != "<p>RHITs <strong>code</strong> records</p>\n" {
		t.Fatalf("first event %+v, want the partial", first)
	}
	close(release)
	last, ok := nextEvent(t, evs)
	if !ok || last.name != "reply" {
		t.Fatalf("second event %+v, want reply", last)
	}
	if _, more := nextEvent(t, evs); more {
		t.Fatal("events after the reply")
	}
	if html := last.data["html"].(string); !strings.Contains(html, `<a href="https://www.ahima.org/">[1]</a>`) || !strings.Contains(html, "<strong>code</strong>") {
		t.Errorf("reply html = %q", html)
	}
	if src := last.data["sources"].([]any)[0].(map[string]any); src["as_of"] != "2025-06" || src["url"] != "https://www.ahima.org/" {
		t.Errorf("source = %v", src)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Platform != bot.PlatformWeb || r.ThreadID != "tab-1" || !r.Moderator || r.Command != bot.CommandAsk || r.Text != "What do RHITs do?" || r.UserID == "" {
		t.Errorf("request = %+v", r)
	}
}

// nextEvent receives the next event from c; ok is false when the stream has ended.
func nextEvent(t *testing.T, c <-chan event) (ev event, ok bool) {
	t.Helper()
	select {
	case ev, ok = <-c:
		return ev, ok
	case <-time.After(time.Minute): // failure guard only
		t.Fatal("no event from the stream")
		return event{}, false
	}
}

// allEvents reads the whole event stream of resp.
func allEvents(t *testing.T, resp *http.Response) []event {
	t.Helper()
	c := make(chan event)
	go readEvents(t, resp, c)
	var evs []event
	for ev := range c {
		evs = append(evs, ev)
	}
	return evs
}

func TestAsk_BadInput(t *testing.T) {
	rec := &recorder{reply: func(context.Context, bot.Request) (bot.Reply, error) {
		t.Error("handler called for bad input")
		return bot.Reply{}, nil
	}}
	srv := newServer(t, rec)
	tests := []struct {
		name, ctype, body string
		status            int
		msg               string
	}{
		{"Empty", "application/json", `{"text":"   "}`, 400, "type a question first"},
		{"NotJSON", "application/json", `text=hello`, 400, "not valid JSON"},
		{"Unknown field", "application/json", `{"text":"hi","evil":1}`, 400, "not valid JSON"},
		{"Two objects", "application/json", `{"text":"hi"}{"text":"again"}`, 400, "single JSON object"},
		{"Form", "application/x-www-form-urlencoded", `text=hi`, 415, "as JSON"},
		{"Huge", "application/json", `{"text":"` + strings.Repeat("a", 20<<10) + `"}`, 413, "too long"},
		{"Thread", "application/json", `{"text":"hi","thread_id":"../../etc"}`, 400, "thread_id"},
		{"Command", "application/json", `{"text":"/giphy dance"}`, 400, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/api/ask", tt.ctype, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct{ Error string }
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || !strings.Contains(e.Error, tt.msg) {
				t.Fatalf("got %d %q, want %d with %q", resp.StatusCode, e.Error, tt.status, tt.msg)
			}
		})
	}
}

func TestAsk_HandlerFailures(t *testing.T) {
	tests := []struct {
		name string
		fn   func(context.Context, bot.Request) (bot.Reply, error)
		want string
	}{
		{"ErrorWithReply", func(context.Context, bot.Request) (bot.Reply, error) {
			return bot.Reply{Text: "I could not check that right now.", Outcome: bot.OutcomeError}, errors.New("store down")
		}, "could not check"},
		{"EmptyReply", func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{}, nil }, "something went wrong"},
		{"Panic", func(context.Context, bot.Request) (bot.Reply, error) { panic("boom") }, "something went wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, &recorder{reply: tt.fn})
			evs := allEvents(t, postJSON(t, srv.URL+"/api/ask", `{"text":"hi"}`))
			if len(evs) != 1 || evs[0].name != "reply" || !strings.Contains(evs[0].data["html"].(string), tt.want) {
				t.Fatalf("events = %+v, want one reply containing %q", evs, tt.want)
			}
		})
	}
}

func TestButton(t *testing.T) {
	rec := &recorder{reply: func(_ context.Context, req bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Thanks for the feedback.", Outcome: bot.OutcomeOK}, nil
	}}
	srv := newServer(t, rec)
	tests := []struct {
		body    string
		status  int
		command string
		args    map[string]string
	}{
		{`{"action":"feedback_up","value":"a1"}`, 200, bot.CommandFeedback, map[string]string{bot.ArgAnswerID: "a1", bot.ArgVote: "up"}},
		{`{"action":"feedback_down","value":"a1"}`, 200, bot.CommandFeedback, map[string]string{bot.ArgAnswerID: "a1", bot.ArgVote: "down"}},
		{`{"action":"summary_post","value":"education"}`, 200, bot.CommandPost, map[string]string{bot.ArgTopic: "education"}},
		{`{"action":"summary_discard"}`, 200, "", nil},
		{`{"action":"feedback_up"}`, 400, "", nil},
		{`{"action":"launch_missiles","value":"x"}`, 400, "", nil},
	}
	for _, tt := range tests {
		before := len(rec.requests())
		resp := postJSON(t, srv.URL+"/api/button", tt.body)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.body, resp.StatusCode, tt.status)
			continue
		}
		reqs := rec.requests()
		if tt.command == "" {
			if len(reqs) != before {
				t.Errorf("%s: handler called", tt.body)
			}
			continue
		}
		if len(reqs) != before+1 {
			t.Fatalf("%s: handler not called", tt.body)
		}
		r := reqs[len(reqs)-1]
		if r.Command != tt.command || !r.Moderator || r.Platform != bot.PlatformWeb {
			t.Errorf("%s: request %+v", tt.body, r)
		}
		for k, v := range tt.args {
			if r.Args[k] != v {
				t.Errorf("%s: Args[%s] = %q, want %q", tt.body, k, r.Args[k], v)
			}
		}
	}
}

func TestPage(t *testing.T) {
	srv := newServer(t, &recorder{})
	for _, tt := range []struct{ path, ctype, contains string }{
		{"/", "text/html", `<script src="static/app.js"`},
		{"/static/app.js", "text/javascript", "api/ask"},
		{"/static/app.css", "text/css", "#log"},
		{"/static/icon.svg", "image/svg+xml", "<svg"},
	} {
		resp, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(body), tt.contains) {
			t.Errorf("GET %s: %d %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s: CSP %q", tt.path, csp)
		}
		if external := strings.ReplaceAll(string(body), "http://www.w3.org/2000/svg", ""); strings.Contains(external, "http://") || strings.Contains(external, "https://") {
			t.Errorf("GET %s: asset refers to an external URL", tt.path)
		}
	}
	resp, err := http.Get(srv.URL + "/nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET /nope: %d, want 404", resp.StatusCode)
	}
}
