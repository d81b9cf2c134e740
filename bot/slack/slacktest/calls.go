package slacktest

import "time"

// WaitCall returns the next call of method that no earlier WaitCall(method)
// returned, waiting for it to arrive. Each method has its own cursor, so waiting for
// "chat.update" skips nothing a later WaitCall("chat.postMessage") would return. The
// test fails after WaitLimit with the calls seen so far.
func (s *Server) WaitCall(method string) Call {
	s.t.Helper()
	deadline := time.NewTimer(WaitLimit)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for i := s.cursor[method]; i < len(s.calls); i++ {
			if s.calls[i].Method == method {
				s.cursor[method] = i + 1
				c := s.calls[i]
				s.mu.Unlock()
				return c
			}
		}
		s.cursor[method] = len(s.calls)
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			s.t.Fatalf("no %s call arrived; calls so far: %v", method, s.Methods())
		}
	}
}

// Calls returns a copy of every call recorded so far, in arrival order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Methods lists the recorded calls by method, in arrival order. Acks, and the
// "ack-queued" markers a test may Record, are listed as method + ":" + envelope id
// (their Path), e.g. "ack:env-1".
func (s *Server) Methods() []string {
	calls := s.Calls()
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Method
		if c.Method == "ack" || c.Method == "ack-queued" {
			out[i] = c.Method + ":" + c.Path
		}
	}
	return out
}

// Count returns how many recorded calls Methods lists as name.
func (s *Server) Count(name string) int {
	n := 0
	for _, m := range s.Methods() {
		if m == name {
			n++
		}
	}
	return n
}

// Index returns the position of the first recorded call Methods lists as name, or
// -1.
func (s *Server) Index(name string) int {
	for i, m := range s.Methods() {
		if m == name {
			return i
		}
	}
	return -1
}
