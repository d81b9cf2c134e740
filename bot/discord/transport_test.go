package discord

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestOriginTransport(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Path + "?" + r.URL.RawQuery
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	for _, tc := range []struct{ origin, want string }{
		{srv.URL, "/api/v9/webhooks/1/t?wait=true"},
		{srv.URL + "/discord/", "/discord/api/v9/webhooks/1/t?wait=true"},
	} {
		u, _ := url.Parse(tc.origin)
		c := &http.Client{Transport: &originTransport{origin: u}}
		resp, err := c.Get("https://discord.com/api/v9/webhooks/1/t?wait=true")
		if err != nil {
			t.Fatalf("origin %s: %v", tc.origin, err)
		}
		resp.Body.Close()
		if p := <-got; p != tc.want {
			t.Errorf("origin %s: server saw %s, want %s", tc.origin, p, tc.want)
		}
	}
	// Other hosts pass through untouched.
	c := &http.Client{Transport: &originTransport{origin: &url.URL{Scheme: "http", Host: "unused.invalid"}}}
	resp, err := c.Get(srv.URL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if p := <-got; p != "/x?" {
		t.Errorf("pass-through path = %s", p)
	}
}
