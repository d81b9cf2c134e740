package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/careerbot/careerbot/bot"
	"github.com/careerbot/careerbot/bot/web"
	"github.com/careerbot/careerbot/bot/web/webtest"
)

func TestLocalOnly(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	h := web.LocalOnly(ok)
	for _, tc := range []struct {
		name, remote, host string
		header             map[string]string
		want               int
	}{
		{"LoopbackV4", "127.0.0.1:5000", "127.0.0.1:8080", nil, http.StatusTeapot},
		{"Localhost", "127.0.0.1:5000", "localhost:8080", nil, http.StatusTeapot},
		{"LocalhostNoPort", "127.0.0.1:5000", "LOCALHOST", nil, http.StatusTeapot},
		{"LoopbackV6", "[::1]:5000", "[::1]:8080", nil, http.StatusTeapot},
		{"OtherLoopback", "127.0.0.2:5000", "127.1.2.3", nil, http.StatusTeapot},
		{"LocalOrigin", "127.0.0.1:5000", "localhost:8080", map[string]string{"Origin": "http://localhost:8080"}, http.StatusTeapot},
		{"ForeignClient", "203.0.113.9:5000", "localhost:8080", nil, http.StatusForbidden},
		{"PrivateClient", "10.0.0.2:5000", "localhost:8080", nil, http.StatusForbidden},
		{"BadRemoteAddr", "garbage", "localhost:8080", nil, http.StatusForbidden},
		{"RebindHost", "127.0.0.1:5000", "evil.example:8080", nil, http.StatusForbidden},
		{"LocalhostSuffix", "127.0.0.1:5000", "localhost.evil.example", nil, http.StatusForbidden},
		{"SubLocalhost", "127.0.0.1:5000", "a.localhost:8080", nil, http.StatusForbidden},
		{"EmptyHost", "127.0.0.1:5000", "", nil, http.StatusForbidden},
		{"PublicIPHost", "127.0.0.1:5000", "198.51.100.1", nil, http.StatusForbidden},
		{"XForwardedFor", "127.0.0.1:5000", "localhost:8080", map[string]string{"X-Forwarded-For": "127.0.0.1"}, http.StatusForbidden},
		{"XForwardedHost", "127.0.0.1:5000", "localhost:8080", map[string]string{"X-Forwarded-Host": "localhost"}, http.StatusForbidden},
		{"XForwardedProto", "127.0.0.1:5000", "localhost:8080", map[string]string{"X-Forwarded-Proto": "https"}, http.StatusForbidden},
		{"Forwarded", "127.0.0.1:5000", "localhost:8080", map[string]string{"Forwarded": "for=127.0.0.1"}, http.StatusForbidden},
		{"XRealIP", "127.0.0.1:5000", "localhost:8080", map[string]string{"X-Real-IP": "127.0.0.1"}, http.StatusForbidden},
		{"ForeignOrigin", "127.0.0.1:5000", "localhost:8080", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"NullOrigin", "127.0.0.1:5000", "localhost:8080", map[string]string{"Origin": "null"}, http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr, r.Host = tc.remote, tc.host
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Fatalf("status %d, want %d", w.Code, tc.want)
			}
			if tc.want == http.StatusForbidden && !strings.Contains(w.Body.String(), "only requests from this machine") {
				t.Errorf("403 body %q does not say why", w.Body.String())
			}
		})
	}
}

// TestNew_LocalOnly drives the real playground over TCP: every route refuses a
// foreign Host or a proxied request before the bot is asked anything.
func TestNew_LocalOnly(t *testing.T) {
	rec := &recorder{reply: func(context.Context, bot.Request) (bot.Reply, error) { return bot.Reply{Text: "hi"}, nil }}
	srv := newServer(t, rec)
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodGet, "/", ""},
		{http.MethodGet, "/static/app.js", ""},
		{http.MethodPost, "/api/ask", `{"text":"/career-mod report"}`},
		{http.MethodPost, "/api/button", `{"action":"summary_post","value":"education"}`},
	} {
		for name, set := range map[string]func(*http.Request){
			"ForeignHost":   func(r *http.Request) { r.Host = "rebound.example:80" },
			"XForwardedFor": func(r *http.Request) { r.Header.Set("X-Forwarded-For", "198.51.100.7") },
		} {
			if code := webtest.Status(t, tc.method, srv.URL+tc.path, tc.body, set); code != http.StatusForbidden {
				t.Errorf("%s %s with %s: status %d, want 403", tc.method, tc.path, name, code)
			}
		}
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("the bot handled %d forbidden requests, want 0", n)
	}
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("local GET / = %d, want 200", resp.StatusCode)
	}
}

// TestAsk_OutlivesReadTimeout: behind a server whose ReadTimeout bounds slow request
// bodies (as serve's does), an answer that streams for longer than that still arrives
// in full.
func TestAsk_OutlivesReadTimeout(t *testing.T) {
	const readTimeout = 200 * time.Millisecond
	rec := &recorder{reply: func(ctx context.Context, req bot.Request) (bot.Reply, error) {
		req.OnPartial("RHITs code")
		select { // answer only after the server's read deadline has passed
		case <-time.After(3 * readTimeout):
		case <-ctx.Done():
			return bot.Reply{}, ctx.Err()
		}
		return bot.Reply{Text: "RHITs code records.", Outcome: bot.OutcomeAnswered}, nil
	}}
	srv := httptest.NewUnstartedServer(web.New(web.Config{Handler: rec}))
	srv.Config.ReadTimeout = readTimeout
	srv.Start()
	t.Cleanup(srv.Close)
	evs := allEvents(t, postJSON(t, srv.URL+"/api/ask", `{"text":"What do RHITs do?"}`))
	if len(evs) == 0 || evs[len(evs)-1].name != "reply" || !strings.Contains(evs[len(evs)-1].data["html"].(string), "records") {
		t.Fatalf("events %+v, want the reply after the partial", evs)
	}
}
