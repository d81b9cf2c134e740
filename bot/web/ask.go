package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/careerbot/careerbot/bot"
)

// askInput is the body of POST /api/ask.
type askInput struct {
	Text     string `json:"text"`
	ThreadID string `json:"thread_id"`
}

// threadIDPattern is what the page generates: a random id per browser tab.
var threadIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{0,64}$`)

// checkThreadID reports whether id is a thread id the page could have made; when it
// is not, it answers 400 and returns false.
func checkThreadID(w http.ResponseWriter, id string) bool {
	if !threadIDPattern.MatchString(id) {
		writeError(w, http.StatusBadRequest, "thread_id must be at most 64 letters, digits, - or _")
		return false
	}
	return true
}

// result is what Handle returned, passed from the answering goroutine.
type result struct {
	reply bot.Reply
	err   error
}

// ask answers typed text as a stream of Server-Sent Events: "partial" events
// ({"html","text"}) while the answer is being written, then one "reply" event with the
// whole reply. Input problems are answered before the stream starts, as a JSON error
// with status 400 or 413.
func (s *server) ask(w http.ResponseWriter, r *http.Request) {
	var in askInput
	if !decode(w, r, &in) || !checkThreadID(w, in.ThreadID) {
		return
	}
	typed, err := bot.ParseLine(in.Text)
	if err == nil && typed.Command == bot.CommandPlan && len(typed.Args) == 0 {
		err = errors.New("open Plan my route above, or type /career plan goal:coding education:high-school background:retail-other")
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	req := typed.Request(request(in.ThreadID))

	partials := make(chan string, 1)
	req.OnPartial = func(text string) { latest(partials, text) }
	done := make(chan result, 1)
	go func() { done <- s.handle(r.Context(), req) }()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // reverse proxies: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	_ = rc.Flush()

	// Once the browser has gone, keep waiting for the answer without writing, so the
	// handler returns only after the answering goroutine has.
	gone := false
	for {
		select {
		case text := <-partials:
			if !gone {
				gone = writeEvent(w, rc, "partial", partialJSON{HTML: renderMarkdown(text, nil), Text: text}) != nil
			}
		case res := <-done:
			if res.err != nil {
				s.log.Error("answer failed", "platform", bot.PlatformWeb, "command", req.Command, "err", res.err)
			}
			if !gone {
				if err := writeEvent(w, rc, "reply", toJSON(res.reply)); err != nil {
					s.log.Debug("playground client went away", "err", err)
				}
			}
			return
		}
	}
}

// handle calls the Handler through [bot.Call], so the member always gets an answer.
func (s *server) handle(ctx context.Context, req bot.Request) result {
	rep, err := bot.Call(ctx, s.h, req)
	return result{reply: rep, err: err}
}

// latest puts text in the one-slot channel c, replacing an unread older value, so a
// slow browser sees the newest partial text and the answering goroutine never waits.
func latest(c chan string, text string) {
	for {
		select {
		case c <- text:
			return
		default:
		}
		select {
		case <-c:
		default:
		}
	}
}

// partialJSON is the payload of a "partial" event.
type partialJSON struct {
	HTML string `json:"html"`
	Text string `json:"text"`
}

// writeEvent writes one Server-Sent Event whose data is v as JSON, and flushes it.
func writeEvent(w http.ResponseWriter, rc *http.ResponseController, event string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s event: %w", event, err)
	}
	if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, data); err != nil {
		return fmt.Errorf("write %s event: %w", event, err)
	}
	if err := rc.Flush(); err != nil {
		return fmt.Errorf("flush %s event: %w", event, err)
	}
	return nil
}
