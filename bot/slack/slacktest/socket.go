package slacktest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// Send queues a raw Socket Mode frame (an envelope, or {"type":"disconnect",…}) for
// the live connection. It blocks once 16 frames wait for a connection.
func (s *Server) Send(frame string) { s.envelopes <- frame }

// serveSocket is the Socket Mode endpoint: hello, PINGs on a ticker, the frames
// queued by Send, and acks read back and recorded as "ack" calls. After sending a
// "disconnect" it stops taking frames, so the next ones go to the new connection.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		s.t.Errorf("socket: upgrade: %v", err)
		return
	}
	defer conn.Close()
	done := make(chan struct{})
	go func() { // reader: acks (pongs are handled by the connection)
		defer close(done)
		for {
			_, data, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var ack struct {
				EnvelopeID string          `json:"envelope_id"`
				Payload    json.RawMessage `json:"payload"`
			}
			if err := json.Unmarshal(data, &ack); err != nil || ack.EnvelopeID == "" {
				s.t.Errorf("socket: unexpected frame %s", data)
				continue
			}
			s.Record(Call{Method: "ack", Path: ack.EnvelopeID})
		}
	}()
	ping := time.NewTicker(50 * time.Millisecond)
	defer ping.Stop()
	hello := `{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"},"debug_info":{"host":"fake"}}`
	if err := conn.WriteMessage(websocket.TextMessage, []byte(hello)); err != nil {
		return
	}
	for {
		select {
		case <-done:
			return
		case <-ping.C:
			if err := conn.WriteControl(websocket.PingMessage, []byte("p"), time.Now().Add(time.Second)); err != nil {
				return
			}
		case env := <-s.envelopes:
			if err := conn.WriteMessage(websocket.TextMessage, []byte(env)); err != nil {
				s.t.Errorf("socket: write envelope: %v", err)
				return
			}
			if strings.Contains(env, `"type":"disconnect"`) {
				<-done // the client drops this connection and opens a new one
				return
			}
		}
	}
}
