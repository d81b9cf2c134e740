package webtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// AskAPI asks question through the playground API at base (http://host:port) and
// returns the final reply event's data, or nil after reporting an error with
// tb.Error (so it may run in its own goroutine).
func AskAPI(tb testing.TB, base, question string) map[string]any {
	tb.Helper()
	body, _ := json.Marshal(map[string]string{"text": question, "thread_id": "test"})
	resp, err := http.Post(base+"/api/ask", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Error(err)
		return nil
	}
	defer resp.Body.Close()
	var reply map[string]any
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		if e, ok := strings.CutPrefix(line, "event: "); ok {
			event = e
		}
		if d, ok := strings.CutPrefix(line, "data: "); ok && event == "reply" {
			if err := json.Unmarshal([]byte(d), &reply); err != nil {
				tb.Error(err)
			}
		}
	}
	if reply == nil {
		tb.Errorf("no reply event (status %d)", resp.StatusCode)
	}
	return reply
}
