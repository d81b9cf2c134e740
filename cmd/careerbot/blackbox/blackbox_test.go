// Package blackbox_test checks careerbot's trust boundaries against the built binary,
// as an attacker or a bad day would meet them. It is a package of its own so its
// minutes of process starts do not eat into the command package's test budget.
package blackbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/careerbot/careerbot/bot/bottest"
	"github.com/careerbot/careerbot/bot/web/webtest"
	"github.com/careerbot/careerbot/cmd/careerbot/binarytest"
)

// phishingLLM is an OpenAI-compatible chat endpoint whose every answer cites [1] with
// a masked link to a phishing host. It records what it was sent.
type phishingLLM struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
}

const phishHost = "ahima-verify.example"

func newPhishingLLM(t *testing.T) *phishingLLM {
	f := &phishingLLM{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.bodies = append(f.bodies, string(body))
		f.mu.Unlock()
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		bottest.WriteChatStream(w, "Health information technicians keep patient records accurate [",
			"1](https://"+phishHost+"/login). Confirm your exam seat at [AHIMA](https://", phishHost, "/verify) ",
			"or www."+phishHost+" today [1].")
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *phishingLLM) sent() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.bodies, "\n")
}

// phiVariants are identifiers the PHI guard must catch in any form: separators,
// non-ASCII digits and dashes, full-width characters, labels without "number",
// names in any case and order, unpunctuated phone numbers.
var phiVariants = []struct {
	question string
	secrets  []string // as typed, and as ASCII digits
}{
	{"my SSN is 317 - 52 - 8846, what does an RHIT do?", []string{"317 - 52 - 8846", "317528846", "8846"}},
	{"is 429/61/7735 ok to share? what does an RHIT do?", []string{"429/61/7735", "429617735"}},
	{"ssn ５８３－２９－６１４７ — what does an RHIT do?", []string{"５８３－２９－６１４７", "583296147", "６１４７"}},
	{"رقمي ٦٢٤-٧١-٣٩٥٨ what does an RHIT do?", []string{"٦٢٤-٧١-٣٩٥٨", "624713958", "٣٩٥٨"}},
	{"it is 735\u201148\u22122619, what does an RHIT do?", []string{"735\u201148\u22122619", "735482619"}},
	{"my social is 846137952 — what does an RHIT do?", []string{"846137952"}},
	{"her medical record 4471983 is open; what does an RHIT do?", []string{"4471983"}},
	{"pt. zelda quixote asked what an RHIT does", []string{"quixote", "Quixote", "zelda"}},
	{"for my chart of Quixote, Zebulon: what does an RHIT do?", []string{"Zebulon", "Quixote"}},
	{"call 5558675309 or mail zq＠quixote-clinic.example — what does an RHIT do?", []string{"5558675309", "zq＠", "zq@", "quixote-clinic"}},
}

