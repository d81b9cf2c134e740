package bottest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// WriteChatStream answers an OpenAI-compatible chat completion request the way a
// real server streams one: Server-Sent Events carrying chat.completion.chunk objects
// (an assistant role chunk, one chunk per part, a final chunk with finish_reason
// "stop"), then "data: [DONE]". Each event is flushed as it is written, so clients
// see the parts arrive one by one.
func WriteChatStream(w http.ResponseWriter, parts ...string) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	emit := func(delta, finish string) {
		fmt.Fprintf(w, `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"fake","choices":[{"index":0,"delta":%s,"finish_reason":%s}]}`+"\n\n", delta, finish)
		_ = rc.Flush()
	}
	emit(`{"role":"assistant","content":""}`, "null")
	for _, p := range parts {
		b, _ := json.Marshal(map[string]string{"content": p})
		emit(string(b), "null")
	}
	emit(`{}`, `"stop"`)
	_, _ = io.WriteString(w, "data: [DONE]\n\n")
	_ = rc.Flush()
}

// WriteChatError answers an OpenAI-compatible request with status code and the
// API's JSON error body, as a failing or rate-limiting server does.
func WriteChatError(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprintf(w, `{"error":{"message":"status %d","type":"server_error","code":null}}`, code)
}
