package discord

import (
	"fmt"
	"testing"
)

func TestThreadSet_BoundedOldestForgottenFirst(t *testing.T) {
	s := newThreadSet(3)
	for _, id := range []string{"a", "b", "a", "c", "d"} { // "a" again is not a new entry
		s.add(id)
	}
	for id, want := range map[string]bool{"a": false, "b": true, "c": true, "d": true} {
		if got := s.has(id); got != want {
			t.Errorf("has(%q) = %v, want %v", id, got, want)
		}
	}
	for i := range 100 {
		s.add(fmt.Sprint("t", i))
	}
	if len(s.ids) != 3 {
		t.Errorf("set holds %d ids after 100 more adds, want its limit 3", len(s.ids))
	}
	for _, id := range []string{"t97", "t98", "t99"} {
		if !s.has(id) {
			t.Errorf("has(%q) = false, want the newest ids kept", id)
		}
	}
}
