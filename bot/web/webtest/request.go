package webtest

import (
	"net/http"
	"strings"
	"testing"
)

// Status sends a request with a JSON body (may be "") to url, after edit (nil for
// none) has adjusted it — a foreign Host, a proxy header — and returns the response
// status. A transport error ends the test.
func Status(tb testing.TB, method, url, body string, edit func(*http.Request)) int {
	tb.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
