package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeCommandsAPI answers the two calls `discord register` and `invite-url` make.
func fakeCommandsAPI(t *testing.T) (url string, puts func() []string) {
	t.Helper()
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bot tok" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"401: Unauthorized","code":0}`)
			return
		}
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/api/v9/oauth2/applications/@me":
			io.WriteString(w, `{"id":"4242","name":"careerbot"}`)
		case r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/api/v9/applications/4242/"):
			mu.Lock()
			paths = append(paths, r.URL.Path)
			mu.Unlock()
			body, _ := io.ReadAll(r.Body)
			var cmds []map[string]any
			if err := json.Unmarshal(body, &cmds); err != nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			json.NewEncoder(w).Encode(cmds)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"404: Not Found","code":0}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), paths...) }
}

func TestDiscordRegister(t *testing.T) {
	url, puts := fakeCommandsAPI(t)
	code, out, errOut := runCLI(t, map[string]string{"DISCORD_BOT_TOKEN": "tok", "DISCORD_GUILD_ID": "77", "DISCORD_API_URL": url}, "discord", "register")
	if code != 0 || !strings.Contains(out, "registered /career-mod") || !strings.Contains(out, "in guild 77") {
		t.Fatalf("register = %d\n%s\n%s", code, out, errOut)
	}
	if p := puts(); len(p) != 1 || p[0] != "/api/v9/applications/4242/guilds/77/commands" {
		t.Errorf("PUTs = %v", p)
	}

	code, _, errOut = runCLI(t, map[string]string{"DISCORD_BOT_TOKEN": "bad", "DISCORD_API_URL": url}, "discord", "register")
	if code != 1 || !strings.Contains(errOut, "DISCORD_BOT_TOKEN") {
		t.Errorf("register with a bad token = %d %s", code, errOut)
	}
	code, _, errOut = runCLI(t, map[string]string{}, "discord", "register")
	if code != 1 || !strings.Contains(errOut, "DISCORD_BOT_TOKEN is not set") {
		t.Errorf("register without a token = %d %s", code, errOut)
	}
}

func TestDiscordInviteURL(t *testing.T) {
	code, out, errOut := runCLI(t, map[string]string{"DISCORD_APP_ID": "123"}, "discord", "invite-url")
	if code != 0 || !strings.HasPrefix(out, "https://discord.com/oauth2/authorize?") || !strings.Contains(out, "client_id=123") ||
		!strings.Contains(out, "scope=bot+applications.commands") {
		t.Errorf("invite-url = %d %q %s", code, out, errOut)
	}
	url, _ := fakeCommandsAPI(t)
	code, out, _ = runCLI(t, map[string]string{"DISCORD_BOT_TOKEN": "tok", "DISCORD_API_URL": url}, "discord", "invite-url")
	if code != 0 || !strings.Contains(out, "client_id=4242") {
		t.Errorf("invite-url with a token = %d %q", code, out)
	}
	code, _, errOut = runCLI(t, map[string]string{}, "discord", "invite-url")
	if code != 1 || !strings.Contains(errOut, "DISCORD_APP_ID") {
		t.Errorf("invite-url without an id = %d %s", code, errOut)
	}
}
