package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// SessionID is the gateway session id the fake hands out in READY.
const SessionID = "fake-session-1"

// gateway is the websocket side of the fake.
type gateway struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []*gwConn
	ready *gwConn // the connection dispatches go to, after READY or RESUMED
	seq   int
}

type gwConn struct {
	ws *websocket.Conn
	mu sync.Mutex // gorilla conns allow one writer at a time
}

func (c *gwConn) write(v any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws.WriteJSON(v)
}

// closeWith sends a close frame with code, as Discord does when it ends a session.
func (c *gwConn) closeWith(code int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "closed by the fake"), time.Now().Add(time.Second))
}

type frame struct {
	Op   int             `json:"op"`
	S    int             `json:"s,omitempty"`
	T    string          `json:"t,omitempty"`
	Data json.RawMessage `json:"d"`
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway speaks the gateway protocol on one connection: HELLO, then READY
// for IDENTIFY or RESUMED for RESUME, ACK for every heartbeat. A close frame from
// the client is recorded as Path "close" with the code as Body.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	g := &s.gw
	g.mu.Lock()
	g.conns = append(g.conns, c)
	g.wg.Add(1)
	g.mu.Unlock()
	defer g.wg.Done()
	defer s.disconnected(c)

	if c.write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}) != nil {
		return
	}
	for {
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				s.record(Request{Method: "GATEWAY", Path: "close", Body: []byte(strconv.Itoa(ce.Code))})
			}
			return
		}
		if f.Op != 1 { // heartbeats are noise; record everything else
			s.record(Request{Method: "GATEWAY", Path: fmt.Sprintf("op%d", f.Op), Body: f.Data})
		}
		switch f.Op {
		case 1:
			err = c.write(map[string]any{"op": 11})
		case 2:
			if code := s.opts.IdentifyCloseCode; code != 0 {
				c.closeWith(code)
				return
			}
			err = s.dispatchOn(c, "READY", map[string]any{
				"v": 9, "session_id": SessionID, "user": s.botUser(),
				"application": map[string]any{"id": s.opts.AppID}, "guilds": []any{},
			})
		case 6:
			if code := s.opts.ResumeCloseCode; code != 0 {
				c.closeWith(code)
				return
			}
			err = s.dispatchOn(c, "RESUMED", map[string]any{})
		}
		if err != nil {
			return
		}
	}
}

// dispatchOn sends a dispatch on c with the next sequence number and makes c the
// connection later dispatches go to.
func (s *Server) dispatchOn(c *gwConn, event string, d any) error {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	g.seq++
	if err := c.write(frame{Op: 0, S: g.seq, T: event, Data: raw}); err != nil {
		return err
	}
	g.ready = c
	s.mu.Lock()
	s.notifyLocked()
	s.mu.Unlock()
	return nil
}

func (s *Server) disconnected(c *gwConn) {
	c.ws.Close()
	g := &s.gw
	g.mu.Lock()
	if g.ready == c {
		g.ready = nil
	}
	g.mu.Unlock()
	s.mu.Lock()
	s.notifyLocked()
	s.mu.Unlock()
}

// Dispatch sends an event (MESSAGE_CREATE, INTERACTION_CREATE, …) to the client,
// waiting for a connection that has completed its handshake; d is marshalled as the
// event's "d". It fails the test when no connection is ready within [WaitTimeout].
func (s *Server) Dispatch(tb testing.TB, event string, d any) {
	tb.Helper()
	deadline := time.After(WaitTimeout)
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		s.gw.mu.Lock()
		c := s.gw.ready
		s.gw.mu.Unlock()
		if c != nil {
			if err := s.dispatchOn(c, event, d); err != nil {
				tb.Fatalf("discordtest: dispatch %s: %v", event, err)
			}
			return
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("discordtest: no ready gateway connection to dispatch %s on", event)
		}
	}
}

// Seq returns the sequence number of the last dispatch sent.
func (s *Server) Seq() int {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return s.gw.seq
}

// DropConnections closes every gateway connection abruptly, as a network failure
// would; a client that reconnects sends RESUME.
func (s *Server) DropConnections() {
	s.gw.closeAll()
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	conns := g.conns
	g.conns, g.ready = nil, nil
	g.mu.Unlock()
	for _, c := range conns {
		c.ws.NetConn().Close()
	}
}