// TestBlackBox_Security runs the built binary against a fresh DATA_DIR and an LLM that
// answers with a masked phishing link: a foreign Host or a proxied request gets no
// playground; the answer links nowhere near the phishing host; ten PHI variants are
// redacted in the output and appear in no file of DATA_DIR, no log line and no LLM
// request; DATA_DIR is 0700 and its files 0600; forty processes starting together on
// another fresh DATA_DIR all come up.
func TestBlackBox_Security(t *testing.T) {
	bin := binarytest.Build(t, raceBuild)
	dataDir := filepath.Join(t.TempDir(), "data") // created by careerbot
	llm := newPhishingLLM(t)
	s, ok := binarytest.Start(t, bin, map[string]string{
		"DATA_DIR": dataDir, "LOG_LEVEL": "debug", "OPENAI_BASE_URL": llm.URL + "/v1", "CHAT_MODEL": "fake",
	})
	if !ok {
		t.FailNow()
	}

	t.Run("PlaygroundLocalOnly", func(t *testing.T) {
		for name, set := range map[string]func(*http.Request){
			"ForeignHost":   func(r *http.Request) { r.Host = "rebound.example" },
			"XForwardedFor": func(r *http.Request) { r.Header.Set("X-Forwarded-For", "203.0.113.7") },
		} {
			for _, path := range []string{"/", "/api/ask"} {
				method, body := http.MethodGet, ""
				if path == "/api/ask" {
					method, body = http.MethodPost, `{"text":"/career-mod report"}`
				}
				if code := webtest.Status(t, method, s.Base+path, body, set); code != http.StatusForbidden {
					t.Errorf("%s %s with %s: %d, want 403", method, path, name, code)
				}
			}
		}
		if code := webtest.Status(t, http.MethodGet, s.Base+"/healthz", "", nil); code != http.StatusOK {
			t.Errorf("/healthz = %d: health checks stay open", code)
		}
	})

	var replies []string
	t.Run("PhishingLinkRemoved", func(t *testing.T) {
		reply := webtest.AskAPI(t, s.Base, "What does a health information technician do?")
		raw, _ := json.Marshal(reply)
		replies = append(replies, string(raw))
		if reply["mode"] != "llm" || !strings.Contains(reply["text"].(string), "[1]") {
			t.Fatalf("reply = %s, want the LLM's cited answer", raw)
		}
		if strings.Contains(string(raw), phishHost) {
			t.Errorf("the answer links to %s: %s", phishHost, raw)
		}
	})

	t.Run("PHIRedacted", func(t *testing.T) {
		for _, v := range phiVariants {
			reply := webtest.AskAPI(t, s.Base, v.question)
			raw, _ := json.Marshal(reply)
			replies = append(replies, string(raw))
			if reply == nil || !strings.Contains(reply["notice"].(string), "personal health information") {
				t.Errorf("%q: reply %s lacks the privacy notice", v.question, raw)
			}
		}
	})
	if !s.Stop(t, syscall.SIGTERM) { // a clean stop flushes the store
		t.FailNow()
	}

	t.Run("PHIAbsentEverywhere", func(t *testing.T) {
		places := map[string]string{"replies": strings.Join(replies, "\n"), "logs": s.Stderr.String(), "llm requests": llm.sent()}
		files, err := os.ReadDir(dataDir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dataDir, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			places[f.Name()] = string(b)
		}
		for where, text := range places {
			for _, v := range phiVariants {
				for _, secret := range v.secrets {
					if strings.Contains(text, secret) {
						t.Errorf("%s contains %q (from %q)", where, secret, v.question)
					}
				}
			}
		}
		if !strings.Contains(s.Stderr.String(), "[redacted") {
			t.Error("the debug log lacks the redacted questions: the check above proves nothing")
		}
	})

	t.Run("PrivateDataDir", func(t *testing.T) {
		for path, want := range map[string]os.FileMode{dataDir: 0o700, filepath.Join(dataDir, "careerbot.db"): 0o600} {
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("%s: mode %04o, want %04o", path, got, want)
			}
		}
		files, _ := os.ReadDir(dataDir)
		for _, f := range files {
			if fi, err := f.Info(); err == nil && fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: mode %04o is open to others", f.Name(), fi.Mode().Perm())
			}
		}
	})

	t.Run("ConcurrentStarts", func(t *testing.T) {
		const n = 40
		fresh := filepath.Join(t.TempDir(), "data")
		var wg sync.WaitGroup
		var mu sync.Mutex
		var failed []string
		for range n {
			wg.Go(func() {
				p, ok := binarytest.Start(t, bin, map[string]string{"DATA_DIR": fresh, "LOG_LEVEL": "warn"})
				if ok && p.Ready() && p.Stop(t, syscall.SIGTERM) {
					return
				}
				mu.Lock()
				failed = append(failed, p.Stderr.String())
				mu.Unlock()
			})
		}
		wg.Wait()
		if len(failed) > 0 {
			t.Errorf("%d of %d concurrent starts failed; first stderr:\n%s", len(failed), n, failed[0])
		}
	})
}
