package main

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// post sends body to url with headers and returns the status and response body.
func post(t *testing.T, url, ctype, body string, headers map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// TestServe_HTTPModes checks that serve mounts the Discord interactions and Slack
// HTTP endpoints next to the playground: signed handshakes are answered, unsigned
// requests refused.
func TestServe_HTTPModes(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(),
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APP_ID": "123456789012345678",
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": signingSecret, "SLACK_API_URL": fakeDiscord(t) + "/api/",
	}
	s := startServe(t, env)
	ts := strconv.FormatInt(time.Now().Unix(), 10)

	ping := `{"type":1,"id":"1","application_id":"123456789012345678","token":"t","version":1}`
	if code, body := post(t, s.base+"/discord/interactions", "application/json", ping, map[string]string{
		"X-Signature-Timestamp": ts, "X-Signature-Ed25519": hex.EncodeToString(ed25519.Sign(priv, []byte(ts+ping))),
	}); code != 200 || !strings.Contains(body, `"type":1`) {
		t.Errorf("signed Discord PING: %d %q, want PONG", code, body)
	}
	if code, _ := post(t, s.base+"/discord/interactions", "application/json", ping, nil); code != http.StatusUnauthorized {
		t.Errorf("unsigned Discord PING: %d, want 401", code)
	}

	challenge := `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	mac := hmac.New(sha256.New, []byte(signingSecret))
	mac.Write([]byte("v0:" + ts + ":" + challenge))
	if code, body := post(t, s.base+"/slack/events", "application/json", challenge, map[string]string{
		"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + hex.EncodeToString(mac.Sum(nil)),
	}); code != 200 || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("signed Slack url_verification: %d %q", code, body)
	}
	if code, _ := post(t, s.base+"/slack/events", "application/json", challenge, nil); code != http.StatusUnauthorized {
		t.Errorf("unsigned Slack event: %d, want 401", code)
	}
	if code, _ := get(t, s.base+"/"); code != 200 {
		t.Errorf("playground: %d", code)
	}
	s.shutdown(t)
}
